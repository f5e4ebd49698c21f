"""Package: checked frames -> datapackage/ (CSV + Parquet + datapackage.json + report.json, and
newsdesk.db: the same tables in SQLite for Datasette or any SQL client).

Everything is written to a temporary folder beside the target and swapped into
place only when complete, so an interrupted build leaves the previous package intact.
Output is deterministic: sorted rows, fixed key order, no timestamps.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import polars as pl

from .issues import Issue
from .tables import SCHEMAS

DB_NAME = "newsdesk.db"
SQL_TYPES = {"string": str, "date": str, "array": str, "integer": int, "number": float, "boolean": int}
FULL_TEXT = {"articles": ["title", "body"], "quotes": ["text"]}  # searchable with FTS5 (Datasette's ?_search=)

RIGHTS = ("The tables are derived data. The article texts (articles.body and the quoted words) "
          "remain the property of their publishers unless an article's own `license` says otherwise.")


def _csv_ready(df: pl.DataFrame, name: str) -> pl.DataFrame:
    arrays = [f["name"] for f in SCHEMAS[name]["fields"] if f["type"] == "array"]
    return df.with_columns(
        pl.col(c).map_elements(lambda v: json.dumps(list(v), ensure_ascii=False), return_dtype=pl.String)
        for c in arrays)


# Without a datapackage.yml; the site shows the package folder's name instead of this title.
DEFAULT_NAME, DEFAULT_TITLE = "news-corpus", "News corpus"


def descriptor(meta: dict, resources: list[dict]) -> dict:
    desc = {
        "name": meta.get("name", DEFAULT_NAME),
        "title": meta.get("title", DEFAULT_TITLE),
        "description": (meta.get("description", "Articles, quotes and actors extracted by newsdesk.").strip()
                        + "\n\n" + RIGHTS),
        "version": str(meta.get("version", "0.1.0")),
    }
    for key in ("homepage", "licenses", "sources", "contributors", "keywords"):
        if meta.get(key):
            desc[key] = meta[key]
    desc["resources"] = resources
    desc["report"] = "report.json"
    desc["sqlite"] = DB_NAME  # the same tables as a SQLite database: `datasette newsdesk.db`
    return desc


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(frames: dict[str, pl.DataFrame], meta: dict, report: dict, out: Path) -> None:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for old in out.parent.glob(f".{out.name}.old-*"):  # a build killed between the two renames of _swap
        old.rename(out) if not out.exists() else shutil.rmtree(old, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.partial-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    (tmp / "parquet").mkdir(parents=True)
    resources = []
    for name in SCHEMAS:
        csv_path = tmp / f"{name}.csv"
        _csv_ready(frames[name], name).write_csv(csv_path, line_terminator="\n")
        frames[name].write_parquet(tmp / "parquet" / f"{name}.parquet", compression="zstd", statistics=False)
        resources.append({
            "name": name, "type": "table", "path": f"{name}.csv", "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": csv_path.stat().st_size,
            "hash": f"sha256:{_sha256(csv_path)}", "parquet": f"parquet/{name}.parquet",
            "schema": SCHEMAS[name],
        })
    write_sqlite({name: _csv_ready(frames[name], name) for name in SCHEMAS}, tmp / DB_NAME)
    (tmp / "datapackage.json").write_text(
        json.dumps(descriptor(meta, resources), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _swap(tmp, out)


def write_sqlite(frames: dict[str, pl.DataFrame], path: Path) -> None:
    """The tables as SQLite, made with sqlite-utils: the schemas' types, primary and foreign keys
    and required columns, arrays as JSON text (as in the CSVs), FTS5 full-text search on article
    titles and bodies and on quotes. The same frames give the same bytes: rows go in sorted, and a
    final VACUUM lays the file out afresh."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    for name, schema in SCHEMAS.items():  # in SCHEMAS' order: a table before those that refer to it
        fields = schema["fields"]
        db[name].create(
            {f["name"]: SQL_TYPES[f["type"]] for f in fields}, pk=schema["primaryKey"][0],
            not_null=[f["name"] for f in fields if f.get("constraints", {}).get("required")],
            foreign_keys=[(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                          for fk in schema.get("foreignKeys", [])])
        db[name].insert_all(frames[name].iter_rows(named=True), batch_size=1000)
    for name, columns in FULL_TEXT.items():
        db[name].enable_fts(columns, fts_version="FTS5")
    db.vacuum()
    db.close()


def _swap(new: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def validate(out: Path) -> list[str]:
    """Frictionless validation of the written package: types, keys, bytes and hashes."""
    from frictionless import Package

    report = Package(str(out / "datapackage.json")).validate()
    return [] if report.valid else [f"{t.resource.name if hasattr(t, 'resource') else ''}: {e.message}"
                                    for t in report.tasks for e in t.errors][:50] or ["invalid package"]


def report(issues: list[Issue], resolution, articles) -> dict:
    """report.json: what was rejected and warned about, and what curators should look at."""
    return {
        "rejected": [{"file": i.file, "reason": i.message} for i in issues if i.level == "rejected"],
        "warnings": [{"file": i.file, "line": i.line, "message": i.message} for i in issues if i.level == "warning"],
        "unresolved": [{"entity_id": e, "why": why, "mentions": n} for e, why, n in resolution.unresolved],
        "unused_registry": resolution.unused,
        "merged": resolution.merges,
        "suggested_merges": resolution.suggestions,
        "not_actors": resolution.dropped,
        "spun": [{"article_id": a.article_id, "evidence": a.spun_evidence} for a in articles
                 if "suspected-spun" in a.flags],
        "near_duplicates": [{"article_id": a.article_id, "of": a.near_duplicates} for a in articles
                            if a.near_duplicates],
    }
