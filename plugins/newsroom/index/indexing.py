"""Site search: each language's index, written by a forked copy of the build
while the original renders the pages.

The index is Python's work (index/postings.py), and the rendering keeps the
original busy: a copy made at the first page has every article in memory
already and works on the other core. It writes only the index's files, into
the output folder both share, reports how it went through a pipe, and is
gone before the original's ``finalized`` handler returns. It never logs or
prints: a lock another thread held at the fork would stay locked in it.

If the build fails, or the original dies, the copy is stopped before the
output folder is removed (``stop_search_index``, and the kernel's parent-death
signal), so it never writes into a later build's folder.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pelican import Pelican

from ..settings import ARTICLES_BY_LANGUAGE, INDEXING_SETTING
from ..site.newsroom import Newsroom, newsroom_of
from .bundle_files import BundleStamps, bundle_dir, records_digest, write_search_bundle
from .records import oldest_first, search_records

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1


class IndexingFailed(RuntimeError):
    """The indexing process failed; its traceback is the message."""

    doing = "the search indexing process"


@dataclass(frozen=True)
class SearchIndexJob:
    """What the copy indexes: every language's articles, into its folder."""

    articles_by_language: Mapping[str, list[Any]]
    newsroom: Newsroom
    stamps: BundleStamps
    output: Path

    def run(self) -> list[str]:
        """The languages indexed anew (the others had not changed)."""
        indexed = []
        settings = self.newsroom.settings
        chunk_size, date_format = settings.search_chunk_size, settings.date_format
        for code, language in self.newsroom.languages.items():
            articles = oldest_first(self.articles_by_language[code])
            bundle = self.output / bundle_dir(language)
            digest = ""
            if self.stamps.used:
                records = search_records(articles, language, date_format)
                digest = records_digest(records, chunk_size)
            if self.stamps.is_current(code, digest, bundle):
                continue
            records = search_records(articles, language, date_format)
            write_search_bundle(records, bundle, chunk_size)
            self.stamps.keep(code, digest, bundle)
            indexed.append(code)
        self.stamps.write()
        return indexed


def die_with_parent() -> None:
    """Linux ends this process when the one that forked it ends."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def run_copy(job: SearchIndexJob, pipe: int, original: int) -> NoReturn:
    """In the copy: the report is a JSON list of the languages indexed, or
    the error (an OSError as such: a full disk is the operator's to fix)."""
    code = 1
    try:
        die_with_parent()
        if os.getppid() != original:
            os._exit(1)  # the original died before the signal was asked for
        report: dict[str, Any] = {"indexed": job.run(), "cpu": time.process_time()}
        code = 0
    except OSError as error:
        report = {"os_error": [error.errno, error.strerror, error.filename]}
    except BaseException:  # noqa: BLE001 - reported to the original
        report = {"traceback": traceback.format_exc()}
    with os.fdopen(pipe, "wb") as sent:
        sent.write(json.dumps(report).encode())
    os._exit(code)


class IndexingProcess:
    """The original's handle on the copy."""

    def __init__(self, job: SearchIndexJob) -> None:
        report_read, report_write = os.pipe()
        original = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(report_read)
            run_copy(job, report_write, original)
        os.close(report_write)
        self._report = report_read

    def finish(self) -> tuple[list[str], float]:
        """The languages indexed anew, and the CPU seconds it took."""
        with os.fdopen(self._report, "rb") as pipe:
            text = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        report = json.loads(text) if code in (0, 1) and text else {}
        if "os_error" in report:
            raise OSError(*report["os_error"])
        if "indexed" not in report:
            raise IndexingFailed(
                report.get("traceback") or f"the process ended with status {code}"
            )
        return report["indexed"], report["cpu"]

    def stop(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._report)


def start_search_index(
    _writer: object, context: Mapping[str, Any], settings: dict[str, Any], output: Path
) -> None:
    # Writing has started (render/writer.py): every article is known and checked (a
    # build with bad sources has stopped before), and the process has forked
    # for rendering if it does. Pelican cleaned the output folder before
    # reading, so the index can be written while the pages are.
    newsroom = newsroom_of(settings)
    if not newsroom.settings.search_index:
        return
    job = SearchIndexJob(
        context[ARTICLES_BY_LANGUAGE], newsroom, BundleStamps(settings, output), output
    )
    settings[INDEXING_SETTING] = IndexingProcess(job)


def finish_search_index(pelican: Pelican) -> None:
    # finalized: every page is written; the build ends only with the index.
    if (indexing := pelican.settings.pop(INDEXING_SETTING, None)) is not None:
        indexed, cpu = indexing.finish()
        languages = ", ".join(indexed) or "nothing new"
        logger.info("Indexed for search in %.1f CPU seconds: %s", cpu, languages)


def stop_search_index(settings: dict[str, Any]) -> None:
    """After a failed run: the copy writes nothing more."""
    if (indexing := settings.pop(INDEXING_SETTING, None)) is not None:
        indexing.stop()
