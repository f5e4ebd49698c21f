"""Helpers to build a site from a package with the packaged base configuration (and optionally a
user's mkdocs.yml), and to check its links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsdesk import site


def build_site(package: Path, workdir: Path, config: Path | None = None) -> Path:
    out = workdir / "site"
    site.run(package, out, config=config)
    return out


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site_dir: Path) -> list[str]:
    """Every local href/src must point at an existing file, and every #anchor at an existing id."""
    problems, parsed = [], {}
    for page in sorted(site_dir.rglob("*.html")):
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data") or link.startswith("//"):
                continue
            if parts.scheme:
                problems.append(f"{page.relative_to(site_dir)}: {link} (scheme {parts.scheme})")
                continue
            base = site_dir if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site_dir)}: {link} (missing)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, parse(target).ids)
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site_dir)}: {link} (no such anchor)")
    return problems
