"""Reading the site: actor pages that group roles and quotes, a repeated quotation shown once."""

from __future__ import annotations

import re

from conftest import read_table
from sitebuild import broken_links


def _page(site_dir, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


def test_actor_page_groups_roles_with_counts(reading_site):
    page = _page(reading_site, "actors/ann-cole.html")
    # one "Prime Minister" row saying in how many articles, opening onto them
    assert page.count("<summary>Prime Minister ") == 1
    assert re.search(r"<summary>Prime Minister <span[^>]*>2 articles</span></summary>", page)
    roles = page.split('id="roles"')[1].split('id="quotes"')[0]
    assert "bridge-builders-named-as-storms-loom.html" in roles and "harbour-bridge-plan-wins" in roles


def test_a_quotation_in_two_articles_is_shown_once(reading_site, reading_package):
    quotes = [q for q in read_table(reading_package, "quotes") if q["speaker_id"] == "ann-cole"]
    assert len(quotes) == 2 and len({q["quotation_id"] for q in quotes}) == 1  # the corpus as meant
    page = _page(reading_site, "actors/ann-cole.html")
    assert page.count("We will build the new harbour bridge") == 1
    assert "in 2 articles" in page
    for q in quotes:  # each place linked
        assert f'href="../articles/{q["article_id"]}.html#q-{q["quote_id"]}"' in page
    # shown under the newer article (2024-05-17), with its date
    group = page.split('class="nd-quote-group"')[1]
    assert "Bridge builders named as storms loom" in group.split("</h3>")[0] and "2024-05-17" in group
    assert broken_links(reading_site) == []


def test_quotes_are_grouped_by_article_newest_first_and_collapsed_past_a_screenful():
    from newsdesk.site import first_screen, quote_groups

    rank = {"new": 0, "old": 1, "undated": 2}
    quotes = [{"quote_id": f"{a}-{n}", "article_id": a, "quotation_id": f"{a}-{n}", "start": n}
              for a in ("old", "undated", "new") for n in range(12)]
    quotes.append({"quote_id": "old-dup", "article_id": "old", "quotation_id": "new-3", "start": 50})
    groups = quote_groups(quotes, rank)
    assert [a for a, _ in groups] == ["new", "old", "undated"]
    assert [q["start"] for q in groups[0][1]] == list(range(12))
    repeated = next(q for q in groups[0][1] if q["quotation_id"] == "new-3")
    assert [p["quote_id"] for p in repeated["places"]] == ["new-3", "old-dup"]
    assert all(q["quote_id"] != "old-dup" for q in groups[1][1])
    assert first_screen(groups, 20) == (2, 12)  # whole articles until 20 quotes; 12 collapsed
    assert first_screen(groups, 100) == (3, 0)


def _indexed(site_dir, bundle: str = "pagefind") -> dict[str, dict]:
    """What Pagefind indexed, by URL: each fragment is gzipped JSON after a signature."""
    import gzip
    import json

    out = {}
    for path in (site_dir / bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        out[record["url"]] = record
    return out


def test_search_snippets_keep_words_apart(seed_site, seed_package):
    """Each fact of an article is its own words in the index ("Licence of the text the publisher's",
    not "textthe publisher's"), and a quote's speaker label is not indexed as the article's text."""
    article = next(a for a in read_table(seed_package, "articles") if a["agency"] == "AP")
    content = _indexed(seed_site)[f"/articles/{article['article_id']}.html"]["content"]
    assert "Licence of the text the publisher's" in content and "Agency AP " in content
    assert not re.search(r"Dateline\S|Agency\S|text\S", content.split("File")[0])
    assert "Jens Stoltenberg Stoltenberg" not in content  # '” Jens Stoltenberg' label + 'Stoltenberg said'


def test_only_actor_and_article_pages_are_searched_and_quotes_have_their_own_bundle(seed_site, seed_package):
    pages = _indexed(seed_site)
    assert all(url.startswith(("/actors/", "/articles/")) and not url.endswith("/index.html") for url in pages)
    quotes = _indexed(seed_site, "pagefind-quotes")
    speech = [q for q in read_table(seed_package, "quotes") if q["kind"] in ("full", "fragment")]
    assert sorted(r["meta"]["href"] for r in quotes.values()) == sorted(
        f"articles/{q['article_id']}.html#q-{q['quote_id']}" for q in speech)
    rutte = next(r for r in quotes.values() if r["meta"]["title"] == "Mark Rutte")
    assert rutte["filters"] == {"speaker": ["Mark Rutte"], "speaker type": ["person"], "kind": ["full"]}


def test_the_timeline_appears_only_when_dates_exist(reading_site):
    """Ann Cole is in three dated articles (March, May and July 2024): a chart of every month
    between, with no script and no outside request. Rui Santos's one article is undated; Omar
    Haddad has one dated article only: no timeline for either."""
    cole = _page(reading_site, "actors/ann-cole.html")
    svg = cole.split('id="timeline"')[1].split("</svg>")[0]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="nd-timeline"' in svg
    assert re.findall(r"<title>(2024-\d\d): (\d+)</title>", svg)[:5] == [  # mentions
        ("2024-03", "2"), ("2024-04", "0"), ("2024-05", "2"), ("2024-06", "0"), ("2024-07", "1")]
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<style" not in svg  # pygal's unscoped rules stay out of the page
    for undated in ("rui-santos", "omar-haddad"):
        assert "nd-timeline" not in _page(reading_site, f"actors/{undated}.html")


def test_monthly_counts_fill_the_months_between():
    from newsdesk.site import monthly

    published = {"a": "2023-11-30", "b": "2024-02-01", "c": None, "d": "2023-11-02"}
    rows = monthly([("a", 3), ("b", 1), ("c", 9), ("d", 1)], [{"article_id": "b"}, {"article_id": "c"}], published)
    assert rows == [("2023-11", 4, 0), ("2023-12", 0, 0), ("2024-01", 0, 0), ("2024-02", 1, 1)]
    assert monthly([("a", 3), ("b", 1), ("c", 9)], [], published) == []  # two dated articles make no timeline
