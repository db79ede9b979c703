"""The attachments a build copied into an output folder written in place.

The preview (`make serve`) and the plain cached rebuild write into output/
itself (publish/atomic.py), and Pelican never removes a file it did not write:
an attachment taken off its article, renamed, or of an article turned draft
would stay online. So the build records the attachments it published, in
Pelican's cache folder like the page keys (render/page_keys.py), and the next
build into the same folder removes those it no longer publishes. The photos'
derivatives need no record: the photos folder holds nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .checks import is_inside

RECORD_FILE = "newsroom-attachments.json"


def recorded_attachments(cache: Path, output: Path) -> set[str]:
    """What the last build recorded, if it built this same folder (the atomic
    build's fresh folder is another each time, and starts empty)."""
    try:
        record = json.loads((cache / RECORD_FILE).read_text(encoding="utf-8"))
        return set(record["attachments"]) if record["output"] == str(output) else set()
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return set()


def record_attachments(cache: Path, output: Path, names: Iterable[str]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    record = {"output": str(output), "attachments": sorted(names)}
    temporary = cache / f"{RECORD_FILE}.tmp"
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    temporary.replace(cache / RECORD_FILE)


def remove_unpublished(output: Path, recorded: set[str], published: set[str]) -> None:
    for name in recorded - published:
        path = output / name
        if is_inside(path, output):
            path.unlink(missing_ok=True)
            remove_empty_folders(path.parent, output)


def remove_empty_folders(folder: Path, root: Path) -> None:
    """Up to ``root``: a clean build has no folder left empty."""
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
