"""Search: the index-time transform, the search pages as HTML, the query set's oracle.

The query set runs in a browser in tests/browser/test_browser_search.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.index.cjk import CJK_CHARACTERS, cjk_bigrams
from newsroom.index.records import search_record
from newsroom.site.languages import Language
from search_queries import EN_QUERIES, SEARCH_URLS, ZH_QUERIES, contains, expected_urls
from sitetools import BuiltSite

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


def article_reading(body: str) -> SimpleNamespace:
    """What search_record reads of a Pelican article."""
    return SimpleNamespace(
        title="Shougang Park opens",
        content=f"<p>{body}</p>",
        settings={"SITEURL": ""},
        url="en/2024/05/shougang/",
        date=datetime(2024, 5, 6, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("body", "keeps_text"),
    [("The park opened on Monday.", False), ("The park (首钢园) opened.", True)],
)
def test_an_english_record_carries_its_text_only_when_pairs_replaced_words(
    languages: dict[str, Language], body: str, keeps_text: bool
) -> None:
    """Pagefind returns a record's indexed content with each result, and the
    search page reads an English body from it, unless Chinese pairs replaced
    some of its words (search.js: bodyText)."""
    record = search_record(article_reading(body), languages["en"], "long")
    assert ("text" in record.meta) is keeps_text
    if not keeps_text:
        assert record.content == f"Shougang Park opens\n{body}"


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
