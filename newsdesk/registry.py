"""The curated actor registry (corpus/actors.yml): load and validate.

Errors name the file and line. A registry with errors stops the build: a wrong
merge published under a curated id is worse than no registry.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .issues import FatalInputError, Issue
from .text import name_key

TYPES = ("person", "organization", "place")
ACTOR_KEYS = {"id", "name", "type", "aliases", "roles", "wikidata", "description"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass
class Registry:
    actors: dict[str, Actor] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()  # name keys that are never entities

    def by_alias(self) -> dict[str, Actor]:
        """Every surface form (name and aliases), case-sensitive, -> actor."""
        return {alias: a for a in self.actors.values() for alias in (a.name, *a.aliases)}


class _LineLoader(yaml.SafeLoader):
    """Records the line of every mapping so errors can name it."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse(text: str, name: str = "actors.yml") -> Registry:
    """YAML text -> Registry, or FatalInputError listing every problem with its line."""
    try:
        data = yaml.load(text, Loader=_LineLoader) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date
        mark = getattr(exc, "problem_mark", None)
        raise FatalInputError([Issue(name, "fatal", f"YAML syntax error: {getattr(exc, 'problem', exc)}",
                                     mark.line + 1 if mark else None)]) from None
    errors: list[Issue] = []
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise FatalInputError([Issue(name, "fatal", "expected a mapping with a list under 'actors:'", 1)])
    actors: dict[str, Actor] = {}
    owner: dict[str, str] = {}
    for entry in data.get("actors", []):
        if not isinstance(entry, dict):
            errors.append(Issue(name, "fatal", "each actor must be a mapping (id:, name:, type:, ...)"))
            continue
        line = entry.pop("__line__", None)

        def err(msg: str) -> None:
            errors.append(Issue(name, "fatal", msg, line))  # noqa: B023 - used at once

        unknown = set(entry) - ACTOR_KEYS
        if unknown:
            err(f"unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(ACTOR_KEYS))}")
        actor_id, actor_name, actor_type = entry.get("id"), entry.get("name"), entry.get("type")
        if not isinstance(actor_id, str) or not ID_PATTERN.match(actor_id):
            err(f"id {actor_id!r} must be lower-case letters, digits and hyphens (e.g. mark-rutte)")
            continue
        if actor_id in actors:
            err(f"duplicate id {actor_id!r}")
            continue
        if not isinstance(actor_name, str) or not actor_name.strip():
            err(f"actor {actor_id!r} needs a name")
            continue
        if actor_type not in TYPES:
            err(f"actor {actor_id!r}: type must be one of {', '.join(TYPES)}, got {actor_type!r}")
            continue
        aliases, roles = entry.get("aliases") or [], entry.get("roles") or []
        if not all(isinstance(x, str) for x in [*aliases, *roles]) or not isinstance(aliases, list):
            err(f"actor {actor_id!r}: aliases and roles must be lists of text")
            continue
        wikidata = entry.get("wikidata")
        if wikidata is not None and not (isinstance(wikidata, str) and WIKIDATA_PATTERN.match(wikidata)):
            err(f"actor {actor_id!r}: wikidata must look like Q42, got {wikidata!r}")
            continue
        for alias in {actor_name, *aliases}:
            other = owner.setdefault(name_key(alias), actor_id)
            if other != actor_id:
                err(f"alias {alias!r} of {actor_id!r} is already claimed by {other!r}")
        actors[actor_id] = Actor(actor_id, actor_name, actor_type, tuple(aliases), tuple(roles), wikidata)
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        errors.append(Issue(name, "fatal", "'ignore:' must be a list of names"))
        ignore = []
    if errors:
        raise FatalInputError(errors)
    return Registry(actors, frozenset(name_key(x) for x in ignore))


def load(path: Path) -> Registry:
    return parse(path.read_text(encoding="utf-8"), str(path)) if path.exists() else Registry()


def starter(entities: list[dict], roles: list[dict], report: dict, min_mentions: int = 2) -> str:
    """A starter actors.yml written from a build, for a curator to edit: every actor named at
    least `min_mentions` times (mentions and quotes), with its aliases and most frequent
    described roles; the build's suggested merges and dropped names as comments to decide on.
    Pure: rows of the package's entities and roles tables and its report.json in, YAML text out."""
    described = {}
    for r in roles:
        if r["field"] == "body":
            described.setdefault(r["entity_id"], Counter())[r["role"]] += 1
    lines = ["# Starter actor registry written by `newsdesk actors` from a build. Edit it, then rebuild:",
             "# fix names and types, delete actors you do not want curated, add aliases and Wikidata ids",
             "# you have verified. Registry entries never merge with each other (see the README).",
             "actors:"]
    keep = [e for e in entities if int(e["mention_count"]) + int(e["quote_count"]) >= min_mentions]
    for type_ in TYPES:
        chosen = sorted((e for e in keep if e["type"] == type_), key=lambda e: (-int(e["mention_count"]), e["name"]))
        if chosen:
            lines.append(f"  # {type_}s")
        for e in chosen:
            entry = {"id": e["entity_id"], "name": e["name"], "type": type_}
            if aliases := _aliases(e["aliases"]):
                entry["aliases"] = aliases
            if top := [role for role, _ in described.get(e["entity_id"], Counter()).most_common(3)]:
                entry["roles"] = top
            if e.get("wikidata"):
                entry["wikidata"] = e["wikidata"]
            lines.append("  - " + yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, width=10**6,
                                                 allow_unicode=True).strip())
    for s in report.get("suggested_merges", []):
        lines.append(f"# suggested merge, kept apart ({s['why']}): {' | '.join(s['names'])}")
    dropped = [d["name"] for d in report.get("not_actors", [])]
    if dropped:
        lines.append("# names the build left out as not actors; uncomment to keep them out for good:")
        lines.append("# ignore: " + yaml.safe_dump(dropped, default_flow_style=True, width=10**6,
                                                     allow_unicode=True).strip())
    return "\n".join(lines) + "\n"


def _aliases(value) -> list[str]:
    return list(json.loads(value)) if isinstance(value, str) else list(value or [])
