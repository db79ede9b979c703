"""Linking every article and page once all are read: topics, translations,
each language's order, the neighbours in it and in each topic, and related
news (link/related.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator

from ..settings import ARTICLES_BY_LANGUAGE, PAGES_BY_LANGUAGE
from ..site.languages import Language
from ..site.newsroom import newsroom_of
from .neighbours import articles_by_language, link_neighbours
from .related import link_within_topics
from .topics import attach_topics
from .translations import link_translations


def link_articles(generator: ArticlesGenerator) -> None:
    # Finalized rather than pretaxonomy: Pelican's own taxonomies are switched
    # off, and by now translations are grouped and every URL is known. The
    # content cache is saved before this signal, so none of these links is.
    newsroom = newsroom_of(generator.settings)
    published = generator.articles + generator.translations
    hidden = generator.hidden_articles + generator.hidden_translations
    attach_topics(published + hidden, newsroom.topics, newsroom.languages)
    link_translations(published + hidden, newsroom.languages)
    per_language = link_in_order(published, newsroom.languages)
    generator.context[ARTICLES_BY_LANGUAGE] = per_language


def link_in_order(
    published: Iterable[Article], languages: Mapping[str, Language]
) -> dict[str, list[Article]]:
    """Each language's articles newest first, each linked to its neighbours;
    also after the preview's quick pass moved, added or removed one."""
    per_language = articles_by_language(published, languages)
    for articles in per_language.values():
        link_neighbours(articles)
        link_within_topics(articles)
    return per_language


def link_pages(generator: PagesGenerator) -> None:
    newsroom = newsroom_of(generator.settings)
    pages = (
        generator.pages
        + generator.translations
        + generator.hidden_pages
        + generator.hidden_translations
    )
    link_translations(pages, newsroom.languages)
    # Pelican's ``pages`` holds each page once, in its original language.
    published = sorted(generator.pages + generator.translations, key=lambda p: p.slug)
    generator.context[PAGES_BY_LANGUAGE] = {
        code: [page for page in published if page.lang == code]
        for code in newsroom.languages
    }
