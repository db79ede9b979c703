"""In-process unit tests of the search index's files and of feeds and sitemap."""

from __future__ import annotations

from collections import ChainMap
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from jinja2 import Environment

from newsroom.index.bundle_files import (
    BundleStamp,
    BundleStamps,
    bundle_dir,
    is_bundle_as_written,
    write_search_bundle,
)
from newsroom.index.indexing import (
    BackgroundIndexing,
    finish_search_index,
    start_search_index,
)
from newsroom.index.pagefind import build_bundles
from newsroom.index.records import index_language, records_digest, search_records
from newsroom.index.search_page import install_search_page
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
from newsroom.settings import ARTICLES_BY_LANGUAGE, INDEXING_SETTING, WRITTEN_PAGES
from sitetools import REPO
from support import get_article, get_newsroom, get_settings

THEME = str(REPO / "theme")


def test_chinese_is_indexed_as_pairs_without_pagefinds_segmenter() -> None:
    languages = get_newsroom().languages
    assert index_language(languages["zh"]) == "und"
    assert index_language(languages["en"]) == "en"


def test_records_are_per_language_and_their_digest_follows_their_text() -> None:
    languages = get_newsroom().languages
    zh = get_article("a", content="<p>石景山区</p>")
    records = search_records({"zh": [zh], "en": []}, languages, "long")
    [record] = records["zh"]
    assert record.content.split()[-4:] == ["石景", "景山", "山区", "区"]
    assert record.meta["text"] == "石景山区"
    edited = get_article("a", content="<p>石景山</p>")
    other = search_records({"zh": [edited]}, languages, "long")["zh"]
    assert records_digest(records["zh"]) != records_digest(other)


def bundle_files() -> list[dict]:
    return [
        {"path": "pagefind.js", "content": b"js"},
        {"path": "pagefind-ui.js", "content": b"unused"},
        {"path": "index/en_1.pf_index", "content": b"index"},
    ]


def test_a_bundle_is_written_fresh_without_the_ready_made_interfaces(
    tmp_path: Path,
) -> None:
    bundle = tmp_path / bundle_dir(get_newsroom().languages["en"])
    bundle.mkdir(parents=True)
    (bundle / "old.pf_fragment").write_text("from the last build")
    stamps = write_search_bundle(bundle_files(), bundle)
    assert sorted(stamps) == ["index/en_1.pf_index", "pagefind.js"]
    assert sorted(p.name for p in bundle.rglob("*") if p.is_file()) == [
        "en_1.pf_index",
        "pagefind.js",
    ]
    assert is_bundle_as_written(bundle, stamps)
    (bundle / "pagefind.js").write_text("replaced by hand")
    assert not is_bundle_as_written(bundle, stamps)
    assert not is_bundle_as_written(bundle, {})


def test_bundle_stamps_are_kept_for_the_same_output_only(tmp_path: Path) -> None:
    cache = {"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True}
    settings = {**cache, "LOAD_CONTENT_CACHE": True}
    bundle = tmp_path / "out" / "pagefind"
    files = write_search_bundle(bundle_files(), bundle)
    stamps = BundleStamps(settings, tmp_path / "out")
    stamps.stamps["zh"] = BundleStamp("digest", files)
    stamps.write()
    again = BundleStamps(settings, tmp_path / "out")
    assert again.is_current("zh", "digest", bundle)
    assert not again.is_current("zh", "other digest", bundle)
    assert not again.is_current("en", "digest", bundle)
    assert BundleStamps(settings, tmp_path / "elsewhere").stamps == {}


def test_an_indexing_failure_is_raised_when_the_build_waits_for_it(
    tmp_path: Path,
) -> None:
    def broken_records() -> dict:
        raise RuntimeError("no records")

    settings = {"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": False}
    stamps = BundleStamps({**settings, "LOAD_CONTENT_CACHE": False}, tmp_path)
    indexing = BackgroundIndexing(broken_records, {}, stamps)
    indexing.start()
    pelican = SimpleNamespace(settings={INDEXING_SETTING: indexing})
    with pytest.raises(RuntimeError, match="no records"):
        finish_search_index(pelican)


def test_no_index_is_started_when_search_is_off(tmp_path: Path) -> None:
    settings = get_settings(NEWSROOM_SEARCH_INDEX=False)
    start_search_index(None, {}, settings, tmp_path)
    assert INDEXING_SETTING not in settings
    finish_search_index(SimpleNamespace(settings=settings))  # nothing to wait for


def generator_with_env() -> SimpleNamespace:
    return SimpleNamespace(settings=get_settings(), theme=THEME, env=Environment())


def test_the_search_page_finds_each_languages_bundle() -> None:
    generator = generator_with_env()
    install_search_page(generator)
    search = generator.env.globals["search"]
    assert search.bundle_dirs == {"zh": "pagefind/", "en": "en/pagefind/"}


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


def test_pagefind_builds_a_bundle_per_language_side_by_side() -> None:
    languages = get_newsroom().languages
    articles = {"zh": [get_article("a")], "en": [get_article("a", "en", title="A")]}
    records = search_records(articles, languages, "long")
    # In a thread, as the build runs it: this process may hold an event loop
    # already (the browser tests' Playwright).
    with ThreadPoolExecutor(max_workers=1) as thread:
        bundles = thread.submit(build_bundles, records).result()
    assert list(bundles) == ["zh", "en"]
    for files in bundles.values():
        assert "pagefind.js" in {file["path"] for file in files}
