"""The query set in a real browser: each search page finds exactly the articles
of its language that contain the query, newest first, with the query highlighted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, Request

from browser.searching import run_query
from search_queries import (
    EN_QUERIES,
    SEARCH_URLS,
    ZH_QUERIES,
    article_texts,
    expected_urls,
    normalised,
)
from sitetools import BuiltSite


@contextmanager
def requests_made(page: Page) -> Iterator[list[str]]:
    """The URLs the page requests while the block runs."""
    urls: list[str] = []

    def record(request: Request) -> None:
        urls.append(request.url)

    page.on("request", record)
    try:
        yield urls
    finally:
        page.remove_listener("request", record)


@pytest.mark.parametrize(("lang", "queries"), [("zh", ZH_QUERIES), ("en", EN_QUERIES)])
def test_search_finds_exactly_the_articles_containing_the_query(
    sample_site: BuiltSite, open_page, lang: str, queries: list[str]
) -> None:
    page = open_page(SEARCH_URLS[lang])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dates = {article.url: article.date for article in sample_site.articles(lang)}
    wrong = {}
    for query in queries:
        found, marks = run_query(page, query)
        expected = expected_urls(sample_site, lang, query)
        if sorted(found) != sorted(expected):
            wrong[query] = {"found": found, "expected": expected}
            continue
        assert [dates[url] for url in found] == sorted(
            (dates[url] for url in found), reverse=True
        ), f"{query!r}: not newest first"
        assert {normalised(mark) for mark in marks} <= {normalised(query)}, query
        assert len(marks) >= len(found), f"{query!r}: a result without highlight"
    assert not wrong
    assert errors == []


@pytest.mark.parametrize(("lang", "query"), [("zh", "首钢"), ("en", "Shougang")])
def test_each_result_quotes_its_own_article_body(
    sample_site: BuiltSite, open_page, lang: str, query: str
) -> None:
    """The excerpt is the body's own words (not the index's character pairs,
    not the title run into the body)."""
    page = open_page(SEARCH_URLS[lang])
    run_query(page, query)
    results = page.eval_on_selector_all(
        "#search-results > li",
        "items => items.map(li => [li.querySelector('h2 a').href,"
        " li.querySelector('p').textContent])",
    )
    assert results
    for href, excerpt in results:
        _, body = article_texts(sample_site.page(urlsplit(href).path))
        assert normalised(excerpt.strip("…")) in normalised(body), href


@pytest.mark.parametrize("lang", SEARCH_URLS)
def test_status_counts_results_in_the_page_language(
    sample_site: BuiltSite, open_page, lang: str
) -> None:
    query = sample_site.articles(lang)[0].metadata["title"]
    page = open_page(f"{SEARCH_URLS[lang]}?q={quote(query)}")
    page.wait_for_selector("#search-results:not([aria-busy]) li")
    count = len(expected_urls(sample_site, lang, query))
    template = sample_site.page(SEARCH_URLS[lang]).select_one("#search")
    one_or_other = "data-result-one" if count == 1 else "data-result-other"
    expected_status = template[one_or_other].replace("{count}", str(count))
    assert page.text_content("#search-status") == expected_status
    assert page.input_value("input[name=q]") == query


def test_a_query_with_a_term_found_nowhere_fetches_no_article(open_page) -> None:
    """石景山 is in most articles, 奶茶 in none: Pagefind alone would list them all."""
    page = open_page(SEARCH_URLS["zh"])
    with requests_made(page) as fetched:
        found, _ = run_query(page, "石景山奶茶")
    assert found == []
    assert [url for url in fetched if "/search-index/p/" in url] == []


def test_article_pages_load_no_search_code(sample_site: BuiltSite, open_page) -> None:
    article_url = sample_site.articles("zh")[0].url
    page = open_page(SEARCH_URLS["zh"])
    with requests_made(page) as on_article:
        page.goto(article_url, wait_until="networkidle")
    assert not [url for url in on_article if "search" in url]
    with requests_made(page) as on_search:
        page.goto(f"{SEARCH_URLS['zh']}?q={quote('石景山')}", wait_until="networkidle")
    assert [url for url in on_search if "/search-index/" in url]
