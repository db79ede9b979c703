"""Newsroom plugin: one Pelican run builds the Chinese and the English site.

The flow, in signal order:
  initialized                  load languages and topics (site.py)
  readers_init                 a faster Markdown reader (reading.py)
  article_generator_init       convert articles ahead in worker processes
  generator_init               catalogs, gettext, Babel dates, topic menus in Jinja
  article_generator_finalized  pair each article with its translation (linking.py)
  page_generator_finalized     the same for pages
  get_generators               per-language home, topic, archive pages (listings.py),
                               Atom feeds (feeds.py), sitemap, robots.txt (sitemap.py)
  content_written              record each written page for the sitemap (sitemap.py)
"""

from __future__ import annotations

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.readers import Readers

from .feeds import FeedsGenerator, language_feeds
from .i18n import install_i18n, theme_catalogs
from .linking import link_translations
from .listings import ARTICLES_BY_LANGUAGE, ListingsGenerator, articles_by_language
from .reading import convert_articles_ahead, use_newsroom_reader
from .site import SITE_SETTING, build_newsroom, newsroom_of
from .sitemap import SitemapGenerator, record_written_page
from .structured_data import news_article
from .topics import attach_topics

DATE_FORMAT_SETTING = "NEWSROOM_DATE_FORMAT"


def load_site(pelican: Pelican) -> None:
    pelican.settings[SITE_SETTING] = build_newsroom(pelican.settings)


def replace_markdown_reader(readers: Readers) -> None:
    use_newsroom_reader(readers.reader_classes)


def install_theme_globals(generator: Generator) -> None:
    newsroom = newsroom_of(generator.settings)
    catalogs = theme_catalogs(generator.theme, tuple(newsroom.languages))
    install_i18n(
        generator.env,
        catalogs,
        newsroom.languages,
        generator.settings[DATE_FORMAT_SETTING],
    )
    generator.env.globals["languages"] = newsroom.languages
    generator.env.globals["topic_menus"] = {
        code: newsroom.topic_menu(language)
        for code, language in newsroom.languages.items()
    }
    generator.env.globals["feeds"] = language_feeds(newsroom, catalogs)
    generator.env.globals["news_article"] = news_article


def link_articles(generator: ArticlesGenerator) -> None:
    # Finalized rather than pretaxonomy: Pelican's own taxonomies are switched
    # off, and by now translations are grouped and every URL is known.
    newsroom = newsroom_of(generator.settings)
    published = generator.articles + generator.translations
    hidden = generator.hidden_articles + generator.hidden_translations
    attach_topics(published + hidden, newsroom.topics, newsroom.languages)
    link_translations(published + hidden, newsroom.languages)
    generator.context[ARTICLES_BY_LANGUAGE] = articles_by_language(
        published, newsroom.languages
    )


def link_pages(generator: PagesGenerator) -> None:
    newsroom = newsroom_of(generator.settings)
    pages = (
        generator.pages
        + generator.translations
        + generator.hidden_pages
        + generator.hidden_translations
    )
    link_translations(pages, newsroom.languages)


def add_generators(pelican: Pelican) -> tuple[type[Generator], ...]:
    # One handler, so the order is certain: the sitemap lists what the others
    # wrote, so it must run after them (Pelican's own generators run first).
    return (ListingsGenerator, FeedsGenerator, SitemapGenerator)


def register() -> None:
    signals.initialized.connect(load_site)
    signals.readers_init.connect(replace_markdown_reader)
    # Before generate_context, which then reads the files one by one: the
    # workers convert them meanwhile, and read() collects their results.
    signals.article_generator_init.connect(convert_articles_ahead)
    signals.generator_init.connect(install_theme_globals)
    signals.article_generator_finalized.connect(link_articles)
    signals.page_generator_finalized.connect(link_pages)
    signals.get_generators.connect(add_generators)
    signals.content_written.connect(record_written_page)
