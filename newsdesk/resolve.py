"""Resolve: the actors of every article -> one entity per real actor across the corpus.

Pure. Identity, strongest first:
1. a registry id (curated; never merged with anything else);
2. the same canonical name;
3. person names that can be one person: same surname, compatible given names (equal, a
   nickname, an initial) and middles that do not conflict ("Colin L. Powell" = "Colin Powell",
   "George W. Bush" != "George H.W. Bush"); a name that fits two different people joins neither;
4. a lone surname ("Blair") joins the corpus's one person with that surname; with several it
   stays apart and is listed for curation;
5. an organisation or place named by a form of exactly one other actor: an acronym written in
   brackets after its name, or whose initials spell exactly one actor's name ("EU");
6. organisations or places that WordNet gives as names of one body or place, and of nothing else
   of that type ("Burma" and "Myanmar"; not "Senate", also the common noun for any senate).
Every merge is recorded with its reason, so a curator can undo it in actors.yml. Names that
are not actors (a bare title, a dictionary word the model capitalised) are dropped and listed.
The type is voted by every mention in every article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from . import names, thesaurus
from .entities import ArticleEntities, voted_type
from .lexicon import (
    FACILITY_HEADS,
    MEMBER_NOUNS,
    ONE_INSTITUTION_HEADS,
    ORGANIZATION_HEADS,
    ROLE_WORDS,
    SHORT_REFERENCE_HEADS,
    STOPWORDS,
)
from .registry import Registry
from .text import fold, name_key, slugify

# WordNet's kinds of things that name bodies and places (noun.object holds continents, seas and
# rivers), and the kinds that are no actor: holidays and eras, events, acts (wars, rites,
# programmes) and beliefs.
ACTOR_KINDS = {"group": "organization", "location": "place", "object": "place"}
NOT_ACTOR_KINDS = frozenset(("time", "event", "act", "cognition"))
DOMINANT = 4  # a lone surname joins a namesake mentioned this many times more than the others together


@dataclass
class Entity:
    entity_id: str
    name: str
    type: str
    aliases: list[str]
    wikidata: str | None


@dataclass
class _Group:
    """One name's clusters across all articles (before merging)."""

    key: str
    registry_id: str | None = None
    votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    titled: int = 0  # mentions named after a title or honorific
    lower_uses: int = 0
    opening_uses: int = 0
    namesake: str | None = None  # the title or gender that set a lone surname apart in its article
    roles: Counter = field(default_factory=Counter)  # the roles its mentions were given, lower case

    @property
    def type(self) -> str:
        return voted_type(self.votes)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (self.names[n], len(n), n))

    @property
    def mentions(self) -> int:
        return sum(self.forms.values())


@dataclass
class Resolution:
    entities: list[Entity]
    local: dict[tuple[str, int], str | None]  # (article_id, local cluster id) -> entity_id; None: dropped
    unresolved: list[tuple[str, str, int]]  # (entity_id, why, mentions), most frequent first
    unused: list[str]  # registry ids nothing matched
    merges: list[dict] = field(default_factory=list)  # {"entity_id", "name", "why"}: names joined
    suggestions: list[dict] = field(default_factory=list)  # {"names", "why"}: kept apart, maybe one
    dropped: list[dict] = field(default_factory=list)  # {"name", "why", "mentions"}: not actors


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, key: str, into: str) -> None:
        self.parent[self.find(key)] = self.find(into)


def resolve(per_article: list[tuple[str, ArticleEntities]], registry: Registry) -> Resolution:
    groups: dict[str, _Group] = {}
    member: dict[tuple[str, int], str] = {}
    given_names = _given_names_placed(per_article)
    for article_id, ents in per_article:
        roles = defaultdict(list)
        for role in ents.roles:
            roles[role.cluster].append(role.role.lower())
        for c in ents.clusters:
            name = given_names.get((article_id, c.id)) or c.name  # (worked out from the forms on each access)
            key = f"registry:{c.registry.id}" if c.registry else f"name:{name_key(name)}"
            key += f"|{c.namesake}" if c.namesake and not c.registry else ""
            g = groups.setdefault(key, _Group(key, c.registry.id if c.registry else None, namesake=c.namesake))
            g.roles.update(roles[c.id])
            g.votes.update({c.type: sum(c.votes.values()) or 1})
            g.forms.update(c.forms)
            g.names[name] += sum(c.forms.values()) or 1
            g.titled += c.titled
            g.lower_uses += c.lower_uses
            g.opening_uses += c.opening_uses
            member[(article_id, c.id)] = key

    union, merges, suggestions = _Union(), [], []
    # WordNet is read once: what it means by each name (acronyms without their dots). A name of
    # two letters stands for too many things to be taken as one ("SC": a state, a council, a
    # counsel), but its letters still tell an acronym that is something else ("OH" is Ohio).
    meanings = thesaurus.noun_senses({_wordnet_form(g.name) for g in groups.values()})
    senses = {g.name: meanings[_wordnet_form(g.name)] for g in groups.values()
              if len(g.name.replace(".", "")) > 2 and _wordnet_form(g.name) in meanings}
    bearers = _merge_people(groups, union, merges, suggestions)
    surnames = set(bearers)
    _merge_forms(groups, meanings, union, merges)
    _merge_known_names(groups, senses, union, merges)
    components: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        components[union.find(key)].append(key)
    shared = {s for s, keys in bearers.items() if len({union.find(k) for k in keys}) > 1}  # "Bush": W. and Jeb

    entities, ids, unresolved, dropped, used_ids = [], {}, [], [], set()
    for root in sorted(components, key=lambda k: (groups[k].registry_id is None, k)):
        keys = components[root]
        merged = _merged(groups, keys)
        actor = registry.actors.get(merged.registry_id) if merged.registry_id else None
        type_ = actor.type if actor else merged.type
        name = actor.name if actor else _canonical(merged, type_, groups[root])
        if not actor:
            name, type_ = _corrected(name, type_, merged, surnames, senses.get(name, ()))
        if not actor and (why := _not_an_actor(name, type_, merged, len(keys), surnames, senses.get(name, ()))):
            dropped.append({"name": name, "why": why, "mentions": merged.mentions})
            for key in keys:
                ids[key] = None
            continue
        base = actor.id if actor else slugify(name) or "entity"
        entity_id, n = base, 1
        while entity_id in used_ids:
            n += 1
            entity_id = f"{base}-{n}"
        used_ids.add(entity_id)
        for key in keys:
            ids[key] = entity_id
        aliases = sorted((set(merged.forms) | set(actor.aliases if actor else ())) - {name})
        if type_ == "person" and not actor:  # a given name alone, or a surname two people share, is no alias
            given = names.person_parts(name)[0]
            aliases = [a for a in aliases if " " in a or name_key(a) not in shared | {given}]
        entities.append(Entity(entity_id, name, type_, aliases, actor.wikidata if actor else None))
        if not actor:
            total = sum(merged.votes.values())
            if merged.votes[type_] * 3 < total * 2:
                votes = ", ".join(f"{t} {v}" for t, v in merged.votes.most_common())
                unresolved.append((entity_id, f"type unsure (votes: {votes})", merged.mentions))
            elif type_ == "person" and len(name.split()) == 1:
                unresolved.append((entity_id, "single name: no full name found", merged.mentions))
    for m in merges:
        m["entity_id"] = ids[m.pop("key")]
    merges = [m for m in merges if m["entity_id"]]
    local = {k: ids[v] for k, v in member.items()}
    unresolved.sort(key=lambda u: (-u[2], u[0]))
    dropped.sort(key=lambda d: (-d["mentions"], d["name"]))
    seen = {g.registry_id for g in groups.values() if g.registry_id}
    unused = sorted(set(registry.actors) - seen)
    entities.sort(key=lambda e: e.entity_id)
    merges.sort(key=lambda m: (m["entity_id"], m["name"]))
    return Resolution(entities, local, unresolved, unused, merges, suggestions, dropped)


def _given_names_placed(per_article: list[tuple[str, ArticleEntities]]) -> dict[tuple[str, int], str]:
    """A given name written alone ("dear Joe") in an article that names a person by surname only
    ("President Roe") -> the corpus's one full name with that given name (or its nickname) and one
    of the article's surnames ("Joe Roe"): the reader of the article knows whom it means. Surnames
    are compared folded, as `names.person_parts` writes them."""
    people = [(article_id, c.id, c.name) for article_id, ents in per_article for c in ents.clusters
              if c.type == "person" and not c.registry]  # (a cluster's name is worked out on each access)
    given = [(article_id, cid, name) for article_id, cid, name in people
             if " " not in name and names.is_first_name(name)]
    if not given:
        return {}
    surnames: dict[str, set[str]] = defaultdict(set)  # article -> its people's surnames
    wanted = {article_id for article_id, _, _ in given}
    for article_id, _, name in people:
        if article_id in wanted and (" " in name or not names.is_first_name(name)):
            surnames[article_id].add(names.person_parts(name)[2] if " " in name else fold(name))
    # (a last word may be a suffix: "Ann Roe Jr.")
    needed = set().union(*surnames.values()) | {name_key(name) for _, _, name in given} | names.GENERATIONS
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full names (only those that can matter)
    for _, _, name in people:
        if " " in name and fold(name.split()[-1]).strip(".,") in needed:
            full_names[names.person_parts(name)[2]].add(name)
    placed = {}
    for article_id, cid, name in given:  # (not a word that is also a surname of the corpus: "Jefferson")
        if name_key(name) not in full_names:
            fits = {f for s in surnames[article_id] for f in full_names.get(s, ())
                    if names.same_person(f"{name} {s}", f)}
            if fits and all(names.same_person(a, b) for a in fits for b in fits):  # ("Joe Roe", "Joseph R. Roe")
                placed[(article_id, cid)] = min(fits)
    return placed


def _merged(groups: dict[str, _Group], keys: list[str]) -> _Group:
    out = _Group(keys[0])
    for key in keys:
        g = groups[key]
        out.registry_id = out.registry_id or g.registry_id
        out.votes.update(g.votes)
        out.forms.update(g.forms)
        out.names.update(g.names)
        out.titled += g.titled
        out.lower_uses += g.lower_uses
        out.opening_uses += g.opening_uses
        out.roles.update(g.roles)
    return out


def _canonical(group: _Group, type_: str, root: _Group | None = None) -> str:
    """A person's most used full name; otherwise the name of the actor the others joined
    (the expansion an acronym joined), or the most used name."""
    if type_ == "person":
        full = [n for n in group.names if len(n.split()) > 1]
        if full:
            return max(full, key=lambda n: (group.names[n], len(n), n))
    name = (root or group).name
    short = names.without_legal_form(name)  # "Apple" where the corpus also writes "Apple Inc."
    return short if short in group.names or short in group.forms else name


def _not_an_actor(name: str, type_: str, group: _Group, merged_from: int, surnames: set[str],
                  senses: Collection[thesaurus.Sense]) -> str | None:
    """Why a name that no registry entry claims is not an actor, or None when it may be one."""
    words = name.split()
    proper = {s.kind for s in senses if s.proper}
    faith = "cognition" in proper and proper <= NOT_ACTOR_KINDS | {"group"}  # a religion and its faithful
    # ("CBC": also a blood count; but letters that are only a time, "GMT", are no actor either)
    if proper and (proper <= NOT_ACTOR_KINDS or faith) and (not name.isupper() or proper == {"time"}):
        return f"a holiday, event, act or belief to WordNet ({', '.join(sorted(proper))}), not an actor"
    if _is_acronym(_wordnet_form(name)) and senses and all(
            s.kind_of and s.proper and s.rank and s.kind in ("group", "person") for s in senses):
        return "the abbreviation of a kind of thing ('PAC': any political action committee), not one actor's name"
    if len(words) > 1 and all(w.lower() in ROLE_WORDS for w in words):
        return "a title, office or name suffix, not a name"
    if names.name_type(name) == "event" or (_is_acronym(name) and any(
            names.name_type(form) == "event" for form in group.forms)):  # "FOIA", spelled out as an act
        return "an event, agreement or programme, not an actor"
    if type_ == "organization" and len(words) > 1 and words[-1].lower() == "administration" and all(
            name_key(part) in surnames for word in words[:-1] for part in word.split("-")):
        return "a government named by its leader ('the Roe Administration'), not a body of its own"
    if type_ == "organization" and _members_of(words):
        return "members of a body or people ('EU Members', 'European Leaders'), not a body"
    *before, head = names.without_complement(name).lower().split()
    if (type_ == "organization" and len(words) > 1 and head in ROLE_WORDS and head not in ORGANIZATION_HEADS
            and not (before and before[-1] in STOPWORDS | {"with"})):  # "Jobs With Justice" is a body
        return "a title ('National Security Advisor', 'Founder of ...'), not a body"
    if len(words) > 1 or merged_from > 1 or names.canonical_place(name):
        return None
    return _not_a_one_word_actor(name, type_, group, surnames, proper)


def _not_a_one_word_actor(name: str, type_: str, group: _Group, surnames: set[str], proper: set[str]) -> str | None:
    """Why one word alone, which no other name joined, is not an actor."""
    if "-" in name and name.rsplit("-", 1)[1].islower():
        return "a word made from a name ('Roe-era', 'Roe-backed'), not a name"
    if "-" in name and all(names.canonical_place(part) for part in name.split("-")):
        return "two places joined ('U.S.-Mexico' talks), not an actor"
    # (but "Army", "Navy": one institution's name; "CBS", "ABC": letters, not a degree's)
    if (names.is_title_word(name.lower()) and name.lower() not in ONE_INSTITUTION_HEADS) or (
            names.is_suffix(name) and not (name.isupper() and len(name) > 2)):
        return "a title, office or name suffix, not a name"
    if name.lower() in SHORT_REFERENCE_HEADS and type_ != "person":
        return "a kind of body or building written alone, not its name"
    common_word = names.is_common_word(name)
    written_lower = common_word and group.lower_uses > 0  # "just", "so": written in lower case too
    # A title before a common word is a surname ("Governor Brown") unless the word is written in
    # lower case as often as not ("Executive Order": "the order") or follows a title only now and
    # then (once in 150 mentions: a title word the model misread).
    titled = group.titled and not (common_word and (group.lower_uses >= group.mentions
                                                    or group.titled * 20 < group.mentions))
    if type_ == "person" and (titled or name_key(name) in surnames
                              or (names.is_first_name(name) and not written_lower)):
        return None  # "Bush" beside George W. and Jeb Bush: unresolved, not junk
    if type_ == "person" and names.is_dictionary_proper_noun(name):
        return "a people, place or deity the dictionary knows, not a person's name"
    if (type_ != "person" and proper == {"person"} and names.is_dictionary_proper_noun(name)
            and not names.is_first_name(name)):  # (not someone WordNet knows by name: "Heinz", "Grant")
        return "a kind of person the dictionary knows ('Spaniard', 'Democrat'), not a body or place"
    if common_word and group.opening_uses >= group.mentions and name.lower() not in ONE_INSTITUTION_HEADS:
        return "a common word capitalised only where a sentence, line or quote opens, not a name"
    if common_word and (type_ == "person" or group.lower_uses >= group.mentions):
        # An institution's one-word name ("Senate", "Pentagon") is capitalised wherever it is
        # used; a common word the model tagged is also written in lower case in the corpus.
        return "a common word, not a name"
    return None


def _corrected(name: str, type_: str, group: _Group, surnames: set[str],
               senses: Collection[thesaurus.Sense]) -> tuple[str, str]:
    """The name and type where what the corpus shows overrules the vote."""
    if type_ == "organization" and _a_room_or_building(name, senses):
        return name, "place"
    if type_ in ("person", "organization") and (family := _family_of(name, surnames)):
        return family, "organization"  # "the Roes": the family, named as news names one
    if type_ == "person" and _a_brand(name, group, surnames):
        return name, "organization"
    return name, type_


def _a_brand(name: str, group: _Group, surnames: set[str]) -> bool:
    """A dictionary word the model took for a person, that the corpus capitalises inside sentences
    far more often than it writes it in lower case, and hardly ever after a title, nor as anyone's
    surname or given name ("Twitter"): a company's or a product's name, not a person's."""
    inside = group.mentions - group.opening_uses  # (a sentence's first word is capitalised anyway)
    return (" " not in name and names.is_common_word(name) and group.titled * 20 < group.mentions
            and inside >= 3 and group.lower_uses * 3 <= inside and name_key(name) not in surnames
            and not names.is_first_name(name))


def _members_of(words: list[str]) -> bool:
    """Members named by letters or a people's adjective ("EU Members", "G7 Leaders", "European
    Partners"): the members, not a body."""
    *before, last = words
    return bool(before) and last.lower() in MEMBER_NOUNS and all(
        w.isupper() or (thesaurus.is_adjective(w.lower()) and names.is_dictionary_proper_noun(w)) for w in before)


def _family_of(name: str, surnames: set[str]) -> str | None:
    """"Roe family" for "Roes" or "Roeses", the plural of a surname of the corpus's full names."""
    key = name_key(name)
    if " " in key or key in surnames or name.isupper() or names.is_common_word(name):  # "PACs", "Orders"
        return None
    singular = next((key[:-len(end)] for end in ("es", "s") if key.endswith(end) and key[:-len(end)] in surnames), None)
    return f"{name[:len(singular)]} family" if singular else None


def _a_room_or_building(name: str, senses: Collection[thesaurus.Sense]) -> bool:
    """A name WordNet knows only as a building or room, whose head word may name one ("Oval
    Office"; "Office" also heads bodies' names: "Home Office")."""
    head = names.without_complement(name).split()[-1].lower()
    return head in FACILITY_HEADS | {"office"} and {s.kind for s in senses if s.proper} == {"artifact"}


def _merge_people(groups: dict[str, _Group], union: _Union, merges: list,
                  suggestions: list) -> dict[str, list[str]]:
    """Full names that can be one person join; a lone surname joins its one full name (or its one
    dominant bearer). Returns the surnames of the corpus's full names, each with its bearers' keys."""
    full = {k: _canonical(g, "person") for k, g in groups.items() if g.type == "person" and not g.registry_id}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, name in full.items():
        # (not a name with a possessive inside it: "Acme Press’ Twitter" is no one whose surname is "Twitter")
        if len(name.split()) > 1 and not re.search(r"\w['’‘]s?\s", name):
            by_surname[name_key(names.person_parts(name)[2].split()[-1])].append(key)  # "von der Roe" with "der Roe"
    clusters_of: dict[str, list[list[str]]] = {}
    for surname, keys in by_surname.items():
        # Most specific names first, so "George Bush" meets both "George W." and "George H.W."
        keys.sort(key=lambda k: (-len(full[k].split()), -groups[k].mentions, k))
        found: list[list[str]] = []
        for key in keys:
            fits = [c for c in found if all(names.same_person(full[key], full[o]) for o in c)]
            if len(fits) == 1:
                fits[0].append(key)
                union.join(key, fits[0][0])
                merges.append({"key": fits[0][0], "name": full[key],
                               "why": f"same person as {full[fits[0][0]]}: "
                                      "same surname, compatible given and middle names"})
            else:
                if len(fits) > 1:
                    suggestions.append({"names": [full[key]] + [full[c[0]] for c in fits],
                                        "why": "could be any of these people: kept apart"})
                found.append([key])
        _join_name_tails(found, full, union, merges)
        clusters_of[surname] = [c for c in found if union.find(c[0]) == c[0]]
    # A lone word the model sometimes typed otherwise ("Trump administration") still joins by surname.
    # (but a known place the model mostly read as one is that place: "Israel" is not "Steve Israel")
    lone = {k: g for k, g in groups.items() if not g.registry_id and g.votes["person"] and len(g.name.split()) == 1
            and (g.type == "person" or not names.canonical_place(g.name))}
    by_first_word: dict[str, list[list[str]]] = defaultdict(list)  # family name first: "Tanaka" of "Tanaka Kenji"
    for c in (c for cs in clusters_of.values() for c in cs):
        by_first_word[name_key(full[c[0]]).split()[0]].append(c)
    for key, g in lone.items():
        name = g.name
        found = clusters_of.get(name_key(name), [])
        if not found and not names.is_first_name(name):
            found = by_first_word.get(name_key(name), [])
        if g.namesake:  # "Ambassador Roe" beside "President Roe": only the full name with that title or gender
            found = [c for c in found if any(_has_namesake_mark(groups[k], full[k], g.namesake) for k in c)]
        counts = sorted(((sum(groups[k].mentions for k in c), c[0]) for c in found), reverse=True)
        if len(found) == 1:
            union.join(key, found[0][0])
            merges.append({"key": found[0][0], "name": name,
                           "why": f"surname of the one person so named in the corpus ({full[found[0][0]]})"})
        elif found and counts[0][0] >= DOMINANT * sum(n for n, _ in counts[1:]):
            # News names the famous bearer of a surname by it alone ("Obama", not Michelle).
            top = counts[0][1]
            union.join(key, top)
            merges.append({"key": top, "name": name,
                           "why": f"surname of {full[top]}, named {counts[0][0]} times; "
                                  f"others so named {sum(n for n, _ in counts[1:])} times"})
        elif len(found) > 1:
            suggestions.append({"names": [name] + [full[c[0]] for c in found],
                                "why": "surname shared by several people: left unresolved"})
    # A lone word only ever typed a body may still be someone's surname ("Holt" beside "Dana Holt"), or a company
    # named after its founder ("Bloomberg"): listed for a curator, not joined.
    for g in groups.values():
        found = clusters_of.get(name_key(g.name), [])
        if len(found) == 1 and g.type == "organization" and not (g.registry_id or g.votes["person"] or g.name.isupper()):
            suggestions.append({"names": [g.name, full[found[0][0]]],
                                "why": "a body's name written alone and the surname of one person: kept apart, "
                                       "the model typed it a body"})
    return by_surname


def _has_namesake_mark(group: _Group, name: str, mark: str) -> bool:
    """Whether a full name's person holds the title ("ambassador") or has the gender ("f") that
    set a lone surname apart."""
    if len(mark) == 1:
        return names.first_name_gender(name.split()[0]) == mark
    return any(re.search(rf"(?<![\w-]){re.escape(mark)}\b", role) for role in group.roles)


def _join_name_tails(found: list[list[str]], full: dict[str, str], union: _Union, merges: list) -> None:
    """A name that is the end of exactly one other person's full name and starts with no given
    name is that person ("von der Roe" or "Diaz Roe" of "Ana Maria Diaz Roe", not "Ann Roe")."""
    for tail in found:
        name = full[tail[0]]
        if names.is_first_name(name.split()[0]):
            continue
        ends = [c for c in found if c is not tail and union.find(c[0]) == c[0] and any(
            f" {name_key(full[k])}".endswith(f" {name_key(name)}") for k in c)]
        if len(ends) == 1:
            union.join(tail[0], ends[0][0])
            merges.append({"key": ends[0][0], "name": name,
                           "why": f"the end of the one full name {full[ends[0][0]]}"})


def _without_articles(name: str) -> str:
    return " ".join(w for w in name_key(name).split() if w != "the")


def _qualified_key(name: str) -> str | None:
    """A body's name with a leading place or abbreviation put one way ("U.S. Senate" and "United
    States Senate" alike; "U.N. Security Council" as "UN security council"), or None without one."""
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if place := names.canonical_place(" ".join(words[:i])):
            return name_key(f"{place} {' '.join(words[i:])}")
    for i in range(1, len(words)):  # a place last: "East L.A." and "East Los Angeles"
        if place := names.canonical_place(" ".join(words[i:])):
            return name_key(f"{' '.join(words[:i])} {place}")
    if len(words) > 1 and re.fullmatch(r"(?:[A-Z]\.){2,}", words[0]):
        return name_key(f"{words[0].replace('.', '')} {' '.join(words[1:])}")
    return None


def _abbreviated_keys(name: str) -> set[str]:
    """The keys of a name's abbreviated spellings: "un security council" of "United Nations
    Security Council", "unc greensboro" of "University of North Carolina at Greensboro"."""
    words = name.split()
    return {name_key(f"{names.initials(' '.join(words[:i]))} {' '.join(words[i + (words[i] == 'at'):])}")
            for i in range(2, len(words))}


def _merge_forms(groups: dict[str, _Group], meanings: dict[str, set[thesaurus.Sense]], union: _Union,
                 merges: list) -> None:
    """An organisation or place whose name is another actor's form (an article "the" aside: "Republic
    of the Congo"), or an acronym of exactly one other actor's name, is that actor. `meanings`:
    WordNet's senses of the names, as `_wordnet_form` writes them."""
    others = {k: g for k, g in groups.items() if g.type != "person"}
    by_form: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    by_head: dict[str, set[str]] = defaultdict(set)  # a body's name without its complement
    by_qualified: dict[str, set[str]] = defaultdict(set)  # its place or abbreviation spelled out
    for key, g in others.items():
        for form in g.forms:
            by_form[_without_articles(form)].add(key)
            if " " in (short := names.without_legal_form(form)):  # "Acme Hydro" of "Acme Hydro GmbH" (a lone
                by_form[_without_articles(short)].add(key)  # word may be a surname too: "Bloomberg L.P.")
            for k in ({_qualified_key(form)} | (_abbreviated_keys(form) if g.type == "organization" else set())) - {None}:
                by_qualified[k].add(key)
        if len(g.name.split()) > 1:
            by_initials[names.initials(g.name)].add(key)
        # "Acme Party of Ohio" is the party's branch in a state, not the party.
        if (head := names.without_complement(g.name)) != g.name and not (
                g.type == "organization" and _of_a_region(g.name[len(head):])):
            by_head[_without_articles(head)].add(key)
        if (short := _without_namesake_given_names(g.name)) != g.name:
            by_head[_without_articles(short)].add(key)
    acronyms = {key: letters for key, g in others.items() if _is_acronym(letters := _wordnet_form(g.name))
                and by_initials.get(letters, set()) - {key}}
    for key, g in sorted(others.items()):
        if g.registry_id:
            continue
        targets = by_form.get(_without_articles(g.name), set()) - {key}
        why = "written as a form of"
        if not targets and len(g.name.split()) > 1:  # "Acme Foundation" of "Acme Foundation for the Arts"
            targets, why = by_head.get(_without_articles(g.name), set()) - {key}, "the short name of"
        if not targets and (k := _qualified_key(g.name)):
            targets, why = by_qualified.get(k, set()) - {key}, "the same name, its place or abbreviation spelled out, as"
        if not targets and key in acronyms:
            targets, why = by_initials[acronyms[key]] - {key}, "acronym of"
            # Letters stand for many names across a corpus: not for this one where WordNet knows
            # them as another body, place or person ("ISIS" is no institute's, "OH" is Ohio).
            if len(targets) == 1 and _spelled_otherwise(acronyms[key], others[next(iter(targets))].name, meanings):
                targets = set()
        if len(targets) == 1:
            target = targets.pop()
            if union.find(target) != union.find(key):
                union.join(key, target)
                merges.append({"key": union.find(target), "name": g.name, "why": f"{why} {groups[target].name}"})


def _without_namesake_given_names(name: str) -> str:
    """A building's name without the given names of the person it is named for ("Kennedy Center"
    of "John F. Kennedy Center")."""
    words = name.split()
    if len(words) < 3 or words[-1].lower() not in FACILITY_HEADS or not names.is_first_name(words[0]):
        return name
    k = 1
    while k < len(words) - 2 and re.fullmatch(r"[A-Z]\.", words[k]):
        k += 1
    if names.canonical_place(" ".join(words[:k + 1])):  # "Ann Arbor Hospital" is named for a city
        return name
    return " ".join(words[k:])


def _of_a_region(complement: str) -> bool:
    """A name's complement names a region or city ("of Ohio", "in Leeds"): a country's name
    completes the name of its national body ("Supreme Court of the United States")."""
    words = [w for w in complement.split() if w.lower() != "the"]
    if not words or words[0] not in ("of", "in"):
        return False
    place = names.canonical_place(" ".join(words[1:]))
    return place is not None and place not in names.countries()


def _wordnet_form(name: str) -> str:
    """How WordNet writes a name: acronyms without their dots ("G.O.P." as "GOP")."""
    letters = name.replace(".", "")
    return letters if _is_acronym(letters) else name


def _is_acronym(letters: str) -> bool:
    return letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8


def _spelled_otherwise(letters: str, name: str, meanings: dict[str, set[thesaurus.Sense]]) -> bool:
    """WordNet knows the letters as the name of an actor that `name` is not."""
    spelled = {s.synset for s in meanings.get(letters, ()) if s.kind in ACTOR_KINDS or s.kind == "person"}
    return bool(spelled) and not spelled & {s.synset for s in meanings.get(name, ())}


def _merge_known_names(groups: dict[str, _Group], senses: dict[str, set[thesaurus.Sense]], union: _Union,
                       merges: list) -> None:
    """Bodies and places that WordNet names alike ("Fed" and "Federal Reserve") are one actor, when
    each name means only that one thing of its type to WordNet. A name that is also a common noun
    for such things ("the senate", "a supreme court") is left out: it means the one of the country
    the news is from."""
    alike: dict[str, list[tuple[int, str]]] = defaultdict(list)  # synset -> (rank of the name, key)
    for key, g in groups.items():
        meant = [s for s in senses.get(g.name, ()) if ACTOR_KINDS.get(s.kind) == g.type]
        if len(meant) == 1 and meant[0].proper and not g.registry_id:
            alike[meant[0].synset].append((meant[0].rank, key))
    for ranked in alike.values():
        # WordNet's usual full name names the actor ("Federal Reserve", not "Fed")
        (_, first), *rest = sorted(ranked, key=lambda r: (r[0], -groups[r[1]].mentions, r[1]))
        for _, key in rest:
            if union.find(key) != union.find(first):
                union.join(key, first)
                merges.append({"key": union.find(first), "name": groups[key].name,
                               "why": f"WordNet gives it as another name of {groups[first].name}"})
