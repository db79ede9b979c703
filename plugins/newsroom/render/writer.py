"""Writing the pages: only those whose inputs changed, on both cores.

Pelican renders one page after another on one core: half of a clean build.
This writer (Pelican's own, through the ``get_writer`` signal) adds three things:

* **Two processes** (render/split.py). In a rebuild, taking a page is mostly
  computing its key and finding it unchanged: that too is then done on both
  cores.
* **Skipping unchanged pages** with the content cache on (render/page_keys.py).
* **Removing stale pages**: those an earlier cached build wrote and this one
  did not (a withdrawn or renamed article must not stay online).

It also writes the documents that have no template (feeds, for publish/), and
tells the sitemap (publish/) about every page, also those it skipped.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

import blinker
from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from ..settings import WORKERS, get_setting
from ..site.newsroom import build_workers
from .page_keys import PageKeyer, PageKeys
from .split import SecondRenderer, is_safe_at_fork
from .stale import remove_stale_pages

logger = logging.getLogger(__name__)
# Sent by the original process at the first page, after any fork: a thread
# started earlier would be copied into the rendering copy half-alive.
WRITING_STARTED = blinker.signal("newsroom_writing_started")
# What makes Pelican's writer paginate a call (pelican.writers.Writer.write_file).
PAGINATED_ARGUMENTS = {"articles", "dates"}


class NewsroomWriter(Writer):
    """Pelican's writer, skipping unchanged pages and rendering on two cores."""

    def __init__(self, output_path: str, settings: Mapping[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        load, save = settings["LOAD_CONTENT_CACHE"], settings["CACHE_CONTENT"]
        self._keys = (
            PageKeys(Path(settings["CACHE_PATH"]), Path(output_path), load, save)
            if load or save
            else None
        )
        self._keyer = PageKeyer(settings)
        self._this_build: set[str] = set()
        self._begun = False
        self._second: SecondRenderer | None = None

    def _may_split(self) -> bool:
        workers = build_workers(get_setting(WORKERS, self.settings))
        return workers >= 2 and hasattr(os, "fork")

    def write_file(
        self,
        name: str,
        template: Any,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not self._begun:
            self._begin(context)
        # Pelican's paginated listings (switched off in this site) write several
        # files in one call: they get no key, and are always rendered.
        paginated_by_pelican = paginated or PAGINATED_ARGUMENTS & kwargs.keys()
        keyed = self._keys is not None and not paginated_by_pelican
        if keyed:
            self._this_build.add(name)
        second = self._second
        if second is not None and second.copy_takes_next_page() != second.is_copy:
            # The other process takes it; the sitemap still hears of it here.
            self._announce(name, context, kwargs)
            return
        key = None
        if keyed:
            key = self._keyer.key(name, template, context, relative_urls, kwargs)
            if self._is_unchanged(name, key):
                self._announce(name, context, kwargs)
                return
        try:
            super().write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )
        except Exception:
            if second is not None and second.is_copy:
                second.exit_copy(traceback.format_exc())
            if second is not None:
                second.stop()  # the build fails: no copy is left behind
            raise
        if second is not None and second.is_copy:
            second.rendered.append((name, key))
        elif key is not None and self._keys is not None:
            self._keys.record(name, key)

    def _is_unchanged(self, name: str, key: str | None) -> bool:
        return (
            key is not None
            and self._keys is not None
            and self._keys.unchanged(name, key)
        )

    def write_document(
        self,
        name: str,
        inputs: list[Any],
        context: Mapping[str, Any],
        write: Callable[[TextIO], None],
    ) -> None:
        """A file written by ``write`` rather than a template (a feed); skipped,
        like a page, when its ``inputs`` and the site key are unchanged. Only
        after the second renderer's join: it is written by one process."""
        key = None
        if self._keys is not None:
            self._this_build.add(name)
            key = self._keyer.key_of(name, inputs, context)
            if self._is_unchanged(name, key):
                return
        path = Path(self.output_path, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as file:
            write(file)
        if key is not None and self._keys is not None:
            self._keys.record(name, key)

    def _begin(self, context: Mapping[str, Any]) -> None:
        """At the first page: fork if the build renders in two processes, and
        share out the digests that the keys in either process need (one process
        alone digests each article when a key first needs it), then let the
        original start what needs a thread (the search index)."""
        self._begun = True
        contents = self._keyer.prepare(context) if self._keys is not None else []
        # By now the reading processes are done; Pelican's progress display
        # may be the one other thread.
        if self._may_split() and all(map(is_safe_at_fork, threading.enumerate())):
            self._second = SecondRenderer(len(contents))
            digests = self._second.share_digests(contents, self._keyer.own_digest)
            self._keyer.remember(contents, digests)
        if self._second is None or not self._second.is_copy:
            WRITING_STARTED.send(
                self,
                context=context,
                settings=self.settings,
                output=Path(self.output_path),
            )

    def _announce(
        self, name: str, context: Mapping[str, Any], kwargs: Mapping[str, Any]
    ) -> None:
        """Tell whoever listens for written pages (the sitemap) about a page
        this process did not render itself (the copy's listeners never write)."""
        if self._second is not None and self._second.is_copy:
            return
        signals.content_written.send(
            # A string: pathlib would intern every part of every page's path.
            os.path.join(self.output_path, name),  # noqa: PTH118
            # Not a copy of the whole context for each of 5,000 pages.
            context=ChainMap({"output_file": name, **kwargs}, context),
        )

    def join_second_renderer(self) -> None:
        """The copy ends here; the original checks it and records its pages."""
        second, self._second = self._second, None
        if second is None:
            return
        if second.is_copy:
            second.exit_copy()
        rendered = second.wait()
        logger.info("Rendered %d pages in a second process", len(rendered))
        if self._keys is not None:
            for name, key in rendered:
                if key is not None:
                    self._keys.record(name, key)

    def remove_stale_pages(self) -> None:
        if self._keys is not None:
            remove_stale_pages(self._keys, self._this_build, Path(self.output_path))


def newsroom_writer(_pelican: object) -> type[Writer]:
    return NewsroomWriter


class SecondRendererJoin(Generator):
    """Placed after the articles, pages and listings (the bulk of the pages),
    before anything that only the original process may write or print."""

    def generate_output(self, writer: Writer) -> None:
        if isinstance(writer, NewsroomWriter):
            writer.join_second_renderer()


class StalePagesRemoval(Generator):
    """Placed last: every page of this build is written by now."""

    def generate_output(self, writer: Writer) -> None:
        if isinstance(writer, NewsroomWriter):
            writer.remove_stale_pages()
