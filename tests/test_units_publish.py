"""In-process unit tests of the feeds and the sitemap."""

from __future__ import annotations

from collections import ChainMap
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from jinja2 import Environment

from newsroom.link.content import link_articles
from newsroom.link.translations import Hreflang
from newsroom.publish.feeds import install_feed_links, language_feeds, write_atom
from newsroom.publish.sitemap import (
    SitemapEntry,
    SitemapGenerator,
    SitemapSettingsError,
    record_written_page,
    robots_txt,
    sitemap_xml,
)
from newsroom.render.catalogs import theme_catalogs
from newsroom.settings import ARTICLES_BY_LANGUAGE, WRITTEN_PAGES
from sitetools import REPO
from support import get_article, get_newsroom, get_settings

THEME = str(REPO / "theme")


def generator_with_env() -> SimpleNamespace:
    return SimpleNamespace(settings=get_settings(), theme=THEME, env=Environment())


def test_each_language_has_a_site_feed_and_one_per_topic() -> None:
    generator = generator_with_env()
    install_feed_links(generator)
    feeds = generator.env.globals["feeds"]
    assert [feed.url for feed in feeds["en"]] == [
        "en/feeds/atom.xml",
        "en/feeds/news.atom.xml",
        "en/feeds/culture.atom.xml",
    ]
    assert feeds["zh"].topics["news"].title.startswith("要闻")


def test_a_topic_feed_has_only_its_topics_articles(tmp_path: Path) -> None:
    articles = SimpleNamespace(
        settings=get_settings(),
        context={},
        articles=[get_article("a"), get_article("b", topic="culture")],
        translations=[],
        hidden_articles=[],
        hidden_translations=[],
    )
    link_articles(articles)
    newest_first = articles.context[ARTICLES_BY_LANGUAGE]["zh"]
    catalogs = theme_catalogs(THEME, ("zh", "en"))
    feed = language_feeds(get_newsroom(), catalogs)["zh"].topics["culture"]
    entries = feed.entries(newest_first)
    assert [a.slug for a in entries] == ["b"]
    path = tmp_path / "feed.xml"
    with path.open("w", encoding="utf-8") as file:
        write_atom(feed, entries, "https://x.cn", "https://x.cn", file)
    assert "https://x.cn/2024/05/b/" in path.read_text(encoding="utf-8")


def test_robots_disallow_the_sites_own_path() -> None:
    text = robots_txt("https://x.cn/news", ["newsroom/"])
    assert text.splitlines() == [
        "User-agent: *",
        "Disallow: /news/newsroom/",
        "",
        "Sitemap: https://x.cn/news/sitemap.xml",
    ]


def test_the_sitemap_needs_an_absolute_site_url() -> None:
    generator = SitemapGenerator.__new__(SitemapGenerator)
    generator.settings = {**get_settings(NEWSROOM_SITEMAP=True), "SITEURL": ""}
    generator.context = {}
    with pytest.raises(SitemapSettingsError, match="NEWSROOM_SITEMAP is on"):
        generator.generate_context()


def test_written_pages_are_recorded_unless_hidden_or_disallowed() -> None:
    written: dict = {}
    settings = get_settings(NEWSROOM_ROBOTS_DISALLOW=["newsroom/"])
    links = SimpleNamespace(hreflang=[Hreflang("en", "en/a/")])

    def write(item: SimpleNamespace, key: str = "here") -> None:
        context = ChainMap({key: item}, {WRITTEN_PAGES: written}, settings)
        record_written_page("path", context)

    write(SimpleNamespace(url="en/a/", language_links=links, date=datetime(2024, 5, 1)))
    write(SimpleNamespace(url="newsroom/x/", language_links=links))
    write(SimpleNamespace(url="en/h/", language_links=links, status="hidden"), "page")
    write(SimpleNamespace(url="en/none/", language_links=None))
    assert list(written) == ["en/a/"]
    tree = sitemap_xml(written.values(), "https://x.cn")
    url = tree.getroot()[0]
    assert [child.tag.split("}")[1] for child in url] == ["loc", "lastmod", "link"]
    assert ElementTree.tostring(url).count(b"https://x.cn/en/a/") == 2


def test_a_listing_page_has_no_lastmod() -> None:
    entry = SitemapEntry("a/", [], None)
    url = sitemap_xml([entry], "https://x.cn").getroot()[0]
    assert [child.tag.split("}")[1] for child in url] == ["loc"]
