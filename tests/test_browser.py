"""Real headless Chromium (Debian's package, driven by Playwright) on the built site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading

import pytest
from conftest import ROOT
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium")
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not CHROMIUM and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium); CI installs it")]


@pytest.fixture(scope="module")
def server(request):
    seed_site = request.getfixturevalue("seed_site")
    hostile_site, _ = request.getfixturevalue("hostile_site")
    roots = {"seed": seed_site, "hostile": hostile_site, "reading": request.getfixturevalue("reading_site"),
             "sharded": request.getfixturevalue("sharded_site")}
    servers = {}
    for name, root in roots.items():
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers[name] = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield servers
    # daemon threads end with the test session


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _page(browser, errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    return page


def test_home_to_actor_to_quote_and_back(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server['seed']}/index.html")
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.locator(".nd-page a", has_text="Mark Rutte").first.click()
    page.wait_for_url("**/actors/mark-rutte.html")
    assert page.locator("h1", has_text="Mark Rutte").is_visible()
    assert page.locator(".nd-quote-item").count() == 2
    page.screenshot(path=str(ARTIFACTS / "actor-mark-rutte.png"), full_page=True)
    page.locator(".nd-quote-item a[href*='#q-']").first.click()
    page.wait_for_url("**/articles/*.html#q-*")
    anchor = page.url.split("#", 1)[1]
    mark = page.locator(f"mark[id='{anchor}']")
    assert mark.is_visible() and "China is rapidly building up" in mark.inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-with-quote.png"), full_page=False)
    page.go_back()
    page.wait_for_url("**/actors/mark-rutte.html")
    assert errors == []


# "sharded": the seed site in shards of 8 pages, and its quotes in bundles of 4: Jens Stoltenberg's
# page, the article with Mark Rutte's quote and all of Stoltenberg's quotes are in shards whose
# search bundles are merged at query time (test_shards.py checks that they are not the first).
@pytest.mark.parametrize(("site", "query", "href", "where", "text"), [
    ("seed", "Stoltenberg", "actors/jens-stoltenberg", "h1", "Jens Stoltenberg"),
    ("sharded", "Stoltenberg", "actors/jens-stoltenberg", "h1", "Jens Stoltenberg"),
    ("sharded", "rapidly building up its armed forces", "articles/nato-chief-raises-alarm", ".nd-text",
     "China is rapidly building up")])
def test_search_finds_an_actor_or_a_quote(server, browser, site, query, href, where, text):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server[site]}/search.html")
    page.locator(".pagefind-ui__search-input").fill(query)
    result = page.locator(f".pagefind-ui__result-link[href*='{href}']")
    result.first.wait_for(timeout=15000)
    result.first.click()
    page.wait_for_url(f"**/{href}*.html")
    assert text in page.locator(where).first.inner_text()
    assert errors == []


def test_markup_in_an_article_never_runs(server, browser):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server['hostile']}/articles/index.html")
    page.locator(".nd-page a").first.click()
    page.wait_for_load_state("load")
    body = page.locator(".nd-text").inner_text()
    assert '<script>alert("body")</script>' in body and "{{ 7*7 }}" in body and "# Not a heading" in body
    assert page.locator(".nd-text script, .nd-text img, .nd-text table, .nd-text h1").count() == 0
    assert page.locator("h1").first.inner_text().startswith("<script>")
    page.screenshot(path=str(ARTIFACTS / "hostile-article.png"))
    assert errors == []  # no alert() dialog, no script error


def test_a_phone_reader_sees_who_said_each_quote(server, browser):
    """No hover on a phone: the speaker of a highlighted quote is visible text beside it."""
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server['seed']}/actors/mark-rutte.html")
    page.locator(".nd-quote-item a[href*='#q-']").first.click()
    page.wait_for_url("**/articles/*.html#q-*")
    anchor = page.url.split("#", 1)[1]
    label = page.locator(f"mark[id='{anchor}'] ~ .nd-said").first
    assert label.inner_text() == "Mark Rutte"
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    assert label.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390  # on screen, not cut off
    page.screenshot(path=str(ARTIFACTS / "phone-article-speakers.png"))
    assert errors == []


@pytest.mark.parametrize("site", ["seed", "sharded"])
def test_filtering_the_quotes_by_speaker(server, browser, site):
    """The quotes page filters by speaker (and kind, and words) from the quotes' Pagefind bundle(s)."""
    errors: list[str] = []
    page = _page(browser, errors)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server[site]}/quotes/index.html")
    everyone = page.locator("#nd-quote-list .nd-quote-item").count()
    form = page.locator("#nd-quote-search")
    form.wait_for(state="visible")
    page.locator("#nd-quote-search input[name='speaker']").fill("jens stoltenberg")  # any case
    found = page.locator("#nd-quote-results .nd-quote-item")
    expect(page.locator("#nd-quote-results .nd-found")).to_have_text("6 quotes", timeout=15000)
    expect(found).to_have_count(6)
    assert everyone > 6 and page.locator("#nd-quote-list").is_hidden()
    assert set(found.locator(".nd-meta a:first-child").all_inner_texts()) == {"Jens Stoltenberg"}
    page.locator("#nd-quote-search select[name='kind']").select_option("fragment")
    expect(page.locator("#nd-quote-results .nd-found")).to_have_text("2 quotes", timeout=15000)
    expect(found).to_have_count(2)
    assert all(" · fragment · " in meta for meta in found.locator(".nd-meta").all_inner_texts())
    page.locator("#nd-quote-search select[name='kind']").select_option("")
    page.locator("#nd-quote-search input[name='words']").fill("companions")
    expect(page.locator("#nd-quote-results .nd-found")).to_have_text("1 quote", timeout=15000)
    expect(found).to_have_count(1)
    assert "companions" in found.first.locator("blockquote").inner_text()
    page.screenshot(path=str(ARTIFACTS / "quotes-filtered.png"), full_page=True)
    found.first.locator("a[href*='#q-']").click()
    page.wait_for_url("**/articles/*.html#q-*")
    assert not any("/fragment/" in url and "pagefind-quotes" not in url for url in requests)
    assert errors == []


def test_an_actor_page_links_to_its_quotes_filtered(server, browser):
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server['seed']}/actors/mark-rutte.html")
    page.screenshot(path=str(ARTIFACTS / "phone-actor-mark-rutte.png"), full_page=True)
    page.locator("a", has_text="Search and filter Mark Rutte’s quotes").click()
    expect(page.locator("#nd-quote-results .nd-quote-item")).to_have_count(2, timeout=15000)
    assert page.locator("#nd-quote-search input[name='speaker']").input_value() == "Mark Rutte"
    page.screenshot(path=str(ARTIFACTS / "phone-quotes-filtered.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize(("site", "query", "actor"), [
    ("reading", "Haddad", "omar-haddad"),  # a short profile names him five times in forty words
    ("seed", "Rutte", "mark-rutte"), ("seed", "Stoltenberg", "jens-stoltenberg"), ("seed", "NATO", "nato"),
    ("sharded", "Stoltenberg", "jens-stoltenberg")])
def test_search_ranks_an_actors_page_first_for_its_name(server, browser, site, query, actor):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server[site]}/search.html")
    page.locator(".pagefind-ui__search-input").fill(query)
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15000)
    page.wait_for_timeout(500)  # let the list settle
    links = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert links[0].endswith(f"/actors/{actor}.html"), links
    assert not any("curation" in link or link.endswith("index.html") for link in links)
    assert errors == []


def test_articles_sort_by_date_title_and_source(server, browser):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server['reading']}/articles/index.html")

    def column(n: int) -> list[str]:
        return page.locator(f".nd-sortable tbody tr td:nth-child({n})").all_inner_texts()

    dates = column(2)
    dated = ["2024-07-02", "2024-05-17", "2024-03-05"]
    assert dates[:3] == dated and set(dates[3:]) == {""}  # newest first, undated after
    page.locator(".nd-sortable th", has_text="Published").click()  # newest first again (descending)
    page.locator(".nd-sortable th", has_text="Published").click()
    assert column(2)[:3] == dated[::-1] and set(column(2)[3:]) == {""}  # undated stay last
    page.locator(".nd-sortable th", has_text="Title").click()
    page.locator(".nd-sortable th", has_text="Title").click()
    titles = column(1)
    assert titles == sorted(titles, key=str.casefold)
    page.locator(".nd-sortable th", has_text="Source").click()
    assert column(3)[:2] == ["Port Elin Gazette"] * 2
    assert errors == []


def test_an_actors_role_opens_onto_its_articles(server, browser):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{server['reading']}/actors/ann-cole.html")
    articles = page.locator(".nd-roles details ul a")
    assert articles.count() == 2 and not articles.first.is_visible()
    page.locator(".nd-roles summary", has_text="Prime Minister").click()
    assert articles.first.is_visible()
    assert page.locator("svg.nd-timeline").is_visible()
    page.screenshot(path=str(ARTIFACTS / "actor-ann-cole-timeline.png"), full_page=True)
    assert errors == []

