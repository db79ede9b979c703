"""Writing the pages: only those whose inputs changed, on both cores.

Pelican renders one page after another on one core: half of a clean build.
This writer (Pelican's own, through the ``get_writer`` signal) adds three things:

* **Two processes.** In a clean build, at the first page, the process forks;
  the copy renders every second page and the original the others, until every
  article, page and listing is written (``SecondRendererJoin``), where the
  copy exits and the original checks that it succeeded. Both make the same
  calls in the same order, so each knows its share without talking. A thread
  may hold a lock when the process forks, which would then stay locked in the
  copy: so the copy never logs, warns or prints (the only other thread then
  running is Pelican's progress display, which draws on the terminal), and the
  search index thread starts only after the fork (``WRITING_STARTED``).
* **Skipping unchanged pages** with the content cache on (incremental.py).
* **Removing stale pages**: those an earlier cached build wrote and this one
  did not (a withdrawn or renamed article must not stay online).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import traceback
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn, TextIO

import blinker
from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from .incremental import PageKeyer, PageKeys
from .site import build_workers

logger = logging.getLogger(__name__)
# Sent by the original process at the first page, after any fork (listing pages
# are always written, so it is always sent): a thread started earlier would be
# copied into the rendering copy half-alive.
WRITING_STARTED = blinker.signal("newsroom_writing_started")
# What makes Pelican's writer paginate a call (pelican.writers.Writer.write_file).
PAGINATED_ARGUMENTS = {"articles", "dates"}


class RenderingFailed(RuntimeError):
    """The second rendering process failed; its traceback is the message."""


class SecondRenderer:
    """A forked copy of the build that renders every second page."""

    def __init__(self) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        self.is_copy = self.pid == 0
        if self.is_copy:
            logging.disable(logging.CRITICAL)
            warnings.simplefilter("ignore")
            os.close(read_end)
            self._pipe = write_end
        else:
            os.close(write_end)
            self._pipe = read_end
        self._pages = 0

    def copy_takes_next_page(self) -> bool:
        self._pages += 1
        return self._pages % 2 == 0

    def exit_copy(self, failure: str = "") -> NoReturn:
        """In the copy: tell the original how it went, and end at once (what
        the original had buffered for the terminal is not written twice)."""
        try:
            os.write(self._pipe, failure.encode("utf-8", "replace"))
        finally:
            os._exit(1 if failure else 0)

    def stop(self) -> None:
        """In the original, when its own part failed: end the copy now."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._pipe)

    def wait(self) -> None:
        """In the original: the copy's pages are written, or this raises."""
        with os.fdopen(self._pipe, "rb") as pipe:
            failure = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0 or failure:
            raise RenderingFailed(
                failure or f"the second rendering process ended with status {code}"
            )


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
        self._pages_left_to_second = 0
        self._keys_left_to_record: dict[str, str] = {}

    def _may_split(self) -> bool:
        incremental = self._keys is not None and bool(self._keys.recorded)
        return (
            build_workers(self.settings) >= 2
            and not incremental
            and hasattr(os, "fork")
        )

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
        key = None
        # Pelican's paginated listings (switched off in this site) write several
        # files in one call: they get no key, and are always rendered.
        paginated_by_pelican = paginated or PAGINATED_ARGUMENTS & kwargs.keys()
        if self._keys is not None and not paginated_by_pelican:
            key = self._keyer.key(name, template, context, relative_urls, kwargs)
            if self._is_unchanged(name, key):
                self._announce(name, context, kwargs)
                return
        if not self._begun:
            self._begin(context)
        second = self._second
        if second is not None and second.copy_takes_next_page() != second.is_copy:
            # The other process renders it; the sitemap still hears of it here.
            if not second.is_copy:
                self._pages_left_to_second += 1
                if key is not None:
                    self._keys_left_to_record[name] = key
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
            return  # the original records the keys of both processes' pages
        if key is not None and self._keys is not None:
            self._keys.record(name, key)

    def _is_unchanged(self, name: str, key: str | None) -> bool:
        """Also counts ``name`` as written by this build (see remove_stale_pages)."""
        self._this_build.add(name)
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
        """At the first page: fork if the build renders in two processes, then
        let the original start what needs a thread (the search index)."""
        self._begun = True
        # By now the reading processes are done; Pelican's progress display
        # may be the one other thread.
        if self._may_split() and all(map(is_safe_at_fork, threading.enumerate())):
            self._second = SecondRenderer()
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
        this process did not render itself."""
        signals.content_written.send(
            # A string: pathlib would intern every part of every page's path.
            os.path.join(self.output_path, name),  # noqa: PTH118
            context={**context, "output_file": name, **kwargs},
        )

    def join_second_renderer(self) -> None:
        """The copy ends here; the original checks it and records its pages."""
        second, self._second = self._second, None
        if second is None:
            return
        if second.is_copy:
            second.exit_copy()
        second.wait()
        logger.info("Rendered %d pages in a second process", self._pages_left_to_second)
        if self._keys is not None:
            for name, key in self._keys_left_to_record.items():
                self._keys.record(name, key)

    def remove_stale_pages(self) -> None:
        """Only files still as an earlier build wrote them are removed."""
        if self._keys is None:
            return
        output = Path(self.output_path)
        for name in self._keys.recorded.keys() - self._this_build:
            if self._keys.is_as_written(name):
                (output / name).unlink()
                remove_empty_folders((output / name).parent, output)
            self._keys.forget(name)


def is_safe_at_fork(thread: threading.Thread) -> bool:
    """This thread, or Pelican's progress display (rich), whose locks only
    guard the terminal, which the copy never uses."""
    return (
        thread is threading.current_thread() or type(thread).__module__ == "rich.live"
    )


def remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


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
