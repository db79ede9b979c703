"""The metadata block of a source: each field's value and the line it is on.

The grammar is the Markdown meta extension's own, so the lines checked here
are the lines Pelican reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    "editor": "Editor",
    "author": "Author",
}

# Attachments: one file per line (media/references.py).
MULTI_LINE_FIELDS = frozenset({"summary", "attachments"})
# Characters XML 1.0 forbids (a feed could not be written; feedgenerator stops
# on them), and invisible ones a value never needs: refused in every field.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class Header:
    """The metadata block: each field's value (continuations joined) and line."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    body_start: int = 0  # index of the first body line


def control_character(line: str) -> str | None:
    """What is wrong with a line that holds a forbidden character, or None."""
    if found := CONTROL_CHARACTER.search(line):
        return f"control character U+{ord(found[0]):04X} is not allowed"
    return None


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
            if found := control_character(line):
                header.problems.append((index + 1, key, found))
            if key in header.lines:
                first = header.lines[key]
                header.problems.append(
                    (index + 1, key, f"given twice (first on line {first})")
                )
            else:
                header.lines[key] = index + 1
                header.values[key] = match["value"].strip()
        elif (more := HEADER_CONTINUATION.match(line)) and key is not None:
            if found := control_character(line):
                header.problems.append((index + 1, key, found))
            if key not in MULTI_LINE_FIELDS:
                header.problems.append((index + 1, key, "must fit on one line"))
            header.values[key] = f"{header.values[key]} {more['value'].strip()}"
        else:
            break
        index += 1
    header.body_start = index
    return header
