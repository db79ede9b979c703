"""The checks that need every file: translation keys used twice, two sources
(or a source and a listing) writing one file, files Pelican never reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from .errors import SourceError, display_path
from .handoff import rules_of
from .source import CheckedSource, SourceRecord

MARKDOWN_EXTENSIONS = tuple(MarkdownReader.file_extensions)


def duplicate_keys(records: Iterable[SourceRecord]) -> Iterator[SourceError]:
    """Two files with one translation key in one language: one would be lost."""
    first_of: dict[tuple[str, bool, str], SourceRecord] = {}
    for record in sorted(records, key=lambda r: r.path):
        identity = (record.lang, record.is_page, record.slug)
        if (first := first_of.setdefault(identity, record)) is not record:
            yield SourceError(
                record.path,
                record.slug_line,
                "Slug",
                f"translation key {record.slug} is already used in {record.lang} "
                f"by {first.path}",
            )


def output_clashes(
    claims: Iterable[tuple[str, str]], lines: Mapping[str, int]
) -> Iterator[SourceError]:
    """Two sources, or a source and a listing, that would write one file.

    ``claims`` are (output path, who writes it): a source path, or a listing's
    description; only sources are reported, at their Slug line.
    """
    owner: dict[str, str] = {}
    for save_as, who in sorted(claims, key=lambda claim: claim[1] not in lines):
        first = owner.setdefault(save_as, who)
        if first == who:
            continue
        culprit, other = (who, first) if who in lines else (first, who)
        if culprit in lines:
            yield SourceError(
                culprit,
                lines[culprit],
                "Slug",
                f"would be written to {save_as}, which {other} also writes",
            )


def stray_sources(
    content_root: Path, languages: Iterable[str], extensions: Iterable[str]
) -> Iterator[SourceError]:
    """Markdown files outside the language folders, which Pelican never reads."""
    known = tuple(languages)
    suffixes = {f".{extension}" for extension in extensions}
    for entry in sorted(content_root.iterdir()):
        if entry.name in known or entry.name.startswith("."):
            continue
        candidates = entry.rglob("*") if entry.is_dir() else [entry]
        for path in sorted(candidates):
            if path.suffix in suffixes and path.is_file():
                shown_path = display_path(path, content_root)
                folder = entry.name if entry.is_dir() else ""
                message = (
                    f"folder {folder}/ is not a language of the site"
                    if folder
                    else "a source must be in a language folder"
                )
                yield SourceError(
                    shown_path, 1, "Lang", f"{message} ({', '.join(known)})"
                )


def site_problems(
    checked: list[CheckedSource],
    generated_content: Mapping[str, Any],
    listing_outputs: Iterable[tuple[str, str]],
    settings: Mapping[str, Any],
) -> list[SourceError]:
    """All problems of a run: each file's own, and those across files."""
    root = Path(settings["PATH"])
    errors = [error for source in checked for error in source.errors]
    records = [source.record for source in checked if source.record]
    duplicates = list(duplicate_keys(records))
    errors += duplicates
    checked_paths = {source.path for source in checked}
    duplicated = {error.path for error in duplicates}
    claims = list(listing_outputs)
    for relative, item in generated_content.items():
        path = display_path(root / relative, root)
        if path not in checked_paths:
            message = "not a Markdown (.md) source: only Markdown is published"
            errors.append(SourceError(path, 1, "File", message))
        elif item is None:
            message = "Pelican could not read this file (its message is above)"
            errors.append(SourceError(path, 1, "File", message))
        elif item.save_as and path not in duplicated:
            claims.append((item.save_as, path))
    slug_lines = {record.path: record.slug_line for record in records}
    errors += output_clashes(claims, slug_lines)
    errors += stray_sources(root, rules_of(settings).languages, MARKDOWN_EXTENSIONS)
    return errors
