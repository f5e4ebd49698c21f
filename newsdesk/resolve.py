"""Resolve: the actors of every article -> one entity per real actor across the corpus.

Pure. Identity, strongest first: a registry id; the same canonical name; a lone
surname that belongs to exactly one full name in the corpus. The type is voted by
every mention in every article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .entities import ArticleEntities, voted_type
from .registry import Registry
from .text import name_key, slugify


@dataclass
class Entity:
    entity_id: str
    name: str
    type: str
    aliases: list[str]
    wikidata: str | None


@dataclass
class _Group:
    key: str
    registry_id: str | None = None
    votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)

    @property
    def type(self) -> str:
        return voted_type(self.votes)


@dataclass
class Resolution:
    entities: list[Entity]
    local: dict[tuple[str, int], str]  # (article_id, local cluster id) -> entity_id
    unresolved: list[tuple[str, str, int]]  # (entity_id, why, mentions), most frequent first
    unused: list[str]  # registry ids nothing matched


def resolve(per_article: list[tuple[str, ArticleEntities]], registry: Registry) -> Resolution:
    groups: dict[str, _Group] = {}
    member: dict[tuple[str, int], str] = {}
    for article_id, ents in per_article:
        for c in ents.clusters:
            key = f"registry:{c.registry.id}" if c.registry else f"name:{name_key(c.name)}"
            g = groups.setdefault(key, _Group(key, c.registry.id if c.registry else None))
            g.votes.update({c.type: sum(c.votes.values()) or 1})
            g.forms.update(c.forms)
            g.names[c.name] += sum(c.forms.values()) or 1
            member[(article_id, c.id)] = key
    merged = _merge_surnames(groups)
    merged_into: dict[str, list[str]] = defaultdict(list)
    for other, target in merged.items():
        merged_into[target].append(other)
    unresolved: list[tuple[str, str, int]] = []
    ids: dict[str, str] = {}
    entities = []
    used_ids: set[str] = set()
    for key in sorted(groups, key=lambda k: (groups[k].registry_id is None, k)):
        g = groups[key]
        if key in merged:
            continue
        actor = registry.actors.get(g.registry_id) if g.registry_id else None
        name = actor.name if actor else max(g.names, key=lambda n: (len(n.split()) if g.type == "person" else 0,
                                                                  g.names[n], n))
        base = actor.id if actor else slugify(name) or "entity"
        entity_id, n = base, 1
        while entity_id in used_ids:
            n += 1
            entity_id = f"{base}-{n}"
        used_ids.add(entity_id)
        ids[key] = entity_id
        forms = set(g.forms).union(*(groups[other].forms for other in merged_into[key]))
        aliases = sorted((forms | set(actor.aliases if actor else ())) - {name})
        type_ = actor.type if actor else g.type
        entities.append(Entity(entity_id, name, type_, aliases, actor.wikidata if actor else None))
        if not actor:
            total = sum(g.votes.values())
            if g.votes[type_] * 3 < total * 2:
                unresolved.append((entity_id, f"type unsure: {dict(g.votes)}", sum(g.forms.values())))
            elif type_ == "person" and len(name.split()) == 1:
                unresolved.append((entity_id, "single name: no full name found", sum(g.forms.values())))
    for key, target in merged.items():
        ids[key] = ids[target]
    local = {k: ids[v] for k, v in member.items()}
    unresolved.sort(key=lambda u: (-u[2], u[0]))
    seen = {g.registry_id for g in groups.values() if g.registry_id}
    unused = sorted(set(registry.actors) - seen)
    entities.sort(key=lambda e: e.entity_id)
    return Resolution(entities, local, unresolved, unused)


def _merge_surnames(groups: dict[str, _Group]) -> dict[str, str]:
    """A one-word person ("Rutte") whose word ends exactly one full person name -> that name."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        if g.type == "person":
            name = max(g.names, key=lambda n: len(n.split()))
            if len(name.split()) > 1:
                by_last[name_key(name.split()[-1])].append(key)
    merged = {}
    for key, g in groups.items():
        if g.registry_id or g.type != "person":
            continue
        name = max(g.names, key=g.names.get)
        if len(name.split()) == 1 and len(by_last.get(name_key(name), [])) == 1:
            merged[key] = by_last[name_key(name)][0]
    return merged
