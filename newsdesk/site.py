"""Site: the published data package -> Markdown pages -> MkDocs + Material website.

The site reads only the data package, so it shows exactly what was published.
`pages(...)` is pure (package data in, {path: text} out); `run` writes the pages
under docs/, runs the MkDocs build and indexes the result with Pagefind.
Generated pages stay out of the navigation (MkDocs' `not_in_nav`): every page
would otherwise embed the whole nav, which is what makes large sites slow.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape

from .text import paragraph_spans

GENERATED = ("index.md", "articles", "actors", "quotes", "data", "curation.md")
QUOTES_PER_PAGE = 200
ZIP_NAME = "datapackage.zip"


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsdesk", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      auto_reload=False)  # templates do not change during a build: no stat() per include
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False)
    return env


# --- reading the package -----------------------------------------------------------------

def load(package_dir: Path) -> dict:
    desc = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: pl.read_parquet(package_dir / r["parquet"]) for r in desc["resources"]}
    report_path = package_dir / desc.get("report", "report.json")
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    return {"descriptor": desc, "report": report, **tables}


# --- the article text with quotes and mentions marked ------------------------------------

def mark_up(body: str, quotes: list[dict], mentions: list[dict], speaker_names: dict) -> str:
    """Escaped HTML paragraphs: each quote one <mark id="q-..."> (per paragraph it spans), and
    mentions inside and outside quotes as links to their actors."""
    chosen, taken_until = [], -1
    for m in sorted(mentions, key=lambda m: (m["start"], -(m["end"] - m["start"]))):
        if m["start"] >= taken_until:  # nested or overlapping mentions: the outer one is linked
            chosen.append(m)
            taken_until = m["end"]

    def linked(start: int, end: int) -> str:
        out, pos = [], start
        for m in chosen:
            if start <= m["start"] and m["end"] <= end and m["start"] >= pos:
                out.append(html.escape(body[pos:m["start"]]))
                out.append(f'<a class="nd-mention" href="../actors/{m["entity_id"]}.html">'
                           f'{html.escape(body[m["start"]:m["end"]])}</a>')
                pos = m["end"]
        out.append(html.escape(body[pos:end]))
        return "".join(out)

    anchored: set[str] = set()
    out = []
    for p_start, p_end in paragraph_spans(body):
        pieces, pos = [], p_start
        for q in sorted(quotes, key=lambda q: q["start"]):
            a, b = max(q["start"], p_start), min(q["end"], p_end)
            if a >= b or a < pos:
                continue
            pieces.append(linked(pos, a))
            anchor = "" if q["quote_id"] in anchored else f' id="q-{q["quote_id"]}"'
            anchored.add(q["quote_id"])
            who = speaker_names.get(q["speaker_id"], "speaker unknown")
            if q["speaker_id"]:
                sure = q.get("speaker_confidence")
                who += f" ({q['attribution']}{', uncertain' if sure is not None and sure < 0.9 else ''})"
            who = html.escape(who, quote=True)
            pieces.append(f'<mark class="nd-quote"{anchor} title="{who}">{linked(a, b)}</mark>')
            pos = b
        pieces.append(linked(pos, p_end))
        out.append(f"<p>{''.join(pieces)}</p>")
    return "\n".join(out)


# --- pages ---------------------------------------------------------------------------------

def pages(data: dict) -> dict[str, str]:
    """Every generated page, by path under docs/."""
    env = environment()
    desc, report = data["descriptor"], data["report"]
    articles, entities = data["articles"], data["entities"]
    mentions, quotes, roles = data["mentions"], data["quotes"], data["roles"]
    names = dict(zip(entities["entity_id"], entities["name"], strict=True))
    titles = dict(zip(articles["article_id"], articles["title"], strict=True))
    ent_rows = {e["entity_id"]: e for e in entities.iter_rows(named=True)}
    quotes_by_article, quotes_by_speaker = defaultdict(list), defaultdict(list)
    speech = []  # for counts and the quote index; single quoted words and titles stay in their articles
    for q in quotes.sort("quote_id").iter_rows(named=True):
        quotes_by_article[q["article_id"]].append(q)
        if q["kind"] in ("full", "fragment"):
            speech.append(q)
        if q["speaker_id"]:
            quotes_by_speaker[q["speaker_id"]].append(q)
    mentions_by_article = defaultdict(list)
    for m in mentions.iter_rows(named=True):
        mentions_by_article[m["article_id"]].append(m)
    roles_by_entity, roles_by_article = defaultdict(list), defaultdict(list)
    for r in roles.iter_rows(named=True):
        roles_by_entity[r["entity_id"]].append(r)
        roles_by_article[r["article_id"]].append(r)
    # Articles of an entity with mention counts; who appears with whom.
    per_article = mentions.group_by("entity_id", "article_id").len().sort("entity_id", "article_id")
    articles_of = defaultdict(list)
    for row in per_article.iter_rows(named=True):
        articles_of[row["entity_id"]].append((row["article_id"], row["len"]))
    linked = (pl.concat([mentions.select("entity_id", "article_id"), roles.select("entity_id", "article_id")])
              .unique())
    pairs = (linked.join(linked, on="article_id", suffix="_other").filter(pl.col("entity_id") != pl.col("entity_id_other"))
             .group_by("entity_id", "entity_id_other").len()
             .sort(["entity_id", "len", "entity_id_other"], descending=[False, True, False]))
    together = defaultdict(list)
    for row in pairs.iter_rows(named=True):
        if len(together[row["entity_id"]]) < 12:
            together[row["entity_id"]].append((row["entity_id_other"], row["len"]))

    out: dict[str, str] = {}
    common = {"package": desc, "names": names, "titles": titles}
    article_rows = list(articles.sort("article_id").iter_rows(named=True))
    for a in article_rows:
        aq = quotes_by_article[a["article_id"]]
        actors = Counter(m["entity_id"] for m in mentions_by_article[a["article_id"]])
        for r in roles_by_article[a["article_id"]]:
            actors.setdefault(r["entity_id"], 0)
        out[f"articles/{a['article_id']}.md"] = env.get_template("article.md.j2").render(
            a=a, quotes=aq, roles=roles_by_article[a["article_id"]], entities=ent_rows,
            actors=sorted(actors.items(), key=lambda x: (-x[1], names[x[0]])),
            text=mark_up(a["body"], aq, mentions_by_article[a["article_id"]], names), **common)
    for e in ent_rows.values():
        out[f"actors/{e['entity_id']}.md"] = env.get_template("actor.md.j2").render(
            e=e, quotes=quotes_by_speaker[e["entity_id"]], roles=roles_by_entity[e["entity_id"]],
            articles=sorted(articles_of[e["entity_id"]], key=lambda x: (-x[1], x[0])),
            together=together[e["entity_id"]], entities=ent_rows, **common)
    by_date = sorted(article_rows, key=lambda a: (a["published"] or "", a["article_id"]), reverse=True)
    out["articles/index.md"] = env.get_template("articles.md.j2").render(articles=by_date, **common)
    actor_rows = sorted(ent_rows.values(), key=lambda e: (-e["mention_count"], e["entity_id"]))
    out["actors/index.md"] = env.get_template("actors.md.j2").render(actors=actor_rows, **common)
    chunks = [speech[i:i + QUOTES_PER_PAGE] for i in range(0, len(speech), QUOTES_PER_PAGE)] or [[]]
    for n, chunk in enumerate(chunks, 1):
        out["quotes/index.md" if n == 1 else f"quotes/page-{n}.md"] = env.get_template("quotes.md.j2").render(
            quotes=chunk, page=n, pages=len(chunks), **common)
    most_quoted = sorted((e for e in actor_rows if e["quote_count"]), key=lambda e: (-e["quote_count"], e["entity_id"]))
    out["index.md"] = env.get_template("home.md.j2").render(
        counts={"articles": articles.height, "actors": entities.height, "quotes": len(speech)},
        most_quoted=most_quoted[:10], most_mentioned=actor_rows[:10], latest=by_date[:10],
        chart=bar_chart([(e["entity_id"], e["name"], e["quote_count"]) for e in most_quoted[:12]]), **common)
    out["data/index.md"] = env.get_template("data.md.j2").render(jsonld=dataset_jsonld(desc), zip_name=ZIP_NAME,
                                                                  **common)
    out["curation.md"] = env.get_template("curation.md.j2").render(report=report, **common)
    return out


def bar_chart(rows: list[tuple[str, str, int]]) -> str:
    """Quotes per actor as an inline SVG (drawn at build time, no outside request)."""
    if not rows:
        return ""
    top = max(n for _, _, n in rows)
    bar_h, label_w, width = 22, 190, 560
    parts = [f'<svg class="nd-chart" role="img" aria-label="Quotes per actor" viewBox="0 0 {width} '
             f'{bar_h * len(rows) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for i, (entity_id, name, n) in enumerate(rows):
        y = i * bar_h + 2
        w = max(2, int((width - label_w - 40) * n / top))
        parts.append(f'<a href="actors/{entity_id}.html"><text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
                     f'{html.escape(name[:28])}</text><rect x="{label_w}" y="{y + 3}" width="{w}" '
                     f'height="{bar_h - 6}" rx="2"></rect><text x="{label_w + w + 5}" y="{y + 15}">{n}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def dataset_jsonld(desc: dict) -> str:
    """schema.org Dataset, for dataset search engines. Escaped for a <script> element."""
    data = {"@context": "https://schema.org", "@type": "Dataset", "name": desc.get("title", desc["name"]),
            "description": desc.get("description", ""), "version": desc.get("version"),
            "keywords": desc.get("keywords", []),
            "license": [lic.get("path") or lic.get("name") for lic in desc.get("licenses", [])],
            "isAccessibleForFree": True,
            "distribution": [{"@type": "DataDownload", "encodingFormat": r["mediatype"], "contentUrl": r["path"]}
                             for r in desc["resources"]]}
    if desc.get("homepage"):
        data["url"] = desc["homepage"]
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


# --- I/O ---------------------------------------------------------------------------------

def write_downloads(package_dir: Path, data_dir: Path) -> None:
    """Copy the package next to the data page and zip it (fixed timestamps: same bytes each build)."""
    shutil.copytree(package_dir, data_dir, dirs_exist_ok=True)
    files = sorted(p for p in package_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(data_dir / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"datapackage/{path.relative_to(package_dir).as_posix()}", (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())


def docs_dir(config: Path) -> Path:
    """The docs folder an mkdocs.yml names (relative to the file), where pages are generated."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return config.parent / settings.get("docs_dir", "docs")


def run(package_dir: Path, out: Path, config: Path = Path("mkdocs.yml"), progress=None,
        search: bool = True) -> tuple[int, float]:
    start = time.perf_counter()
    progress = progress or (lambda stage, total: (lambda n=1: None))
    docs = docs_dir(config)
    data = load(package_dir)
    rendered = pages(data)
    for name in GENERATED:  # generated pages only: hand-written pages in docs/ are left alone
        target = docs / name
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    tick = progress("Writing pages", len(rendered))
    for rel, text in rendered.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        tick()
    write_downloads(package_dir, docs / "data")
    tick = progress("MkDocs build", 1)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the notice about Material's end of life, once per build
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config),
                    "--site-dir", str(out.resolve())], check=True, env=env)
    tick()
    if search:
        tick = progress("Pagefind index", 1)
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], check=True)
        tick()
    return len(rendered), time.perf_counter() - start
