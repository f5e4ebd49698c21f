"""Shared fixtures: real builds of small corpora (the seed corpus and the newsroom fixtures)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from newsdesk import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_table(package: Path, name: str) -> list[dict]:
    with open(package / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def linked_names(package: Path) -> dict[tuple[str, str], set[str]]:
    """(article file, entity type) -> canonical names linked to it by mentions or roles."""
    files = {a["article_id"]: a["file"] for a in read_table(package, "articles")}
    entities = {e["entity_id"]: e for e in read_table(package, "entities")}
    out: dict[tuple[str, str], set[str]] = {}
    for table in ("mentions", "roles"):
        for row in read_table(package, table):
            e = entities[row["entity_id"]]
            out.setdefault((files[row["article_id"]], e["type"]), set()).add(e["name"])
    return out


@pytest.fixture(scope="session")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def seed_package(tmp_path_factory, cache) -> Path:
    out = tmp_path_factory.mktemp("seed") / "datapackage"
    build.run(ROOT / "corpus", out, cache)
    return out


@pytest.fixture(scope="session")
def seed_package_no_registry(tmp_path_factory, cache) -> Path:
    corpus = tmp_path_factory.mktemp("bare") / "corpus"
    shutil.copytree(ROOT / "corpus" / "articles", corpus / "articles")
    out = corpus.parent / "datapackage"
    build.run(corpus, out, cache)
    return out


@pytest.fixture(scope="session")
def newsroom_package(tmp_path_factory, cache) -> Path:
    out = tmp_path_factory.mktemp("newsroom") / "datapackage"
    build.run(FIXTURES / "newsroom", out, cache)
    return out


@pytest.fixture(scope="session")
def newsroom_expected() -> dict:
    import yaml

    return yaml.safe_load((FIXTURES / "newsroom" / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_site(seed_package, tmp_path_factory):
    from sitebuild import build_site

    return build_site(seed_package, tmp_path_factory.mktemp("seed-site"))


# A shard size that spreads the seed site (44 pages, 14 quotes) over many shards and quote bundles.
TINY_SHARDS = {"shard_pages": 8, "quotes_per_bundle": 4}


@pytest.fixture(scope="session")
def sharded_site(seed_package, tmp_path_factory):
    from newsdesk import site

    out = tmp_path_factory.mktemp("sharded-site") / "site"
    site.run(seed_package, out, **TINY_SHARDS)
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, cache):
    from sitebuild import build_site

    work = tmp_path_factory.mktemp("hostile")
    package = work / "datapackage"
    build.run(FIXTURES / "hostile", package, cache)
    return build_site(package, work), package


def descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


# A tiny corpus for the reading features: one quotation in two dated articles (a Prime Minister
# both times) and a third dated article about her, an undated article whose actors have no dates
# at all, and an undated profile.
READING_CORPUS = {
    "bridge-one.txt": "Harbour bridge plan wins backing in Port Elin\n\n"
                      "PORT ELIN — Prime Minister Ann Cole on Tuesday backed the long-delayed harbour bridge.\n\n"
                      '"We will build the new harbour bridge before the winter storms arrive," Cole told '
                      "reporters at the port.\n\nHarbour Authority chief Omar Haddad welcomed the decision. "
                      '"The port has waited twenty years for this," Haddad said.\n',
    "bridge-one.yml": "published: 2024-03-05\npublisher: Port Elin Gazette\n",
    "bridge-two.txt": "Bridge builders named as storms loom\n\n"
                      "PORT ELIN — The government named three builders for the harbour bridge on Friday.\n\n"
                      'Prime Minister Ann Cole repeated her promise. "We will build the new harbour bridge '
                      'before the winter storms arrive," Cole said in a statement.\n\n'
                      "Critics questioned the cost of the project.\n",
    "bridge-two.yml": "published: 2024-05-17\npublisher: Port Elin Gazette\n",
    "bridge-three.txt": "Bridge works begin in Port Elin\n\nWork on the harbour bridge began on Monday. "
                        "Ann Cole watched the first pile go in.\n",
    "bridge-three.yml": "published: 2024-07-02\npublisher: Port Elin Gazette\n",
    "fishing.txt": "Fishing fleet asks for help after poor season\n\n"
                   'Fleet spokesman Rui Santos said the catch had halved. "Many boats will not go out again '
                   'next year," Santos said.\n',
    # an article that names Omar Haddad more densely than his own page does: search must still
    # rank his page first for his name
    "haddad.txt": "Who is Omar Haddad?\n\nOmar Haddad has run the Harbour Authority since 2015. Haddad grew "
                  "up in Port Elin. Haddad's father was a fisherman, and Haddad still sails. Colleagues call "
                  "Haddad patient.\n",
}


def build_articles(articles: dict[str, str], folder: Path, cache: Path) -> Path:
    """Write `articles` (file name -> text) as a corpus in `folder`, build it, return the package."""
    corpus = folder / "corpus"
    (corpus / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (corpus / "articles" / name).write_text(text, encoding="utf-8")
    out = folder / "datapackage"
    build.run(corpus, out, cache)
    return out


@pytest.fixture(scope="session")
def reading_package(tmp_path_factory, cache) -> Path:
    return build_articles(READING_CORPUS, tmp_path_factory.mktemp("reading"), cache)


@pytest.fixture(scope="session")
def reading_site(reading_package, tmp_path_factory):
    from sitebuild import build_site

    return build_site(reading_package, tmp_path_factory.mktemp("reading-site"))
