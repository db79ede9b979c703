"""Site search: a Pagefind bundle per language, built while the pages are written.

Each language gets its own bundle (index/bundle_files.py), built by its own
Pagefind process (index/pagefind.py) from the articles' records
(index/records.py), so the languages are indexed side by side. Pagefind works
in its own processes, so a thread here feeds it while Python renders.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican

from ..settings import ARTICLES_BY_LANGUAGE, INDEXING_SETTING
from ..site.newsroom import newsroom_of
from .bundle_files import BundleStamp, BundleStamps, bundle_dir, write_search_bundle
from .records import SearchRecord, records_digest, search_records

logger = logging.getLogger(__name__)


class BackgroundIndexing(threading.Thread):
    """Builds the search bundles while Pelican renders the pages.

    Pagefind indexes in its own processes, so it works on the cores Python's
    rendering leaves; this thread only feeds them and waits.
    """

    def __init__(
        self,
        records: Callable[[], dict[str, list[SearchRecord]]],
        bundle_paths: dict[str, Path],
        stamps: BundleStamps,
    ) -> None:
        super().__init__(name="search-index", daemon=True)
        self.make_records = records
        self.records: dict[str, list[SearchRecord]] = {}
        self.bundle_paths = bundle_paths
        self.stamps = stamps
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.indexed: list[str] = []

    def run(self) -> None:
        started = time.perf_counter()
        try:
            self.build_changed_bundles()
        except BaseException as error:  # noqa: BLE001 - re-raised by finish()
            self.error = error
        self.seconds = time.perf_counter() - started

    def build_changed_bundles(self) -> None:
        self.records = self.make_records()
        # Without the content cache no stamp is read or kept: hashing every
        # record (a JSON dump of the whole index) would be wasted.
        uses_stamps = self.stamps.load or self.stamps.save
        digests = {
            code: records_digest(recs) if uses_stamps else ""
            for code, recs in self.records.items()
        }
        changed = {
            code: self.records[code]
            for code, digest in digests.items()
            if not self.stamps.is_current(code, digest, self.bundle_paths[code])
        }
        # Imported here: a build without a search index (make serve) does not
        # load Pagefind's client and asyncio, 2 MB of memory.
        from .pagefind import build_bundles

        for code, files in build_bundles(changed).items():
            written = write_search_bundle(files, self.bundle_paths[code])
            self.stamps.stamps[code] = BundleStamp(digests[code], written)
        self.indexed = list(changed)
        self.stamps.write()

    def finish(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error
        logger.info(
            "Indexed for search in %.1f s: %s (unchanged bundles kept: %s)",
            self.seconds,
            ", ".join(self.indexed) or "nothing",
            ", ".join(sorted(self.records.keys() - set(self.indexed))) or "none",
        )


def start_search_index(
    _writer: object, context: Mapping[str, Any], settings: dict[str, Any], output: Path
) -> None:
    # Writing has started (render/writer.py): every article is known and checked (a
    # build with bad sources has stopped before), and the process has forked
    # for rendering if it does, since a fork must not copy a running thread.
    # Pelican cleaned the output folder before reading, so the bundles can be
    # written while the pages are.
    newsroom = newsroom_of(settings)
    if not newsroom.settings.search_index:
        return
    languages = newsroom.languages
    bundle_paths = {code: output / bundle_dir(lang) for code, lang in languages.items()}
    indexing = BackgroundIndexing(
        lambda: search_records(
            context[ARTICLES_BY_LANGUAGE], languages, newsroom.settings.date_format
        ),
        bundle_paths,
        BundleStamps(settings, output),
    )
    settings[INDEXING_SETTING] = indexing
    indexing.start()


def finish_search_index(pelican: Pelican) -> None:
    # finalized: every page is written; the build ends only with the index.
    if (indexing := pelican.settings.pop(INDEXING_SETTING, None)) is not None:
        indexing.finish()
