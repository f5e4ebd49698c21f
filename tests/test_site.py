"""The website: every entity and article has a page, every link resolves, text is never markup."""

from __future__ import annotations

import pytest
from conftest import read_table
from sitebuild import broken_links, build_site, parse


def test_every_entity_and_article_has_a_page(seed_site, seed_package):
    for e in read_table(seed_package, "entities"):
        assert (seed_site / "actors" / f"{e['entity_id']}.html").exists()
    for a in read_table(seed_package, "articles"):
        assert (seed_site / "articles" / f"{a['article_id']}.html").exists()


def test_no_broken_links_or_anchors(seed_site):
    assert broken_links(seed_site) == []


def test_rutte_page_lists_his_quotes_linked_to_their_places(seed_site):
    page = (seed_site / "actors" / "mark-rutte.html").read_text(encoding="utf-8")
    links = [link for link in parse(seed_site / "actors" / "mark-rutte.html").links if "#q-" in link]
    assert len(links) == 2
    assert "China is rapidly building up its armed forces" in page
    assert "NATO Secretary General" in page and "Q57792" in page


def test_nato_page_lists_both_articles(seed_site, seed_package):
    links = parse(seed_site / "actors" / "nato.html").links
    for a in read_table(seed_package, "articles"):
        assert f"../articles/{a['article_id']}.html" in links


def test_article_page_marks_quotes_and_links_mentions(seed_site, seed_package):
    article = next(a for a in read_table(seed_package, "articles") if a["agency"] == "AP")
    page = seed_site / "articles" / f"{article['article_id']}.html"
    parsed = parse(page)
    quote_ids = {f"q-{q['quote_id']}" for q in read_table(seed_package, "quotes") if q["article_id"] == article["article_id"]}
    assert quote_ids <= parsed.ids
    assert "../actors/jens-stoltenberg.html" in parsed.links
    assert "Suspected machine-paraphrased" in page.read_text(encoding="utf-8")


def test_data_page_downloads_dictionary_and_jsonld(seed_site):
    page = (seed_site / "data" / "index.html").read_text(encoding="utf-8")
    assert '"@type": "Dataset"' in page
    for name in ("datapackage.zip", "quotes.csv", "parquet/quotes.parquet", "datapackage.json"):
        assert (seed_site / "data" / name).exists()
    assert "speaker_id" in page and "The entity who said it" in page


def test_search_index_is_fragmented(seed_site):
    assert (seed_site / "pagefind" / "pagefind-ui.js").exists()
    fragments = list((seed_site / "pagefind" / "fragment").glob("*"))
    assert len(fragments) >= 10  # one per indexed page, loaded only when a query needs it


def test_markup_in_articles_is_shown_as_text(hostile_site):
    site_dir, package = hostile_site
    article = read_table(package, "articles")[0]
    html = (site_dir / "articles" / f"{article['article_id']}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html  # in <title>, header and body
    assert "<img src=x" not in html  # the tag is never live markup
    assert "onerror=&#34;" in html or "onerror=&quot;" in html  # it is shown, escaped
    assert "{{ 7*7 }}" in html and "49" not in html
    assert "javascript:" not in "".join(parse(site_dir / "articles" / f"{article['article_id']}.html").links)
    assert "<b>quote</b>" not in html
    assert broken_links(site_dir) == []


def test_generated_pages_stay_out_of_the_nav(seed_site):
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert "actors/index.html" in home
    assert "actors/mark-rutte.html" not in home.split('class="md-content"')[0]  # not in the nav


@pytest.mark.slow
def test_site_rebuild_does_not_touch_hand_written_pages(seed_package, tmp_path):
    from newsdesk import site

    built = build_site(seed_package, tmp_path)
    docs = tmp_path / "docs"
    hand_written = {p: p.read_bytes() for p in (docs / "about.md", docs / "search.md")}
    (docs / "actors" / "ghost.md").write_text("# A page no build made\n", encoding="utf-8")
    site.run(seed_package, built, config=tmp_path / "mkdocs.yml")  # the rebuild
    assert {p: p.read_bytes() for p in hand_written} == hand_written
    assert not (docs / "actors" / "ghost.md").exists()  # generated folders are made afresh
    assert (built / "about.html").exists() and (built / "actors" / "mark-rutte.html").exists()


def test_a_corpus_with_nothing_publishable_still_builds(tmp_path, cache):
    from sitebuild import build_site

    from newsdesk import build, package

    (tmp_path / "corpus" / "articles").mkdir(parents=True)
    (tmp_path / "corpus" / "articles" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "datapackage"
    result = build.run(tmp_path / "corpus", out, cache)
    assert result.articles == 0 and [i.file for i in result.rejected] == ["empty.txt"]
    assert package.validate(out) == []
    (tmp_path / "w").mkdir()
    site_dir = build_site(out, tmp_path / "w")
    assert broken_links(site_dir) == [] and "empty.txt" in (site_dir / "curation.html").read_text(encoding="utf-8")
