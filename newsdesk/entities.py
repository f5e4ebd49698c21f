"""Entities: one parsed article -> its actors (local clusters), mentions and roles.

Pure: a spaCy Doc, the Article and the registry matcher in, an ArticleEntities out.
The model is often wrong, so the rules here correct it in ways that generalise:
registry aliases win; a title before a proper name makes it a person; a surname
links to the full name seen in the same article (either order); the type of an
actor is voted by all its mentions; role nouns ("the NATO chief") point at the
person holding that role.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from . import names, thesaurus
from .ingest import Article, split_names
from .lexicon import (
    AGENCIES,
    BODY_KINDS,
    COMPLEMENT_WORDS,
    DOCUMENT_NOUNS,
    EVENT_HEADS,
    FACILITY_HEADS,
    GENERIC_HEADS,
    HONORIFICS,
    ONE_INSTITUTION_HEADS,
    ORGANIZATION_HEADS,
    PARTY_FORMS,
    ROLE_WORDS,
    SHORT_REFERENCE_HEADS,
    SPEECH_VERBS,
    STATE_NAMED_CITIES,
    STOPWORDS,
    TITLE_MODIFIERS,
    VOICE_NOUNS,
)
from .nlp import TokenView
from .registry import Actor, Registry
from .text import name_key

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
TYPE_ORDER = ("person", "organization", "place")  # tie-break of the type vote
GEOGRAPHIC = re.compile(r"(?:^|[\s-])(?:Pacific|Atlantic|Arctic|Antarctic|Asia|Europe|Africa|America|Mediterranean|"
                        r"Caribbean|Balkans|Baltic|Sahel|Gulf|Sea|Ocean|Strait|Peninsula|Basin|Valley|"
                        r"Mountains)$")
LOCATIVE = {"in", "to", "from", "near", "across", "outside", "inside"}
OWNER_WORDS = frozenset("my our your his her its their".split())  # no name follows them ("our Partners")
SOURCE_NOUNS = DOCUMENT_NOUNS | VOICE_NOUNS  # what a source's name owns ("Harbor World's analysis")
QUOTE_MARKS = {"“", "”", '"', "''", "``", "«", "»"}
POSSESSIVE = {"'s", "’s", "‘s", "'", "’", "‘"}
DESK_CREDIT = re.compile(r"(?P<role>(?:Additional )?[Rr]eporting|Writing|Editing|Photos?|Video) by "
                         r"(?P<names>[A-Z][^;.]*?)(?=;|\.|$)")
CONTRIBUTOR = re.compile(
    r"(?:^|,\s*|\band\s+)(?P<role>(?:[A-Za-z.\-]+\s+){0,4}?)"
    r"(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})(?:\s+in\s+[A-Z][\w ]+?)?(?=\s*(?:,|\band\b|contributed))"
)


def voted_type(votes: Counter) -> str:
    """The type with the most votes; ties go to person, then organization."""
    best = TYPE_ORDER[0]
    for t in TYPE_ORDER[1:]:  # a loop, not max() with a key: this runs for every name, often
        if votes[t] > votes[best]:
            best = t
    return best


@dataclass
class Cluster:
    """One actor as seen in one article."""

    id: int
    registry: Actor | None = None
    votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    gender: str | None = None
    titled: int = 0  # mentions named after a title or honorific: a person, whatever the word
    lower_uses: int = 0  # times a one-word name's word is written in lower case in the article
    opening_uses: int = 0  # mentions that open a sentence, line, quote or bracket: capitalised by place
    namesake: str | None = None  # what tells this name from a namesake's in the same article: the title
    # or gender ("ambassador", "f") of a lone surname ("President Roe" and "Ambassador Roe"), or
    # "state" for a US state named like a city ("Seattle, Washington")

    @property
    def type(self) -> str:
        return self.registry.type if self.registry else voted_type(self.votes)

    @property
    def name(self) -> str:
        if self.registry:
            return self.registry.name
        forms, type_ = list(self.forms), self.type
        if type_ == "person":  # the fullest form, in ordinary case (not a transcript's "ROE")
            name = max(forms, key=lambda f: (not f.isupper(), len(f.split()), self.forms[f], len(f)))
            return names.ordinary_case(name) if name.isupper() else name
        if self.namesake == "state":
            return names.canonical_place(f"state of {name_key(forms[0])}")
        canonical = sorted(filter(None, (canonical_name(f, type_) for f in forms)))
        if canonical:
            return canonical[0]
        # A shortened form ("the Department", "the Post" of "the Harbor Post", "Acme" of "Acme
        # Glass Co.") is never the name while the name it shortens is here.
        keys = {f: name_key(f) for f in forms}
        whole = [f for f in forms if not any(k.endswith(" " + keys[f]) or (  # (nor a company's first word)
            k.startswith(keys[f] + " ") and " " not in f and not f.isupper()) for k in keys.values())] or forms
        # Letters give way to the name they abbreviate ("AP"; "HLED" of "U.S.-Mexico High-Level Economic Dialogue")
        spelled = [names.initials(f) for f in forms if " " in f]
        whole = [f for f in whole if not (f.isupper() and any(s.endswith(f) for s in spelled))] or whole
        return max(whole, key=lambda f: (f.lower() not in SHORT_REFERENCE_HEADS, self.forms[f], len(f)))


def canonical_name(form: str, type_: str) -> str | None:
    """The one name of a known place or party, whatever form the text used."""
    if type_ == "place":
        return names.canonical_place(form)
    if type_ == "organization":
        return PARTY_FORMS.get(name_key(form))
    return None


@dataclass
class Mention:
    start: int
    end: int
    text: str
    cluster: int
    how: str  # registry | ner | title | speaker | label | employer | kind | surname | acronym | role-noun | source


@dataclass
class Role:
    cluster: int
    role: str
    field: str  # the article column the offsets point into: body, byline, credits, dateline
    start: int
    end: int


@dataclass
class ArticleEntities:
    clusters: list[Cluster]
    mentions: list[Mention]
    roles: list[Role]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention covering [start, end)."""
        best = None
        for m in self.mentions:
            if m.start <= start and end <= m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def cluster_at(self, start: int, end: int) -> Cluster | None:
        """The actor mentioned in [start, end)."""
        best = self.mention_at(start, end)
        return self.clusters[best.cluster] if best else None


class RegistryMatcher:
    """Finds registry aliases in text: case-sensitive, whole words, longest first, no overlaps.

    Aliases are indexed by their first word, so a registry of thousands of actors costs one
    dictionary look-up per word of text (one regex alternation of them all would not scale)."""

    WORD = re.compile(r"\w+")

    def __init__(self, registry: Registry):
        self.registry = registry
        self.by_alias = registry.by_alias()
        self.by_first: dict[str, list[str]] = {}
        for alias in sorted(self.by_alias, key=len, reverse=True):
            first = self.WORD.search(alias)
            if first and first.start() == 0:
                self.by_first.setdefault(first.group(0), []).append(alias)

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        found, taken_until = [], 0
        if not self.by_first:
            return found
        for word in self.WORD.finditer(text):
            start = word.start()
            if start < taken_until:
                continue
            for alias in self.by_first.get(word.group(0), ()):
                end = start + len(alias)
                if text.startswith(alias, start) and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                    found.append((start, end, self.by_alias[alias]))
                    taken_until = end
                    break
        return found


@dataclass
class _Candidate:
    start: int  # token indices
    end: int
    vote: str
    weight: int
    how: str
    actor: Actor | None = None
    gender: str | None = None


def _is_role_token(tok: Token) -> bool:
    return _is_role_word(tok.lower_)


@lru_cache(maxsize=65536)
def _is_role_word(lower: str) -> bool:
    """A title or office, also in the plural ("Vice Presidents Ann Cole and Dan Roe")."""
    return lower in ROLE_WORDS or any(part in ROLE_WORDS or (part.endswith("s") and part[:-1] in ROLE_WORDS)
                                      for part in lower.split("-") if part)


def _is_party_token(tok: Token) -> bool:
    return tok.lower_ in PARTY_FORMS


def _trim(doc: Doc, span: Span, label: str) -> tuple[int, int, str | None]:
    """Strip determiners, honorifics, titles, possessives and trailing common words."""
    start, end, gender = span.start, span.end, None
    while start + 2 < end and doc[start].is_lower and doc[start + 1].text == "-" and not doc[start].whitespace_ \
            and not names.is_particle(doc[start].text):
        start += 2  # a word prefixed to a name is not part of it: "pro-Roe", "ex-Roe" (but "al-Roe" is)
    if label == "PERSON":  # "the Agency’s Ann Cole", "Acme Press’ Twitter": the name after the owner's
        start = max([start] + [t.i + 1 for t in doc[start:end - 1] if t.text in POSSESSIVE])
    while start < end and (doc[start].lower_ in ("the", "a", "an")
                           # "earlier Acme Party", "her Acme" (not "Our Fund"), "- Acme"
                           or (end - start > 1 and (doc[start].is_punct or (
                               doc[start].is_alpha and doc[start].is_lower and not names.is_particle(doc[start].text))))
                           or doc[start].lower_ in HONORIFICS
                           or doc[start].text in POSSESSIVE  # "’s Residence": the end of another name
                           or doc[start].text.startswith("@")  # a handle ("@POTUS Biden")
                           or (label == "PERSON" and end - start > 1
                               and (_is_role_token(doc[start]) or _is_party_token(doc[start])))):
        gender = HONORIFICS.get(doc[start].lower_, gender)
        start += 1
    brackets = [t.i for t in doc[start:end] if t.text in ("(", "[") or "\n" in t.text]
    if brackets and brackets[0] > start:  # "World Health Organization (WHO": the acronym is its own
        end = brackets[0]  # mention; and a name never runs over a line break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].text.startswith("@")  # a handle after a name: no part of it
                           or (_ends_no_body_name(doc[end - 1]) if label != "PERSON" else _ends_no_name(doc[end - 1]))):
        end -= 1
    if label != "PERSON" and end - start > 1 and doc[end - 1].is_digit and names.canonical_place(doc[start:end - 1].text):
        end -= 1  # a score or a count after a place is no part of its name ("Portugal 2 – 1 Ghana")
    if label == "PERSON":
        start = _given_name_start(doc, start, end)
        end = _with_suffix(doc, _name_end(doc, start, end))
    return start, end, gender


def _ends_no_name(tok: Token) -> bool:
    """A lower-case word ("a Reddit regular") or a number (an age, a count: "Ann Roe 16"): not the
    end of a person's name, unless a particle ("Omar al-", taken back by `_name_end` with the
    surname after it)."""
    return (tok.is_lower and tok.is_alpha and not names.is_particle(tok.text)) or tok.is_digit


def _ends_no_body_name(tok: Token) -> bool:
    """A rank, or a lower-case word other than a legal form ("Acme Water plc"): not the end of a
    body's or place's name."""
    return _is_rank(tok) or (tok.is_lower and not (names.legal_form(tok.text) and not tok.is_stop))


def _given_name_before(doc: Doc, i: int) -> bool:
    """A known given name that the model left out of the one-word name after it ("the singer Ann |
    Vale", "Ambassador Luis | Ortega" read as a place)."""
    return i > 0 and _untagged_name_word(doc[i - 1]) and _given_name(doc[i - 1])


def _surname_after(doc: Doc, end: int) -> bool:
    """A one-word name that is a known given name, and the surname the model left out after it
    ("Ann | Vale" read as a body)."""
    return (end < len(doc) and _untagged_name_word(doc[end]) and not names.is_dictionary_form(doc[end].text)
            and _given_name(doc[end - 1]))


def _untagged_name_word(tok: Token) -> bool:
    """A proper noun written like a name, in no entity of the model's, and no title."""
    return tok.pos_ == "PROPN" and not tok.ent_type_ and _capitalised(tok) and not _is_role_token(tok)


def _given_name(tok: Token) -> bool:
    """A known given name that is not a place's name too ("Georgia Power")."""
    return names.is_first_name(tok.text) and not names.canonical_place(tok.text)


def _in_title(doc: Doc, start: int, end: int) -> bool:
    """A field named in a title, part of the title rather than an organisation: plain words right
    after "<title> of (the)" ("Secretary of Commerce", "Minister of Foreign Affairs", "Secretary of
    the Treasury"), a portfolio before a title ("Foreign Affairs minister"), or a country and plain
    words before a title ("U.S. Trade Representative")."""
    span = doc[start:end]
    if not span or names.without_complement(span.text).split()[-1].lower() in ORGANIZATION_HEADS | FACILITY_HEADS:
        return False  # "editor of World Policy Journal", "director of the Center for ...": a body
    the = start >= 1 and doc[start - 1].lower_ == "the"
    if start - the >= 2 and doc[start - the - 1].lower_ == "of" and _is_role_token(doc[start - the - 2]):
        return (len(span) == 1 or not the) and (_plain_words(span) or _portfolio(span))
    if not (end < len(doc) and _is_role_token(doc[end])):
        return False
    if _portfolio(span):
        return True
    if not _capitalised(doc[end]):
        return False
    # A single word before a title may be a body's own name ("Kremlin Spokesman", "Fed Chair"), but
    # a country's field is not ("U.S. Trade Representative").
    country = next((i for i in range(end - 1, start, -1)
                    if names.canonical_place(doc[start:i].text) in names.countries()), None)
    return country is not None and _plain_words(doc[country:end])


def _plain_words(span: Span) -> bool:
    return all(names.is_dictionary_word(t.text) for t in span)


def _portfolio(span: Span) -> bool:
    """Adjectives before a plural ("Foreign Affairs", "External Relations"): a government
    portfolio's name; not a company's ("Renaissance Technologies")."""
    *before, last = span
    return (len(span) > 1 and not names.is_dictionary_word(last.text) and names.is_dictionary_form(last.text)
            and all(thesaurus.is_adjective(t.lower_) for t in before))


def _is_rank(tok: Token) -> bool:
    """An abbreviated rank or title ("Lt", "Gen.", "Sgt") that the model ran into an
    organisation's name ("Coast Guard Lt. Ann Cole")."""
    short = tok.lower_.rstrip(".")
    return len(short) <= 4 and (short in ROLE_WORDS or f"{short}." in ROLE_WORDS)


def _capitalised(tok: Token) -> bool:
    """Written like a name: "Smith", "McAllister", "DeWitt", "O'Neill" (str.istitle rejects the
    inner capitals), "JD"; not an acronym of three or more letters."""
    return tok.text[:1].isupper() and (len(tok.text) <= 2 or not tok.text.isupper())


def _given_name_start(doc: Doc, start: int, end: int) -> int:
    """Where a person's name begins inside a span that glued a title, office, party label or a
    word of the sentence or a people to it ("Commerce Ann Cole", "Tory Dana Holt", "Mayor of Leeds Ann Cole"
    tagged "Leeds Ann Cole", "Praising Roe" at a sentence's start): at the first known given name,
    when every word before it is a dictionary word, a title, a party or a known place (so "Ana
    Maria Lopez" stays whole); without a given name, after the leading dictionary words and a
    title the parser read as part of the name ("Actress Amandla Vale"; but "Judge Roe")."""
    def glued(tok: Token) -> bool:  # (also a people: "Floridians Jeb Roe", "Lithuanian Ann Roe")
        return (names.is_dictionary_form(tok.text) or tok.text in POSSESSIVE or _is_party_token(tok)
                or _is_role_token(tok) or names.is_dictionary_proper_noun(tok.text))

    for k in range(start, end - 1):
        if names.is_first_name(doc[k].text) and _capitalised(doc[k + 1]):
            if k > start and all(glued(t) or names.canonical_place(t.text) for t in doc[start:k]):
                return k
            return start
    # Not a word the parser reads as a name: nicknames are given names too ("Spike Lee").
    while end - start > 1 and glued(doc[start]) and _capitalised(doc[start + 1]) and (
            doc[start].pos_ != "PROPN" or (end - start > 2 and names.is_title_word(doc[start].lower_))):
        start += 1
    return start


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Where a person's name ends when it goes on past `end`: the tokenizer splits at hyphens and
    the model or a title's run sometimes stops there ("Kim Jong-un", "Nana Akufo-Addo"), or at a
    lower-case surname particle ("Anna von der Heide", "Omar al-Rashid", "Khalid bin Zayed")."""
    def joined(i: int) -> bool:  # doc[i] is a hyphen written with no space on either side
        return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_
                and not doc[i].whitespace_ and doc[i + 1].is_alpha)

    def particle(i: int) -> bool:  # a particle, not the same word used as a verb or conjunction
        return (i < len(doc) and doc[i].is_lower and names.is_particle(doc[i].text)
                and doc[i].pos_ not in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADV", "PART"))

    while end - start > 1 and particle(end - 1):  # the model stopped after a particle: "Anna von der"
        end -= 1
    while end < len(doc):
        if joined(end) and (doc[end + 1].is_lower or end - start > 1 or particle(end - 1)):
            # A lower-case part is a syllable of a given name ("Jong-un"); a capitalised one joins
            # a full name ("Nana Akufo-Addo") but not a lone word ("the Clinton-Sanders race").
            end += 2
            continue
        k = end
        while particle(k):  # "von der"
            k += 1
        if k == end or k >= len(doc) or not (joined(k) or (_capitalised(doc[k]) and doc[k].is_alpha)):
            return end
        if joined(k):
            end = k  # the particle's hyphen is taken on the next round
            continue
        end = k + 1
        while end < len(doc) and _capitalised(doc[end]) and doc[end].is_alpha and doc[end].pos_ == "PROPN" \
                and not _is_role_token(doc[end]) and doc[end].ent_type_ in ("", "PERSON"):
            end += 1  # a family name of several words: "bin Zayed Al Nahyan"
    return end


def _person_tail(doc: Doc, start: int, end: int) -> int | None:
    """Start of a person's name that ends an organisation or place span ("Harbor Agency
    Administrator Ann Cole", "Port Security Dana Holt"): a known given name followed by
    one or two capitalised words, with something before it that is not a given name. A name the
    gazetteer knows whole ("New York City") has no person in it."""
    if names.canonical_place(doc[start:end].text):
        return None
    for k in range(start + 1, end - 1):
        if (names.first_name_gender(doc[k].text) and end - k <= 3
                and all(_capitalised(t) and t.is_alpha | ("-" in t.text) for t in doc[k:end])
                and not names.is_first_name(doc[k - 1].text) and doc[k - 1].pos_ != "ADP"  # "Center for Marine Policy"
                and names.name_type(doc[k:end].text) not in ("organization", "place")):
            return k
    return None


def _model_spans(doc: Doc) -> list[Span]:
    """The model's entities, with a place written as "City, Region" made one when the gazetteer
    knows the whole ("Washington, D.C.": the model tags the two parts), and spans that hold two
    names made two: any over a spaced slash, a person's over "and" (no one's name holds it: "Ann and Dan Roe")
    or over "of" after a full name (a body or place: "Tom Roe of Jefferies"), a body's or building's over
    "at" before its host's name ("the Roe Museum at Acme University"), a body's
    over a possessive whose owner's own words name a body or place (the owner and what it owns:
    "the U.S. Navy’s Fifth Fleet"; but "the People’s Republic", "the G7 Leaders’ Summit", and a
    head word alone after it is the end of one name: "the Police Patrolmen’s Association")."""
    joined: list[Span] = []
    for ent in _split_in_two(doc.ents):
        prev = joined[-1] if joined else None
        if (prev is not None and prev.label_ == ent.label_ == "GPE" and ent.start == prev.end + 1
                and doc[prev.end].text == "," and names.canonical_place(prev.doc[prev.start:ent.end].text)):
            joined[-1] = Span(prev.doc, prev.start, ent.end, label="GPE")
        else:
            joined.append(ent)
    return joined


def _split_in_two(ents: tuple[Span, ...]) -> list[Span]:
    split = []
    for ent in ents:
        joins = {"PERSON": ("and", "&"), "ORG": tuple(POSSESSIVE)}.get(ent.label_, ())
        cut = next((t.i for t in ent[1:-1] if (t.lower_ in joins or _spaced_slash(t)) and _capitalised(ent.doc[t.i + 1])),
                   None)
        if cut is not None and ent.label_ == "ORG" and (
                names.name_type(ent.doc[ent.start:cut].text.removeprefix("the ")) not in ("organization", "place")
                or (cut + 2 == ent.end and ent.doc[cut + 1].lower_ in ORGANIZATION_HEADS | FACILITY_HEADS)):
            cut = None
        after = ent.label
        if cut is None and ent.label_ in ("ORG", "FAC"):
            cut = next((t.i for t in ent[1:-1] if t.lower_ == "at" and _hosted(ent.doc, ent.start, t.i, ent.end)), None)
            after = ent.doc.vocab.strings["ORG"]
        if cut is None and ent.label_ == "PERSON" and names.is_first_name(ent[0].text):
            # "Tom Roe of Jefferies": a full name, then where they are from (not "Robert’s Rules of Order")
            cut = next((t.i for t in ent[2:-1] if t.lower_ == "of" and _capitalised(ent.doc[t.i + 1])
                        and all(w.is_alpha and _capitalised(w) for w in ent.doc[ent.start:t.i])), None)
            after = ent.doc.vocab.strings["ORG"]
        split += [ent] if cut is None else [Span(ent.doc, ent.start, cut, label=ent.label),
                                            Span(ent.doc, cut + 1, ent.end, label=after)]
    return split


def _hosted(doc: Doc, start: int, at: int, end: int) -> bool:
    """A body or building named with the body that hosts it ("the Harlow Museum of Art at Kestrel
    University"): two names, each with its own head word. A place after "at" is part of the name
    ("the University of Texas at Austin")."""
    host = doc[at + 1:end].text.removeprefix("the ")
    return (names.name_type(doc[start:at].text.removeprefix("the ")) in ("organization", "place")
            and _capitalised(doc[at + 1]) and (names.name_type(host) == "organization" or names.is_facility_name(host)))


def _spaced_slash(tok: Token) -> bool:
    """A slash with a space on each side parts two names ("Acme Center / Apex Galleries"); written
    tight, it is inside one ("West Bank/Gaza Mission")."""
    return tok.text == "/" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _ner_candidates(doc: Doc, ignore: frozenset[str]) -> list[_Candidate]:
    found = []
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in _model_spans(doc):
        if ent.start > 0 and _capitalised(doc[ent.start - 1]) and name_key(doc[ent.start - 1:ent.end].text) in PARTY_FORMS:
            ent = Span(ent.doc, ent.start - 1, ent.end, label=ent.label)  # "Liberal" + "Democrats": the whole party's name
        if ent.label_ in ("NORP", "ORG", "PERSON") and name_key(ent.text.removeprefix("the ")) in PARTY_FORMS:
            start, end, _ = _trim(doc, ent, "ORG")  # "Tories", "the GOP": the party
            if end > start:  # nothing left: a lower-case word ("tory"), not the party's name
                found.append(_Candidate(start, end, "organization", 3, "ner"))
            continue
        if ent.label_ not in LABELS:
            continue
        start, end, gender = _trim(doc, ent, ent.label_)
        if ent.label_ == "ORG" and _in_title(doc, start, end):
            continue
        given_before = end - start == 1 and start == ent.start and _given_name_before(doc, start)
        surname_after = end - start == 1 and end == ent.end and _surname_after(doc, end)
        start, end = start - given_before, end + surname_after
        # A place the model glued before a name ("Mayor of Leeds Ann Cole") is a place of its own.
        found += [_Candidate(t.i, t.i + 1, "place", 2, "ner") for t in doc[ent.start:start]
                  if ent.label_ == "PERSON" and _capitalised(t) and names.canonical_place(t.text)]
        tail = _person_tail(doc, start, end) if ent.label_ != "PERSON" else None
        if tail is not None:
            found.append(_Candidate(tail, end, "person", 2, "ner"))
            end = tail
            while end > start and _is_role_token(doc[end - 1]):
                end -= 1
            if ent.label_ == "ORG" and _in_title(doc, start, end):  # "Secretary of Commerce | Ann Cole"
                continue
        text = doc[start:end].text if end > start else ""
        if (not re.search(r"[A-Z]", text) or name_key(text) in ignore or not name_key(text)
                or not names.could_be_name(text) or names.is_lawsuit(text)):
            continue
        if all(_is_role_token(t) or _is_party_token(t) for t in doc[start:end]):
            continue
        if ent.label_ == "PERSON" and end - start >= 2 and all(
                names.is_dictionary_form(t.text) and not names.is_first_name(t.text) for t in doc[start:start + 2]):
            continue  # no one's name opens with two dictionary words: "Space Shuttle Columbia", "Bat Cave"
        vote, weight = ("person", 2) if given_before or surname_after else (LABELS[ent.label_], 1)
        vote = _checked_vote(doc, ent.label_, start, end, vote, surnames)
        if vote is None:
            continue
        if vote == "organization" and tail is None:  # (not after a person's name was split off)
            end = _organization_end(doc, start, end)
        if vote == "person" and end - start == 1 and start > 0 and doc[start - 1].lower_ in LOCATIVE \
                and not (end < len(doc) and doc[end].text in POSSESSIVE):
            vote, weight = "place", 2  # "arrived in Kyiv": the small model sometimes says PERSON
        elif vote == "organization" and GEOGRAPHIC.search(text):
            vote, weight = "place", 2  # "Indo-Pacific", "the Gulf", "Asia Pacific": regions, not bodies
        found.append(_Candidate(start, end, vote, weight, "ner", gender=gender))
    return found


def _checked_vote(doc: Doc, label: str, start: int, end: int, vote: str, surnames: set[str]) -> str | None:
    """The model's type where the words allow it: "the Beatles" is a group, not a person; None for
    words that are no actor's name."""
    if label == "PERSON" and _a_group(doc, start, end):
        return "organization"
    if vote == "organization" and end - start > 1 and end < len(doc) and doc[end].lower_ in EVENT_HEADS \
            and not names.name_type(doc[start:end].text):
        return None  # a study's or a programme's name, before its head word: "the Harbor Water Quality study"
    return None if vote != "person" and _not_a_name(doc, start, end, surnames) else vote


def _a_group(doc: Doc, start: int, end: int) -> bool:
    """A plural name after "the" ("the Beatles", "the Roes") names a group or a family, never one
    person; a family is told from a body later, by the surnames of the corpus."""
    tok = doc[start]  # (not a modifier: "the Roe family", "the Roe campaign")
    return (end - start == 1 and start > 0 and doc[start - 1].lower_ == "the" and tok.text.endswith("s")
            and _capitalised(tok) and not tok.text.endswith(("ss", "'s", "’s")) and tok.dep_ != "compound")


def _desk_marker(doc: Doc, start: int, end: int) -> bool:
    """A dictionary word in capitals alone on its line ("END", "MORE"): a newsroom's marker."""
    tok = doc[start]
    alone = (start == 0 or "\n" in doc[start - 1].text) and (end == len(doc) or "\n" in doc[end].text
                                                               or doc[end].is_space)
    return end - start == 1 and alone and tok.is_upper and names.is_dictionary_word(tok.text)


def _not_a_name(doc: Doc, start: int, end: int, surnames: set[str]) -> bool:
    """A newsroom's marker, or words the parser reads as a verb phrase or a modifier, capitalised by
    a heading ("To Invest in Better Schools", "Raising fees", "a Peaceful transition"): no body's
    or place's name. A word that is a name elsewhere is one here too ("a Trump presidency", "Nice",
    "the Post"), and a head word makes a name ("Grow Rivia Foundation")."""
    first = doc[start]
    if (end - start == 1 and start > 0 and doc[start - 1].lower_ in OWNER_WORDS and first.dep_ != "compound"
            and names.is_dictionary_form(first.lower_) and first.lower_ not in ONE_INSTITUTION_HEADS
            and not names.canonical_place(first.text)):
        return True  # a common noun after "our", "their": no name ("our Partners"; but "their Senate seats", "our Senate")
    return _desk_marker(doc, start, end) or (names.is_dictionary_word(first.lower_) and first.text not in surnames
            and not (names.name_type(doc[start:end].text) or _is_party_token(first)
                     or names.is_dictionary_proper_noun(first.text) or names.canonical_place(first.text))
            and (first.pos_ in ("VERB", "AUX") or (end - start == 1 and first.pos_ in ("ADJ", "ADV")
                                                    and _title_cased(doc, start))))


def _title_cased(doc: Doc, i: int) -> bool:
    """Token i is capitalised by style, not as a name: it opens a sentence or line, it is written
    in capitals for emphasis ("we have NEVER been"), or it stands in a heading's run of capitals
    ("a Successful, Fair and Open Transition": the nearest word before or after it, small words
    aside and not a sentence's first, is capitalised too). A proper adjective in running text has
    lower-case words around it ("the Liberal leader")."""
    token, k = doc[i], i - 1
    while k >= 0 and not doc[k].is_alpha and "\n" not in doc[k].text:  # the word or line break before it ("~ Bold")
        k -= 1
    if token.is_sent_start or k < 0 or "\n" in doc[k].text or (token.is_upper and len(token) > 1):
        return True
    before = next((doc[j] for j in range(i - 1, max(i - 4, -1), -1) if _plain_word(doc[j])), None)
    after = next((doc[j] for j in range(i + 1, min(i + 4, len(doc))) if _plain_word(doc[j])), None)
    return any(t is not None and t.text[:1].isupper() and not t.is_sent_start for t in (before, after))


def _plain_word(tok: Token) -> bool:
    """A word, not a small one ("and", "of") nor punctuation."""
    return tok.is_alpha and tok.lower_ not in STOPWORDS


def _organization_end(doc: Doc, start: int, end: int) -> int:
    """Where a body's name ends when the model cut it at its complement: "Agency" + "for
    International Development", "Council on Foreign Relations", "Center for Middle East" +
    "Policy". The complement is a run of capitalised words, not a date. A university's campus
    after "at" is part of its name ("University of Harbor State at Eastport")."""
    head = doc[end - 1].lower_ in ORGANIZATION_HEADS
    if head and end + 1 < len(doc) and doc[end].lower_ in COMPLEMENT_WORDS:
        first = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        stop = _capitalised_run(doc, first)
        if first > end + 1 and names.canonical_place(doc[first:stop].text):
            return end  # "University of the US": where it is, not its name
        return stop if stop > first else end
    if any(t.lower_ in COMPLEMENT_WORDS for t in doc[start + 1:end - 1]):
        end = _capitalised_run(doc, end)
    if end + 1 < len(doc) and doc[end].lower_ == "at" and any(t.lower_ in ("university", "college") for t in doc[start:end]):
        stop = _capitalised_run(doc, end + 1)
        place = names.canonical_place(doc[end + 1:stop].text) or all(
            t.ent_type_ in ("GPE", "LOC", "FAC") for t in doc[end + 1:stop])  # (the model's, or the gazetteer's)
        return stop if stop > end + 1 and place else end
    return end


def _capitalised_run(doc: Doc, i: int) -> int:
    """The end of the run of up to six capitalised words from `i`, not a date or a person."""
    j = i
    while j < min(i + 6, len(doc)) and _capitalised(doc[j]) and doc[j].text.strip(".").isalpha() \
            and doc[j].lower_ not in names.CALENDAR and doc[j].ent_type_ not in ("DATE", "PERSON"):
        j += 1
    return j


def _titled_candidates(doc: Doc) -> list[_Candidate]:
    """A proper name right after a title or honorific is a person ("Secretary-General Jens Stoltenberg")."""
    found = []
    i = 1
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or not _capitalised(tok) or _is_role_token(tok) or tok.lower_ in HONORIFICS:
            i += 1
            continue
        prev = doc[i - 1]
        # "Secretary-General" is split by the tokenizer; spun copy writes "Secretary-Normal".
        hyphenated = i >= 3 and doc[i - 2].text == "-" and _is_role_token(doc[i - 3])
        if _is_role_token(prev) or prev.lower_ in HONORIFICS or hyphenated:
            end = i
            while end < len(doc) and end - i < 4:
                if doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
                        and _capitalised(doc[end + 1]):  # "Keller-Sutter"
                    end += 2
                    continue
                if not (doc[end].pos_ == "PROPN" and _capitalised(doc[end])
                        and (not _is_role_token(doc[end]) or _before_suffix(doc, end + 1) or _surname_last(doc, i, end))
                        and doc[end].ent_type_ not in ("DATE", "TIME", "GPE", "NORP")):
                    break
                end += 1
            if end > i:
                end = _with_suffix(doc, _name_end(doc, i, end))
                # A dictionary word and a number after a title word is a document ("Executive Order
                # 14001"), and a head word after one ends a body's or building's name ("Eastport
                # General Hospital", "General Assembly").
                numbered = end < len(doc) and doc[end].like_num and names.is_dictionary_form(doc[end - 1].text)
                headed = doc[end - 1].lower_ in ORGANIZATION_HEADS | FACILITY_HEADS
                if not (numbered or headed):
                    found.append(_Candidate(i, end, "person", 3, "title", gender=HONORIFICS.get(prev.lower_)))
                i = end
                continue
        i += 1
    return found


def _employer_candidates(doc: Doc) -> list[_Candidate]:
    """A name the model left untagged right before a person's title is who they work for
    ("Zentrix co-founder Dana Holt", "FDPA Director Sam Kell"): a body, or a place the gazetteer
    knows. Only words no dictionary lists or letters count: "Majority" in "Senate Majority Leader"
    and "Press" in "Press Secretary" are part of the title, and a person's name before a title
    ("Roe adviser Ann Cole") is tagged by the model and left to it."""
    def employer_word(tok: Token) -> bool:  # (letters of three or more: "TV reporter" names no one)
        return (tok.text[:1].isupper() and tok.is_alpha and tok.pos_ in ("PROPN", "NOUN") and not tok.ent_type_
                and not (_is_role_token(tok) or _is_party_token(tok) or tok.lower_ in HONORIFICS)
                and (len(tok) > 2 if tok.is_upper else not (names.is_dictionary_form(tok.text)
                                                            or names.is_first_name(tok.text))))

    found = []
    for ent in doc.ents:
        if not (ent.label_ == "PERSON" and ent.start > 0 and _is_role_token(doc[ent.start - 1])):
            continue
        end = ent.start - 1  # the title's first word
        while end > 0 and (_is_role_token(doc[end - 1]) or doc[end - 1].lower_ in TITLE_MODIFIERS | {"co", "-"}):
            end -= 1
        start = end
        while start > 0 and end - start < 3 and employer_word(doc[start - 1]):
            start -= 1
        # (the whole name: not the end of a longer one, "Acme Trust Fund", "Norland-AFT")
        if start < end and not (start > 0 and (doc[start - 1].text == "-" or (
                doc[start - 1].pos_ == "PROPN" and _capitalised(doc[start - 1])))):
            vote = "place" if names.canonical_place(doc[start:end].text) else "organization"
            found.append(_Candidate(start, end, vote, 2, "employer"))
    return found


def _kind_candidates(doc: Doc) -> list[_Candidate]:
    """A name right after a lower-case noun that says what kind of body it is ("the company Acme
    Data", "the group Sunrise", "US team Vexa"): a body, whatever the model made of it. Not a
    person's name ("the group Ann Roe founded"), a title or a date."""
    found = []
    for tok in doc:  # (not doc[:-1]: a slice makes a Span, whose tokens spaCy builds anew)
        if not (tok.lower_ in BODY_KINDS and tok.is_lower) or tok.i + 1 == len(doc):
            continue
        start = end = tok.i + 1
        while end < len(doc) and end - start < 4 and doc[end].text[:1].isupper() and doc[end].text.isalnum() \
                and not _is_role_token(doc[end]) and doc[end].lower_ not in names.CALENDAR:
            end += 1
        if end == start or (end - start == 1 and (len(doc[start]) < 3 or names.is_dictionary_word(doc[start].lower_))):
            continue  # (not a word of the sentence: "the group Free")
        if end + 1 < len(doc) and doc[end].lower_ in COMPLEMENT_WORDS and (stop := _capitalised_run(doc, end + 1)) > end + 1:
            end = stop  # ("the group Comic Aid of Rivia")
        # the model's whole name ("Cushman & Wakefield"), typed by the noun
        end = max([end] + [e.end for e in doc.ents if e.start <= start < e.end])
        if not (names.is_first_name(doc[start].text) and end - start > 1):
            found.append(_Candidate(start, end, "organization", 1, "kind"))
    return found


def _surname_last(doc: Doc, start: int, i: int) -> bool:
    """A title word that ends a name after its given name is a surname ("Senator Ann T. King said")."""
    first = doc[start].text
    return i > start and names.is_first_name(first) and not names.is_title_word(first.lower()) and not (
        i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and _capitalised(doc[i + 1]))


def _before_suffix(doc: Doc, i: int) -> bool:
    """Token i starts a name's suffix ("Jr.", ", Sr."): the word before it is a surname, even
    one that is also a title ("Martin King, Jr.")."""
    i += doc[i].text == "," if i < len(doc) else 0
    return i < len(doc) and doc[i].lower_.rstrip(".") in ("jr", "sr")


def _with_suffix(doc: Doc, end: int) -> int:
    """A person's name goes on through its suffix ("Ann Cole, Jr."): the fullest form is the name."""
    return end + (2 if doc[end].text == "," else 1) if _before_suffix(doc, end) else end


def _label_candidates(doc: Doc) -> list[_Candidate]:
    """A paragraph that opens with a name (after a title, if any) and a comma, a colon or the topic
    ("Jane Roe, Director of ...: “...”", "Pilot Jane Roe on the landing: “...”"), as statement
    compilations and transcripts do: a known given name and one to three capitalised words is
    a person, whatever the model made of it."""
    found = []
    # A relative of a person the article names ("Ann Cole" ... "Maribeth Cole:"): a given name the
    # name lists may not know, before a known surname.
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    surnames = {e[-1].text for e in people if len(e) > 1}
    person_words = {w.casefold() for e in people for w in e.text.split()}
    starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text and t.i + 1 < len(doc)]
    for first in starts:
        start = first
        while start < min(first + 3, len(doc)) and _capitalised(doc[start]) and not names.first_name_gender(
                doc[start].text) and (_is_role_token(doc[start]) or names.is_dictionary_word(doc[start].text)
                                      or doc[start].lower_.rstrip(".") in HONORIFICS):
            start += 1  # a title or honorific before the name ("Mr Roe, a farmer, said")
        end = start
        while end < len(doc) and end - start < 4 and _capitalised(doc[end]) and doc[end].is_alpha:
            end += 1
        if (end - start >= 2 and end < len(doc) and (doc[end].text in (",", ":") or doc[end].lower_ == "on")
                and not names.is_dictionary_word(doc[end - 1].text)
                and (names.first_name_gender(doc[start].text) or doc[end - 1].text in surnames)):
            found.append(_Candidate(start, end, "person", 2, "label"))
        elif span := _transcript_label(doc, first, person_words):
            found.append(_Candidate(*span, "person", 2, "label"))
        elif span := _body_label(doc, first, person_words):
            found.append(_Candidate(*span, "organization", 2, "label"))
    return found


def _body_label(doc: Doc, first: int, person_words: set[str]) -> tuple[int, int] | None:
    """A body's name that opens a paragraph as the label of its quote ("HFL: “...”", "The Harbor
    Union Advocacy Center: “...”", "The Roe Family: “...”", as round-ups of statements write): an
    acronym that is no word and no person's name, or capitalised words with a body's or
    building's head word. A heading ("Organizations:") is followed by no quote."""
    first += doc[first].lower_ == "the" and first + 1 < len(doc)
    end = first
    while end < min(first + 6, len(doc)) and (_capitalised(doc[end]) or doc[end].text.isupper()) and doc[end].is_alpha:
        end += 1
    if end == first or end + 1 >= len(doc) or doc[end].text != ":" or doc[end + 1].text not in QUOTE_MARKS:
        return None
    words = [t.text for t in doc[first:end]]
    if len(words) == 1:
        word = words[0]
        acronym = word.isupper() and 2 <= len(word) <= 6 and not names.is_dictionary_word(word)
        return (first, end) if acronym and word.casefold() not in person_words else None
    heads = {w.lower() for w in words} & (ORGANIZATION_HEADS | FACILITY_HEADS)
    return (first, end) if heads and not names.is_first_name(words[0]) else None


def _transcript_label(doc: Doc, first: int, person_words: set[str]) -> tuple[int, int] | None:
    """The name in a transcript's capitalised speaker label ("PRESIDENT ROE:", "MS. DOE:"): the
    words after the titles, when a title names them a person or the article names them in
    ordinary case. Labels such as "MODERATOR:" or "CORRECTION:" name no one."""
    def capitals(i: int, most: int) -> int:  # the end of a run of words in capitals ("GOV." too)
        j = i
        while j < min(i + most, len(doc)) and ((doc[j].text.isupper() and doc[j].text.strip(".").isalpha())
                                                or (doc[j].text == "." and j > i)):
            j += 1
        return j

    end = label_end = capitals(first, 8)
    if label_end + 1 < len(doc) and doc[label_end].text == ",":  # "DR. ANN ROE, STATE HEALTH COMMISSIONER:"
        role_end = capitals(label_end + 1, 6)
        if any(_is_role_token(t) for t in doc[label_end + 1:role_end]):
            label_end = role_end
    if end == first or label_end >= len(doc) or doc[label_end].text != ":":
        return None
    start = first
    while start < end and (_is_role_token(doc[start]) or doc[start].lower_ in HONORIFICS or doc[start].lower_ == "the"
                           or f"{doc[start].lower_}." in ROLE_WORDS or doc[start].text == "."):
        start += 1
    titled = start > first
    words = [t.text for t in doc[start:end] if not names.REGNAL_NUMBER.fullmatch(t.text)]  # "KING ABDULLAH II"
    if not words or "." in words or not (titled or all(w.casefold() in person_words for w in words)):
        return None
    return start, end


def _speaker_candidates(doc: Doc) -> list[_Candidate]:
    """A capitalised subject of a speech verb, or of a sentence holding a quote, that the model left
    untagged is most likely a person ("O’Donnell said", tagged by the small model as a common noun)."""
    found = []
    quoted = {doc.sentence_start(t.i) for t in doc if t.text in QUOTE_MARKS}  # (a quote has two marks)
    quoting = {doc.sentence(start).root.i for start in quoted}
    for tok in doc:
        if tok.pos_ != "VERB" or (tok.lemma_.lower() not in SPEECH_VERBS and tok.i not in quoting):
            continue
        for subj in tok.children:
            mis_tagged = subj.dep_ == "advmod" and subj.i == tok.i - 1  # "Skelly said" parsed as an adverb
            if (subj.dep_ == "nsubj" or mis_tagged) and _looks_like_name(subj):
                start = subj.i
                while start > 0 and doc[start - 1].dep_ == "compound" and _looks_like_name(doc[start - 1]):
                    start -= 1
                found.append(_Candidate(start, subj.i + 1, "person", 1, "speaker"))
    return found + _source_candidates(doc)


def _source_candidates(doc: Doc) -> list[_Candidate]:
    """An untagged name given as a source ("according to the Coastal Herald", "Harbor World's
    analysis concluded"), when its own words say what it is: publications the model misses."""
    found = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            start = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
        elif tok.lemma_.lower() in SOURCE_NOUNS and (owner := [c for c in tok.children if c.dep_ == "poss"]):
            start = min(t.i for t in owner[0].subtree)
            start += doc[start].lower_ == "the"
        else:
            continue
        end = start
        while end < len(doc) and end - start < 5 and _capitalised(doc[end]) and doc[end].pos_ == "PROPN" \
                and doc[end].ent_type_ not in LABELS:  # (an outlet the model called an event)
            end += 1
        if end - start >= 2 and (vote := names.name_type(doc[start:end].text)) in ("organization", "person"):
            found.append(_Candidate(start, end, vote, 1, "speaker"))
    return found


SOURCE_LINE = re.compile(r"^[“\"][^”\"\n]{3,}[”\"]\s*[—–-]{1,2}\s*(?:[Tt]he\s+)?([A-Z][^,\n]{1,60}?),\s", re.M)


def _source_list_candidates(doc: Doc) -> list[_Candidate]:
    """The publisher in a list of sources ("“Storm closes port” — Harbor Times, May 4, 2024"):
    a body, whatever the model made of its words."""
    found = []
    for line in SOURCE_LINE.finditer(doc.text):
        span = doc.char_span(*line.span(1), alignment_mode="expand")
        if span is not None:
            found.append(_Candidate(span.start, span.end, "organization", 4, "source"))
    return found


def _looks_like_name(tok: Token) -> bool:
    plural = tok.lower_.endswith("s") and tok.lemma_.lower() != tok.lower_
    return (_capitalised(tok) and not tok.is_upper and tok.is_alpha | ("’" in tok.text or "'" in tok.text) and not tok.ent_type_
            and tok.pos_ in ("PROPN", "NOUN", "ADV", "ADJ", "X") and not _is_role_token(tok) and not plural
            and tok.lower_ not in HONORIFICS and (tok.pos_ == "PROPN" or not tok.is_sent_start or tok.dep_ == "advmod"))


def _registry_candidates(doc: Doc, matcher: RegistryMatcher) -> list[_Candidate]:
    found = []
    for start, end, actor in matcher.find(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.append(_Candidate(span.start, span.end, actor.type, 10, "registry", actor=actor))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, strongest first (registry > title > model)."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=lambda c: (-c.weight, -(c.end - c.start), c.start)):
        if taken.isdisjoint(range(c.start, c.end)):
            taken.update(range(c.start, c.end))
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _cluster(doc: Doc, chosen: list[_Candidate]) -> tuple[list[Cluster], list[tuple[_Candidate, int]]]:
    clusters: list[Cluster] = []
    by_key: dict[str, int] = {}
    assigned: list[tuple[_Candidate, int]] = []

    def cluster_for(key: str, actor: Actor | None = None) -> int:
        if key not in by_key:
            by_key[key] = len(clusters)
            clusters.append(Cluster(len(clusters), registry=actor))
        return by_key[key]

    texts = {(c.start, c.end): doc[c.start:c.end].text for c in chosen}  # (each name's text is read often)

    def text(c: _Candidate) -> str:
        return texts[c.start, c.end]

    # (not a name whose own words say it is no person's: "Obama White House" gives "House" no surname)
    full_names = [c for c in chosen if c.end - c.start > 1 and c.vote == "person"
                  and names.name_type(text(c)) in (None, "person")]
    # Each full name's first word; its surnames: its last word as written and as the model's last
    # token ("al-Assad", "Assad"), and the words after the given name ("Dal Pozzo", "Alarcón Ruiz");
    # and its middle words that are no given name ("Alarcón": a first surname is used alone).
    ends = {f.start: _name_ends(doc, f, text(f)) for f in full_names}
    long_surnames = {s for _, surnames, _ in ends.values() for s in surnames if " " in s}
    marks = _namesake_marks(doc, chosen)
    by_last_word: dict[str, list[_Candidate]] = defaultdict(list)
    for c in chosen:
        if c.end - c.start > 1 and c.vote != "person" and (key_words := name_key(text(c)).split()):
            by_last_word[key_words[-1]].append(c)
    previous: tuple[_Candidate, str] | None = None
    defined: dict[str, str] = {}  # letters defined in brackets -> the key of the name they abbreviate
    for c in chosen:
        mark = None  # the title or gender that sets a lone surname apart from a namesake's
        if c.actor:
            key = f"registry:{c.actor.id}"
        elif previous and _bracketed_acronym(doc, previous[0], c):  # "Federal Bureau of Investigation (FBI)"
            key = defined[text(c)] = previous[1]
            c = _Candidate(c.start, c.end, previous[0].vote, previous[0].weight, c.how)
        elif text(c) in defined:  # the letters again, later: the same actor
            key = defined[text(c)]
        elif c.end - c.start == 1 or _double_barrelled(text(c)) or text(c).casefold() in long_surnames:
            word = text(c)
            if surname_of := _full_names_of(doc, chosen, full_names, ends, c):
                before = [f for f in surname_of if f.start < c.start]
                full = before[-1] if before else surname_of[0]
                key = _key_of(full, text(full))
                c = _Candidate(c.start, c.end, "person", 1, "surname" if c.how == "ner" else c.how, gender=c.gender)
            elif (company := _company_short_form(doc, chosen, c)) is not None:
                key = _key_of(company, text(company))
                c = _Candidate(c.start, c.end, "organization", 1, c.how)
            else:
                key = _shortened_from(doc, by_last_word, c) or _key_of(c, text(c))
                if mark := _mark_of(marks.get(word.casefold()), c.start):
                    key = f"{key}|{mark}"
        else:
            key = _shortened_from(doc, by_last_word, c) or _key_of(c, text(c))
        if not c.actor and _the_state(doc, previous, c):
            key, mark = f"{key}|state", "state"
        idx = cluster_for(key, c.actor)
        cluster = clusters[idx]
        cluster.namesake = cluster.namesake or mark
        cluster.votes[c.vote] += c.weight
        cluster.forms[text(c)] += 1
        cluster.gender = cluster.gender or c.gender
        cluster.titled += c.how == "title"
        assigned.append((c, idx))
        previous = (c, key)
    for cluster in clusters:
        if not cluster.registry:
            _add_name_evidence(cluster)
    _type_by_list(doc, clusters, assigned)
    return clusters, assigned


def _type_by_list(doc: Doc, clusters: list[Cluster], assigned: list[tuple[_Candidate, int]]) -> None:
    """Names listed together are of one kind ("Acme Bank, Quorvia, Halvorsen and Barrow Capital"): a
    name the article uses once, on the model's word alone, takes the type every other name of its
    list of three or more has, when that is a person or a body. A list is names parted by commas
    and closed by "and" or "or"; commas alone part a name and its place ("Ohio State, Columbus,")."""
    lists, current = [], []
    for item in assigned:
        gap = item[0].start - current[-1][0].end if current else 0
        between = [t.lower_ for t in doc[item[0].start - gap:item[0].start]] if 0 < gap < 3 else []
        if between == [","]:
            current.append(item)
        elif between in (["and"], ["or"], [",", "and"], [",", "or"]):
            lists.append([*current, item])
            current = []
        else:
            current = [item]

    def unsure(c: _Candidate, cluster: Cluster) -> bool:  # (an owner is no list's member: "Roe and Acme's Poe")
        return (c.how == "ner" and not cluster.registry and sum(cluster.forms.values()) == 1
                and sum(cluster.votes.values()) == 1 and not (c.end < len(doc) and doc[c.end].text in POSSESSIVE))

    for items in lists:
        sure = [clusters[i].type for c, i in items if not unsure(c, clusters[i])]
        # (not places: "Salem, Oregon, and Acme U." lists a town and its state, not three places)
        if len(items) >= 3 and len(sure) >= 2 and len(set(sure)) == 1 and sure[0] != "place":
            for c, i in items:
                if unsure(c, clusters[i]):
                    clusters[i].votes[sure[0]] += 2


def _the_state(doc: Doc, previous: tuple[_Candidate, str] | None, c: _Candidate) -> bool:
    """"Seattle, Washington", "Albany, New York", "Governor of Washington": a name that alone means
    a city is the state of that name after a town and a comma, or as a governor's state."""
    if name_key(doc[c.start:c.end].text) not in STATE_NAMED_CITIES or c.start < 2:
        return False
    if doc[c.start - 1].lower_ == "of" and doc[c.start - 2].lower_ == "governor":
        return True
    town = previous[0] if previous else None
    return town is not None and town.end == c.start - 1 and doc[town.end].text == "," and (
        town.vote == "place" or names.canonical_place(doc[town.start:town.end].text) is not None)


def _double_barrelled(word: str) -> bool:
    """A hyphenated surname written alone ("Okonkwo-Bell"; not "G-III"): one word of the model's three tokens."""
    parts = word.split("-")
    return len(parts) > 1 and all(p.isalpha() and p[0].isupper() and not p.isupper() for p in parts)


def _namesake_marks(doc: Doc, chosen: list[_Candidate]) -> dict[str, dict[int, str]]:
    """Surnames written alone after titles that cannot be one person's ("President Roe" and
    "Ambassador Roe"; "Mr. Roe" and "Mrs. Roe") -> each titled mention's start -> its title, or its
    gender after an honorific. An abbreviation is its title's ("Sen." is "Senator")."""
    seen: dict[str, dict[int, str]] = defaultdict(dict)
    for c in chosen:
        if c.how == "title" and c.end - c.start == 1:
            j = c.start
            while j > 0 and (_is_role_token(doc[j - 1]) or doc[j - 1].text == "-"):
                j -= 1
            title = " ".join(t.lower_.rstrip(".") for t in doc[j:c.start] if t.text != "-")
            if title or c.gender:
                seen[doc[c.start].text.casefold()][c.start] = title or c.gender

    def conflicting(found: set[str]) -> bool:
        return any(not (a.startswith(b) or b.startswith(a)) for a in found for b in found)

    found = {}
    for word, by_start in seen.items():
        titles = {s: m for s, m in by_start.items() if len(m) > 1}
        genders = {s: m for s, m in by_start.items() if len(m) == 1}
        kind = titles if conflicting(set(titles.values())) else genders if conflicting(set(genders.values())) else None
        if kind:
            found[word] = kind
    return found


def _mark_of(marks: dict[int, str] | None, start: int) -> str | None:
    """The namesake a lone surname at `start` names: its own title's, or else the one titled last
    before it (first after it, at the article's start)."""
    if not marks:
        return None
    before = [s for s in marks if s <= start]
    at = max(before) if before else min(marks)
    fullest = sorted(marks.values(), key=len, reverse=True)  # "senator" for "sen"
    return next(m for m in fullest if m.startswith(marks[at]))


def _full_names_of(doc: Doc, chosen: list[_Candidate], full_names: list[_Candidate],
                   ends: dict[int, tuple[str, set[str]]], c: _Candidate) -> list[_Candidate]:
    """The article's full names a single word is the surname of; failing that, those it is the
    first word of (family name first: "Mao" for "Mao Ning"); failing that, a middle word of
    (a first surname: "Alarcón" for "Tomás Alarcón Ruiz"). `ends`: each full name's
    `_name_ends`, by its start."""
    word = doc[c.start:c.end].text  # (one written word: "Okonkwo-Bell" is three tokens)
    # (case aside: a transcript's label "ROE:" is the "Ann Roe" of the text)
    key = word.casefold()
    found = ([f for f in full_names if key in ends[f.start][1]] or [f for f in full_names if ends[f.start][0] == key]
             or [f for f in full_names if key in ends[f.start][2] and c.vote != "place"])
    if not found and c.vote == "person":  # "Park said" after "Helen Park" (mis-typed as a place)
        found = [f for f in chosen if f.end - f.start > 1 and doc[f.end - 1].text == word]
    if not found and c.vote == "person" and not names.is_first_name(word):
        # A mistyped surname ("Ortgea said" after "Luis Ortega"), when only one fits.
        typo_of = {doc[f.end - 1].text for f in full_names if names.is_misspelling(word, doc[f.end - 1].text)}
        if len(typo_of) == 1:
            found = [f for f in full_names if doc[f.end - 1].text in typo_of]
    # "Mrs. Roe" is not the man of the Roes named in full ("Ann Roe" or "Sam Roe", not "Dan Roe").
    fitting = [f for f in found if names.first_name_gender(doc[f.start].text) in (c.gender, None)]
    return fitting if c.gender and fitting else found


def _name_ends(doc: Doc, full: _Candidate, text: str) -> tuple[str, set[str], set[str]]:
    """A full name's first word, the forms of its surname, and its middle words that are no
    given name or initial, all case-folded (see `_full_names_of`)."""
    words = text.split()
    surnames = {words[-1].casefold(), doc[full.end - 1].text.casefold()}
    surnames |= {" ".join(words[k:]).casefold() for k in range(1, len(words) - 1) if words[k][:1].isupper()}
    middles = {w.casefold() for w in words[1:-1]
               if w.isalpha() and len(w) > 1 and w[0].isupper() and not names.is_first_name(w)}
    return doc[full.start].text.casefold(), surnames, middles


def _company_short_form(doc: Doc, chosen: list[_Candidate], c: _Candidate) -> _Candidate | None:
    """The one company's name in the article (a legal form or a company's word at its end) that a
    lone word opens ("Quillon" of "Quillon Semiconductor Inc", "Zyx" of "Zyx Holdings"): the short
    name news uses for it. Not a word that is a place, a given name, a dictionary word or an
    acronym; not a product, event or college named after it ("Acme Plus", "Monmouth University")."""
    word = doc[c.start:c.end].text
    if (c.actor or not word.isalpha() or word.isupper() or names.is_dictionary_form(word)
            or names.is_first_name(word) or names.canonical_place(word)):
        return None  # (letters name a body of their own: "CBC" beside "CBC News", "U.N." beside "U.N. Security Council")
    if any(f.vote == "person" and f.end - f.start > 1 and doc[f.end - 1].text == word for f in chosen):
        return None  # a person's surname ("Roe" beside "the Roe Administration")
    bodies = {name_key(doc[f.start:f.end].text): f for f in chosen
              if f.end - f.start > 1 and f.vote == "organization" and not f.actor and doc[f.start].text == word}
    if len(bodies) != 1:
        return None
    (body,) = bodies.values()  # a company's name: not a product, an event or a college named after a town
    name = doc[body.start:body.end].text
    return body if names.is_company_name(name) else None


def _shortened_from(doc: Doc, by_last_word: dict[str, list[_Candidate]], c: _Candidate) -> str | None:
    """The key of the one longer name this body's or place's name ends, written before it in the
    article with a place or an abbreviation before it ("the Security Council" after "the U.N.
    Security Council", "Congress" after "United States Congress"): a shortened reference to it.
    Not when two such names were written ("the Supreme Court" after two states' courts), nor for a
    name known on its own (a party or a country). `by_last_word`: the article's names by last word."""
    text = doc[c.start:c.end].text
    if c.vote == "person" or c.actor or canonical_name(text, c.vote) or names.canonical_place(text):
        return None
    words = name_key(text).split()
    if not words:
        return None
    fits = {name_key(doc[f.start:f.end].text): f for f in by_last_word.get(words[-1], ())
            if f.end <= c.start and f.vote == c.vote and not f.actor and f.end - f.start > c.end - c.start
            and name_key(doc[f.start:f.end].text).split()[-len(words):] == words}
    if len(fits) != 1:
        return None
    (found,) = fits.values()
    qualifier = doc[found.start:found.end - len(words)].text
    # Only a place or an abbreviation before it: "the White House" is not "the House".
    if not (names.canonical_place(qualifier) or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]{2,5}", qualifier)):
        return None
    return _key_of(found, doc[found.start:found.end].text)


def _bracketed_acronym(doc: Doc, name: _Candidate, c: _Candidate) -> bool:
    word = doc[c.start].text
    return (c.end - c.start == 1 and name.end - name.start > 1 and name.end == c.start - 1 and doc[name.end].text == "("
            and ((word.isupper() and len(word) > 1) or _spelled_by(doc, name.start, name.end, word)))


def _acronym_candidates(doc: Doc) -> list[_Candidate]:
    """A name the article abbreviates in brackets ("River Action Network (RAN)", "Department for
    Environment, Food and Rural Affairs (Defra)"): the words whose initials the letters spell are a
    name even where the model missed them, and so are the letters."""
    found = []
    for i in (t.i for t in doc if t.text == "(" and 0 < t.i < len(doc) - 2):
        letters = doc[i + 1].text
        if doc[i + 2].text != ")" or not _acronym_like(letters):
            continue
        start = next((j for j in range(i - 1, max(i - 12, 0) - 1, -1) if _spelled_by(doc, j, i, letters)), None)
        if start is None and letters.isupper():  # letters from another language's name: "... Union (BVKE)"
            start = _capitalised_run_before(doc, i)
            if start is None or names.name_type(doc[start:i].text) != "organization":
                continue
        elif start is None:
            continue
        name = doc[start:i].text
        # Bodies, mostly ("... Network (RAN)"); an event's, act's or programme's letters go with its
        # name, which is no actor ("High-Level Economic Dialogue (HLED)"); not an office's
        # ("High Commissioner for Refugees (UNHCR)": the body is someone's office).
        vote = names.name_type(name)
        heads = {names.without_complement(name).split()[-1].lower(), name.split()[-1].lower()}
        if vote != "person" and not heads & ROLE_WORDS:
            vote = "place" if vote == "place" else "organization"
            found += [_Candidate(start, i, vote, 1, "acronym"), _Candidate(i + 1, i + 2, vote, 1, "acronym")]
    return found


def _capitalised_run_before(doc: Doc, i: int) -> int | None:
    """Where the run of two or more capitalised words (with small words inside: "Council of
    Europe") that ends at token i starts, if one does."""
    start = None
    for j in range(i - 1, max(i - 8, 0) - 1, -1):
        if _capitalised(doc[j]) and doc[j].is_alpha:
            start = j
        elif not (doc[j].lower_ in STOPWORDS and doc[j].is_lower and start is not None):
            break
    if start is not None and doc[start].lower_ == "the":
        start += 1
    return start if start is not None and i - start > 1 else None


def _acronym_like(word: str) -> bool:
    """Letters that can abbreviate a name: "RAN", "Defra", "DoD" (not "Reuters": see `_spelled_by`)."""
    return 2 <= len(word) <= 10 and word.isalpha() and word[0].isupper()


def _spelled_by(doc: Doc, start: int, end: int, letters: str) -> bool:
    """Whether `letters` are the initials of the name doc[start:end], which opens with a capitalised
    word: of its capitalised words ("RAN"), or of all its words ("DoD": Department of Defense)."""
    words = [t.text for t in doc[start:end] if t.is_alpha]
    if not words or not _capitalised(doc[start]) or not all(w[0].isupper() or w in STOPWORDS for w in words):
        return False
    return letters.lower() in ("".join(w[0] for w in words if w[0].isupper()).lower(), "".join(w[0] for w in words).lower())


def _abbreviated_common_nouns(doc: Doc) -> frozenset[str]:
    """Acronyms the article defines as the short form of lower-case words ("greenhouse gas (GHG)",
    "a senior administration official (SAO)"): a kind of thing, never one actor's name."""
    found = set()
    for bracketed in re.finditer(r"\(([A-Z]{2,})\)", doc.text):
        span = doc.char_span(*bracketed.span(1))
        if span is None or len(span) != 1:
            continue
        tok, letters = span[0], bracketed[1].lower()
        initials, i = "", tok.i - 2
        while i >= 0 and len(initials) < len(letters) and doc[i].is_lower and doc[i].is_alpha:
            if doc[i].lower_ not in STOPWORDS:
                initials = doc[i].lower_[0] + initials
            i -= 1
        if initials == letters:
            found.add(name_key(tok.text))
    return frozenset(found)


def _add_name_evidence(cluster: Cluster) -> None:
    """What a name's own words say (a known place, an organisation's or a building's head word, a
    known given name) outweighs the model's guesses; a known city is not enough to unmake a person
    ("Lincoln said"). A person's usual gender comes from their given name."""
    longest = max(cluster.forms, key=lambda f: (len(f.split()), len(f)))
    evidence = names.name_type(longest)
    # (a one-word place may be a surname too, "Lincoln said"; a known place of more is no one's name,
    # "Madhya Pradesh")
    known_place = names.is_facility_name(longest) or (" " in longest and names.canonical_place(longest))
    if evidence in TYPE_ORDER and not (evidence == "place" and voted_type(cluster.votes) == "person"
                                       and not known_place):
        cluster.votes[evidence] += max(2, sum(cluster.votes.values()) + 1)
    if cluster.type == "person" and cluster.gender is None and len(longest.split()) > 1:
        cluster.gender = names.first_name_gender(longest.split()[0])


def _key_of(c: _Candidate, text: str) -> str:
    if c.actor:
        return f"registry:{c.actor.id}"
    key = name_key(names.without_legal_form(text))  # "Kessler Hydro GmbH", then "Kessler Hydro"
    if key in PARTY_FORMS:
        return f"name:{name_key(PARTY_FORMS[key])}"
    place = names.canonical_place(text) if c.vote != "person" else None
    return f"place:{name_key(place)}" if place else f"name:{key}"


def _left_title(doc: Doc, start: int, stop: int) -> tuple[int, int] | None:
    """Token range of a title written before a name ("NATO Secretary General")."""
    j = start
    while j > stop:
        tok = doc[j - 1]
        if tok.is_sent_end or tok.text in (",", ";", ":", "(", ")", "“", "”", '"'):
            break
        if (tok.text in POSSESSIVE or tok.text == "-" or tok.lower_ in TITLE_MODIFIERS or _is_role_token(tok)
                or (not tok.is_lower and tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.is_alpha | ("." in tok.text))):
            j -= 1
            continue
        break
    while j < start and (doc[j].text in POSSESSIVE or doc[j].text == "-"):
        j += 1
    if j < start and any(_is_role_token(t) for t in doc[j:start]):
        return j, start
    return None


def _appositive(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of an appositive role after a name ("Stoltenberg, NATO's secretary general,"),
    also in a label before a quote ("Ann Cole, Mayor of Leeds: “...”")."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    j = end + 1
    while j < len(doc) and j - end <= 10 and doc[j].text not in (",", ".", ";", ":", "“", "”", '"') and \
            doc[j].pos_ not in ("VERB", "AUX") and not doc[j].is_space:
        j += 1
    if j >= len(doc) or doc[j].text not in (",", ".", ":") or j == end + 1:
        return None
    start = end + 1
    while start < j and doc[start].lower_ in ("a", "an", "the"):
        start += 1
    if any(t.lower_ in ROLE_WORDS for t in doc[start:j]) and doc[start].pos_ in ("PROPN", "NOUN", "ADJ", "PRON", "DET"):
        return start, j
    return None


def _roles(doc: Doc, clusters: list[Cluster], assigned: list[tuple[_Candidate, int]]) -> list[Role]:
    roles = []
    previous_person_end = 0
    name_start = {i: c.start for c, idx in assigned if clusters[idx].type == "person" for i in range(c.start, c.end)}
    for c, idx in assigned:
        if clusters[idx].type == "person":
            # "NATO Secretary General Roe", "The Premier, Ann Roe,", "Roe, the premier," (not a plural
            # before a list: "the candidates, Roe and Poe")
            before_comma = c.start > 1 and doc[c.start - 1].text == "," and doc[c.start - 2].tag_ not in ("NNS", "NNPS")
            for rng in (_left_title(doc, c.start, previous_person_end), _appositive(doc, c.end),
                        _left_title(doc, c.start - 1, previous_person_end) if before_comma else None):
                # a list of titled people ("Senator Roe, Governor Poe") gives no one the next one's
                # title; a role may name someone else ("aide to Roe", "Roe's chief of staff")
                other = name_start.get(rng[1] - 1) if rng else None
                if rng and (other is None or other == rng[0]
                            or any(t.pos_ == "ADP" or t.text in POSSESSIVE for t in doc[rng[0]:other])):
                    span = doc[rng[0]:rng[1]]
                    roles.append(Role(idx, span.text, "body", span.start_char, span.end_char))
            previous_person_end = c.end
    return roles


def _role_noun_mentions(doc: Doc, roles: list[Role]) -> list[Mention]:
    """'the NATO chief', 'the spokesperson' -> a mention of the one person holding that role."""
    if not roles:
        return []
    mentions = []
    heads = ROLE_WORDS | GENERIC_HEADS
    for i, tok in enumerate(doc):
        if tok.lower_ != "the":
            continue
        j = i + 1
        while j < min(i + 5, len(doc)) and doc[j].pos_ in ("PROPN", "ADJ", "NOUN") and doc[j].lower_ not in heads:
            j += 1
        k = j
        while k < len(doc) and (doc[k].lower_ in heads or (doc[k].text == "-" and k + 1 < len(doc))):
            k += 1
        if k == j or (k < len(doc) and doc[k].pos_ == "PROPN" and _capitalised(doc[k])):
            continue
        modifier = doc[i + 1:j].text.lower()
        head = doc[j:k].text.lower()
        generic = all(t.lower_ in GENERIC_HEADS for t in doc[j:k])
        holders = {r.cluster for r in roles if r.start < tok.idx and (
            (modifier and modifier in r.role.lower()) if generic else
            (head in r.role.lower() and (not modifier or modifier in r.role.lower())))}
        if len(holders) == 1:
            span = doc[i:k]
            mentions.append(Mention(span.start_char, span.end_char, span.text, holders.pop(), "role-noun"))
    return mentions


def extract(doc: Doc, article: Article, matcher: RegistryMatcher, title: Doc | None = None) -> ArticleEntities:
    """The actors of one article, with their mentions (body offsets) and roles; the actors the
    headline names (from its parse, `title`) are linked to the article by a role."""
    doc = doc if isinstance(doc, TokenView) else TokenView(doc)
    registry = matcher.registry
    ignore = registry.ignore | _abbreviated_common_nouns(doc)
    defined = _acronym_candidates(doc)
    # (a name typed by the noun before it comes before the model's of the same words: it wins a tie)
    candidates = (_registry_candidates(doc, matcher) + _titled_candidates(doc) + _kind_candidates(doc)
                  + _ner_candidates(doc, ignore) + _employer_candidates(doc) + _speaker_candidates(doc) + _label_candidates(doc) + _source_list_candidates(doc) + defined)
    if article.source_credit:  # "..., Caliber.Az reports": an outlet, whatever the model says
        start = article.body.rfind(article.source_credit)
        span = doc.char_span(start, start + len(article.source_credit), alignment_mode="expand")
        actor = matcher.by_alias.get(article.source_credit)
        candidates.append(_Candidate(span.start, span.end, "organization", 5, "source", actor=actor))
    clusters, assigned = _cluster(doc, _select(candidates))
    mentions = [Mention(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]), doc[c.start:c.end].text, idx, c.how)
                for c, idx in assigned]
    # Untagged occurrences of a known person's surname ("Rutte" the model missed), also where the
    # parser took it for a common noun but it is a clause's subject ("Mills writes", "Trump asked"),
    # and of letters the article defined as a name's ("a Defra spokesperson").
    covered = {i: idx for c, idx in assigned for i in range(c.start, c.end)}
    surnames = {}
    for c, idx in assigned:
        if clusters[idx].type == "person" and c.end - c.start > 1:
            surnames.setdefault(doc[c.end - 1].text, idx)
    acronyms = {doc[c.start].text: covered[c.start] for c in defined if c.end - c.start == 1 and c.start in covered}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.text in surnames and (tok.pos_ == "PROPN" or tok.dep_ in ("nsubj", "nsubjpass")):
            mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, surnames[tok.text], "surname"))
        elif tok.text in acronyms:
            mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, acronyms[tok.text], "acronym"))
    lower_words = Counter(t.text for t in doc if t.is_lower)
    for cluster in clusters:
        cluster.lower_uses = sum(lower_words[f.lower()] for f in cluster.forms if " " not in f)
    for c, idx in assigned:  # (also a stage direction: "(Applause.)")
        clusters[idx].opening_uses += doc[c.start].is_sent_start or (
            c.start > 0 and ("\n" in doc[c.start - 1].text or doc[c.start - 1].text in QUOTE_MARKS | {"(", "["}))
    roles = _roles(doc, clusters, assigned)
    if article.source_credit:
        source = next((m for m in mentions if m.text == article.source_credit), None)
        if source:
            roles.append(Role(source.cluster, "source", "body", source.start, source.end))
    mentions += _role_noun_mentions(doc, roles)
    clusters, roles = _add_article_actors(article, clusters, roles, matcher)
    if title is not None:
        clusters, roles = _add_headline_actors(title, clusters, roles, matcher)
    mentions.sort(key=lambda m: (m.start, m.end))
    return ArticleEntities(clusters, mentions, roles)


def _is_headline_word(tok: Token) -> bool:
    """A word of a Title Case headline, not of a name: a verb or a dictionary word ("Slams")."""
    return tok.pos_ in ("VERB", "AUX") or names.is_dictionary_form(tok.text)


def _add_headline_actors(title: Doc, clusters: list[Cluster], roles: list[Role],
                         matcher: RegistryMatcher) -> tuple[list[Cluster], list[Role]]:
    """Actors named in the headline, each linked by the role "headline" (offsets into the title):
    the body's actor of that name, or whose name the headline's name holds ("Ann Cole" inside the
    Title Case run "Ann Cole Slams Plan"); a person the body calls by part of a full name ("Jens"
    under "Jens Stoltenberg") takes the full name; otherwise a new actor, only when its own words
    say what it is (a known given name, place or organisation word, or a title before a word that
    is not a headline's verb or dictionary word): the model guesses badly on Title Case headlines.
    Returns new lists; the given ones are left as they were."""
    clusters, roles = list(clusters), list(roles)
    title = title if isinstance(title, TokenView) else TokenView(title)
    found = _registry_candidates(title, matcher) + _titled_candidates(title) + _ner_candidates(title, matcher.registry.ignore)
    for c in _select(found):
        end = c.end
        while (c.vote == "person" and end - c.start > 2 and _is_headline_word(title[end - 1])
               and not re.fullmatch(r"[A-Z]\.", title[end - 2].text)):  # (a middle initial has a surname after it)
            end -= 1  # Title Case runs the verb into the name: "Ann Cole Defends Plan"
        span = title[c.start:end]
        key, place = name_key(span.text), names.canonical_place(span.text)
        same = next((k for k in clusters if (c.actor is not None and k.registry is c.actor)
                     or key in map(name_key, k.forms) or (place is not None and place == names.canonical_place(k.name))),
                    None)
        inner = None if same else _inner_form(span, clusters)
        if same is not None:
            cluster = same
        elif inner is not None:
            cluster, (i, j) = inner
            rest = [t for t in span if not i <= t.i < j]
            if not (c.vote == "person" and cluster.type == "person" and names.name_type(span.text) == "person"
                    and not any(_is_headline_word(t) for t in rest)):
                span = title[i:j]  # the body's name inside a run of headline words
            else:
                cluster = clusters[cluster.id] = _copy(cluster)
                cluster.forms[span.text] += 1  # "Jens" under "Jens Stoltenberg"
        elif c.actor is not None or names.name_type(span.text) == c.vote or (
                c.how == "title" and not any(_is_headline_word(t) for t in span)):  # "President Roe Visits Lima"
            cluster = Cluster(len(clusters), registry=c.actor)
            clusters.append(cluster)
            cluster.votes[c.vote] += c.weight
            cluster.forms[span.text] += 1
        else:
            continue
        roles.append(Role(cluster.id, "headline", "title", span.start_char, span.end_char))
    return clusters, roles


def _copy(cluster: Cluster) -> Cluster:
    """A cluster that can be added to (forms, votes) without changing the given one: copied only
    when it is changed, since most articles change none."""
    return replace(cluster, votes=Counter(cluster.votes), forms=Counter(cluster.forms))


def _inner_form(span: Span, clusters: list[Cluster]) -> tuple[Cluster, tuple[int, int]] | None:
    """The body actor with the longest name written inside `span`, and its token range there."""
    words = [t.lower_ for t in span]
    best = None
    for cluster in clusters:
        for form in cluster.forms:
            parts = form.lower().split()
            for k in range(len(words) - len(parts) + 1):
                if words[k:k + len(parts)] == parts and (best is None or len(parts) > best[2]):
                    best = (cluster, (span.start + k, span.start + k + len(parts)), len(parts))
    return best[:2] if best else None


def _add_article_actors(article: Article, clusters: list[Cluster], roles: list[Role],
                        matcher: RegistryMatcher) -> tuple[list[Cluster], list[Role]]:
    """Bylined authors, credited contributors, the dateline agency and place (offsets into their columns),
    added to new lists; the given ones are left as they were."""
    clusters, roles = list(clusters), list(roles)
    by_key: dict[str, int] = {}
    changed: set[int] = set()  # clusters copied or made here

    def actor_for(name: str, type_: str, role: str, field_: str, start: int, end: int, surface: str = "") -> int:
        if not by_key:  # (only for an article with a byline, credits or a dateline)
            by_key.update({f"registry:{c.registry.id}" if c.registry else name_key(c.name): c.id for c in clusters})
        actor = matcher.by_alias.get(surface) or matcher.by_alias.get(name)
        key = f"registry:{actor.id}" if actor else name_key(name)
        if key not in by_key:
            by_key[key] = len(clusters)
            clusters.append(Cluster(len(clusters), registry=actor))
            changed.add(by_key[key])
        if by_key[key] not in changed:
            clusters[by_key[key]] = _copy(clusters[by_key[key]])
            changed.add(by_key[key])
        cluster = clusters[by_key[key]]
        cluster.votes[type_] += 5
        cluster.forms[name] += 1
        roles.append(Role(cluster.id, role, field_, start, end))
        return cluster.id

    if article.byline:
        for name in split_names(article.byline):
            start = article.byline.find(name)
            actor_for(name, "person", "author", "byline", start, start + len(name))
    for m in DESK_CREDIT.finditer(article.credits or ""):  # "Reporting by A; Editing by B"
        for name in split_names(m["names"]):
            start = m.start("names") + m["names"].find(name)
            idx = actor_for(name, "person", "contributor", "credits", start, start + len(name))
            roles.append(Role(idx, m["role"].lower(), "credits", m.start("role"), m.end("role")))
    contributors = [] if DESK_CREDIT.search(article.credits or "") else CONTRIBUTOR.finditer(article.credits or "")
    for m in contributors:
        idx = actor_for(m["name"], "person", "contributor", "credits", m.start("name"), m.end("name"))
        if m["role"].strip():
            roles.append(Role(idx, m["role"].strip(), "credits", m.start("role"), m.start("role") + len(m["role"].strip())))
    if article.agency and article.dateline:
        start = article.dateline.find(article.agency)
        actor_for(AGENCIES.get(article.agency.lower(), article.agency), "organization", "agency", "dateline",
                  start, start + len(article.agency), surface=article.agency)
    if article.dateline_place and article.dateline and (place := names.canonical_place(article.dateline_place)):
        start = article.dateline.find(article.dateline_place)  # "WASHINGTON (AP) —": where it was written
        actor_for(place, "place", "dateline", "dateline", start, start + len(article.dateline_place),
                  surface=article.dateline_place)
    return clusters, roles
