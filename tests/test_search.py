"""Search: the index-time transform, the search pages as HTML, the query set's oracle.

The query set runs in a browser in tests/browser/test_browser_search.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.index.terms import CJK_CHARACTERS, PAIR_SEPARATOR, index_terms
from search_queries import (
    EN_QUERIES,
    SEARCH_URLS,
    ZH_QUERIES,
    contains,
    expected_urls,
    normalised,
)
from sitetools import BuiltSite

# -- the terms of the index and of a query -----------------------------------


def test_chinese_is_indexed_as_characters_and_pairs_of_characters() -> None:
    assert index_terms("石景山区") == {
        "石", "景", "山", "区", "石景", "景山", "山区",
    }  # fmt: skip


def test_other_text_is_indexed_as_lowercase_words_and_pairs_of_words() -> None:
    assert index_terms("2024年CIFTIS, e-Government_Day") == {
        "2024", "年", "ciftis", "e", "government", "day",
        "e-government", "government_day", "ciftis, e",
    }  # fmt: skip


CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
WORD = re.compile(f"[^\\W_{CJK_CHARACTERS}]+")


def query_terms(query: str) -> tuple[list[str], list[str]]:
    """How search.js cuts a query (restated here to test the promise): every
    Chinese character alone or pairs of them, words and pairs of words, the
    last word and pair as prefixes."""
    needle = normalised(query)
    exact: list[str] = []
    for run in CJK_RUN.findall(needle):
        exact += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    prefixes: list[str] = []
    previous = None
    for word in WORD.finditer(needle):
        terms = prefixes if word.end() == len(needle) else exact
        terms.append(word.group())
        if previous is not None:
            separator = needle[previous.end() : word.start()]
            if len(separator) <= PAIR_SEPARATOR and not CJK_RUN.search(separator):
                terms.append(needle[previous.start() : word.end()])
        previous = word
    return exact, prefixes


# Greek capital and small sigma, dotted capital I: lowercasing changes them.
CASE_TRAPS = "\u03a3\u03c3\u0130\u00e9"
ALPHABET = f"石景山区首钢园冬奥会议 ,.-_A1b{CASE_TRAPS}\n\u3000"
mixed_text = st.text(alphabet=ALPHABET, min_size=1)


@given(text=mixed_text, data=st.data())
def test_every_term_of_a_contained_query_is_in_the_index(
    text: str, data: st.DataObject
) -> None:
    """The promise the search relies on: the articles holding a query's terms
    are a superset of the ones containing the query."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    if not query.strip() or not contains(text, query):
        return
    terms = index_terms(text)
    exact, prefixes = query_terms(query)
    assert set(exact) <= terms, (exact, terms)
    for prefix in prefixes:
        assert any(term.startswith(prefix) for term in terms), (prefix, terms)


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
