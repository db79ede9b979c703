"""Newsroom plugin: one Pelican run builds the Chinese and the English site.

The flow, in signal order:
  initialized                  load languages, topics, theme catalogs (site.py)
  generator_init               gettext, Babel dates, languages, topic menus in Jinja
  article_generator_finalized  pair each article with its translation (linking.py)
  page_generator_finalized     the same for pages
  get_generators               per-language home, topic, archive pages (listings.py)
"""

from __future__ import annotations

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from .i18n import install_i18n
from .linking import link_translations
from .listings import ARTICLES_BY_LANGUAGE, ListingsGenerator, articles_by_language
from .site import SITE_SETTING, build_newsroom, newsroom_of
from .topics import attach_topics

DATE_FORMAT_SETTING = "NEWSROOM_DATE_FORMAT"


def load_site(pelican: Pelican) -> None:
    pelican.settings[SITE_SETTING] = build_newsroom(pelican.settings)


def install_theme_globals(generator: Generator) -> None:
    newsroom = newsroom_of(generator.settings)
    install_i18n(
        generator.env,
        newsroom.catalogs,
        newsroom.languages,
        generator.settings[DATE_FORMAT_SETTING],
    )
    generator.env.globals["languages"] = newsroom.languages
    generator.env.globals["topic_menus"] = {
        code: newsroom.topic_menu(language)
        for code, language in newsroom.languages.items()
    }


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
    signals.generator_init.connect(install_theme_globals)
    signals.article_generator_finalized.connect(link_articles)
    signals.page_generator_finalized.connect(link_pages)
    signals.get_generators.connect(add_listings_generator)
