"""Rendering in two processes: at the first page the build forks, and the two
take turns of a few pages (``PAGES_PER_TURN``) until every article, page and
listing is written (``SecondRendererJoin`` in render/writer.py), where the copy
reports the pages it rendered and exits, and the original checks that it
succeeded. Both make the same calls in the same order, so each knows its share
without talking.

A thread may hold a lock when the process forks, which would then stay locked
in the copy: so the copy never logs, warns or prints (the only other thread
then running is Pelican's progress display, which draws on the terminal), and
the search index thread starts only after the fork (``WRITING_STARTED``).
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
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

from .page_keys import DIGEST_SIZE

# What each process writes to the other when its share of the digests is in.
READY = b"\x06"
T = TypeVar("T")
# Pages each process takes in turn.
PAGES_PER_TURN = 32


class RenderingFailed(RuntimeError):
    """The second rendering process failed; its traceback is the message."""

    doing = "the second rendering process"


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


def is_safe_at_fork(thread: threading.Thread) -> bool:
    """This thread, or Pelican's progress display (rich), whose locks only
    guard the terminal, which the copy never uses."""
    return (
        thread is threading.current_thread() or type(thread).__module__ == "rich.live"
    )
