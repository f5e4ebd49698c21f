"""newsdesk.db: the package's tables in SQLite, queried through Datasette itself."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import descriptor, read_table

DATASETTE = Path(sys.executable).parent / "datasette"


def _get(package: Path, path: str):
    """`datasette newsdesk.db --get PATH`: Datasette answers one request without starting a server."""
    done = subprocess.run([str(DATASETTE), str(package / "newsdesk.db"), "--get", path], capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stdout)


def test_the_database_holds_every_table_with_its_keys(seed_package):
    assert descriptor(seed_package)["sqlite"] == "newsdesk.db"
    db = sqlite3.connect(seed_package / "newsdesk.db")
    for name in ("articles", "entities", "mentions", "quotes", "roles"):
        assert db.execute(f"select count(*) from {name}").fetchone()[0] == len(read_table(seed_package, name))
    keys = {(row[3], row[2], row[4]) for row in db.execute("select * from pragma_foreign_key_list('quotes')")}
    assert keys == {("article_id", "articles", "article_id"), ("speaker_id", "entities", "entity_id")}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    aliases = db.execute("select aliases from entities where entity_id = 'mark-rutte'").fetchone()[0]
    assert json.loads(aliases) == ["Rutte"]  # arrays as JSON text, as in the CSVs


def test_datasette_searches_quotes_and_article_bodies(seed_package):
    quotes = _get(seed_package, "/newsdesk/quotes.json?_search=naive&_shape=array&_col=speaker_id")
    assert [q["speaker_id"] for q in quotes] == ["mark-rutte"]
    articles = _get(seed_package, "/newsdesk/articles.json?_search=Yokosuka&_shape=array&_col=title")
    assert [a["title"] for a in articles] == ["NATO chief raises alarm over China's military buildup, Taiwan drills"]
    facets = _get(seed_package, "/newsdesk/quotes.json?_facet=speaker_id&_size=0")
    counts = {f["value"]: f["count"] for f in facets["facet_results"]["speaker_id"]["results"]}
    assert counts["jens-stoltenberg"] == 6 and counts["mark-rutte"] == 2
    sql = _get(seed_package, "/newsdesk.json?sql=select+count(*)+as+n+from+mentions+where+entity_id='nato'&_shape=array")
    assert sql == [{"n": sum(m["entity_id"] == "nato" for m in read_table(seed_package, "mentions"))}]
