"""Newsroom plugin: one Pelican run builds the Chinese and the English site.

The flow, in signal order:
  initialized                  load languages and topics (site.py)
  readers_init                 a faster Markdown reader (reading.py)
  article_generator_init       convert articles ahead in worker processes
  generator_init               catalogs, gettext, Babel dates, topic menus in Jinja
  article_generator_finalized  pair each article with its translation (linking.py)
  page_generator_finalized     the same for pages
  get_generators               per-language listings and search pages (listings.py)
  all_generators_finalized     collect each language's articles for search (search.py)
  finalized                    write the search index next to the site
"""

from __future__ import annotations

from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.readers import Readers

from .i18n import DATE_FORMAT_SETTING, install_i18n, load_catalogs
from .linking import link_translations
from .listings import ARTICLES_BY_LANGUAGE, ListingsGenerator, articles_by_language
from .reading import convert_articles_ahead, use_newsroom_reader
from .search import SearchPage, collect_search_records, write_search_index
from .site import SITE_SETTING, build_newsroom, newsroom_of
from .topics import attach_topics


def load_site(pelican: Pelican) -> None:
    pelican.settings[SITE_SETTING] = build_newsroom(pelican.settings)


def replace_markdown_reader(readers: Readers) -> None:
    use_newsroom_reader(readers.reader_classes)


def install_theme_globals(generator: Generator) -> None:
    newsroom = newsroom_of(generator.settings)
    theme_translations = Path(generator.theme) / "translations"
    install_i18n(
        generator.env,
        load_catalogs(theme_translations, tuple(newsroom.languages)),
        newsroom.languages,
        generator.settings[DATE_FORMAT_SETTING],
    )
    generator.env.globals["languages"] = newsroom.languages
    generator.env.globals["topic_menus"] = {
        code: newsroom.topic_menu(language)
        for code, language in newsroom.languages.items()
    }
    generator.env.globals["search"] = SearchPage()


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


def add_listings_generator(pelican: Pelican) -> type[Generator]:
    return ListingsGenerator


def register() -> None:
    signals.initialized.connect(load_site)
    signals.readers_init.connect(replace_markdown_reader)
    # Before generate_context, which then reads the files one by one: the
    # workers convert them meanwhile, and read() collects their results.
    signals.article_generator_init.connect(convert_articles_ahead)
    signals.generator_init.connect(install_theme_globals)
    signals.article_generator_finalized.connect(link_articles)
    signals.page_generator_finalized.connect(link_pages)
    signals.get_generators.connect(add_listings_generator)
    signals.all_generators_finalized.connect(collect_search_records)
    signals.finalized.connect(write_search_index)
