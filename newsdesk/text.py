"""Small text helpers shared by the stages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """ASCII, lower case, accents dropped: the key for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slugify(text: str, max_len: int = 80) -> str:
    """URL-safe, readable identifier; cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", fold(text.replace("’", "").replace("'", "")))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or (words[0][:max_len] if words else "")


@lru_cache(maxsize=65536)  # the same names are keyed over and over across a corpus
def name_key(name: str) -> str:
    """Canonical comparison key for a name: folded words, no punctuation."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(name)))


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a body (paragraphs are separated by a blank line)."""
    spans, pos = [], 0
    for part in body.split("\n\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans
