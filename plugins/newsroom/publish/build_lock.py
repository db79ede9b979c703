"""One build at a time per output folder.

Two builds of one site at once (two `make html`, or `make html` while
`make serve` rebuilds) would each swap in their own folder, or write into the
same one. Each run therefore holds a lock on ``.<output>.lock`` next to the
output folder, with its pid written in, from before it touches anything until
its site is in place. A second build waits for the first, saying so once, up
to ``NEWSROOM_LOCK_TIMEOUT`` seconds (0 refuses at once), then stops with
"another build is running, pid N".

The lock is a POSIX record lock (``lockf``), which the kernel drops when its
process dies however it dies: a killed build leaves no stale lock to clear,
only its pid in the file, which the next build overwrites. Unlike ``flock``,
a record lock is not inherited across ``fork``, so the build's reading and
rendering processes never hold it after the build itself has ended.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path
from typing import BinaryIO

from ..build_errors import BuildError, shown_path

POLL_SECONDS = 0.2


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


class BuildLock:
    def __init__(self, output: Path, timeout: float) -> None:
        self.path = lock_path(output)
        self.timeout = timeout
        self._file: BinaryIO | None = None

    def __enter__(self) -> BuildLock:
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True)
        lock_file = self.path.open("a+b")
        try:
            self._wait_for(lock_file)
        except BaseException:
            lock_file.close()
            raise
        lock_file.truncate(0)
        lock_file.write(f"{os.getpid()}\n".encode())
        lock_file.flush()
        self._file = lock_file
        return self

    def __exit__(self, *_exception: object) -> None:
        if self._file is not None:
            # Closing releases the lock; the file stays, for the next build
            # to lock (deleting it would let two builds lock two files).
            self._file.close()
            self._file = None

    def _wait_for(self, lock_file: BinaryIO) -> None:
        deadline = time.monotonic() + self.timeout
        said = False
        while not try_lock(lock_file):
            holder = f"another build is running, pid {self._holder()}"
            if time.monotonic() >= deadline:
                waited = f" (waited {self.timeout:g} s)" if self.timeout else ""
                raise BuildError(f"{shown_path(self.path)}: {holder}{waited}")
            if not said:
                print(
                    f"{shown_path(self.path)}: {holder}; waiting up to"
                    f" {self.timeout:g} s for it to end",
                    file=sys.stderr,
                )
                said = True
            time.sleep(POLL_SECONDS)

    def _holder(self) -> str:
        """The pid the other build wrote; read by name, never through the
        locked file's own descriptor."""
        return self.path.read_text(encoding="ascii", errors="replace").strip() or "?"


def try_lock(lock_file: BinaryIO) -> bool:
    try:
        fcntl.lockf(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EACCES or EAGAIN: another process holds it
        return False
    return True
