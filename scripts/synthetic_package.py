"""Make a data package of N articles without NLP, for benchmarks of the site at a scale the NLP
build cannot reach in a benchmark's time: a real package (built by newsdesk from a generated
corpus) is tiled. Every row of the real package is repeated with new ids, so the tables have the
real one's shape (columns, rows per article, text sizes, quotes per actor); actors are repeated
in families (one per 5,000 articles), so their number grows with the corpus as in news, where new
names keep coming.

    python scripts/synthetic_package.py TEMPLATE_PACKAGE OUT --articles 100000
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES_PER_ACTOR_FAMILY = 5000


def tables(template: Path, n: int) -> dict[str, pl.DataFrame]:
    """The template's tables tiled to `n` articles: copy g of article a is `a-g`, and its actors are
    those of family g mod F."""
    from newsdesk.tables import SCHEMAS

    t = {name: pl.read_parquet(template / "parquet" / f"{name}.parquet") for name in SCHEMAS}
    k = t["articles"].height
    copies = math.ceil(n / k)
    families = max(1, round(n / ARTICLES_PER_ACTOR_FAMILY))

    def suffix(col: str, g: int) -> pl.Expr:
        return (pl.col(col) + f"-{g}").alias(col)  # a null id stays null

    def entity(col: str, g: int) -> pl.Expr:
        return (pl.col(col) + f"-f{g % families}").alias(col)

    out: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}
    for g in range(copies):
        out["articles"].append(t["articles"].with_columns(
            suffix("article_id", g), pl.col("file").str.replace(r"\.txt$", f"-{g}.txt"),
            pl.col("near_duplicates").list.eval(pl.element() + f"-{g}")))
        out["mentions"].append(t["mentions"].with_columns(suffix("mention_id", g), suffix("article_id", g),
                                                          entity("entity_id", g)))
        out["roles"].append(t["roles"].with_columns(suffix("role_id", g), suffix("article_id", g),
                                                    entity("entity_id", g)))
        out["quotes"].append(t["quotes"].with_columns(suffix("quote_id", g), suffix("article_id", g),
                                                      suffix("quotation_id", g), entity("speaker_id", g)))
    for f in range(families):
        out["entities"].append(t["entities"].with_columns(
            entity("entity_id", f), (pl.col("name") + ("" if f == 0 else f" {f}")).alias("name")))
    frames = {name: pl.concat(parts) for name, parts in out.items()}
    keep = frames["articles"]["article_id"].head(n)
    frames["articles"] = frames["articles"].head(n)
    for name in ("mentions", "roles", "quotes"):
        frames[name] = frames[name].filter(pl.col("article_id").is_in(keep.implode()))
    # the counts the entity table carries, recounted for the tiled rows
    counts = (frames["entities"].select("entity_id")
              .join(frames["mentions"].group_by("entity_id").agg(pl.len().alias("mention_count"),
                                                                 pl.col("article_id").n_unique().alias("article_count")),
                    on="entity_id", how="left")
              .join(frames["quotes"].group_by(pl.col("speaker_id").alias("entity_id")).agg(pl.len().alias("quote_count")),
                    on="entity_id", how="left").fill_null(0))
    frames["entities"] = (frames["entities"].drop("mention_count", "article_count", "quote_count")
                          .join(counts, on="entity_id", how="left")
                          .select(t["entities"].columns).cast(t["entities"].schema))
    return {name: frame.sort(frame.columns[0]) for name, frame in frames.items()}


def write(template: Path, out: Path, n: int, frames: dict[str, pl.DataFrame] | None = None) -> dict[str, pl.DataFrame]:
    """Write the tiled package (or `frames`, e.g. with one article changed) with newsdesk's own writer."""
    from newsdesk import package

    frames = frames or tables(template, n)
    desc = json.loads((template / "datapackage.json").read_text(encoding="utf-8"))
    meta = {k: desc[k] for k in ("name", "title", "version", "licenses", "sources", "keywords") if k in desc}
    meta["title"] = f"Generated package of {n:,} articles (tiled from a real build, no NLP)"
    report = json.loads((template / "report.json").read_text(encoding="utf-8"))
    report["near_duplicates"] = []  # they name the template's articles
    package.write(frames, meta, report, out)
    return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template", type=Path, help="a data package built by newsdesk")
    parser.add_argument("out", type=Path, help="the package folder to write")
    parser.add_argument("--articles", type=int, default=100_000, help="how many articles")
    args = parser.parse_args()
    write(args.template, args.out, args.articles)


if __name__ == "__main__":
    main()
