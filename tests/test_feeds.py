"""The Atom feeds, read as a feed reader reads them (feedparser), in both builds."""

from __future__ import annotations

import io
import tomllib
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from newsroom.publish.feeds import Feed, write_atom
from sitetools import HTML_LANG, LANGUAGE_PREFIXES, BuiltSite, Source
from support import get_newsroom

LANGUAGES = list(LANGUAGE_PREFIXES)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "application/atom+xml"


def topic_keys(site: BuiltSite) -> list[str]:
    return list(tomllib.loads((site.content / "topics.toml").read_text("utf-8")))


def feed_path(lang: str, topic: str | None = None) -> str:
    name = f"{topic}.atom.xml" if topic else "atom.xml"
    return f"/{LANGUAGE_PREFIXES[lang]}feeds/{name}"


def read_feed(site: BuiltSite, path: str) -> feedparser.FeedParserDict:
    raw = (site.output / path.lstrip("/")).read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def newest_first(sources: list[Source]) -> list[Source]:
    return sorted(sources, key=lambda s: (s.date, s.slug), reverse=True)


def straight_quotes(text: str) -> str:
    """Markdown's smarty extension curls the quotes of a Summary: compare without."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def every_feed(site: BuiltSite) -> list[tuple[str, str]]:
    return [
        (lang, feed_path(lang, topic))
        for lang in LANGUAGES
        for topic in [None, *topic_keys(site)]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_feed_lists_every_article_of_its_language_newest_first(
    either_build: BuiltSite, lang: str
) -> None:
    feed = read_feed(either_build, feed_path(lang))
    links = [either_build.site_path(entry.link) for entry in feed.entries]
    assert links == [s.url for s in newest_first(either_build.articles(lang))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topic_feeds_list_only_their_topic(publish_site: BuiltSite, lang: str) -> None:
    for topic in topic_keys(publish_site):
        feed = read_feed(publish_site, feed_path(lang, topic))
        links = {publish_site.site_path(entry.link) for entry in feed.entries}
        expected = {
            s.url
            for s in publish_site.articles(lang)
            if s.metadata["category"] == topic
        }
        assert links == expected, topic
    assert any(
        read_feed(publish_site, feed_path(lang, topic)).entries
        for topic in topic_keys(publish_site)
    )


def test_every_feed_declares_its_language(either_build: BuiltSite) -> None:
    for lang, path in every_feed(either_build):
        root = ElementTree.parse(either_build.output / path.lstrip("/")).getroot()
        assert root.get(XML_LANG) == HTML_LANG[lang], path
        assert read_feed(either_build, path).feed.language == HTML_LANG[lang]


def test_every_entry_link_exists_in_the_output(either_build: BuiltSite) -> None:
    checked = 0
    for _, path in every_feed(either_build):
        feed = read_feed(either_build, path)
        assert either_build.resolves(feed.feed.link), path
        for entry in feed.entries:
            assert either_build.resolves(entry.link), (path, entry.link)
            checked += 1
    assert checked > 0


def test_entries_carry_beijing_time_and_the_summary(publish_site: BuiltSite) -> None:
    for lang in LANGUAGES:
        feed = read_feed(publish_site, feed_path(lang))
        by_url = {publish_site.site_path(entry.link): entry for entry in feed.entries}
        for source in publish_site.articles(lang):
            entry = by_url[source.url]
            assert entry.published == f"{source.date:%Y-%m-%dT%H:%M}:00+08:00"
            assert entry.updated.endswith("+08:00")
            summary = BeautifulSoup(entry.summary, "html.parser").get_text()
            expected = source.metadata["summary"]
            assert straight_quotes(summary) == straight_quotes(expected)


def test_publish_feeds_use_absolute_urls(publish_site: BuiltSite) -> None:
    for _, path in every_feed(publish_site):
        feed = read_feed(publish_site, path)
        self_link = next(link for link in feed.feed.links if link.rel == "self")
        assert self_link.href == publish_site.site_url + path
        for entry in feed.entries:
            assert entry.link.startswith(publish_site.site_url + "/")
            assert entry.id.startswith("tag:news.example.gov.cn,")


def test_every_page_links_its_language_feed_titled_in_its_language(
    either_build: BuiltSite,
) -> None:
    code_of = {html_lang: code for code, html_lang in HTML_LANG.items()}
    for url, page in either_build.pages.items():
        lang = code_of[page.html["lang"]]
        feeds = {
            either_build.site_path(link["href"]): link
            for link in page.select(f'head link[rel=alternate][type="{ATOM}"]')
        }
        site_feed = feeds[feed_path(lang)]
        assert site_feed["title"] == read_feed(either_build, feed_path(lang)).feed.title
        for link in feeds.values():
            assert either_build.resolves(link["href"]), (url, link)
            # hreflang would declare the feed one more language version of the page.
            assert not link.has_attr("hreflang"), (url, link)


def test_every_page_has_one_alternate_per_hreflang(either_build: BuiltSite) -> None:
    for url, page in either_build.pages.items():
        values = [
            link["hreflang"]
            for link in page.select("head link[rel=alternate]")
            if link.has_attr("hreflang")
        ]
        assert len(values) == len(set(values)), (url, values)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topic_pages_and_articles_link_their_topic_feed(
    sample_site: BuiltSite, lang: str
) -> None:
    article = sample_site.articles(lang)[0]
    topic = article.metadata["category"]
    for url in (f"/{LANGUAGE_PREFIXES[lang]}topics/{topic}/", article.url):
        link = sample_site.page(url).select_one(
            f'head link[type="{ATOM}"][href="{feed_path(lang, topic)}"]'
        )
        assert link is not None, url
        title = read_feed(sample_site, feed_path(lang, topic)).feed.title
        assert link["title"] == title


def test_an_empty_feed_has_a_fixed_date_so_that_every_build_writes_the_same() -> None:
    """A topic with no article in a language still has its feed; feedgenerator
    would date it at the build's time, so a cached rebuild would differ from a
    clean build of the same sources."""
    newsroom = get_newsroom()
    feed = Feed(newsroom.default_language, "要闻", "topics/news/")
    written = io.StringIO()
    write_atom(feed, [], "", "", written)
    parsed = feedparser.parse(written.getvalue())
    assert not parsed.bozo
    assert parsed.feed.updated == "1970-01-01T00:00:00+00:00"
    assert parsed.entries == []
