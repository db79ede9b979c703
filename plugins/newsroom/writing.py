"""Writing the pages: only those whose inputs changed, on both cores.

Pelican renders one page after another on one core: half of a clean build.
This writer (Pelican's own, through the ``get_writer`` signal) adds three things:

* **Two processes.** At the first page the process forks; the two take turns
  of a few pages (``PAGES_PER_TURN``) until every article, page and listing
  is written (``SecondRendererJoin``), where the copy reports the pages it
  rendered and exits, and the original checks that it succeeded. Both make
  the same calls in the same order, so each knows its share without talking.
  In a rebuild, taking a page is mostly computing its key and finding it
  unchanged: that too is then done on both cores. A thread may hold a lock
  when the process forks, which would then stay locked in the copy: so the
  copy never logs, warns or prints (the only other thread then running is
  Pelican's progress display, which draws on the terminal), and the search
  index thread starts only after the fork (``WRITING_STARTED``).
* **Skipping unchanged pages** with the content cache on (incremental.py).
* **Removing stale pages**: those an earlier cached build wrote and this one
  did not (a withdrawn or renamed article must not stay online).
"""

from __future__ import annotations

import json
import logging
import mmap
import os
import signal
import threading
import traceback
import warnings
from collections import ChainMap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import blinker
from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from .incremental import DIGEST_SIZE, PageKeyer, PageKeys
from .site import build_workers

logger = logging.getLogger(__name__)
# Sent by the original process at the first page, after any fork: a thread
# started earlier would be copied into the rendering copy half-alive.
WRITING_STARTED = blinker.signal("newsroom_writing_started")
# What each process writes to the other when its share of the digests is in.
READY = b"\x06"
T = TypeVar("T")
# Pages each process takes in turn.
PAGES_PER_TURN = 32
# What makes Pelican's writer paginate a call (pelican.writers.Writer.write_file).
PAGINATED_ARGUMENTS = {"articles", "dates"}


class RenderingFailed(RuntimeError):
    """The second rendering process failed; its traceback is the message."""


def failure(report: str, code: int) -> RenderingFailed:
    """The copy's traceback, or its exit status when it could not send one."""
    return RenderingFailed(
        report or f"the second rendering process ended with status {code}"
    )


class SecondRenderer:
    """A forked copy of the build that takes every second turn of pages."""

    def __init__(self, shared_digests: int) -> None:
        # In the copy: the pages it rendered, with their keys, for the original
        # to record (only the original appends to the keys file).
        self.rendered: list[tuple[str, str | None]] = []
        self._original = os.getpid()
        # Memory both processes see after the fork (see share_digests).
        self._shared = mmap.mmap(-1, max(shared_digests, 1) * DIGEST_SIZE)
        report_read, report_write = os.pipe()  # copy to original
        ready_read, ready_write = os.pipe()  # original to copy
        self.pid = os.fork()
        self.is_copy = self.pid == 0
        if self.is_copy:
            logging.disable(logging.CRITICAL)
            warnings.simplefilter("ignore")
            os.close(report_read)
            os.close(ready_write)
            self._pipe, self._ready = report_write, ready_read
        else:
            os.close(report_write)
            os.close(ready_read)
            self._pipe, self._ready = report_read, ready_write
        self._pages = 0

    def share_digests(
        self, items: Sequence[T], digest: Callable[[T], bytes]
    ) -> list[bytes]:
        """Each process digests every second item into the shared memory; both
        return all the digests once both are done."""
        slots = [
            slice(i * DIGEST_SIZE, (i + 1) * DIGEST_SIZE) for i in range(len(items))
        ]
        try:
            for index in range(int(self.is_copy), len(items), 2):
                self._shared[slots[index]] = digest(items[index])
        except Exception:
            if self.is_copy:
                self.exit_copy(traceback.format_exc())
            self.stop()
            raise
        self._meet()
        return [self._shared[slot] for slot in slots]

    def _meet(self) -> None:
        """Tell the other process that this one's share is in; wait for its."""
        if self.is_copy:
            os.write(self._pipe, READY)
            if os.read(self._ready, 1) != READY:
                os._exit(1)  # the original failed or was killed
        else:
            os.write(self._ready, READY)
            if (answer := os.read(self._pipe, 1)) != READY:
                self._raise_failure(answer)

    def copy_takes_next_page(self) -> bool:
        """Asked by both processes at every page. Turns of a few pages: an
        article's neighbours are then mostly pages of the same process, which
        digests each article for the keys once."""
        if self.is_copy and os.getppid() != self._original:
            os._exit(1)  # the original was killed: write nothing more
        turn = self._pages // PAGES_PER_TURN
        self._pages += 1
        return turn % 2 == 1

    def exit_copy(self, failure: str | None = None) -> NoReturn:
        """In the copy: send the original its failure or the pages it rendered,
        and end at once (what the original had buffered for the terminal is
        not written twice)."""
        report = json.dumps(self.rendered) if failure is None else failure
        try:
            with os.fdopen(self._pipe, "wb") as pipe:
                pipe.write(report.encode("utf-8", "replace"))
        finally:
            os._exit(0 if failure is None else 1)

    def stop(self) -> None:
        """In the original, when its own part failed: end the copy now."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._pipe)
        os.close(self._ready)

    def wait(self) -> list[tuple[str, str | None]]:
        """In the original: the pages the copy rendered, or this raises."""
        report, code = self._rest_of_report(), self._exit_code()
        if code != 0:
            raise failure(report, code)
        return [(name, key) for name, key in json.loads(report)]

    def _raise_failure(self, start: bytes) -> NoReturn:
        """In the original: the copy ended before its share of the digests."""
        report = start.decode("utf-8", "replace") + self._rest_of_report()
        raise failure(report, self._exit_code())

    def _rest_of_report(self) -> str:
        os.close(self._ready)
        with os.fdopen(self._pipe, "rb") as pipe:
            return pipe.read().decode("utf-8", "replace")

    def _exit_code(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


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
        return build_workers(self.settings) >= 2 and hasattr(os, "fork")

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
