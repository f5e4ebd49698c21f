"""Which part of a site each page is built in, and when a part must be built again.

A large site is built in parts ("shards") of a bounded number of pages, each its own MkDocs build
and its own Pagefind bundle, so neither memory nor time of one build grows with the corpus. This
module is the pure core of that: the plan (page -> shard) and the fingerprints; site.py does the I/O.

A page's shard is a hash of its path, not its place in a sorted list: adding or changing an
article leaves every other page where it was, so a rebuild touches only the shards whose pages
changed. The number of shards is a power of two: when a corpus outgrows it, it doubles and each
shard splits in two (hash mod 2n refines hash mod n), so growth reshuffles pages once per doubling.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DEFAULT_SHARD_PAGES = 1000
# Quote records are a sentence and a few filters each, not a page of the site: a quotes bundle
# holds this many times more of them than a site shard holds pages, so the quotes page merges
# few bundles. Pagefind took about 0.7 GB for a bundle of 30,000 (2026-11-24, 100,000 articles):
# 20,000 a bundle at the default shard size keeps two side by side well under a gigabyte.
QUOTES_PER_PAGE_SHARD = 20
BASE = "base"  # the part with the home, listings, hand-written pages, theme assets and downloads
STATE = Path(".newsdesk") / "shards.json"  # in the output folder: it describes what is there


def shard_count(items: int, per_shard: int) -> int:
    """The smallest power of two of shards holding `items` with at most `per_shard` in each on
    average (a hash spreads them evenly, not exactly)."""
    n = 1
    while n * per_shard < items:
        n *= 2
    return n


def shard_of(key: str, count: int) -> int:
    """A stable hash (not Python's hash(), which changes between runs)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") % count


def split(keys: list[str], per_shard: int, prefix: str) -> dict[str, list[str]]:
    """Keys into named shards (`prefix-03` of 16), each in the keys' order."""
    count = shard_count(len(keys), per_shard)
    width = len(str(count - 1))
    out: dict[str, list[str]] = {f"{prefix}-{k:0{width}d}": [] for k in range(count)}
    names = list(out)
    for key in keys:
        out[names[shard_of(key, count)]].append(key)
    return out


def plan(page_paths: list[str], base_pages: list[str], per_shard: int) -> dict[str, list[str]]:
    """Pages by shard. A site that fits in one shard is built as one (BASE), as before sharding."""
    if len(page_paths) + len(base_pages) <= per_shard:
        return {BASE: base_pages + page_paths}
    return {BASE: list(base_pages), **{name: paths for name, paths in split(page_paths, per_shard, "pages").items()
                                       if paths}}


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # length-prefixed: ("ab", "c") and ("a", "bc") differ
        h.update(data)
    return h.hexdigest()


def fingerprint(shared: str, pages: dict[str, str]) -> str:
    """A shard's fingerprint: what every shard shares (configuration, templates, theme pages) and
    its own pages' text."""
    return digest(shared, *(part for path in sorted(pages) for part in (path, pages[path])))


def files_digest(paths: list[Path], root: Path) -> str:
    """The bytes of files (templates, hand-written pages, the package), with their names under root."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(digest(path.relative_to(root).as_posix()).encode())
        with open(path, "rb") as fd:  # in blocks: a large package's SQLite file is gigabytes
            h.update(hashlib.file_digest(fd, "sha256").digest())
    return h.hexdigest()


def read_state(site_dir: Path) -> dict:
    """What the last build left in site_dir: {shard: {"fingerprint", "files", "bundle"}}; empty when
    there is none, or it cannot be read (then everything is built again)."""
    try:
        state = json.loads((site_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state.get("shards", {}) if isinstance(state, dict) else {}


def write_state(site_dir: Path, shards: dict) -> None:
    path = site_dir / STATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"shards": shards}, indent=0, sort_keys=True), encoding="utf-8")
