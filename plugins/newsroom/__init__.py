"""Newsroom plugin: one Pelican run builds the Chinese and the English site.

The flow, in signal order:
  initialized                  wrap each run: under the build lock, load
                               languages and topics (site.py), build into a
                               fresh folder swapped in on success
                               (publish/atomic.py, publish/build_lock.py)
  get_generators               the plugin's generators, after Pelican's own:
                               per-language home, topic, archive and search pages
                               (listings.py), the end of the second rendering
                               process (writing.py), the newsroom's translation
                               report (report.py), Atom feeds (feeds.py), sitemap
                               and robots.txt (sitemap.py), the removal of stale
                               pages (writing.py)
  readers_init                 a faster Markdown reader (reading.py) that checks
                               each file as it reads it (validation.py)
  generator_init               catalogs, gettext, Babel dates, topic menus in Jinja
  article_generator_init       convert articles ahead in worker processes
  *_generator_context          collect each file's check results for this run
  content_object_init          store each article's and page's URLs, create the
                               attributes filled later (content_attributes.py)
  article_generator_finalized  pair each article with its translation (linking.py)
  page_generator_finalized     the same for pages
  all_generators_finalized     stop on any source problem (or, when strict, a
                               translation gap) before anything is written
  get_writer                   a writer that renders in two processes, and with
                               the content cache on skips pages whose inputs did
                               not change (writing.py, incremental.py)
  newsroom_writing_started     (the plugin's own, at the first page, after the
                               fork) start indexing for search in a thread
                               (search.py)
  content_written              record each written page for the sitemap
  finalized                    wait for the search index
"""

from __future__ import annotations

import atexit
import gc
import logging
from typing import Any

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.readers import Readers

from .content_attributes import prepare_attributes
from .feeds import FeedsGenerator, language_feeds
from .i18n import DATE_FORMAT_SETTING, install_i18n
from .linking import link_translations
from .listings import (
    ARTICLES_BY_LANGUAGE,
    ListingsGenerator,
    articles_by_language,
    section_urls,
)
from .publish.atomic import guard_runs
from .reading import convert_articles_ahead, use_newsroom_reader
from .render.catalogs import theme_catalogs
from .report import (
    REPORT_CONTEXT_KEY,
    STRICT_SETTING,
    TranslationReportGenerator,
    stop_on_translation_gaps,
)
from .search import finish_search_index, search_page, start_search_index
from .site import SITE_SETTING, build_newsroom, newsroom_of
from .sitemap import SitemapGenerator, record_written_page
from .structured_data import news_article
from .topics import attach_topics
from .validate.build_errors import hide_reported_failures
from .validation import (
    CHECK_METADATA_KEY,
    CHECKED_SOURCES,
    SourceErrors,
    print_errors,
    site_problems,
)
from .writing import (
    WRITING_STARTED,
    SecondRendererJoin,
    StalePagesRemoval,
    newsroom_writer,
)


def load_site(pelican: Pelican) -> None:
    pelican.settings[SITE_SETTING] = build_newsroom(pelican.settings)


def guard_every_run(pelican: Pelican) -> None:
    # initialized: sent once per Pelican instance, before its first run. Each
    # run from then on (every --autoreload rebuild too) loads the languages
    # and topics afresh, holds the build lock, and replaces output/ only when
    # it succeeded (publish/atomic.py).
    guard_runs(pelican, load_site)


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
    generator.env.globals["sections"] = {
        code: section_urls(language) for code, language in newsroom.languages.items()
    }
    generator.env.globals["topic_menus"] = {
        code: newsroom.topic_menu(language)
        for code, language in newsroom.languages.items()
    }
    generator.env.globals["feeds"] = language_feeds(newsroom, catalogs)
    generator.env.globals["news_article"] = news_article
    generator.env.globals["search"] = search_page(newsroom.languages)


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
    # One handler, so the order is certain (Pelican's own generators run
    # first). The second rendering process ends at SecondRendererJoin, so what
    # comes after is written (and printed) once. The sitemap lists what the
    # others wrote; the translation report's page has no language links, so the
    # sitemap leaves it out. Stale pages are removed once all are written.
    return (
        ListingsGenerator,
        SecondRendererJoin,
        TranslationReportGenerator,
        FeedsGenerator,
        SitemapGenerator,
        StalePagesRemoval,
    )


def collect_checked_source(generator: Generator, metadata: dict[str, Any]) -> None:
    # The context signal is where a file just read meets this run's context
    # (the reader only sees the settings, which outlive a run under --autoreload);
    # it fires for skipped files too, so their problems are kept.
    checked = metadata.pop(CHECK_METADATA_KEY, None)
    if checked is not None:
        generator.context.setdefault(CHECKED_SOURCES, []).append(checked)


def stop_on_problems(generators: list[Generator]) -> None:
    # all_generators_finalized: every file is read and every listing planned,
    # and nothing is written yet. An exception here ends Pelican with exit
    # status 1 (under --autoreload it is logged and the next save retries).
    context, settings = generators[0].context, generators[0].settings
    listing_outputs = [
        (page.save_as, f"the {page.template} listing")
        for generator in generators
        if isinstance(generator, ListingsGenerator)
        for page in generator.listing_pages
    ] + [
        (generator.page.save_as, "the newsroom translation report")
        for generator in generators
        if isinstance(generator, TranslationReportGenerator)
    ]
    problems = site_problems(
        context.get(CHECKED_SOURCES, []),
        context["generated_content"],
        listing_outputs,
        settings,
    )
    if count := print_errors(problems):
        raise SourceErrors(
            f"{count} problem(s) in the sources, listed above; nothing was written"
        )
    stop_on_translation_gaps(
        context[REPORT_CONTEXT_KEY], bool(settings.get(STRICT_SETTING))
    )


def register() -> None:
    # At exit, every object of the build is garbage, and the interpreter's last
    # collection would walk them all (0.35 s of a 2,000-pair rebuild): frozen,
    # they are left to the end of the process. Registered once, even when
    # --autoreload loads the plugin again.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    signals.initialized.connect(guard_every_run)
    # The plugin prints its own failures as one line; Pelican's log of them
    # would add a traceback.
    hide_reported_failures(logging.getLogger("pelican"))
    signals.readers_init.connect(replace_markdown_reader)
    # Before generate_context, which then reads the files one by one: the
    # workers convert them meanwhile, and read() collects their results.
    signals.article_generator_init.connect(convert_articles_ahead)
    signals.content_object_init.connect(prepare_attributes)
    signals.generator_init.connect(install_theme_globals)
    signals.article_generator_finalized.connect(link_articles)
    signals.page_generator_finalized.connect(link_pages)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(newsroom_writer)
    signals.content_written.connect(record_written_page)
    signals.article_generator_context.connect(collect_checked_source)
    signals.page_generator_context.connect(collect_checked_source)
    signals.all_generators_finalized.connect(stop_on_problems)
    WRITING_STARTED.connect(start_search_index)
    signals.finalized.connect(finish_search_index)
