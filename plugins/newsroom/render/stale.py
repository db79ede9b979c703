"""Removing stale pages: those an earlier cached build wrote and this one did
not (a withdrawn or renamed article must not stay online)."""

from __future__ import annotations

from pathlib import Path

from ..media.published import remove_empty_folders
from .page_keys import PageKeys


def remove_stale_pages(keys: PageKeys, this_build: set[str], output: Path) -> None:
    """Only files still as an earlier build wrote them are removed."""
    for name in keys.recorded.keys() - this_build:
        if keys.is_as_written(name):
            (output / name).unlink()
            remove_empty_folders((output / name).parent, output)
        keys.forget(name)
