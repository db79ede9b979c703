"""Every source file checked as it is read; all problems reported in one run.

Pelican logs and skips a file it cannot read (no Title, a bad date, invalid
UTF-8) and publishes the rest, so an article could vanish from the site with
only a log line to show for it. Here the Markdown reader is replaced by one
that reads each file's bytes once, checks them before Markdown sees them (the
encoding, every metadata field with its line, the body) and marks a broken
file to be skipped. Once every file is read, the checks that need all files
(translation keys, output paths, files Pelican never reads) run, and any
problem stops the build before a single page is written. Each problem is one
line, ``path:line: Field: message``, the path shown from the folder that holds
the content folder (``content/zh/2024/x.md``).

The checks themselves are pure functions of a file's bytes and the site's
rules, so they can be tested without Pelican.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.readers import MarkdownReader

from .site import newsroom_of

ALLOW_UNSAFE_HTML_SETTING = "NEWSROOM_ALLOW_UNSAFE_HTML"
# Context key: the CheckedSource of every file read in this run.
CHECKED_SOURCES = "newsroom_checked_sources"
# Metadata key that carries a file's CheckedSource from the reader to the
# generator's context signal, which removes it again.
CHECK_METADATA_KEY = "newsroom_check"
# What `make new-article` writes where the editor has to fill in text; a file
# that is not a draft any more must not still contain it.
PLACEHOLDER = "[TODO]"
MARKDOWN_EXTENSIONS = tuple(MarkdownReader.file_extensions)

SLUG_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?")
DATE_FORMATS = {10: "%Y-%m-%d", 16: "%Y-%m-%d %H:%M", 19: "%Y-%m-%d %H:%M:%S"}
STATUSES = ("published", "draft", "hidden")

# The Markdown meta extension's own header grammar (markdown/extensions/meta.py),
# so the lines checked here are the lines Pelican reads.
HEADER_FIELD = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
HEADER_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
HEADER_BEGIN = re.compile(r"^-{3}(\s.*)?")
HEADER_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")

FIELD_NAMES = {
    "title": "Title",
    "date": "Date",
    "modified": "Modified",
    "source": "Source",
    "category": "Category",
    "slug": "Slug",
    "lang": "Lang",
    "status": "Status",
    "summary": "Summary",
}
ARTICLE_FIELDS = ("title", "date", "source", "category", "slug")
PAGE_FIELDS = ("title", "slug")
# Attachments: one file per line.
MULTI_LINE_FIELDS = frozenset({"summary", "attachments"})

# Raw tags and attributes that run code in the reader's browser. Attribute
# values are scanned after entity decoding, as a browser would decode them;
# ``[^<>]`` keeps the attribute scan linear on text full of ``<``.
UNSAFE_TAG = re.compile(
    r"<\s*(?P<tag>script|iframe)\b|<[a-z][^<>]*?\s(?P<handler>on[a-z]+)\s*=",
    re.IGNORECASE,
)
JAVASCRIPT_URL = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class SourceError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class SiteRules:
    """What a source may say: the site's languages and topics, and one switch."""

    languages: tuple[str, ...]
    topics: tuple[str, ...]
    allow_unsafe_html: bool = False


@dataclass(frozen=True)
class SourceRecord:
    """Who a source claims to be, for the checks across files."""

    path: str
    lang: str
    slug: str
    is_page: bool
    is_draft: bool
    slug_line: int


@dataclass(frozen=True)
class CheckedSource:
    path: str
    text: str | None
    record: SourceRecord | None
    # A tuple: a file without problems (nearly all) then shares the one empty
    # tuple for the whole run.
    errors: tuple[SourceError, ...]


@dataclass
class Header:
    """The metadata block: each field's value (continuations joined) and line."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    body_start: int = 0  # index of the first body line


class SourceErrors(Exception):
    """Raised after the problems were printed: the build stops, nothing is written."""


def shown(value: str, limit: int = 60) -> str:
    """A value quoted on one line: a message must never span lines."""
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def field_name(key: str) -> str:
    return FIELD_NAMES.get(key, key.capitalize())


def parse_header(lines: list[str]) -> Header:
    header = Header()
    index = 1 if lines and HEADER_BEGIN.match(lines[0]) else 0
    key: str | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip() or HEADER_END.match(line):
            index += 1
            break
        if match := HEADER_FIELD.match(line):
            key = match["key"].lower()
            if key in header.lines:
                first = header.lines[key]
                header.problems.append(
                    (index + 1, key, f"given twice (first on line {first})")
                )
            else:
                header.lines[key] = index + 1
                header.values[key] = match["value"].strip()
        elif (more := HEADER_CONTINUATION.match(line)) and key is not None:
            if key not in MULTI_LINE_FIELDS:
                header.problems.append((index + 1, key, "must fit on one line"))
            header.values[key] = f"{header.values[key]} {more['value'].strip()}"
        else:
            break
        index += 1
    header.body_start = index
    return header


def parse_date(value: str) -> datetime | None:
    if not DATE_FORM.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, DATE_FORMATS[len(value)])
    except ValueError:
        return None


def check_source(
    path: str, folder: str, is_page: bool, raw: bytes, rules: SiteRules
) -> CheckedSource:
    """Every problem of one file, found in one pass over its bytes."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        )
        return CheckedSource(
            path, None, None, (SourceError(path, line, "Encoding", message),)
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = parse_header(lines)
    errors = [
        SourceError(path, line, field_name(key), message)
        for line, key, message in header.problems
    ]
    errors += _field_errors(path, header, is_page, rules)
    lang = header.values.get("lang") or folder
    errors += _language_errors(path, folder, header, rules)
    errors += _body_errors(path, lines, header, rules)
    is_draft = header.values.get("status", "").lower() == "draft"
    if not is_draft and PLACEHOLDER in text:
        errors.append(_placeholder_error(path, lines, header))
    slug = header.values.get("slug", "")
    record = (
        SourceRecord(path, lang, slug, is_page, is_draft, header.lines["slug"])
        if SLUG_FORM.fullmatch(slug) and lang in rules.languages
        else None
    )
    return CheckedSource(path, text, record, tuple(errors))


def _field_errors(
    path: str, header: Header, is_page: bool, rules: SiteRules
) -> Iterator[SourceError]:
    def error(key: str, message: str) -> SourceError:
        return SourceError(path, header.lines.get(key, 1), field_name(key), message)

    values = header.values
    for key in PAGE_FIELDS if is_page else ARTICLE_FIELDS:
        if key not in values:
            kind = "page" if is_page else "article"
            yield error(key, f"missing: every {kind} needs one (see README)")
        elif not values[key]:
            yield error(key, "empty")
    dates = {}
    for key in ("date", "modified"):
        if values.get(key):
            dates[key] = parse_date(values[key])
            if dates[key] is None:
                yield error(
                    key,
                    f"{shown(values[key])} is not a date: write YYYY-MM-DD HH:MM",
                )
    if (
        dates.get("date")
        and dates.get("modified")
        and dates["modified"] < dates["date"]
    ):
        yield error("modified", f"{values['modified']} is earlier than Date")
    slug = values.get("slug")
    if slug and not SLUG_FORM.fullmatch(slug):
        yield error(
            "slug",
            f"{shown(slug)} is not a translation key: use lowercase letters, "
            "digits and hyphens (e.g. district-news-2024)",
        )
    topic = values.get("category")
    if topic and not is_page and topic not in rules.topics:
        yield error(
            "category",
            f"{shown(topic)} is not a topic key (one of: {', '.join(rules.topics)})",
        )
    status = values.get("status")
    if status and status.lower() not in STATUSES:
        yield error("status", f"{shown(status)} is not one of {', '.join(STATUSES)}")


def _language_errors(
    path: str, folder: str, header: Header, rules: SiteRules
) -> Iterator[SourceError]:
    known = ", ".join(rules.languages)
    if folder not in rules.languages:
        yield SourceError(
            path, 1, "Lang", f"folder {folder}/ is not a language of the site ({known})"
        )
    lang = header.values.get("lang")
    if lang is None:
        return
    line = header.lines["lang"]
    if lang not in rules.languages:
        message = f"{shown(lang)} is not a language of the site ({known})"
        yield SourceError(path, line, "Lang", message)
    elif lang != folder:
        message = f"{shown(lang)} disagrees with the file's folder {folder}/"
        yield SourceError(path, line, "Lang", message)


def _body_errors(
    path: str, lines: list[str], header: Header, rules: SiteRules
) -> Iterator[SourceError]:
    body_lines = lines[header.body_start :]
    first_line = header.body_start + 1
    if not any(line.strip() for line in body_lines):
        yield SourceError(
            path, min(first_line, len(lines)), "Body", "empty: the article has no text"
        )
        return
    if rules.allow_unsafe_html:
        return
    body = "\n".join(body_lines)
    for match in UNSAFE_TAG.finditer(body):
        line = first_line + body.count("\n", 0, match.start())
        if match["tag"]:
            what = f"raw <{match['tag'].lower()}>"
        else:
            what = f"event attribute {match['handler'].lower()}="
        yield SourceError(path, line, "Body", f"{what} is not allowed")
    for offset, line_text in enumerate(body_lines):
        if JAVASCRIPT_URL.search(html.unescape(line_text)):
            yield SourceError(
                path, first_line + offset, "Body", "javascript: URLs are not allowed"
            )


def _placeholder_error(path: str, lines: list[str], header: Header) -> SourceError:
    line = next(n for n, text in enumerate(lines, start=1) if PLACEHOLDER in text)
    key_at = {number: key for key, number in header.lines.items()}
    where = field_name(key_at[line]) if line in key_at else "Body"
    message = f"still has the placeholder {PLACEHOLDER} from make new-article"
    return SourceError(path, line, where, message)


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


def display_path(path: Path | str, content_root: Path | str) -> str:
    """A source's path as editors see it: from the folder holding the content.

    Plain string work: pathlib would intern every path part, for every file.
    """
    root = os.fspath(content_root).rstrip(os.sep)
    relative = os.fspath(path).removeprefix(root + os.sep)
    if relative == os.fspath(path):
        raise ValueError(f"{path} is not in {content_root}")
    return f"{root.rpartition(os.sep)[2]}/{relative.replace(os.sep, '/')}"


def rules_of(settings: Mapping[str, Any]) -> SiteRules:
    newsroom = newsroom_of(settings)
    return SiteRules(
        languages=tuple(newsroom.languages),
        topics=tuple(newsroom.topics),
        allow_unsafe_html=bool(settings.get(ALLOW_UNSAFE_HTML_SETTING, False)),
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
    quietly. Summaries are plain text, escaped here into HTML so that templates
    and feeds can treat every summary (written or cut from the body) as HTML.
    """
    # The text is converted by now: only the check travels on (kept for the
    # whole run, and pickled back from the reader processes).
    check = replace(checked, text=None)
    if checked.errors:
        return {"status": "skip", CHECK_METADATA_KEY: check}
    if "summary" in metadata:
        metadata["summary"] = escape(metadata["summary"])
    return {**metadata, CHECK_METADATA_KEY: check}


def print_errors(errors: Iterable[SourceError]) -> int:
    ordered = sorted(set(errors), key=lambda e: (e.path, e.line, e.field, e.message))
    for error in ordered:
        print(error, file=sys.stderr)
    return len(ordered)


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
