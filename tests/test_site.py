"""The website: every entity and article has a page, every link resolves, text is never markup."""

from __future__ import annotations

import pytest
from conftest import ROOT, read_table
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


def _git_status() -> str:
    import subprocess

    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--ignored=no"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_build_and_site_from_a_folder_with_no_repository_files(tmp_path):
    """The two README commands, run where there is no mkdocs.yml or docs/: the site has every page,
    and nothing is written into the repository."""
    import subprocess
    import sys

    before = _git_status()
    articles = tmp_path / "mycorpus" / "articles" / "2024" / "april"  # articles/ may have subfolders
    articles.mkdir(parents=True)
    original = (ROOT / "corpus" / "articles" / "000_b93b43f87ec43730.txt").read_text(encoding="utf-8")
    (articles / "rutte.txt").write_text(original, encoding="utf-8")
    (articles / "rutte-copy.txt").write_text(original.replace("April 8", "April 9").replace("closely", "carefully"),
                                             encoding="utf-8")
    newsdesk = [sys.executable, "-m", "newsdesk.cli"]
    subprocess.run([*newsdesk, "build", "mycorpus", "--out", "mypackage", "--cache", "cache"], cwd=tmp_path,
                   check=True, capture_output=True)
    done = subprocess.run([*newsdesk, "site", "--package", "mypackage", "--out", "mysite"], cwd=tmp_path,
                          check=True, capture_output=True, text=True)
    assert "newsdesk serve --dir mysite" in done.stderr and "make" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "mycorpus", "mypackage", "mysite"]
    site_dir = tmp_path / "mysite"
    for page in ("index.html", "about.html", "search.html", "curation.html", "assets/newsdesk.css",
                 "actors/mark-rutte.html", "data/datapackage.zip", "pagefind/pagefind-ui.js"):
        assert (site_dir / page).exists(), page
    assert broken_links(site_dir) == []
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    # no datapackage.yml: the folder's name, not the placeholder title; the description's `code` is code
    assert "News corpus" not in home and "<title>mypackage" in home
    assert "`" not in home.split('class="nd-page"')[1] and "<code>license</code>" in home
    curation = (site_dir / "curation.html").read_text(encoding="utf-8")
    assert "Near-duplicate pairs (1)" in curation and curation.count("≈") == 1  # A≈B, not also B≈A
    assert "newsdesk build" in curation and "<code>make</code>" not in curation
    assert _git_status() == before


def test_a_users_mkdocs_yml_and_pages_are_merged_in(seed_package, tmp_path):
    mine = tmp_path / "mysettings"
    (mine / "pages").mkdir(parents=True)
    config = mine / "mkdocs.yml"
    config.write_text("site_name: Harbour Watch\ndocs_dir: pages\ntheme:\n  palette:\n    primary: teal\n"
                      "extra_css: [mine.css]\n", encoding="utf-8")
    (mine / "pages" / "methods.md").write_text("# How we work\n\nWe read the harbour news.\n", encoding="utf-8")
    (mine / "pages" / "mine.css").write_text(".nd-quote { background: pink; }\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in mine.rglob("*")  if p.is_file()}
    site_dir = build_site(seed_package, tmp_path, config=config)
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Harbour Watch" in home and 'data-md-color-primary="teal"' in home
    assert "md-tabs" in home  # theme: merged key by key, so the base's navigation tabs stay
    assert "methods.html" in home and "How we work" in (site_dir / "methods.html").read_text(encoding="utf-8")
    assert "assets/newsdesk.css" in home and "mine.css" in home  # their stylesheet is added to ours
    assert (site_dir / "actors" / "mark-rutte.html").exists() and broken_links(site_dir) == []
    assert {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()} == before  # nothing written beside them


def test_the_site_is_branded_from_the_package(seed_site, seed_package):
    from conftest import descriptor

    desc = descriptor(seed_package)
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{desc['title']}" in home
    assert "Open Data Commons Attribution License 1.0" in home.split("md-copyright")[-1]  # the footer
    assert desc["homepage"] in home


def test_article_page_shows_each_speaker_as_text(seed_site, seed_package):
    """A quote's speaker is text after the quote, not only a tooltip (phones have no hover)."""
    import re

    rutte_quotes = [q for q in read_table(seed_package, "quotes") if q["speaker_id"] == "mark-rutte"]
    page = (seed_site / "articles" / f"{rutte_quotes[0]['article_id']}.html").read_text(encoding="utf-8")
    labels = re.findall(r'</mark>[^<]{0,3} <a class="nd-said" href="../actors/([^"]+)\.html"[^>]*>([^<]+)</a>', page)
    assert labels.count(("mark-rutte", "Mark Rutte")) == len(rutte_quotes)


def test_articles_without_dates_are_listed_by_title(seed_site, seed_package):
    import html
    import re

    articles = read_table(seed_package, "articles")
    assert not any(a["published"] for a in articles)  # the seeds carry no dates
    listed = re.findall(r'<td><a href="[^"]+\.html">([^<]+)</a></td>',
                        (seed_site / "articles" / "index.html").read_text(encoding="utf-8"))
    assert [html.unescape(t) for t in listed] == sorted((a["title"] for a in articles), key=str.casefold)
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert ">Articles</h2>" in home and "Latest" not in home


def test_undated_articles_follow_dated_ones_newest_first():
    from newsdesk.site import order_articles

    rows = [{"article_id": i, "title": t, "published": d} for i, t, d in
            [("a", "Zebra", None), ("b", "apple", None), ("c", "Old", "2024-01-02"), ("d", "New", "2024-03-01")]]
    assert [a["title"] for a in order_articles(rows)] == ["New", "Old", "apple", "Zebra"]


def test_curation_reasons_are_readable_text():
    from newsdesk.site import duplicate_pairs, readable_why

    assert readable_why("type unsure (votes: {'place': 1, 'person': 2})") == "type unsure: person 2, place 1"
    assert readable_why("a lone surname shared by 2 people") == "a lone surname shared by 2 people"
    assert duplicate_pairs([{"article_id": "b", "of": ["a", "c"]}, {"article_id": "a", "of": ["b"]},
                            {"article_id": "c", "of": ["b"]}]) == [("a", "b"), ("b", "c")]


def test_site_errors_are_one_line(tmp_path, seed_package):
    from typer.testing import CliRunner

    from newsdesk.cli import app

    bad_yaml = tmp_path / "mkdocs.yml"
    bad_yaml.write_text("site_name: [unclosed\n", encoding="utf-8")
    for args, expected in ((["--package", str(tmp_path / "nowhere")], "nowhere"),
                           (["--package", str(seed_package), "--config", str(tmp_path / "missing.yml")], "missing.yml"),
                           (["--package", str(seed_package), "--config", str(bad_yaml)], "mkdocs.yml")):
        result = CliRunner().invoke(app, ["site", *args, "--out", str(tmp_path / "site")])
        assert result.exit_code == 1 and expected in result.output, result.output
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, result.output


def test_a_folder_of_someone_elses_files_is_never_wiped(tmp_path, seed_package):
    from typer.testing import CliRunner

    from newsdesk.cli import app

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("my draft", encoding="utf-8")
    result = CliRunner().invoke(app, ["site", "--package", str(seed_package), "--out", str(notes)])
    assert result.exit_code == 1 and "not a site" in result.output, result.output
    assert (notes / "draft.txt").read_text(encoding="utf-8") == "my draft"


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
