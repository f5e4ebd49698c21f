"""Site: the published data package -> Markdown pages -> MkDocs + Material website.

The site reads only the data package, so it shows exactly what was published.
`pages(...)` is pure (package data in, {path: text} out), and so are `branding` and
`project_config`; `run` assembles a MkDocs project in a temporary folder (the base configuration
and pages shipped in site_base/, a user's mkdocs.yml and pages, the generated pages), builds it
and indexes the result with Pagefind.
Generated pages stay out of the navigation (MkDocs' `not_in_nav`): every page
would otherwise embed the whole nav, which is what makes large sites slow.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import package
from .text import paragraph_spans

QUOTES_PER_PAGE = 200
QUOTES_ON_FIRST_SCREEN = 20  # an actor page shows about a screenful of quotes; the rest is collapsed
CLOSING_MARK = re.compile(r"[,.!?;:]?[”\"’'»]+")
ZIP_NAME = "datapackage.zip"
SPEECH = ("full", "fragment")  # quotes with a speaker to find; single quoted words stay in their articles
UNKNOWN_SPEAKER = "speaker unknown"
QUOTE_BUNDLE = "pagefind-quotes"  # the quotes' search bundle, beside the site's own pagefind/
# An actor's timeline is drawn from three dated articles on: one or two points show no course over
# time, and pygal takes about 10 ms a chart (at 1,000 dated articles, 232 charts instead of 466).
TIMELINE_MIN_ARTICLES = 3


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsdesk", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      auto_reload=False)  # templates do not change during a build: no stat() per include
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.filters["prose"] = prose
    return env


def prose(text: str | None) -> Markup:
    """A descriptor's text (Markdown-ish: paragraphs, `code`) as escaped HTML paragraphs, so
    the backticks of datapackage.yml's description never show raw."""
    paragraphs = []
    for para in (text or "").strip().split("\n\n"):
        parts = html.escape(" ".join(para.split())).split("`")
        # odd-numbered parts were between backticks; an unpaired backtick stays as it was
        if len(parts) % 2 == 0:
            parts[-2:] = ["`".join(parts[-2:])]
        paragraphs.append("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs if p))


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
            if b == q["end"]:  # the speaker goes after the closing mark (offsets exclude the marks)
                closing = CLOSING_MARK.match(body, b, p_end)
                if closing:
                    pieces.append(html.escape(closing[0]))
                    b = closing.end()
                pieces.append(said(q, speaker_names))
            pos = b
        pieces.append(linked(pos, p_end))
        out.append(f"<p>{''.join(pieces)}</p>")
    return "\n".join(out)


def said(q: dict, speaker_names: dict) -> str:
    """Who spoke, as visible text after a quote's last mark: a tooltip alone never shows on a phone.
    A single quoted word ("term") has no speaker to show. Left out of the search
    index: the label is not the article's text."""
    if q["kind"] not in SPEECH:
        return ""
    if not q["speaker_id"]:
        return ' <span class="nd-said nd-said-unknown" data-pagefind-ignore>speaker unknown</span>'
    sure = q.get("speaker_confidence")
    doubt = " ?" if sure is not None and sure < 0.9 else ""
    return (f' <a class="nd-said" href="../actors/{q["speaker_id"]}.html" data-pagefind-ignore>'
            f'{html.escape(speaker_names[q["speaker_id"]])}{doubt}</a>')


def order_articles(rows: list[dict]) -> list[dict]:
    """Newest first; articles without a date after them, by title A to Z."""
    dated = sorted((a for a in rows if a["published"]), key=lambda a: (a["published"], a["article_id"]), reverse=True)
    undated = sorted((a for a in rows if not a["published"]), key=lambda a: (a["title"].casefold(), a["article_id"]))
    return dated + undated


def role_groups(roles: list[dict], rank: dict[str, int]) -> list[tuple[str, list[str]]]:
    """An actor's roles, each once with the articles it was used in (newest first), the most used
    first: "Prime Minister (26)", not 26 rows of "Prime Minister in ..."."""
    by_role: dict[str, set[str]] = defaultdict(set)
    for r in roles:
        by_role[r["role"]].add(r["article_id"])
    return sorted(((role, sorted(ids, key=rank.__getitem__)) for role, ids in by_role.items()),
                  key=lambda group: (-len(group[1]), group[0].casefold()))


def quote_groups(quotes: list[dict], rank: dict[str, int]) -> list[tuple[str, list[dict]]]:
    """An actor's quotes grouped by article, newest article first, in text order within each.

    A quotation repeated in several articles (one `quotation_id`) is shown once, in the newest of
    them, carrying `places`: its first quote in each article, this one first."""
    by_quotation: dict[str, list[dict]] = defaultdict(list)
    for q in quotes:
        by_quotation[q["quotation_id"]].append(q)
    groups: dict[str, list[dict]] = defaultdict(list)
    for same in by_quotation.values():
        same.sort(key=lambda q: (rank[q["article_id"]], q["start"]))
        places: dict[str, dict] = {}
        for q in same:
            places.setdefault(q["article_id"], q)
        groups[same[0]["article_id"]].append({**same[0], "places": list(places.values())})
    return [(article_id, sorted(groups[article_id], key=lambda q: q["start"]))
            for article_id in sorted(groups, key=rank.__getitem__)]


def first_screen(groups: list[tuple[str, list]], size: int) -> tuple[int, int]:
    """How many groups to show before the rest is collapsed (whole groups, until `size` items), and
    how many items are collapsed."""
    shown = 0
    for n, (_, items) in enumerate(groups):
        if shown >= size:
            return n, sum(len(rest) for _, rest in groups[n:])
        shown += len(items)
    return len(groups), 0


def duplicate_pairs(near_duplicates: list[dict]) -> list[tuple[str, str]]:
    """The report lists a near-duplicate under each of its articles (A of B, B of A): each pair once."""
    return sorted({tuple(sorted((d["article_id"], other))) for d in near_duplicates for other in d["of"]})


def readable_why(why: str) -> str:
    """resolve.py writes "type unsure (votes: {'person': 2, 'place': 1})"; readers get
    "type unsure: person 2, place 1"."""
    import ast

    match = re.fullmatch(r"(.*?)\s*\(votes: (\{.*\})\)", why or "")
    if not match:
        return why
    try:
        votes = ast.literal_eval(match[2])
    except (ValueError, SyntaxError):
        return why
    return f"{match[1]}: " + ", ".join(f"{kind} {n}" for kind, n in sorted(votes.items(), key=lambda kv: -kv[1]))


# --- pages ---------------------------------------------------------------------------------

def pages(data: dict, package_name: str = "datapackage") -> dict[str, str]:
    """Every generated page, by path under the docs folder (package_name: the package folder's name, the
    site's title when the package has none of its own)."""
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
        if q["kind"] in SPEECH:
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
    common = {"package": desc, "names": names, "titles": titles, "site_title": branding(desc, package_name)["site_name"]}
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
    by_date = order_articles(article_rows)
    rank = {a["article_id"]: n for n, a in enumerate(by_date)}  # newest first, then undated by title
    published = {a["article_id"]: a["published"] for a in article_rows}
    for e in ent_rows.values():
        groups = quote_groups(quotes_by_speaker[e["entity_id"]], rank)
        shown, hidden = first_screen(groups, QUOTES_ON_FIRST_SCREEN)
        months = monthly(articles_of[e["entity_id"]], quotes_by_speaker[e["entity_id"]], published)
        out[f"actors/{e['entity_id']}.md"] = env.get_template("actor.md.j2").render(
            e=e, quote_groups=groups, shown=shown, hidden=hidden,
            quote_total=sum(len(items) for _, items in groups),
            roles=role_groups(roles_by_entity[e["entity_id"]], rank), published=published,
            timeline=timeline_chart(months) if months else "",
            articles=sorted(articles_of[e["entity_id"]], key=lambda x: (-x[1], x[0])),
            together=together[e["entity_id"]], entities=ent_rows, **common)
    dated = any(a["published"] for a in article_rows)
    out["articles/index.md"] = env.get_template("articles.md.j2").render(articles=by_date, dated=dated, **common)
    actor_rows = sorted(ent_rows.values(), key=lambda e: (-e["mention_count"], e["entity_id"]))
    out["actors/index.md"] = env.get_template("actors.md.j2").render(actors=actor_rows, **common)
    chunks = [speech[i:i + QUOTES_PER_PAGE] for i in range(0, len(speech), QUOTES_PER_PAGE)] or [[]]
    for n, chunk in enumerate(chunks, 1):
        out["quotes/index.md" if n == 1 else f"quotes/page-{n}.md"] = env.get_template("quotes.md.j2").render(
            quotes=chunk, page=n, pages=len(chunks), bundle=QUOTE_BUNDLE, **common)
    most_quoted = sorted((e for e in actor_rows if e["quote_count"]), key=lambda e: (-e["quote_count"], e["entity_id"]))
    out["index.md"] = env.get_template("home.md.j2").render(
        counts={"articles": articles.height, "actors": entities.height, "quotes": len(speech)},
        most_quoted=most_quoted[:10], most_mentioned=actor_rows[:10], latest=by_date[:10],
        dated=dated,
        chart=bar_chart([(e["entity_id"], e["name"], e["quote_count"]) for e in most_quoted[:12]]), **common)
    out["data/index.md"] = env.get_template("data.md.j2").render(jsonld=dataset_jsonld(desc), zip_name=ZIP_NAME,
                                                                  **common)
    unresolved = [{**u, "why": readable_why(u["why"])} for u in report.get("unresolved", [])]
    out["curation.md"] = env.get_template("curation.md.j2").render(
        report={**report, "unresolved": unresolved}, duplicate_pairs=duplicate_pairs(report.get("near_duplicates", [])),
        **common)
    return out


def quote_records(data: dict) -> list[dict]:
    """One Pagefind record per quote (full sentences and fragments), for the quotes page's filters:
    the words are searched, speaker, speaker type and kind are filters. They go into a bundle of
    their own (pagefind-quotes/), so that site search finds pages, and the quotes page loads only
    the fragments a query needs, never the whole list."""
    entities = {e["entity_id"]: e for e in data["entities"].iter_rows(named=True)}
    articles = {a["article_id"]: a for a in data["articles"].select("article_id", "title", "published")
                .iter_rows(named=True)}
    records = []
    for q in data["quotes"].filter(pl.col("kind").is_in(list(SPEECH))).sort("quote_id").iter_rows(named=True):
        speaker = entities.get(q["speaker_id"])
        article = articles[q["article_id"]]
        records.append({
            "content": q["text"], "language": "en",
            "meta": {"title": speaker["name"] if speaker else UNKNOWN_SPEAKER, "actor": q["speaker_id"] or "",
                     "href": f"articles/{q['article_id']}.html#q-{q['quote_id']}",
                     "kind": q["kind"], "article": article["title"], "date": article["published"] or ""},
            "filters": {"speaker": [speaker["name"] if speaker else UNKNOWN_SPEAKER],
                        "speaker type": [speaker["type"] if speaker else "unknown"], "kind": [q["kind"]]}})
    return records


def write_quote_index(records: list[dict], site_dir: Path) -> None:
    """The quotes' own Pagefind bundle. Each record becomes a tiny HTML page in a temporary folder
    (its words the indexed body; speaker, kind and the rest as Pagefind filters and metadata, outside
    the body) indexed by the Pagefind CLI. Not Pagefind's Python API for records: it reads one answer
    per 0.1 s, over an hour for 50,000 quotes. The pages' own URLs are never shown: results link to
    `meta.href`, the quote in its article."""
    esc = html.escape
    with tempfile.TemporaryDirectory(prefix="newsdesk-quotes-") as work:
        for n, r in enumerate(records):
            tags = [f'<span data-pagefind-meta="{esc(k)}">{esc(v)}</span>' for k, v in r["meta"].items()]
            tags += [f'<span data-pagefind-filter="{esc(k)}">{esc(v)}</span>' for k, vs in r["filters"].items()
                     for v in vs]
            Path(work, f"{n}.html").write_text(
                f'<!DOCTYPE html><html lang="{r["language"]}"><head><meta charset="utf-8"><title></title></head>'
                f'<body><p data-pagefind-body>{esc(r["content"])}</p>{"".join(tags)}</body></html>',
                encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pagefind", "--site", work, "--output-path",
                        str(site_dir / QUOTE_BUNDLE), "--force-language", "en", "--silent"], check=True)


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


def monthly(article_mentions: list[tuple[str, int]], quotes: list[dict], published: dict) -> list[tuple[str, int, int]]:
    """Mentions and quotes per month (YYYY-MM), every month from the first to the last, from an
    actor's dated articles; empty unless TIMELINE_MIN_ARTICLES of them are dated."""
    mentions, said = Counter(), Counter()
    for article_id, n in article_mentions:
        if published.get(article_id):
            mentions[published[article_id][:7]] += n
    for q in quotes:
        if published.get(q["article_id"]):
            said[published[q["article_id"]][:7]] += 1
    if sum(1 for article_id, _ in article_mentions if published.get(article_id)) < TIMELINE_MIN_ARTICLES:
        return []
    first, last = min(mentions | said), max(mentions | said)
    year, month, rows = int(first[:4]), int(first[5:]), []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        rows.append((key, mentions[key], said[key]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows


def timeline_chart(rows: list[tuple[str, int, int]]) -> str:
    """Mentions and quotes per month as an inline SVG, drawn at build time by pygal (no script, no
    outside request). pygal's script, the per-bar data for that script, its comments (one dated)
    and its stylesheet (unscoped rules such as `.title`, which would reach the rest of the page) are
    dropped: newsdesk.css styles the chart. Each bar keeps its value as a <title>, a tooltip
    without script."""
    import xml.etree.ElementTree as ET

    import pygal

    chart = pygal.Bar(width=640, height=220, js=[], css=[], no_prefix=True, disable_xml_declaration=True,
                      legend_at_bottom=True, show_minor_x_labels=False, margin=4, spacing=4,
                      x_labels_major_every=max(1, len(rows) // 8), title=None)
    chart.x_labels = [month for month, _, _ in rows]
    top = max(max(m, q) for _, m, q in rows)
    chart.y_labels = list(range(0, top + 1, -(-top // 5) or 1))  # whole counts, about five of them
    chart.add("Mentions", [n for _, n, _ in rows])
    chart.add("Quotes", [n for _, _, n in rows])
    svg = chart.render_tree()
    for parent in list(svg.iter()):
        for child in list(parent):
            if child.tag in ("script", "style", "desc") or child.tag is ET.Comment:
                if child.tag == "desc" and child.get("class") == "value":
                    label = next((d.text for d in parent.findall("desc") if d.get("class") == "x_label"), "")
                    ET.SubElement(parent, "title").text = f"{label}: {child.text}"
                parent.remove(child)
    svg.attrib.pop("id", None)
    svg.set("class", "nd-timeline")
    svg.set("role", "img")
    svg.set("aria-label", "Mentions and quotes per month")
    return ET.tostring(svg, encoding="unicode")


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


class SiteError(Exception):
    """A problem the user can fix (a missing package, a bad --config): one line, naming the file."""


BASE = Path(__file__).parent / "site_base"  # base mkdocs.yml and hand-written pages, shipped in the package


def branding(desc: dict, package_name: str) -> dict:
    """Site name, description, copyright line and homepage from the package descriptor.

    A package built without a datapackage.yml carries the build's placeholder title ("News
    corpus"); the package folder's name says more about what it holds."""
    title = desc.get("title") or package_name
    if desc.get("name") == package.DEFAULT_NAME and title == package.DEFAULT_TITLE:
        title = package_name
    first_paragraph = (desc.get("description") or "").strip().split("\n\n")[0]
    licences = [html.escape(lic.get("title") or lic.get("name") or lic.get("path", "")) for lic in desc.get("licenses", [])]
    links = [f'<a href="{html.escape(lic["path"], quote=True)}">{text}</a>' if lic.get("path") else text
             for lic, text in zip(desc.get("licenses", []), licences, strict=True)]
    # Material prints `copyright` as HTML, unescaped: every value from the descriptor is escaped above.
    copyright_line = ("Data: " + "; ".join(links) + ". " if links else "") + \
        "Article texts remain their publishers'."
    return {"site_name": title, "site_description": " ".join(first_paragraph.replace("`", "").split()),
            "copyright": copyright_line, "homepage": desc.get("homepage")}


def project_config(base: dict, user: dict, brand: dict, user_pages: list[str], docs: Path, out: Path) -> dict:
    """The assembled mkdocs.yml: the user's settings over the base, brand where they set none.

    Lists are replaced as MkDocs' own INHERIT does, except the stylesheets and scripts, where the
    user's are added to ours (the site's tables and quote marks need newsdesk.css). A user's
    hand-written pages join the navigation unless the user wrote the navigation."""
    def merge(ours: dict, theirs: dict) -> dict:  # mappings merged at every depth, as INHERIT does
        return {**ours, **{k: merge(ours[k], v) if isinstance(v, dict) and isinstance(ours.get(k), dict) else v
                           for k, v in theirs.items()}}

    merged = merge(copy.deepcopy(base), user)
    for key in ("extra_css", "extra_javascript"):
        if isinstance(user.get(key), list):
            merged[key] = base.get(key, []) + [v for v in user[key] if v not in base.get(key, [])]
    for key in ("site_name", "site_description", "copyright"):
        if key not in user:
            merged[key] = brand[key]
    if brand["homepage"] and "social" not in merged.get("extra", {}):
        merged.setdefault("extra", {})["social"] = [{"icon": "material/home", "link": brand["homepage"],
                                                     "name": "Homepage"}]
    if "nav" not in user:
        listed = {next(iter(item.values())) if isinstance(item, dict) else item for item in merged["nav"]}
        merged["nav"] = merged["nav"] + [page for page in user_pages if page not in listed]
    merged["docs_dir"], merged["site_dir"] = str(docs), str(out)
    return merged


def load_user_config(config: Path) -> tuple[dict, Path]:
    """A user's mkdocs.yml (read by MkDocs' own loader: !ENV and INHERIT work) and its docs folder."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    if not config.is_file():
        raise SiteError(f"{config}: no such file; give --config an existing mkdocs.yml, or leave it out")
    try:
        with open(config, "rb") as fd:
            settings = yaml_load(fd)
    except (yaml.YAMLError, ConfigurationError, OSError) as exc:
        raise SiteError(f"{config}: not a readable MkDocs configuration ({' '.join(str(exc).split())})") from exc
    if not isinstance(settings, dict):
        raise SiteError(f"{config}: expected a mapping of MkDocs settings (site_name: ..., theme: ...)")
    # Paths MkDocs reads relative to the config file: made absolute, as the project is assembled elsewhere.
    root = config.resolve().parent
    theme = settings.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        settings["theme"] = {**theme, "custom_dir": str(root / theme["custom_dir"])}
    for key in ("hooks", "watch"):
        if isinstance(settings.get(key), list):
            settings[key] = [str(root / p) for p in settings[key]]
    return settings, root / settings.pop("docs_dir", "docs")


def check_package(package_dir: Path) -> None:
    if not (package_dir / "datapackage.json").is_file():
        raise SiteError(f"{package_dir / 'datapackage.json'}: no data package there; "
                        f"build one first with `newsdesk build CORPUS --out {package_dir}`")


def run(package_dir: Path, out: Path, config: Path | None = None, progress=None,
        search: bool = True) -> tuple[int, float]:
    """Assemble a MkDocs project in a temporary folder and build it into `out`.

    The project (base pages, the user's pages, the generated pages, the package to download) is
    put together in a temporary folder, not a source folder: nothing is ever written beside the
    user's files but `out`, a failed build leaves nothing behind, and TMPDIR can point it at a
    larger disk for a very large corpus."""
    import yaml

    start = time.perf_counter()
    progress = progress or (lambda stage, total: (lambda n=1: None))
    check_package(package_dir)
    user, user_docs = load_user_config(config) if config else ({}, None)
    with open(BASE / "mkdocs.yml", encoding="utf-8") as fd:
        base = yaml.safe_load(fd)
    data = load(package_dir)
    rendered = pages(data, package_dir.resolve().name)
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="newsdesk-site-") as work:
        docs = Path(work) / "docs"
        shutil.copytree(BASE / "docs", docs)
        user_pages = []
        if user_docs and user_docs.is_dir():  # their pages override ours of the same name
            shutil.copytree(user_docs, docs, dirs_exist_ok=True)
            user_pages = sorted(p.relative_to(user_docs).as_posix() for p in user_docs.rglob("*.md"))
        tick = progress("Writing pages", len(rendered))
        for rel, text in rendered.items():  # generated paths are newsdesk's: they win over any page there
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            tick()
        write_downloads(package_dir, docs / "data")
        settings = project_config(base, user, branding(data["descriptor"], package_dir.resolve().name),
                                  [p for p in user_pages if p not in rendered], docs, out)
        project = Path(work) / "mkdocs.yml"
        # yaml.dump, not safe_dump: a user's !!python/name: values must survive the round trip.
        project.write_text(yaml.dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tick = progress("MkDocs build", 1)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the notice about Material's end of life, once per build
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                "--config-file", str(project)], env=env, check=False)
        if built.returncode:  # MkDocs has printed what is wrong; say which file it came from
            raise SiteError(f"{config}: MkDocs rejected this configuration (its message is above)" if config
                            else "MkDocs could not build the site (its message is above)")
        tick()
    if search:
        from concurrent.futures import ThreadPoolExecutor

        tick = progress("Pagefind index", 1)
        records = quote_records(data)
        with ThreadPoolExecutor(1) as pool:  # the pages' index and the quotes' side by side, on two cores
            # with no quotes, the quotes page has no filter form to feed
            quotes_indexed = pool.submit(write_quote_index, records, out) if records else None
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--silent"], check=True)
            if quotes_indexed:
                quotes_indexed.result()
        tick()
    return len(rendered), time.perf_counter() - start
