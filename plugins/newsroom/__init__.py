"""Newsroom plugin: one Pelican run builds the Chinese and the English site.

The stages, one folder each, in the order the build meets them:
  site/      languages, topics and the plugin's settings (settings.py), once
  read/      the Markdown reader, inline patterns, the attributes of content
  validate/  each file checked as it is read; the checks across files; the
             translation report; the stop before anything is written
  link/      topics, translations, neighbours
  list/      per-language home, topic, archive and search pages
  media/     photos and attachments: found while reading, checked and encoded
             once all is read, filled in, copied into the output
  render/    the writer, its two processes, page keys, i18n, JSON-LD
  index/     the search index, written by a forked copy during rendering
  publish/   feeds, sitemap and robots.txt; for the server: hashed theme files,
             icons and manifests, 404 pages, .br/.gz files, deploy/nginx.conf;
             the build lock, and the fresh folder swapped in for output/ only
             when the run succeeded

The flow, in signal order:
  initialized                  wrap every run: under the build lock
                               (publish/build_lock.py), load languages, topics,
                               settings (site/newsroom.py), build into a fresh
                               folder swapped in on success (publish/atomic.py)
  get_generators               the plugin's generators, after Pelican's own:
                               per-language home, topic, archive and search pages
                               (list/listings.py), the end of the second rendering
                               process (render/writer.py), the photos' and
                               attachments' copy (media/stage.py), the 404 pages,
                               web manifests and hashed theme files (publish/),
                               the newsroom's translation report
                               (validate/translations.py), Atom feeds
                               (publish/feeds.py), sitemap and robots.txt
                               (publish/sitemap.py), the removal of stale pages
                               (render/writer.py)
  readers_init                 a faster Markdown reader (read/reader.py) that
                               checks each file as it reads it (validate/) and
                               notes its photos and attachments (media/)
  generator_init               catalogs, gettext, Babel dates, topic menus in Jinja
                               (render/theme_globals.py), the search page's and
                               the feeds', the manifests' and the hashed theme
                               files' globals (index/, publish/)
  article_generator_init       convert articles ahead in worker processes
  *_generator_context          collect each file's check results for this run
  content_object_init          store each article's and page's URLs, create the
                               attributes filled later (read/content_attributes.py)
  article_generator_finalized  topics, translations, neighbours (link/content.py);
                               let go of Pelican's saved reader cache
                               (read/reader_cache.py)
  page_generator_finalized     the same for pages (translations, reader cache)
  all_generators_finalized     check the photos and attachments, encode the new
                               photos, fill in the pictures (media/stage.py);
                               stop on any source problem (or, when strict, a
                               translation gap) before anything is written
                               (validate/stop.py); print what was read
                               (publish/progress.py); in the preview, keep
                               the run for the next edit's quick pass
                               (publish/quick_preview.py)
  get_writer                   a writer that renders in two processes, and with
                               the content cache on skips pages whose inputs did
                               not change (render/)
  newsroom_writing_started     (the plugin's own, at the first page, after the
                               fork) fork the copy that writes the search
                               index (index/indexing.py)
  content_written              record each written page for the sitemap
  finalized                    wait for the search index, then write the .br
                               and .gz siblings (publish/precompress.py)
"""

from __future__ import annotations

import atexit
import gc
import logging

from pelican import Pelican, signals
from pelican.generators import Generator

from .build_errors import hide_reported_failures
from .index.indexing import finish_search_index, start_search_index
from .index.search_page import install_search_page
from .link.content import link_articles, link_pages
from .list.listings import ListingsGenerator
from .media.stage import MediaOutput, media_problems
from .publish.assets import FingerprintedAssetsGenerator, install_theme_assets
from .publish.atomic import guard_every_run
from .publish.feeds import FeedsGenerator, install_feed_links
from .publish.manifest import WebManifestGenerator, install_manifest_links
from .publish.not_found import NotFoundGenerator
from .publish.precompress import precompress
from .publish.progress import report_read, report_written
from .publish.quick_preview import remember_generators
from .publish.sitemap import SitemapGenerator, record_written_page
from .read.content_attributes import prepare_attributes
from .read.reader import convert_articles_ahead, replace_markdown_reader
from .read.reader_cache import release_reader_cache
from .render.theme_globals import install_theme_globals
from .render.writer import (
    WRITING_STARTED,
    SecondRendererJoin,
    StalePagesRemoval,
    newsroom_writer,
)
from .validate.handoff import collect_checked_source
from .validate.stop import stop_on_problems
from .validate.translations import TranslationReportGenerator


def add_generators(pelican: Pelican) -> tuple[type[Generator], ...]:
    # One handler, so the order is certain (Pelican's own generators run
    # first). The second rendering process ends at SecondRendererJoin, so what
    # comes after is written (and printed) once. The sitemap lists what the
    # others wrote; the translation report's page has no language links, so the
    # sitemap leaves it out. Stale pages are removed once all are written.
    # The 404 pages, manifests and hashed theme files, after the join, are
    # written once, by the original process; so are the photos and attachments.
    return (
        ListingsGenerator,
        SecondRendererJoin,
        MediaOutput,
        NotFoundGenerator,
        WebManifestGenerator,
        FingerprintedAssetsGenerator,
        TranslationReportGenerator,
        FeedsGenerator,
        SitemapGenerator,
        StalePagesRemoval,
    )


def finish_build(pelican: Pelican) -> None:
    # One finalized handler, so the order is certain: the search index is
    # complete before the output is compressed (publish/precompress.py).
    report_written(pelican)
    finish_search_index(pelican)
    precompress(pelican)


def check_before_writing(generators: list[Generator]) -> None:
    # One all_generators_finalized handler, so the order is certain: the
    # media's problems join the sources' in one list before anything is
    # written, and the progress line follows only a build that goes on.
    stop_on_problems(generators, media_problems(generators))
    report_read(generators)


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
    signals.generator_init.connect(install_search_page)
    signals.generator_init.connect(install_feed_links)
    signals.generator_init.connect(install_theme_assets)
    signals.generator_init.connect(install_manifest_links)
    signals.article_generator_finalized.connect(link_articles)
    signals.page_generator_finalized.connect(link_pages)
    # Sent right after generate_context has saved the reader cache to its file.
    signals.article_generator_finalized.connect(release_reader_cache)
    signals.page_generator_finalized.connect(release_reader_cache)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(newsroom_writer)
    signals.content_written.connect(record_written_page)
    signals.article_generator_context.connect(collect_checked_source)
    signals.page_generator_context.connect(collect_checked_source)
    signals.all_generators_finalized.connect(check_before_writing)
    signals.all_generators_finalized.connect(remember_generators)
    WRITING_STARTED.connect(start_search_index)
    signals.finalized.connect(finish_build)
