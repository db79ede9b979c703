"""The built sample site, read back page by page as a reader (and a crawler) would."""

from __future__ import annotations

import pytest

from sitetools import (
    HTML_LANG,
    LANGUAGE_PREFIXES,
    BuiltSite,
    listed_article_urls,
    switch_links,
)

LANGUAGES = list(LANGUAGE_PREFIXES)


def other(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def test_sample_content_covers_the_newsroom(sample_site: BuiltSite) -> None:
    zh, en = sample_site.articles("zh"), sample_site.articles("en")
    pairs = {s.slug for s in zh} & {s.slug for s in en}
    assert len(pairs) >= 8
    assert len({s.metadata["category"] for s in zh}) >= 4
    assert len({s.date.year for s in zh}) >= 2
    assert {s.slug for s in zh} - pairs, "a Chinese-only article"
    assert {s.slug for s in en} - pairs, "an English-only article"


def test_every_page_declares_its_language(sample_site: BuiltSite) -> None:
    for url, page in sample_site.pages.items():
        lang = "en" if url.startswith("/en/") else "zh"
        assert page.html["lang"] == HTML_LANG[lang], url


def test_every_pair_links_to_each_other(sample_site: BuiltSite) -> None:
    by_key = {(s.lang, s.slug, s.is_page): s for s in sample_site.sources}
    paired = 0
    for (lang, slug, is_page), source in by_key.items():
        counterpart = by_key.get((other(lang), slug, is_page))
        if counterpart is None:
            continue
        [link] = switch_links(sample_site.page(source.url))
        assert link["href"] == counterpart.url, source.path
        assert link["hreflang"] == link["lang"] == HTML_LANG[other(lang)]
        paired += 1
    assert paired >= 18


@pytest.mark.parametrize(
    ("lang", "home", "notice"),
    [
        ("zh", "/en/", "No English version of this article yet"),
        ("en", "/", "本文暂无中文版"),
    ],
)
def test_untranslated_article_switches_to_the_other_home_with_a_notice(
    sample_site: BuiltSite, lang: str, home: str, notice: str
) -> None:
    slugs = {s.slug for s in sample_site.articles(other(lang))}
    alone = [s for s in sample_site.articles(lang) if s.slug not in slugs]
    assert alone
    for source in alone:
        [link] = switch_links(sample_site.page(source.url))
        assert link["href"] == f"{home}#no-translation"
    target = sample_site.page(home).find(id="no-translation")
    assert target.get_text(strip=True) == notice


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_lists_its_language_newest_first_across_pages(
    sample_site: BuiltSite, lang: str
) -> None:
    home = f"/{LANGUAGE_PREFIXES[lang]}"
    pages = list(sample_site.listing(home))
    listed = [url for page in pages for url in listed_article_urls(page)]
    expected = sorted(sample_site.articles(lang), key=lambda s: s.date, reverse=True)
    assert listed == [s.url for s in expected]
    assert len(pages) >= 2, "the sample content fills more than one home page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pagination_pages_switch_to_the_same_page_number(
    sample_site: BuiltSite, lang: str
) -> None:
    second = f"/{LANGUAGE_PREFIXES[lang]}page/2/"
    [link] = switch_links(sample_site.page(second))
    assert link["href"] in {
        f"/{LANGUAGE_PREFIXES[other(lang)]}page/2/",
        f"/{LANGUAGE_PREFIXES[other(lang)]}",
    }
    assert sample_site.resolves(link["href"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topic_pages_carry_the_translated_name_and_only_their_articles(
    sample_site: BuiltSite, lang: str
) -> None:
    import tomllib

    topics = tomllib.loads((sample_site.content / "topics.toml").read_text("utf-8"))
    for key, names in topics.items():
        url = f"/{LANGUAGE_PREFIXES[lang]}topics/{key}/"
        pages = list(sample_site.listing(url))
        assert pages[0].h1.get_text(strip=True) == names[lang]
        listed = {u for page in pages for u in listed_article_urls(page)}
        expected = {
            s.url for s in sample_site.articles(lang) if s.metadata["category"] == key
        }
        assert listed == expected, key
        [link] = switch_links(pages[0])
        assert link["href"] == f"/{LANGUAGE_PREFIXES[other(lang)]}topics/{key}/"


def test_articles_show_babel_formatted_dates(sample_site: BuiltSite) -> None:
    zh = sample_site.page("/2024/05/foreign-affairs-plenary-2024/")
    en = sample_site.page("/en/2024/05/foreign-affairs-plenary-2024/")
    assert zh.select_one(".article__meta time").get_text() == "2024年5月16日"
    assert en.select_one(".article__meta time").get_text() == "May 16, 2024"


def test_hreflang_alternates_are_reciprocal(sample_site: BuiltSite) -> None:
    for url, page in sample_site.indexed_pages.items():
        alternates = {
            link["hreflang"]: link["href"]
            for link in page.select("link[rel=alternate][hreflang]:not([type])")
        }
        assert alternates[HTML_LANG["en" if url.startswith("/en/") else "zh"]] == url
        assert "x-default" in alternates
        for hreflang, href in alternates.items():
            target = sample_site.page(href)
            back = {
                link["hreflang"]: link["href"]
                for link in target.select("link[rel=alternate][hreflang]:not([type])")
            }
            assert back == alternates, (url, hreflang)


def test_every_internal_link_resolves(sample_site: BuiltSite) -> None:
    for url, page in sample_site.pages.items():
        for tag in page.select("a[href], link[href], script[src], img[src]"):
            target = tag.get("href") or tag.get("src")
            if target.startswith("/"):
                assert sample_site.resolves(target), (url, target)


def test_theme_assets_are_written_once(sample_site: BuiltSite) -> None:
    assert (sample_site.output / "theme" / "css" / "site.css").is_file()
    assert not (sample_site.output / "en" / "theme").exists()
