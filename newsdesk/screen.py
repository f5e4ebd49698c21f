"""Screen: duplicates, near-duplicates and machine-paraphrased ("spun") text.

Pure. Exact duplicates (same body) are published once and the others rejected
with a reason; near-duplicates are flagged and linked to each other; articles
showing the tell-tale substitutions of article spinners are flagged with the
evidence.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from functools import cache
from itertools import combinations, pairwise, product

from . import thesaurus
from .ingest import Article
from .issues import Issue

# Article spinners disguise a copied text by swapping words for thesaurus entries without regard
# to sense, which breaks the fixed phrases news is made of: titles, institutions and set terms.
# These are frequent phrases of news in general (none is taken from a particular article); a
# thesaurus variant of one ("Prime Pastor" for Prime Minister) is evidence. Capitalised names
# take every substitute a thesaurus offers, broader terms included; lower-case terms only a
# word's own synonyms (the words of its senses and, for adjectives, the similar ones), as a
# broader term often makes another ordinary phrase. The last word may be plural.
NAMES = """Prime Minister, Foreign Minister, Defense Minister, Finance Minister, Interior Minister,
Foreign Ministry, Defense Ministry, Foreign Office, Foreign Secretary, Home Secretary,
Secretary of State, Secretary-General, Attorney General, Vice President, Chief Executive,
Chief Justice, Supreme Court, High Court, White House, Oval Office, Security Council,
General Assembly, European Union, European Commission, United Nations, United States,
United Kingdom, Middle East, Cold War, World War, Civil War, Federal Reserve, Central Bank,
State Department, Justice Department, Homeland Security, National Guard, Coast Guard, Air Force,
Armed Forces, Red Cross, Wall Street, Stock Exchange, Nobel Prize, Olympic Games, World Cup,
Labour Party, Democratic Party, Republican Party, Communist Party, House of Commons,
House of Representatives, Press Secretary, Silicon Valley"""
TERMS = """climate change, global warming, human rights, nuclear weapon, arms control, interest rate,
stock market, press conference, news conference, foreign policy, national security, armed forces,
humanitarian aid, artificial intelligence, machine learning, social media, civil war, death toll,
health care, police officer, prime minister, peace talks, trade war, free trade, election campaign,
polling station, opposition leader, state media, supply chain, law enforcement, executive order,
minimum wage, tax cut, budget deficit, unemployment rate, big data, front line, public health,
security forces, security threat, border security, military aid, military action, foreign aid,
nuclear power, financial crisis, refugee crisis, war crimes, natural disaster, search engine,
local government, general election, presidential election, trade deal, peace deal, joint statement,
news agency, death penalty, prison sentence, police station, crime scene, public opinion"""
SPUN_THRESHOLD = 3  # distinct pieces of evidence before an article is flagged
SAMPLE = 4  # keep one word pair in SAMPLE (by hash): cheap at 100,000 articles
COMMON = 50  # a word pair found in more articles than this is ignored
MIN_SHARED = 8  # sampled pairs (about 30 real ones): two short texts sharing a name are not copies
NEAR_DUPLICATE = 0.3  # Jaccard of sampled word pairs: same-topic stories stay under 0.05

WORDS = re.compile(r"[A-Za-z]+")
LONGEST = 3  # words in the longest listed phrase


def _phrases(listed: str) -> list[str]:
    return [p.strip() for p in listed.split(",")]


def _words(phrase: str) -> list[str]:
    return WORDS.findall(phrase)


@cache
def _variants() -> dict[tuple[str, ...], str]:
    """Each thesaurus variant of a listed phrase (its words, lower case) -> the phrase. A variant
    that is itself a listed phrase (Foreign Secretary, Foreign Minister) or a phrase of the
    thesaurus (polling place, for polling station) is established usage, not a swap."""
    listed = {tuple(w.lower() for w in _words(p)) for p in _phrases(NAMES) + _phrases(TERMS)}
    listed |= thesaurus.phrases()
    variants: dict[tuple[str, ...], str] = {}
    for phrases, broader in ((_phrases(NAMES), True), (_phrases(TERMS), False)):
        words = {w.lower() for p in phrases for w in _words(p)}
        singular = {w: w[:-1] for w in words if w.endswith("s") and not w.endswith("ss")}
        offered = thesaurus.substitutes(words | set(singular.values()), broader)
        for phrase in phrases:
            *head, last = (w.lower() for w in _words(phrase))
            choices = [{w} | offered.get(w, set()) for w in head]
            plurals = {f"{w}s" for w in offered.get(singular.get(last, ""), ())}
            choices.append({last} | offered.get(last, set()) | plurals)
            original = (*head, last)
            for variant in product(*choices):
                # A variant keeps a word of the phrase: with every word swapped, it is another
                # phrase altogether, as often an ordinary one.
                if variant not in listed and any(map(str.__eq__, variant, original)):
                    variants.setdefault(variant, phrase)
    return variants


def spun_evidence(body: str) -> list[str]:
    """What in `body` looks machine-paraphrased: thesaurus variants of the phrases news is made
    of, written as the phrase is (capitalised or not), and "stated" where news says "said"."""
    variants, found = _variants(), {}
    words = list(WORDS.finditer(body))
    for i in range(len(words)):
        for n in range(2, LONGEST + 1):
            run = words[i:i + n]
            if len(run) < n or any(body[a.end():b.start()] not in (" ", "-") for a, b in pairwise(run)):
                break
            phrase = variants.get(tuple(m.group().lower() for m in run))
            if phrase and phrase not in found and _same_case(run, _words(phrase)):
                found[phrase] = f"“{body[run[0].start():run[-1].end()]}” (for “{phrase}”)"
    evidence = list(found.values())
    said, stated = len(re.findall(r"\bsaid\b", body)), len(re.findall(r"\bstated\b", body))
    if stated >= 3 and said == 0:
        evidence.append(f"“stated” {stated} times and “said” never")
    return evidence


def _same_case(run: list[re.Match], words: list[str]) -> bool:
    return all(m.group()[0].isupper() == w[0].isupper() for m, w in zip(run, words, strict=True))


def _fingerprints(body: str, word_hash: dict[str, int]) -> set[int]:
    """Sampled hashes of word pairs, from per-word CRCs (stable across runs and corpora). Pairs,
    not longer runs: a spun copy swaps one word in four or five, which breaks most 3-word runs."""
    hashes = [word_hash.get(w) or word_hash.setdefault(w, zlib.crc32(w.encode())) for w in
              re.findall(r"\w+", body.lower())]
    prints = set()
    for a, b in pairwise(hashes):
        h = (a * 1_000_003 ^ b) & 0xFFFFFFFF
        if h % SAMPLE == 0:
            prints.add(h)
    return prints


def screen(articles: list[Article]) -> tuple[list[Article], list[Issue]]:
    """Drop exact duplicates (reported), flag spun text and near-duplicates (in place)."""
    kept, issues, first_of = [], [], {}
    for a in articles:
        digest = hashlib.sha256(a.body.encode()).hexdigest()
        if digest in first_of:
            issues.append(Issue(a.file, "rejected", f"duplicate: same text as {first_of[digest].file} "
                                f"(published as {first_of[digest].article_id})"))
            continue
        first_of[digest] = a
        kept.append(a)
    for a in kept:
        a.spun_evidence = spun_evidence(a.body)
        if len(a.spun_evidence) >= SPUN_THRESHOLD:
            a.flags.append("suspected-spun")
            issues.append(Issue(a.file, "warning", "suspected machine-paraphrased (spun) text: "
                                + "; ".join(a.spun_evidence[:4])))
    _near_duplicates(kept, issues)
    return kept, issues


def _near_duplicates(articles: list[Article], issues: list[Issue]) -> None:
    word_hash: dict[str, int] = {}
    prints = [_fingerprints(a.body, word_hash) for a in articles]
    index: dict[int, list[int]] = defaultdict(list)
    for i, fp in enumerate(prints):
        for h in fp:
            index[h].append(i)
    # A phrase shared by many articles ("of the", a site's standing line) is not copying:
    # such phrases count neither as shared nor in the sizes.
    common = {h for h, posting in index.items() if len(posting) > COMMON}
    sizes = [len(fp - common) for fp in prints]
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    for h, posting in index.items():
        if h not in common:
            for i, j in combinations(posting, 2):
                pairs[(i, j)] += 1
    for (i, j), shared in sorted(pairs.items()):
        union = sizes[i] + sizes[j] - shared
        if shared >= MIN_SHARED and shared / union >= NEAR_DUPLICATE:
            a, b = articles[i], articles[j]
            for x, y in ((a, b), (b, a)):
                x.near_duplicates.append(y.article_id)
                if "near-duplicate" not in x.flags:
                    x.flags.append("near-duplicate")
            issues.append(Issue(b.file, "warning", f"near-duplicate of {a.file} "
                                f"({shared / union:.0%} of sampled phrases shared)"))
