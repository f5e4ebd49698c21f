"""Ingest: article files -> Article records.

The core (`parse_article`, `assign_ids`) is pure; `run` reads the corpus folder.
What news copy carries around the story (dateline, byline, credit lines, site
boilerplate) is moved out of the body into columns of its own, never dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import ftfy

from .issues import Issue
from .text import slugify

SIDECAR_KEYS = {"url", "published", "publisher", "language", "license", "author", "title"}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b")
MAX_BYTES = 50_000_000
MAX_BODY_CHARS = 1_000_000  # spaCy's own limit per document; a longer "article" is not one article
MAX_TITLE_CHARS = 300  # a first line longer than this is text, not a headline

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?)\s*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z.&\- ]{0,30})\)\s*)?(?P<dash>[—–]|--|-)\s*"
)
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][\w.'’\-]+(?:(?:\s+|\s*,\s*|\s+and\s+)[A-Z][\w.'’\-]+){0,7})$")
CREDIT = re.compile(
    r"(contributed (?:to )?(?:this )?report(?:ing)?|contributed to this (?:story|article))\.?$"
    r"|^(?:additional )?(?:reporting|writing|editing) by [A-Z]",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"^(leave a (?:comment|reply)|share this( article| story)?:?|related( articles| stories)?:?|"
    r"advertisement|read more:?.*|click here.*|subscribe.*|follow us on.*|all rights reserved.*|"
    r"copyright ©?.*|© ?\d{4}.*|tags?:.*|comments?)$",
    re.IGNORECASE,
)
SOURCE_CREDIT = re.compile(
    r",\s*(?P<source>[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*){0,3})\s+"
    r"(?:reports|reported|writes|wrote|reports via [\w .]+|reported via [\w .]+)\.?$"
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


@dataclass
class Article:
    article_id: str
    file: str
    title: str
    body: str
    dateline: str | None = None
    dateline_place: str | None = None
    agency: str | None = None
    byline: str | None = None
    credits: str | None = None
    boilerplate: str | None = None
    source_credit: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None
    license: str | None = None
    encoding: str = "utf-8"
    repaired: bool = False
    sha256: str = ""
    flags: list[str] = field(default_factory=list)
    spun_evidence: list[str] = field(default_factory=list)
    near_duplicates: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return len(self.body.split())


def split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r",|\band\b|&", names) if n.strip()]


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 (with or without BOM) first, then cp1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def looks_binary(raw: bytes) -> bool:
    if raw.startswith(BINARY_MAGIC):
        return True
    head = raw[:4096]
    return head.count(b"\x00") > len(head) // 100 + 1


def clean(text: str) -> tuple[str, bool]:
    """Normalise line ends, repair mojibake (flagged), drop control characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = ftfy.fix_encoding(text)  # only mojibake: curly quotes and dashes stay as they are
    repaired = fixed != text
    fixed = CONTROL.sub("", fixed).replace("\t", " ")
    return unicodedata.normalize("NFC", fixed), repaired


def split_story(lines: list[str]) -> tuple[str, list[str]]:
    paragraphs = [line.strip() for line in lines if line.strip()]
    return (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])


def peel(article: Article, paragraphs: list[str]) -> list[str]:
    """Move dateline, byline, credits and boilerplate out of the paragraphs into columns."""
    paragraphs = list(paragraphs)
    boiler: list[str] = []
    credits: list[str] = []
    bylines: list[str] = []
    # Trailing material, last paragraph first; a byline glued to boilerplate is split.
    while paragraphs:
        last = paragraphs[-1]
        if BOILERPLATE.match(last):
            boiler.insert(0, paragraphs.pop())
        elif CREDIT.search(last) and len(last) < 300:
            credits.insert(0, paragraphs.pop())
        elif (m := BYLINE.match(last)) and len(last) < 120:
            bylines.insert(0, m["names"])
            paragraphs.pop()
        else:
            break
    if paragraphs and (m := BYLINE.match(paragraphs[0])) and len(paragraphs[0]) < 120:
        bylines.insert(0, m["names"])
        paragraphs.pop(0)
    if paragraphs and (m := DATELINE.match(paragraphs[0])) and m.end() < len(paragraphs[0]):
        article.dateline = m.group(0).strip()
        article.dateline_place = m["place"].strip()
        article.agency = m["agency"]
        paragraphs[0] = paragraphs[0][m.end():]
    for p in paragraphs:
        if m := SOURCE_CREDIT.search(p):
            article.source_credit = m["source"]
            break
    article.byline = ", ".join(bylines) or None
    article.credits = "\n".join(credits) or None
    article.boilerplate = "\n".join(boiler) or None
    return paragraphs


def parse_sidecar(text: str, name: str) -> tuple[dict, list[Issue]]:
    import yaml

    issues: list[Issue] = []
    try:  # BaseLoader: every value stays text, so "2024-13-45" is reported, not a crash
        data = yaml.load(text, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        return {}, [Issue(name, "warning", f"YAML syntax error: {getattr(exc, 'problem', exc)}; "
                          "sidecar ignored, fix the file", None if line is None else line + 1)]
    if not isinstance(data, dict):
        return {}, [Issue(name, "warning", "sidecar must be a mapping of key: value; ignored")]
    meta = {}
    for key, value in data.items():
        if key not in SIDECAR_KEYS:
            issues.append(Issue(name, "warning", f"unknown key {key!r} ignored "
                                f"(known: {', '.join(sorted(SIDECAR_KEYS))})"))
            continue
        if not isinstance(value, str):
            issues.append(Issue(name, "warning", f"{key} must be text, got {type(value).__name__}; ignored"))
            continue
        if key == "published" and not _is_iso_date(value):
            issues.append(Issue(name, "warning", f"published {value!r} is not an ISO date (YYYY-MM-DD); ignored"))
            continue
        if key == "url" and not re.match(r"https?://\S+$", value):
            issues.append(Issue(name, "warning", f"url {value!r} is not an http(s) address; ignored"))
            continue
        meta[key] = value
    return meta, issues


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False


DATE_FORMATS = ("%A, %B %d, %Y", "%B %d, %Y", "%A, %d %B %Y", "%d %B %Y", "%A %d %B %Y", "%b %d, %Y", "%Y-%m-%d")


def date_line(paragraphs: list[str]) -> str | None:
    """The publication date (ISO) when one of the story's first lines is a date and nothing else
    ("Tuesday, March 4, 2025", "4 March 2025"), as wire and wiki copy print it. The line stays in
    the body, so offsets into it do not move."""
    for line in paragraphs[:3]:
        text = line.strip().replace(".", "")
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def parse_article(name: str, raw: bytes, sidecar: str | None = None) -> tuple[Article | None, list[Issue]]:
    """One file's bytes (and sidecar text) -> an Article, or None with the reason."""
    if len(raw) > MAX_BYTES:
        return None, [Issue(name, "rejected", f"file is {len(raw):,} bytes, over the {MAX_BYTES:,} limit")]
    if looks_binary(raw):
        return None, [Issue(name, "rejected", "binary file (not text); convert it to plain text")]
    text, encoding = decode(raw)
    text, repaired = clean(text)
    title, paragraphs = split_story(text.split("\n"))
    if not title:
        return None, [Issue(name, "rejected", "empty file")]
    issues = []
    if len(title) > MAX_TITLE_CHARS:  # no headline line: keep all the text, take a title from it
        paragraphs.insert(0, title)
        title = title[:80].rsplit(" ", 1)[0] + "…"
        issues.append(Issue(name, "warning", "first line is too long to be a headline; title made from its start", 1))
    if encoding not in ("utf-8", "utf-8-sig"):
        issues.append(Issue(name, "warning", f"not UTF-8; decoded as {encoding}"))
    if repaired:
        issues.append(Issue(name, "warning", "mojibake repaired (text had been decoded with the wrong encoding)"))
    article = Article(article_id="", file=name, title=title, body="", encoding=encoding,
                      repaired=repaired, sha256=hashlib.sha256(raw).hexdigest())
    paragraphs = peel(article, paragraphs)
    article.published = date_line(paragraphs)  # a sidecar's date, read below, wins
    article.body = "\n\n".join(paragraphs)
    if not article.body.strip():
        return None, [*issues, Issue(name, "rejected", "title but no body text", 1)]
    if len(article.body) > MAX_BODY_CHARS:
        return None, [*issues, Issue(name, "rejected", f"body is {len(article.body):,} characters, over the "
                                     f"{MAX_BODY_CHARS:,} limit for one article; split the file into articles")]
    if sidecar is not None:
        meta, sidecar_issues = parse_sidecar(sidecar, str(Path(name).with_suffix(".yml")))
        issues += sidecar_issues
        for key, value in meta.items():
            if key == "title":
                article.title = value
            elif key == "author":
                article.byline = article.byline or value
            else:
                setattr(article, key, value)
    if repaired:
        article.flags.append("mojibake-repaired")
    return article, issues


def assign_ids(articles: list[Article]) -> None:
    """Readable, unique, URL-safe ids from titles, in file order (deterministic)."""
    seen: dict[str, int] = {}
    for article in sorted(articles, key=lambda a: a.file):
        base = slugify(article.title, max_len=60) or slugify(Path(article.file).stem, 60) or "article"
        n = seen.get(base, 0) + 1
        seen[base] = n
        article.article_id = base if n == 1 else f"{base}-{n}"


def run(articles_dir: Path) -> tuple[list[Article], list[Issue]]:
    """Read every *.txt under articles_dir; return articles in file order and issues."""
    articles, issues = [], []
    for path in sorted(articles_dir.rglob("*.txt")):
        name = path.relative_to(articles_dir).as_posix()
        sidecar_path = path.with_suffix(".yml")
        sidecar = sidecar_path.read_text(encoding="utf-8", errors="replace") if sidecar_path.exists() else None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            issues.append(Issue(name, "rejected", f"cannot read: {exc.strerror}"))
            continue
        article, found = parse_article(name, raw, sidecar)
        issues += found
        if article:
            articles.append(article)
    assign_ids(articles)
    return articles, issues
