"""How a problem is told: one line, ``path:line: Field: message``, the path shown
from the folder that holds the content folder (``content/zh/2024/x.md``).

Every problem of a run is printed at once, sorted, and then the build stops
(validate/stop.py) before a single page is written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class SourceErrors(Exception):
    """Raised after the problems were printed: the build stops, nothing is written."""


def printable(value: str) -> str:
    """A value on one line, each character that is not printable as ``\\uXXXX``."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in value)


def shown(value: str, limit: int = 60) -> str:
    """A value quoted on one line: a message must never span lines."""
    text = printable(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def display_path(path: Path | str, content_root: Path | str) -> str:
    """A source's path as editors see it: from the folder holding the content.

    Plain string work: pathlib would intern every path part, for every file.
    """
    root = os.fspath(content_root).rstrip(os.sep)
    relative = os.fspath(path).removeprefix(root + os.sep)
    if relative == os.fspath(path):
        raise ValueError(f"{path} is not in {content_root}")
    return f"{root.rpartition(os.sep)[2]}/{relative.replace(os.sep, '/')}"


def print_errors(errors: Iterable[SourceError]) -> int:
    ordered = sorted(set(errors), key=lambda e: (e.path, e.line, e.field, e.message))
    for error in ordered:
        print(error, file=sys.stderr)
    return len(ordered)
