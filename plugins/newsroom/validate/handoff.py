"""Between the checks and Pelican: the file read once, its check carried along
with its metadata, and collected into this run's context."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from ..settings import CHECK_METADATA_KEY, CHECKED_SOURCES
from ..site.newsroom import newsroom_of
from .errors import display_path
from .fields import SiteRules
from .source import CheckedSource, check_source


def rules_of(settings: Mapping[str, Any]) -> SiteRules:
    newsroom = newsroom_of(settings)
    return SiteRules(
        languages=tuple(newsroom.languages),
        topics=tuple(newsroom.topics),
        max_bytes=newsroom.settings.source_max_bytes,
    )


def is_page_path(relative: Path, page_paths: Iterable[str]) -> bool:
    return any(relative.is_relative_to(page_path) for page_path in page_paths)


def check_file(source_path: str, settings: Mapping[str, Any]) -> CheckedSource:
    """Read one source's bytes (the only read of the file) and check them."""
    root = Path(settings["PATH"])
    relative = Path(source_path).relative_to(root)
    return check_source(
        display_path(source_path, root),
        relative.parts[0],
        is_page_path(relative, settings["PAGE_PATHS"]),
        Path(source_path).read_bytes(),
        rules_of(settings),
    )


def checked_metadata(
    checked: CheckedSource, metadata: dict[str, Any]
) -> dict[str, Any]:
    """Metadata for Pelican: the check travels along to the context signal.

    A file with problems gets ``status: skip`` so Pelican passes over it
    quietly; its problems are reported with all the others.
    """
    # The text is converted by now: only the check travels on (kept for the
    # whole run, and pickled back from the reader processes).
    check = replace(checked, text=None)
    if checked.errors:
        return {"status": "skip", CHECK_METADATA_KEY: check}
    return {**metadata, CHECK_METADATA_KEY: check}


def collect_checked_source(generator: Generator, metadata: dict[str, Any]) -> None:
    # The context signal is where a file just read meets this run's context
    # (the reader only sees the settings, which outlive a run under --autoreload);
    # it fires for skipped files too, so their problems are kept.
    checked = metadata.pop(CHECK_METADATA_KEY, None)
    if checked is not None:
        generator.context.setdefault(CHECKED_SOURCES, []).append(checked)
