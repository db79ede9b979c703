"""Every source file checked as it is read, in one pass over its bytes.

Pelican logs and skips a file it cannot read (no Title, a bad date, invalid
UTF-8) and publishes the rest, so an article could vanish from the site with
only a log line to show for it. Here the Markdown reader (read/reader.py) reads
each file's bytes once and hands them to ``check_source``, which checks them
before Markdown sees them: the encoding, every metadata field with its line,
the body. A broken file is then skipped (validate/handoff.py) and its problems
are reported with those of every other file (validate/stop.py).

The checks themselves are pure functions of a file's bytes and the site's
rules, so they can be tested without Pelican.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import SourceError
from .fields import (
    PLACEHOLDER,
    SLUG_FORM,
    SiteRules,
    field_errors,
    language_errors,
    placeholder_error,
)
from .header import Header, control_character, field_name, parse_header
from .nesting import nesting_errors


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
    # The line the body starts on, for the problems of its converted HTML.
    body_line: int = 1


def check_source(
    path: str, folder: str, is_page: bool, raw: bytes, rules: SiteRules
) -> CheckedSource:
    """Every problem of one file, found in one pass over its bytes."""
    if len(raw) > rules.max_bytes:
        message = (
            f"{len(raw):,} bytes, over the {rules.max_bytes:,} a source may have "
            "(NEWSROOM_SOURCE_MAX_BYTES): is it the right file?"
        )
        return CheckedSource(path, None, None, (SourceError(path, 1, "File", message),))
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
    errors += field_errors(path, header, is_page, rules)
    lang = header.values.get("lang") or folder
    errors += language_errors(path, folder, header, rules)
    errors += body_errors(path, lines, header)
    is_draft = header.values.get("status", "").lower() == "draft"
    if not is_draft and PLACEHOLDER in text:
        errors.append(placeholder_error(path, lines, header))
    slug = header.values.get("slug", "")
    record = (
        SourceRecord(path, lang, slug, is_page, is_draft, header.lines["slug"])
        if SLUG_FORM.fullmatch(slug) and lang in rules.languages
        else None
    )
    return CheckedSource(path, text, record, tuple(errors), header.body_start + 1)


def body_errors(path: str, lines: list[str], header: Header) -> Iterator[SourceError]:
    """An empty body, or one nested too deep for Markdown. Its HTML is checked
    once Markdown has converted it (validate/html_safety.py)."""
    body_lines = lines[header.body_start :]
    first_line = header.body_start + 1
    if not any(line.strip() for line in body_lines):
        yield SourceError(
            path, min(first_line, len(lines)), "Body", "empty: the article has no text"
        )
        return
    for number, line in enumerate(body_lines, start=first_line):
        if found := control_character(line):
            yield SourceError(path, number, "Body", found)
            break
    for line, message in nesting_errors(body_lines, first_line):
        yield SourceError(path, line, "Body", message)
