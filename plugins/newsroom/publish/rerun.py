"""`make serve`: an edit saved while a rebuild runs is not lost.

Pelican's --autoreload starts a new file watcher after each build, so an
edit saved during a build goes unseen, and the preview would show the old
text until the next save. A rebuild in place therefore compares the files of
the content folder and the theme (their sizes and times) before and after it
ran, and runs again at once while they differ.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

# A folder edited without pause (a script) must not keep the preview busy.
MOST_RUNS = 5

Stamps = dict[str, tuple[int, int]]


def run_until_settled(
    rebuild: Callable[[Stamps], None], watched: Iterable[str]
) -> None:
    """``rebuild`` is given the files' stamps as they were when it started."""
    folders = list(watched)
    before = stamps(folders)
    for _ in range(MOST_RUNS):
        rebuild(before)
        after = stamps(folders)
        if after == before:
            return
        before = after


def stamps(folders: list[str]) -> Stamps:
    """Every file's size and time. Plain os.scandir and strings: this runs
    twice around every rebuild of the preview (at 2,000 pairs, 3,800 files)."""
    found: Stamps = {}
    for folder in folders:
        add_stamps(folder, found)
    return found


def add_stamps(folder: str, found: Stamps) -> None:
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return  # removed meanwhile: the next walk sees it gone
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                add_stamps(entry.path, found)
            else:
                stat = entry.stat()
                found[entry.path] = (stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            continue
