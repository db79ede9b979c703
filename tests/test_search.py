"""Search: the index-time transform, the search pages, and the query set in a browser.

The browser test's oracle reads the built article pages, not the search code:
an article is expected for a query when its title or its body text contains
the query (ignoring case and runs of whitespace; a query that starts with a
Latin letter or digit must start a word there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from browser import Browser, chromium_page, requests_made, serve_site
from newsroom.search import CJK_CHARACTERS, cjk_bigrams
from sitetools import BuiltSite

SEARCH_URLS = {"zh": "/search/", "en": "/en/search/"}

ZH_QUERIES = [
    # place and organisation names
    "石景山区", "石景山", "首钢园", "首钢", "冬奥", "冬奥会", "北京冬奥会", "服贸会",
    "永定河", "模式口", "中关村", "中关村石景山园", "法海寺", "区委外事工作委员会",
    "石景山区政府", "人民政府",
    # two-character words, including the pieces Pagefind's segmentation makes
    "山区", "石景", "景山", "外事", "会议", "区委", "老山", "山石",
    # phrases and mixed text
    "政务服务", "服务贸易", "垃圾分类", "常务会议", "委员会会议", "首钢园区",
    "2024年中国国际服务贸易交易会", "15分钟",
    # one character
    "山",
    # in no article
    "山区防汛", "海淀区", "八宝山", "石景山游乐园", "Shijingshan",
]  # fmt: skip
EN_QUERIES = [
    "Shijingshan", "Shijingshan District", "Shougang Park", "Shougang", "Moshikou",
    "mountain", "mountain area", "Winter Olympics", "Olympic", "CIFTIS",
    "Foreign Affairs Commission", "trade in services", "services trade",
    "government services", "virtual reality", "waste sorting", "2022",
    "Zhongguancun", "Yongding River",
    # stemming and word-part traps
    "meeting", "meet", "meets", "sort", "park", "gang",
    # in no article
    "Jingshan Park", "Amusement Park", "Haidian District", "石景山",
]  # fmt: skip


# -- the index-time transform ------------------------------------------------


def test_chinese_runs_become_overlapping_pairs_and_their_last_character() -> None:
    assert cjk_bigrams("石景山区召开会议").split() == [
        "石景", "景山", "山区", "区召", "召开", "开会", "会议", "议",
    ]  # fmt: skip


def test_text_around_chinese_runs_is_kept() -> None:
    assert cjk_bigrams("2024年服贸会, CIFTIS").split() == [
        "2024", "年服", "服贸", "贸会", "会", ",", "CIFTIS",
    ]  # fmt: skip


def test_a_lone_chinese_character_stays_one_term() -> None:
    assert cjk_bigrams("A山B").split() == ["A", "山", "B"]


def query_pairs(query: str) -> list[str]:
    """How search.js cuts a Chinese query (restated here to test the promise)."""
    return [query[i : i + 2] for i in range(len(query) - 1)] or [query]


chinese_text = st.text(alphabet="石景山区首钢园冬奥会议 ,A1", min_size=1)


@given(text=chinese_text, data=st.data())
def test_every_pair_of_a_contained_query_is_an_indexed_term(
    text: str, data: st.DataObject
) -> None:
    """The promise the search relies on: Pagefind finds a superset."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    if not re.fullmatch(f"[{CJK_CHARACTERS}]+", query):
        return
    terms = cjk_bigrams(text).split()
    for pair in query_pairs(query):
        assert any(term.startswith(pair) for term in terms), (pair, terms)


# -- the search pages, as HTML -----------------------------------------------


@pytest.mark.parametrize("lang", SEARCH_URLS)
def test_search_page_form_works_without_script(
    sample_site: BuiltSite, lang: str
) -> None:
    page = sample_site.page(SEARCH_URLS[lang])
    form = page.select_one("form[role=search]")
    assert form["method"] == "get"
    assert urlsplit(form["action"]).path == SEARCH_URLS[lang]
    assert form.select_one("input[name=q]")
    assert page.select_one("noscript").get_text(strip=True)


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_header_links_to_the_search_page_of_the_same_language(
    sample_site: BuiltSite, lang: str, other: str
) -> None:
    article = sample_site.articles(lang)[0]
    link = sample_site.page(article.url).select_one("a.search-link")
    assert urlsplit(link["href"]).path == SEARCH_URLS[lang]
    switch = sample_site.page(SEARCH_URLS[lang]).select(".language-switch a")
    assert [urlsplit(a["href"]).path for a in switch] == [SEARCH_URLS[other]]


def test_search_words_come_from_the_catalog(sample_site: BuiltSite) -> None:
    zh = sample_site.page(SEARCH_URLS["zh"]).select_one("#search")
    en = sample_site.page(SEARCH_URLS["en"]).select_one("#search")
    assert zh["data-result-other"] == "{count}条结果"
    assert en["data-result-other"] == "{count} results"
    assert en["data-result-one"] == "{count} result"


# -- the oracle --------------------------------------------------------------


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def contains(text: str, query: str) -> bool:
    word_start = r"(?<![^\W_" + CJK_CHARACTERS + "])" if query[0].isalnum() else ""
    pattern = word_start + re.escape(normalised(query))
    return re.search(pattern, normalised(text)) is not None


def article_texts(page: BeautifulSoup) -> tuple[str, str]:
    title = page.select_one(".article__title").get_text()
    body = page.select_one(".article__body").get_text()
    return title, body


def expected_urls(site: BuiltSite, lang: str, query: str) -> set[str]:
    return {
        article.url
        for article in site.articles(lang)
        if any(contains(text, query) for text in article_texts(site.page(article.url)))
    }


def test_the_oracle_sees_word_starts_not_word_parts() -> None:
    assert contains("Shougang Park hosts", "park")
    assert not contains("Shougang Park hosts", "gang")
    assert contains("在Shougang举行", "Shougang")
    assert contains("石景山区", "山区")


@pytest.mark.parametrize(("lang", "queries"), [("zh", ZH_QUERIES), ("en", EN_QUERIES)])
def test_query_set_tells_articles_apart(
    sample_site: BuiltSite, lang: str, queries: list[str]
) -> None:
    """Queries that find nothing, a single article, and most articles."""
    total = len(sample_site.articles(lang))
    sizes = {len(expected_urls(sample_site, lang, query)) for query in queries}
    assert {0, 1} <= sizes
    assert max(sizes) > total // 2


# -- in the browser ----------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(sample_site: BuiltSite) -> Iterator[str]:
    with serve_site(sample_site.output) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium_page() as browser:
        yield browser


# The results of `query` are shown: more than `count` of them, or all there are.
RESULTS_SHOWN = """([query, count]) => {
    const list = document.getElementById("search-results");
    const more = document.getElementById("search-more");
    return list.dataset.query === query && !list.hasAttribute("aria-busy")
        && (list.children.length > count || more.hidden);
}"""


def run_query(browser: Browser, query: str) -> tuple[list[str], list[str]]:
    """Submit the form, open every "more results" page; result paths and marks."""
    page = browser.page
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_function(RESULTS_SHOWN, arg=[query, -1])
    while page.is_visible("#search-more"):
        shown = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function(RESULTS_SHOWN, arg=[query, shown])
    hrefs = page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.href)"
    )
    marks = page.eval_on_selector_all(
        "#search-results mark", "marks => marks.map(m => m.textContent)"
    )
    return [urlsplit(href).path for href in hrefs], marks


@pytest.mark.parametrize(("lang", "queries"), [("zh", ZH_QUERIES), ("en", EN_QUERIES)])
def test_search_finds_exactly_the_articles_containing_the_query(
    sample_site: BuiltSite,
    site_url: str,
    browser: Browser,
    lang: str,
    queries: list[str],
) -> None:
    browser.page.goto(site_url + SEARCH_URLS[lang])
    dates = {article.url: article.date for article in sample_site.articles(lang)}
    wrong = {}
    for query in queries:
        found, marks = run_query(browser, query)
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
    assert browser.errors == []


@pytest.mark.parametrize("lang", SEARCH_URLS)
def test_status_counts_results_in_the_page_language(
    sample_site: BuiltSite, site_url: str, browser: Browser, lang: str
) -> None:
    query = sample_site.articles(lang)[0].metadata["title"]
    browser.page.goto(f"{site_url}{SEARCH_URLS[lang]}?q={quote(query)}")
    browser.page.wait_for_selector("#search-results:not([aria-busy]) li")
    status = browser.page.text_content("#search-status")
    count = len(expected_urls(sample_site, lang, query))
    template = sample_site.page(SEARCH_URLS[lang]).select_one("#search")
    one_or_other = "data-result-one" if count == 1 else "data-result-other"
    assert status == template[one_or_other].replace("{count}", str(count))
    assert browser.page.input_value("input[name=q]") == query


def test_a_query_with_a_term_found_nowhere_fetches_no_article(
    site_url: str, browser: Browser
) -> None:
    """石景山 is in most articles, 奶茶 in none: Pagefind alone would list them all."""
    browser.page.goto(site_url + SEARCH_URLS["zh"])
    with requests_made(browser.page) as fetched:
        found, _ = run_query(browser, "石景山奶茶")
    assert found == []
    assert [url for url in fetched if "/pagefind/fragment/" in url] == []


def test_article_pages_load_no_search_code(
    sample_site: BuiltSite, site_url: str, browser: Browser
) -> None:
    def requested(url: str) -> list[str]:
        with requests_made(browser.page) as urls:
            browser.page.goto(url, wait_until="networkidle")
        return urls

    article_url = sample_site.articles("zh")[0].url
    on_article = requested(site_url + article_url)
    assert not [p for p in on_article if "pagefind" in p or "search" in p]
    on_search = requested(f"{site_url}/search/?q={quote('石景山')}")
    assert [p for p in on_search if "/pagefind/" in p]
