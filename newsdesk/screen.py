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
from itertools import combinations, pairwise

from .ingest import Article
from .issues import Issue

# Substitutions article spinners make, as (pattern, what the original said). Each is a
# phrase a human writer would hardly produce; one alone proves little, several together do.
# The first word of each pattern is looked for as plain text first: that keeps 100,000
# articles cheap.
SPUN_MARKERS = [
    ("Secretary-Normal", r"\bSecretary-Normal\b", "Secretary-General"),
    ("Chilly", r"\bChilly (?:Battle|War)\b", "Cold War"),
    ("synthetic", r"\bsynthetic intelligence\b", "artificial intelligence"),
    ("International Ministry", r"\bInternational Ministry\b", "Foreign Ministry"),
    ("Chinese language", r"\bChinese language (?=[A-Z])", "Chinese"),
    ("not solely", r"\bnot solely\b", "not only"),
    ("just isn", r"\bjust isn[’']t\b", "is not"),
    ("may very well", r"\bmay very well be\b", "could be"),
    ("equivalent to", r"\bequivalent to\b", "such as"),
    ("widespread curiosity", r"\bwidespread curiosity\b", "common interest"),
    ("world warming", r"\bworld warming\b", "global warming"),
    ("studying", r"\b(?:deep|machine) studying\b", "deep/machine learning"),
    ("large information", r"\blarge information\b", "big data"),
    ("more and more", r"\bmore and more\b(?= [a-z]+ing\b)", "increasingly"),
    ("of america", r"\bof america\b", "of America"),
    ("the place", r"\bthe place (?=[a-z]+ (?:are|is|was|were)\b)", "where"),
    ("referred to as for", r"\breferred to as for\b", "called for"),
    ("on-line world", r"\bon-line world\b", "cyberspace"),
]
SPUN_THRESHOLD = 3  # distinct markers before an article is flagged
SAMPLE = 4  # keep one word pair in SAMPLE (by hash): cheap at 100,000 articles
COMMON = 50  # a word pair found in more articles than this is ignored
MIN_SHARED = 8  # sampled pairs (about 30 real ones): two short texts sharing a name are not copies
NEAR_DUPLICATE = 0.3  # Jaccard of sampled word pairs: same-topic stories stay under 0.05


_SPUN = [(needle, re.compile(pattern), original) for needle, pattern, original in SPUN_MARKERS]


def spun_evidence(body: str) -> list[str]:
    found = []
    for needle, pattern, original in _SPUN:
        if needle in body and (m := pattern.search(body)):
            found.append(f"“{m.group(0).strip()}” (for “{original}”)")
    said, stated = len(re.findall(r"\bsaid\b", body)), len(re.findall(r"\bstated\b", body))
    if stated >= 3 and said == 0:
        found.append(f"“stated” {stated} times and “said” never")
    return found


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
