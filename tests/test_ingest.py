"""Ingest: title, body and the news furniture around it; sidecars; ids."""

from __future__ import annotations

from conftest import read_table
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.ingest import Article, assign_ids, parse_article, parse_sidecar


def test_seed_articles_columns(seed_package):
    rows = {r["file"]: r for r in read_table(seed_package, "articles")}
    first, second = rows["000_b93b43f87ec43730.txt"], rows["004_2d472f1e0b54785d.txt"]
    assert first["byline"] == "Aghakazim Guliyev" and "Guliyev" not in first["body"]
    assert first["source_credit"] == "Caliber.Az" and "Caliber.Az reports via US media." in first["body"]
    assert (second["dateline_place"], second["agency"], second["dateline"]) == ("TOKYO", "AP", "TOKYO (AP) —")
    assert second["credits"] == "AP video producer Liu Zheng in Beijing contributed to this report."
    assert second["boilerplate"] == "Leave a Comment"
    assert second["body"].startswith("China’s rising assertiveness")
    for gone in ("TOKYO (AP)", "contributed to this report", "Leave a Comment"):
        assert gone not in second["body"]


def test_title_body_and_paragraphs():
    article, issues = parse_article("a.txt", "\n\n  Title here  \nFirst para.\n\nSecond “para”.\nThird — para.\n".encode())
    assert issues == []
    assert article.title == "Title here"
    assert article.body == "First para.\n\nSecond “para”.\n\nThird — para."


def test_sidecar_values_and_unknown_keys():
    meta, issues = parse_sidecar("url: https://example.org/a\npublished: 2024-04-09\nmood: happy\n", "a.yml")
    assert meta == {"url": "https://example.org/a", "published": "2024-04-09"}
    assert len(issues) == 1 and "mood" in issues[0].message and issues[0].file == "a.yml"


def test_sidecar_bad_values_named():
    meta, issues = parse_sidecar("published: last tuesday\nurl: ftp://x\n", "b.yml")
    assert meta == {}
    assert {i.message.split()[0] for i in issues} == {"published", "url"}


def test_sidecar_syntax_error_names_line():
    _, issues = parse_sidecar("url: https://x\npublished: [2024\n", "c.yml")
    assert issues[0].line is not None and "YAML" in issues[0].message


def test_ids_unique_readable_and_url_safe():
    arts = [Article("", f"{n}.txt", title, "body") for n, title in
            enumerate(["Same title", "Same title!", "???", "Ünïcödé título"])]
    assign_ids(arts)
    assert [a.article_id for a in arts] == ["same-title", "same-title-2", "2", "unicode-titulo"]


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_ingest_never_crashes(text):
    article, issues = parse_article("x.txt", text.encode("utf-8", errors="surrogatepass"))
    assert (article is None) == any(i.level == "rejected" for i in issues)
    if article:
        assert article.title and article.body == article.body.strip()


def test_a_date_line_at_the_top_is_the_publication_date():
    text = "Harbor reopens\n\nPortvale\n\nMonday, March 3, 2025\n\nThe harbor reopened on Monday."
    article, _ = parse_article("a.txt", text.encode())
    assert article.published == "2025-03-03"
    assert article.body.startswith("Portvale\n\nMonday, March 3, 2025")  # the line stays: offsets do not move
    article, _ = parse_article("a.txt", text.encode(), "published: 2025-03-04\n")
    assert article.published == "2025-03-04"  # the sidecar wins
    article, _ = parse_article("b.txt", b"Harbor reopens\n\nOn March 3, 2025 the harbor reopened.")
    assert article.published is None  # a date inside a sentence is not a date line
