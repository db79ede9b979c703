"""Atom feeds: one per language with every article, one per topic per language.

Pelican's own feeds are switched off: they would mix languages and title every
feed with the one English ``SITENAME``. Which feeds exist follows from the
languages and topics alone, so a new language or topic gets its feeds without
a line here. Feeds are written in the dev build too, so that the links in every
page's head resolve wherever the site is served; only in the publish build are
their URLs absolute (``FEED_DOMAIN``, ``SITEURL``).

URLs: ``feeds/atom.xml``, ``feeds/<topic>.atom.xml``, and the same under each
non-default language's prefix (``en/feeds/atom.xml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TextIO

from feedgenerator import Atom1Feed, get_tag_uri
from pelican.contents import Article
from pelican.generators import Generator

from ..render.catalogs import Catalogs, theme_catalogs
from ..render.writer import NewsroomWriter
from ..settings import ARTICLES_BY_LANGUAGE
from ..site.languages import Language
from ..site.newsroom import Newsroom, newsroom_of
from ..site.topics import LocalTopic

FEEDS_FOLDER = "feeds"


@dataclass(frozen=True)
class Feed:
    """One feed as the head links and the writer both need it."""

    language: Language
    title: str
    page_url: str
    topic: LocalTopic | None = None

    @property
    def url(self) -> str:
        name = f"{self.topic.key}.atom.xml" if self.topic else "atom.xml"
        return f"{self.language.prefix}{FEEDS_FOLDER}/{name}"

    def entries(self, articles_newest_first: Iterable[Article]) -> list[Article]:
        if self.topic is None:
            return list(articles_newest_first)
        return [a for a in articles_newest_first if a.topic.key == self.topic.key]


@dataclass(frozen=True)
class LanguageFeeds:
    """A language's feeds: the whole site's and one per topic, by topic key."""

    site: Feed
    topics: dict[str, Feed]

    def __iter__(self) -> Iterator[Feed]:
        yield self.site
        yield from self.topics.values()


def language_feeds(newsroom: Newsroom, catalogs: Catalogs) -> dict[str, LanguageFeeds]:
    """Every feed of the site by language code, titled in the feed's language."""
    feeds: dict[str, LanguageFeeds] = {}
    for code, language in newsroom.languages.items():
        catalog = catalogs[code]
        site_name = catalog.gettext("Shijingshan District News")
        topics = {
            topic.key: Feed(
                language=language,
                title=catalog.gettext("%(topic)s - %(site)s")
                % {"topic": topic.name, "site": site_name},
                page_url=topic.url,
                topic=topic,
            )
            for topic in newsroom.topic_menu(language)
        }
        site = Feed(language=language, title=site_name, page_url=language.home_url)
        feeds[code] = LanguageFeeds(site=site, topics=topics)
    return feeds


def install_feed_links(generator: Generator) -> None:
    # generator_init: the feeds every page's head links to (the theme global).
    newsroom = newsroom_of(generator.settings)
    catalogs = theme_catalogs(generator.theme, tuple(newsroom.languages))
    generator.env.globals["feeds"] = language_feeds(newsroom, catalogs)


# An empty feed's date. feedgenerator would write the time of the build, and
# each build would differ from the last: a cached rebuild from a clean build.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)


class ReproducibleAtomFeed(Atom1Feed):
    """An Atom feed whose bytes depend on its articles only."""

    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else EMPTY_FEED_UPDATED


def atom_feed(
    feed: Feed, articles: list[Article], site_url: str, feed_domain: str
) -> ReproducibleAtomFeed:
    """The Atom document of ``feed``; dates keep the articles' own +08:00 offset."""
    atom = ReproducibleAtomFeed(
        title=feed.title,
        link=f"{site_url}/{feed.page_url}",
        feed_url=f"{feed_domain}/{feed.url}",
        description="",
        language=feed.language.html_lang,
    )
    for article in articles:
        link = f"{site_url}/{article.url}"
        atom.add_item(
            title=article.title,
            link=link,
            unique_id=get_tag_uri(link, article.date),
            description=article.summary,
            content=article.get_content(site_url),
            author_name=article.source,
            categories=[article.topic.name],
            pubdate=article.date,
            updateddate=getattr(article, "modified", None),
        )
    return atom


def write_atom(
    feed: Feed, articles: list[Article], site_url: str, feed_domain: str, file: TextIO
) -> None:
    atom_feed(feed, articles, site_url, feed_domain).write(file, "utf-8")


class FeedsGenerator(Generator):
    """Writes every language's feeds from the articles the listings also use."""

    def generate_output(self, writer: NewsroomWriter) -> None:
        per_language = self.context[ARTICLES_BY_LANGUAGE]
        max_items = self.settings.get("FEED_MAX_ITEMS")
        site_url = self.settings["SITEURL"]
        feed_domain = self.settings.get("FEED_DOMAIN") or site_url
        newsroom = newsroom_of(self.settings)
        catalogs = theme_catalogs(self.theme, tuple(newsroom.languages))
        for code, feeds in language_feeds(newsroom, catalogs).items():
            for feed in feeds:
                entries = feed.entries(per_language[code])[:max_items]
                inputs = (feed, entries, site_url, feed_domain)
                writer.write_document(
                    feed.url, list(inputs), self.context, partial(write_atom, *inputs)
                )
