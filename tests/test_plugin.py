"""The newsroom plugin's parts, on their own and on the tiny test_data site."""

from __future__ import annotations

import pytest

from newsroom.link.translations import language_links
from newsroom.list.listings import page_url, paginate
from sitetools import BuiltSite, switch_links


def test_first_configured_language_is_the_default_at_the_root(languages) -> None:
    assert languages["zh"].is_default
    assert languages["zh"].prefix == ""
    assert languages["en"].prefix == "en/"
    assert [languages[c].autonym for c in languages] == ["中文", "English"]


def test_a_pair_links_both_ways_and_defaults_to_chinese(languages) -> None:
    links = language_links(languages["en"], "en/a/", {"zh": "a/"}, languages)
    assert [(t.language.code, t.url, t.is_fallback) for t in links.switch] == [
        ("zh", "a/", False)
    ]
    assert [(h.hreflang, h.url) for h in links.hreflang] == [
        ("zh-Hans", "a/"),
        ("en", "en/a/"),
        ("x-default", "a/"),
    ]


def test_an_article_alone_falls_back_to_the_other_home(languages) -> None:
    links = language_links(languages["en"], "en/b/", {}, languages)
    [target] = links.switch
    assert (target.url, target.is_fallback) == ("#no-translation", True)
    assert [(h.hreflang, h.url) for h in links.hreflang] == [
        ("en", "en/b/"),
        ("x-default", "en/b/"),
    ]


def test_a_near_page_is_a_switch_target_but_never_an_hreflang(languages) -> None:
    links = language_links(languages["zh"], "page/3/", {}, languages, {"en": "en/"})
    assert [t.url for t in links.switch] == ["en/"]
    assert "en" not in {h.hreflang for h in links.hreflang}


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)])
def test_pagination_always_writes_a_first_page(count: int, pages: int) -> None:
    listing = paginate("home", "", "en/", "en", list(range(count)), 3)
    assert len(listing) == pages
    assert [p.url for p in listing] == [page_url("en/", n) for n in range(1, pages + 1)]
    assert listing[0].previous_url is None
    assert listing[-1].next_url is None


def test_small_site_writes_each_listing_in_each_language(small_site: BuiltSite) -> None:
    expected = {
        "/",
        "/en/",
        "/topics/news/",
        "/en/topics/news/",
        "/topics/culture/",
        "/en/topics/culture/",
        "/archives/",
        "/en/archives/",
        "/archives/2024/",
        "/archives/2023/",
        "/en/archives/2024/",
        "/en/archives/2023/",
    }
    assert expected <= set(small_site.pages)


def test_archive_year_missing_in_one_language_switches_to_its_archives(
    small_site: BuiltSite,
) -> None:
    # test_data: the 2023 archive exists in both languages, 2024 too; the English
    # 2023 archive lists two articles (en-only and the lantern pair).
    page = small_site.page("/en/archives/2023/")
    assert len(page.select(".article-list h2 a")) == 2
    [link] = switch_links(page)
    assert link["href"] == "/archives/2023/"


def test_about_page_pair_links_both_ways(small_site: BuiltSite) -> None:
    [to_en] = switch_links(small_site.page("/about/"))
    [to_zh] = switch_links(small_site.page("/en/about/"))
    assert (to_en["href"], to_zh["href"]) == ("/en/about/", "/about/")


def test_topic_name_follows_the_page_language(small_site: BuiltSite) -> None:
    zh = small_site.page("/2024/05/plenary/")
    en = small_site.page("/en/2024/05/plenary/")
    assert zh.select_one(".article__topic a").get_text() == "要闻"
    assert en.select_one(".article__topic a").get_text() == "News"
