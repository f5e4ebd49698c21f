"""Site: the published data package -> Markdown pages -> MkDocs + Material website.

The site reads only the data package, so it shows exactly what was published.
`render(corpus, paths)` is pure (package data in, {path: text} out), and so are `branding` and
`project_config`; `run` renders the pages shard by shard (see shards.py), assembles each shard as
a MkDocs project in a temporary folder (the base configuration and pages shipped in site_base/, a
user's mkdocs.yml and pages, the generated pages), builds the shards in parallel processes with
MkDocs and Pagefind and merges them into one folder. A small site is one shard, built as before.
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
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import package, shards
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
#
# A site is rendered in parts (see shards.py): `corpus(...)` keeps the package's tables as compact
# polars frames plus the small lookups every page needs (names, titles, dates); `render(corpus,
# paths)` renders just the pages asked for, selecting only their rows. So no more than one part's
# pages, and their rows as Python objects, are ever held at once, whatever the corpus size.

ARTICLE_INDEX_COLUMNS = ("article_id", "title", "published", "publisher", "agency", "source_credit", "byline",
                         "word_count", "flags")
# Pages reached from the navigation, the home page and the listings of everything: rebuilt with
# the base part, which the hand-written pages, the theme's assets and the downloads are in.
BASE_PAGES = ("index.md", "articles/index.md", "actors/index.md", "quotes/index.md", "data/index.md",
              "curation.md")
# What a generated page may look up about another article or actor, by an id in its rows (see
# `select`): a warm rebuild fingerprints exactly these columns of the ones a shard's rows name
# (`inputs`), so pages are given no more. The columns that hold such ids follow.
NAMED_ARTICLE_COLUMNS = ("article_id", "title", "published")
NAMED_ACTOR_COLUMNS = ("entity_id", "name", "type")
ARTICLE_REFERENCES = ("article_id", "near_duplicates")
ACTOR_REFERENCES = ("entity_id", "speaker_id", "entity_id_other")


def corpus(data: dict, package_name: str = "datapackage") -> dict:
    """The package's tables and the lookups shared by every page."""
    desc = data["descriptor"]
    articles, entities = data["articles"], data["entities"]
    # the columns pages use: a mention's text is the article's, at its offsets (most of the table's size)
    mentions = data["mentions"].select("article_id", "entity_id", "start", "end")
    listed = articles.select(ARTICLE_INDEX_COLUMNS)  # no bodies: those are read per part
    by_date = order_articles(list(listed.iter_rows(named=True)))
    speech = data["quotes"].filter(pl.col("kind").is_in(list(SPEECH))).sort("quote_id")
    return {
        "env": environment(), "descriptor": desc, "report": data["report"],
        "articles": articles, "entities": entities, "mentions": mentions, "quotes": data["quotes"],
        "roles": data["roles"], "speech": speech, "by_date": by_date,
        "rank": {a["article_id"]: n for n, a in enumerate(by_date)},  # newest first, then undated by title
        "published": {a["article_id"]: a["published"] for a in by_date},
        "entity_rows": {e["entity_id"]: e for e in entities.select(NAMED_ACTOR_COLUMNS).iter_rows(named=True)},
        # who is linked to which article, for "appears with": two short columns
        "linked": pl.concat([mentions.select("entity_id", "article_id"), data["roles"].select("entity_id", "article_id")])
        .unique(),
        # The package's metadata, not its files: their sizes and hashes change with every package, and
        # only the data page, a base page, shows them.
        "common": {"package": {k: v for k, v in desc.items() if k != "resources"},
                   "names": dict(zip(entities["entity_id"], entities["name"], strict=True)),
                   "titles": dict(zip(articles["article_id"], articles["title"], strict=True)),
                   "site_title": branding(desc, package_name)["site_name"]},
    }


def quote_page_count(c: dict) -> int:
    return max(1, -(-c["speech"].height // QUOTES_PER_PAGE))


def page_paths(c: dict) -> list[str]:
    """Every generated page outside BASE_PAGES: one per article, one per actor, the quote list's
    pages after the first."""
    return ([f"articles/{i}.md" for i in c["articles"]["article_id"]]
            + [f"actors/{i}.md" for i in c["entities"]["entity_id"]]
            + [f"quotes/page-{n}.md" for n in range(2, quote_page_count(c) + 1)])


def _grouped(frame: pl.DataFrame, key: str) -> defaultdict[str, list[dict]]:
    out = defaultdict(list)
    for row in frame.iter_rows(named=True):
        out[row[key]].append(row)
    return out


def _split(paths: list[str]) -> tuple[list[str], list[str], list[int]]:
    """The ids of the article pages, the actor pages and the numbers of the quote pages among `paths`."""
    generated = [p for p in paths if p not in BASE_PAGES]
    return ([p[len("articles/"):-3] for p in generated if p.startswith("articles/")],
            [p[len("actors/"):-3] for p in generated if p.startswith("actors/")],
            [int(p[len("quotes/page-"):-3]) for p in generated if p.startswith("quotes/page-")])


def _quote_rows(c: dict, n: int) -> pl.DataFrame:
    return c["speech"].slice((n - 1) * QUOTES_PER_PAGE, QUOTES_PER_PAGE)


def _quote_rows_name(c: dict, n: int) -> str:
    """A quote page's rows, by a name that says how many pages there are: each page links to them all."""
    return f"quotes/page-{n} of {quote_page_count(c)}"


def select(c: dict, paths: list[str]) -> dict[str, pl.DataFrame]:
    """The rows the generated pages at `paths` are rendered from, by name. Besides these, a page reads
    only `common` and the rows of the articles and actors these name (see `inputs`). The base pages
    list everything: they select nothing here and are rendered from the whole package."""
    articles, actors, quote_pages = _split(paths)
    rows = {}
    if articles:
        mine = pl.col("article_id").is_in(articles)
        rows |= {"articles": c["articles"].filter(mine).sort("article_id"),
                 "article quotes": c["quotes"].filter(mine).sort("quote_id"),
                 "article mentions": c["mentions"].filter(mine), "article roles": c["roles"].filter(mine)}
    if actors:
        mine = pl.col("entity_id").is_in(actors)
        linked = c["linked"]
        rows |= {
            "actors": c["entities"].filter(mine).sort("entity_id"),
            "actor quotes": c["quotes"].filter(pl.col("speaker_id").is_in(actors)).sort("quote_id"),
            # what role_groups reads: a role's id and offsets, renumbered when its article changes, are
            # not shown on the actor's page
            "actor roles": c["roles"].filter(mine).select("entity_id", "article_id", "role"),
            # the articles of an actor with its mentions in each; who appears with whom, in how many articles
            "actor articles": c["mentions"].filter(mine).group_by("entity_id", "article_id").len()
            .sort("entity_id", "article_id"),
            "together": linked.filter(mine).join(linked, on="article_id", suffix="_other")
            .filter(pl.col("entity_id") != pl.col("entity_id_other"))
            .group_by("entity_id", "entity_id_other").len()
            .sort(["entity_id", "len", "entity_id_other"], descending=[False, True, False])}
    for n in quote_pages:
        rows[_quote_rows_name(c, n)] = _quote_rows(c, n)
    return rows


def inputs(c: dict, rows: dict[str, pl.DataFrame]) -> list[str]:
    """Everything pages rendered from `rows` (see `select`) read, as text to fingerprint before
    rendering them: the rows, `common`'s package metadata and title, and the rows of the articles
    and actors they name. A page finds other articles and actors only through ids in its rows, and
    where it orders articles by `rank`, their order follows from their own dates, titles and ids
    (order_articles), which are here."""
    named: dict[str, set] = {"article_id": set(), "entity_id": set()}
    for frame in rows.values():
        for column in set(frame.columns) & {*ARTICLE_REFERENCES, *ACTOR_REFERENCES}:
            values = frame[column].explode() if frame[column].dtype == pl.List else frame[column]
            named["article_id" if column in ARTICLE_REFERENCES else "entity_id"].update(values.drop_nulls())
    looked_up = {"named articles": c["articles"].select(NAMED_ARTICLE_COLUMNS),
                 "named actors": c["entities"].select(NAMED_ACTOR_COLUMNS)}
    for (name, frame), key in zip(looked_up.items(), named, strict=True):
        looked_up[name] = frame.filter(pl.col(key).is_in(sorted(named[key]))).sort(key)
    common = {k: v for k, v in c["common"].items() if k in ("package", "site_title")}
    return [json.dumps(common, sort_keys=True, ensure_ascii=False),
            *(part for name, frame in sorted({**rows, **looked_up}.items()) for part in (name, frame.write_json()))]


def _article_pages(c: dict, rows: dict[str, pl.DataFrame]) -> dict[str, str]:
    env, common, ent_rows = c["env"], c["common"], c["entity_rows"]
    names = common["names"]
    quotes_by_article = _grouped(rows["article quotes"], "article_id")
    mentions_by_article = _grouped(rows["article mentions"], "article_id")
    roles_by_article = _grouped(rows["article roles"], "article_id")
    out = {}
    for a in rows["articles"].iter_rows(named=True):
        aq = quotes_by_article[a["article_id"]]
        actors = Counter(m["entity_id"] for m in mentions_by_article[a["article_id"]])
        for r in roles_by_article[a["article_id"]]:
            actors.setdefault(r["entity_id"], 0)
        out[f"articles/{a['article_id']}.md"] = env.get_template("article.md.j2").render(
            a=a, quotes=aq, roles=roles_by_article[a["article_id"]], entities=ent_rows,
            actors=sorted(actors.items(), key=lambda x: (-x[1], names[x[0]])),
            text=mark_up(a["body"], aq, mentions_by_article[a["article_id"]], names), **common)
    return out


def _actor_pages(c: dict, rows: dict[str, pl.DataFrame]) -> dict[str, str]:
    env, common, rank, published = c["env"], c["common"], c["rank"], c["published"]
    quotes_by_speaker = _grouped(rows["actor quotes"], "speaker_id")
    roles_by_entity = _grouped(rows["actor roles"], "entity_id")
    articles_of = defaultdict(list)
    for row in rows["actor articles"].iter_rows(named=True):
        articles_of[row["entity_id"]].append((row["article_id"], row["len"]))
    together = defaultdict(list)
    for row in rows["together"].iter_rows(named=True):
        if len(together[row["entity_id"]]) < 12:
            together[row["entity_id"]].append((row["entity_id_other"], row["len"]))
    out = {}
    for e in rows["actors"].iter_rows(named=True):
        entity_id = e["entity_id"]
        groups = quote_groups(quotes_by_speaker[entity_id], rank)
        shown, hidden = first_screen(groups, QUOTES_ON_FIRST_SCREEN)
        months = monthly(articles_of[entity_id], quotes_by_speaker[entity_id], published)
        out[f"actors/{entity_id}.md"] = env.get_template("actor.md.j2").render(
            e=e, quote_groups=groups, shown=shown, hidden=hidden,
            quote_total=sum(len(items) for _, items in groups),
            roles=role_groups(roles_by_entity[entity_id], rank), published=published,
            timeline=timeline_chart(months) if months else "",
            articles=sorted(articles_of[entity_id], key=lambda x: (-x[1], x[0])),
            together=together[entity_id], entities=c["entity_rows"], **common)
    return out


def _quote_page(c: dict, n: int, chunk: pl.DataFrame) -> str:
    return c["env"].get_template("quotes.md.j2").render(quotes=list(chunk.iter_rows(named=True)), page=n,
                                                        pages=quote_page_count(c), bundle=QUOTE_BUNDLE, **c["common"])


def _base_page(c: dict, path: str) -> str:
    env, desc = c["env"], c["descriptor"]
    common = {**c["common"], "package": desc}  # the listings and the data page show the package's files
    actor_rows = sorted(c["entities"].iter_rows(named=True), key=lambda e: (-e["mention_count"], e["entity_id"]))
    dated = any(a["published"] for a in c["by_date"])
    if path == "articles/index.md":
        return env.get_template("articles.md.j2").render(articles=c["by_date"], dated=dated, **common)
    if path == "actors/index.md":
        return env.get_template("actors.md.j2").render(actors=actor_rows, **common)
    if path == "quotes/index.md":
        return _quote_page(c, 1, _quote_rows(c, 1))
    if path == "data/index.md":
        return env.get_template("data.md.j2").render(jsonld=dataset_jsonld(desc), zip_name=ZIP_NAME, **common)
    if path == "curation.md":
        report = c["report"]
        unresolved = [{**u, "why": readable_why(u["why"])} for u in report.get("unresolved", [])]
        return env.get_template("curation.md.j2").render(
            report={**report, "unresolved": unresolved},
            duplicate_pairs=duplicate_pairs(report.get("near_duplicates", [])), **common)
    most_quoted = sorted((e for e in actor_rows if e["quote_count"]), key=lambda e: (-e["quote_count"], e["entity_id"]))
    return env.get_template("home.md.j2").render(
        counts={"articles": c["articles"].height, "actors": c["entities"].height, "quotes": c["speech"].height},
        most_quoted=most_quoted[:10], most_mentioned=actor_rows[:10], latest=c["by_date"][:10],
        dated=dated,
        chart=bar_chart([(e["entity_id"], e["name"], e["quote_count"]) for e in most_quoted[:12]]), **common)


def render(c: dict, paths: list[str], rows: dict[str, pl.DataFrame] | None = None) -> dict[str, str]:
    """The pages at `paths` (from page_paths and BASE_PAGES), by path, from their `rows` (select's)."""
    rows = select(c, paths) if rows is None else rows
    articles, actors, quote_pages = _split(paths)
    out = {**(_article_pages(c, rows) if articles else {}), **(_actor_pages(c, rows) if actors else {})}
    for n in quote_pages:
        out[f"quotes/page-{n}.md"] = _quote_page(c, n, rows[_quote_rows_name(c, n)])
    for p in paths:
        if p in BASE_PAGES:
            out[p] = _base_page(c, p)
    return out


def pages(data: dict, package_name: str = "datapackage") -> dict[str, str]:
    """Every generated page, by path under the docs folder (package_name: the package folder's name, the
    site's title when the package has none of its own). All at once: for small sites and tests."""
    c = corpus(data, package_name)
    return render(c, page_paths(c) + list(BASE_PAGES))


def quote_records(data: dict, ids: list[str] | None = None) -> list[dict]:
    """One Pagefind record per quote (full sentences and fragments), for the quotes page's filters:
    the words are searched, speaker, speaker type and kind are filters. They go into a bundle of
    their own (pagefind-quotes/), so that site search finds pages, and the quotes page loads only
    the fragments a query needs, never the whole list. `ids`: only these quotes (one bundle's)."""
    chosen = data["quotes"].filter(pl.col("kind").is_in(list(SPEECH)))
    if ids is not None:
        chosen = chosen.filter(pl.col("quote_id").is_in(ids))
    # only the speakers and articles of these quotes: one bundle's, not the corpus's
    entities = {e["entity_id"]: e for e in data["entities"].filter(pl.col("entity_id").is_in(
        chosen["speaker_id"].drop_nulls().unique().to_list())).iter_rows(named=True)}
    articles = {a["article_id"]: a for a in data["articles"].select("article_id", "title", "published")
                .filter(pl.col("article_id").is_in(chosen["article_id"].unique().to_list())).iter_rows(named=True)}
    records = []
    for q in chosen.sort("quote_id").iter_rows(named=True):
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


def write_quote_index(records: list[dict], bundle: Path) -> None:
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
                        str(bundle), "--force-language", "en", "--silent"], check=True)


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
            info.file_size = path.stat().st_size  # known up front, as writestr() knows it: the same bytes
            # in blocks, not read whole: a large package's SQLite file is gigabytes
            with open(path, "rb") as src, zf.open(info, "w") as dest:
                shutil.copyfileobj(src, dest, 1 << 20)


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


@dataclass
class SiteResult:
    pages: int  # generated pages
    seconds: float
    shards: dict[str, int]  # every part of the site (page shards, base, quote bundles): its pages or quotes
    rebuilt: list[str]  # the parts built this time; the others were unchanged and kept
    rendered: list[str]  # the page shards whose inputs changed, rendered to see whether their pages did


BUNDLES_FILE = "search-bundles.json"  # the page and quote bundles the search UIs merge at query time
PAGE_BUNDLE = "pagefind"  # the site search's first bundle; the other shards' are pagefind-pages-NN/


def shard_config(settings: dict) -> dict:
    """A page shard's mkdocs.yml: the site's, but the navigation points at pages built in the base
    shard, so it lists them as links (the same URLs) that MkDocs need not find in this shard. Every
    link the base pages and hand-written pages make is still checked by the base shard's build."""
    def as_links(item):
        if isinstance(item, dict):
            return {k: as_links(v) for k, v in item.items()}
        if isinstance(item, list):
            return [as_links(v) for v in item]
        if isinstance(item, str) and item.endswith(".md") and "://" not in item:
            return item[:-3] + ".html"
        return item

    validation = copy.deepcopy(settings.get("validation") or {})
    validation.setdefault("nav", {})["not_found"] = "info"
    # Material links its logo to the home page it finds in the navigation; here it is a link, so name it
    extra = {"homepage": "index.html", **(settings.get("extra") or {})}
    return {**settings, "nav": as_links(settings["nav"]), "validation": validation, "extra": extra}


def tool_versions() -> str:
    """The tools whose output the site is: another MkDocs, Material or Pagefind rebuilds every shard."""
    from importlib.metadata import version

    return " ".join(f"{name}=={version(name)}" for name in ("mkdocs", "mkdocs-material", "pagefind"))


def html_path(page: str) -> str:
    return page[:-3] + ".html"


def _build_shard(name: str, work: Path, out: Path, paths: list[str], bundle: str | None, whole: bool,
                 config: Path | None = None) -> list[str]:
    """Build one assembled shard (work/mkdocs.yml, work/docs) with MkDocs, index it with Pagefind
    into out/<bundle>, and move its pages into `out`. The base shard (`whole`) brings every file it
    built (theme assets, hand-written pages, downloads); a page shard only its own pages. Returns
    the files it put in `out` (not the bundle's)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the notice about Material's end of life, once per build
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "--config-file", str(work / "mkdocs.yml")], env=env, check=False,
                           capture_output=True, text=True)
    if built.returncode:  # MkDocs' own message, on one line, after the file it came from
        message = " ".join((built.stderr or built.stdout).split())[-800:]
        raise SiteError(f"{config}: MkDocs rejected this configuration: {message}" if config
                        else f"MkDocs could not build the site (shard {name}): {message}")
    site_dir = work / "site"
    if bundle:
        shutil.rmtree(out / bundle, ignore_errors=True)
        # A page shard indexes its article and actor pages only: the base shard's pages, and a shard's
        # copy of 404.html, are not in the search, as in a site built whole.
        only = [] if whole else ["--glob", "{articles,actors}/*.html"]
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path",
                        str(out / bundle), "--silent", *only], check=True)
    files = (sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()) if whole
             else [html_path(p) for p in paths])
    for rel in files:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(site_dir / rel, out / rel)
    sitemap = (out if whole else site_dir) / "sitemap.xml"
    if sitemap.is_file():  # each shard's sitemap, merged into the site's by merge_sitemaps
        own = _shard_sitemap(name)
        (out / own).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sitemap, out / own)
        files.append(own)
    shutil.rmtree(work, ignore_errors=True)
    return files


SITEMAP_URL = re.compile(r"<url>.*?</url>", re.S)


def _shard_sitemap(name: str) -> str:
    """Where a shard's own sitemap is kept in the site, for warm rebuilds to merge again."""
    return (shards.STATE.parent / "sitemaps" / f"{name}.xml").as_posix()


def merge_sitemaps(out: Path, names: list[str]) -> None:
    """One sitemap.xml (and .gz) listing the pages of every shard: each MkDocs build lists only its own.
    A site built whole has MkDocs' own."""
    import gzip

    if len(names) == 1:
        return
    entries = []
    for name in names:
        path = out / _shard_sitemap(name)
        if path.is_file():
            entries += SITEMAP_URL.findall(path.read_text(encoding="utf-8"))
    if not entries:  # no site_url: MkDocs lists no pages either
        return
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"    {e}\n" for e in sorted(entries)) + "</urlset>\n")
    (out / "sitemap.xml").write_text(text, encoding="utf-8")
    with open(out / "sitemap.xml.gz", "wb") as fd, gzip.GzipFile(fileobj=fd, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def _remove(out: Path, files: list[str], bundle: str | None, keep: set[str]) -> None:
    """A shard's previous outputs, except files that another shard of this build now owns."""
    for rel in files:
        if rel not in keep:
            (out / rel).unlink(missing_ok=True)
    if bundle and bundle not in keep:
        shutil.rmtree(out / bundle, ignore_errors=True)


def _clear(out: Path) -> None:
    """Empty a site folder for a fresh build; never a folder of someone's files."""
    if any(out.iterdir()) and not (out / "index.html").exists():
        raise SiteError(f"{out}: this folder has files and is not a site built here; nothing was changed. "
                        "Give --out an empty or new folder, or a site folder to rebuild")
    shutil.rmtree(out)


def _assemble(work: Path, rendered: dict[str, str], settings: dict, whole: bool, package_dir: Path,
              user_docs: Path | None) -> None:
    """A shard as a MkDocs project in `work`: its rendered pages and its mkdocs.yml. The base shard
    (`whole`) also brings our hand-written pages, the user's (from `user_docs`) and the downloads."""
    import yaml

    docs = work / "docs"
    if whole:
        shutil.copytree(BASE / "docs", docs)
        if user_docs:  # their pages override ours of the same name
            shutil.copytree(user_docs, docs, dirs_exist_ok=True)
        write_downloads(package_dir, docs / "data")
    for rel, text in rendered.items():  # generated paths are newsdesk's: they win over any page there
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    own = {**settings, "docs_dir": str(docs), "site_dir": str(work / "site")}
    # yaml.dump, not safe_dump: a user's !!python/name: values must survive the round trip.
    (work / "mkdocs.yml").write_text(yaml.dump(own if whole else shard_config(own), allow_unicode=True,
                                               sort_keys=False), encoding="utf-8")


def run(package_dir: Path, out: Path, config: Path | None = None, progress=None, search: bool = True,
        shard_pages: int = shards.DEFAULT_SHARD_PAGES, quotes_per_bundle: int | None = None,
        jobs: int | None = None) -> SiteResult:
    """Render the package's pages shard by shard and build each shard with MkDocs and Pagefind into `out`.

    Each shard is assembled in a temporary folder, never beside the user's files (TMPDIR can point
    it at a larger disk), and built in a process of its own, `jobs` at a time (default: one per
    core) while the next shard is rendered. A shard is kept as it is when the fingerprint of its
    inputs (the rows its pages are rendered from, see `inputs`, or for the base shard the whole
    package; and the shared configuration, templates and theme pages) matches the one recorded in
    `out` by the last build, without rendering it; or else when the fingerprint of its rendered
    pages does. Pages and bundles of shards that no longer exist are removed."""
    import yaml

    start = time.perf_counter()
    progress = progress or (lambda stage, total: (lambda n=1: None))
    check_package(package_dir)
    if shard_pages < 1:
        raise SiteError(f"--shard-pages {shard_pages}: give a number of pages of 1 or more")
    user, user_docs = load_user_config(config) if config else ({}, None)
    with open(BASE / "mkdocs.yml", encoding="utf-8") as fd:
        base = yaml.safe_load(fd)
    package_name = package_dir.resolve().name
    c = corpus(load(package_dir), package_name)
    generated = page_paths(c)
    plan = shards.plan(generated, list(BASE_PAGES), shard_pages)
    # The site search's bundles: one per page shard with articles or actors to index.
    indexed = [name for name, paths in plan.items() if name != shards.BASE
               and any(not p.endswith("index.md") and p.startswith(("articles/", "actors/")) for p in paths)]
    bundle_of = ({shards.BASE: PAGE_BUNDLE} if len(plan) == 1 else
                 {name: PAGE_BUNDLE if n == 0 else f"pagefind-{name}" for n, name in enumerate(indexed)})
    quote_plan = {}
    if search and c["speech"].height:
        split = shards.split(c["speech"]["quote_id"].to_list(),
                             quotes_per_bundle or shards.QUOTES_PER_PAGE_SHARD * shard_pages, "quotes")
        quote_plan = {QUOTE_BUNDLE if n == 0 else f"{QUOTE_BUNDLE}-{name.rsplit('-', 1)[1]}": ids
                      for n, (name, ids) in enumerate(split.items()) if ids or n == 0}
    bundles = {"pages": [f"{b}/" for b in bundle_of.values() if b != PAGE_BUNDLE] if search else [],
               "quotes": [f"{b}/" for b in quote_plan if b != QUOTE_BUNDLE]}

    user_pages = sorted(p.relative_to(user_docs).as_posix() for p in user_docs.rglob("*") if p.is_file()) \
        if user_docs and user_docs.is_dir() else []
    taken = set(generated) | set(BASE_PAGES)
    settings = project_config(base, user, branding(c["descriptor"], package_name),
                              [p for p in user_pages if p.endswith(".md") and p not in taken], Path("docs"), Path("site"))
    # What every shard shares: a change to any of it rebuilds them all.
    templates = Path(__file__).parent / "templates"
    here = Path(__file__).parent
    shared = shards.digest(yaml.dump(settings, allow_unicode=True, sort_keys=True), str(search), tool_versions(),
                           shards.files_digest([here / "site.py", here / "shards.py"], here),
                           shards.files_digest([p for p in templates.rglob("*") if p.is_file()], templates),
                           shards.files_digest([p for p in BASE.rglob("*") if p.is_file()], BASE),
                           shards.files_digest([user_docs / p for p in user_pages], user_docs) if user_pages else "")
    package_files = shards.files_digest([p for p in package_dir.rglob("*") if p.is_file()], package_dir)

    out = out.resolve()
    previous = shards.read_state(out)
    if not previous and out.exists():  # no record of what is there: build everything afresh
        _clear(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / shards.STATE).unlink(missing_ok=True)  # until this build completes, nothing in `out` is trusted
    owned = {html_path(p) for paths in plan.values() for p in paths} | set(bundle_of.values()) | set(quote_plan)
    for name in set(previous) - set(plan) - set(quote_plan):  # shards of an earlier plan
        _remove(out, previous[name].get("files", []), previous[name].get("bundle"), owned)

    state, rebuilt, rendered_shards, pending = {}, [], [], set()
    jobs = jobs or os.cpu_count() or 1
    tick = progress("Building shards", len(plan) + len(quote_plan))
    with tempfile.TemporaryDirectory(prefix="newsdesk-site-") as tmp, ThreadPoolExecutor(jobs) as pool:
        def submit(name: str, fingerprints: dict, bundle: str | None, fn, *args) -> None:
            old = previous.get(name, {})
            _remove(out, old.get("files", []), old.get("bundle"), owned - {bundle})
            future = pool.submit(fn, *args)
            future.shard = (name, fingerprints, bundle)
            pending.add(future)
            rebuilt.append(name)
            while len(pending) > jobs:  # at most one shard waits on disk: peak memory is a few shards'
                collect(wait(pending, return_when=FIRST_COMPLETED).done)

        def collect(done) -> None:
            for future in done:
                pending.discard(future)
                name, fingerprints, bundle = future.shard
                state[name] = {**fingerprints, "files": future.result() or [], "bundle": bundle}
                tick()

        def unchanged(name: str, fingerprints: dict, kind: str) -> bool:
            """Whether the shard's fingerprint of this kind is the last build's: then it is kept as it is."""
            if previous.get(name, {}).get(kind) != fingerprints[kind]:
                return False
            state[name] = {**previous[name], **fingerprints}
            tick()
            return True

        for name, paths in plan.items():
            whole = name == shards.BASE
            bundle = bundle_of.get(name) if search else None
            # the bundle's name too: search-bundles.json (in the base shard) must name the bundle there is
            common = shared + str(bundle)
            rows = select(c, paths)
            fingerprints = {"inputs": shards.digest(common, *paths, *([package_files, json.dumps(bundles)] if whole
                                                                  else inputs(c, rows)))}
            if unchanged(name, fingerprints, "inputs"):
                continue
            rendered = render(c, paths, rows)
            del rows
            rendered_shards.append(name)
            if whole:
                rendered[BUNDLES_FILE] = json.dumps(bundles, indent=1)
            fingerprints["fingerprint"] = shards.fingerprint(common + (package_files if whole else ""), rendered)
            if unchanged(name, fingerprints, "fingerprint"):
                continue
            work = Path(tmp) / name
            _assemble(work, rendered, settings, whole, package_dir, user_docs if user_pages else None)
            del rendered
            submit(name, fingerprints, bundle, _build_shard, name, work, out, paths, bundle, whole, config)
        for name, ids in quote_plan.items():
            records = quote_records(c, ids)
            fingerprints = {"fingerprint": shards.fingerprint(shared, {"records": json.dumps(records, sort_keys=True)})}
            if unchanged(name, fingerprints, "fingerprint"):
                continue
            submit(name, fingerprints, name, write_quote_index, records, out / name)
        collect(wait(pending).done)
    merge_sitemaps(out, list(plan))
    shards.write_state(out, state)
    sizes = {**{name: len(paths) for name, paths in plan.items()}, **{name: len(ids) for name, ids in quote_plan.items()}}
    return SiteResult(len(generated) + len(BASE_PAGES), time.perf_counter() - start, sizes, rebuilt, rendered_shards)
