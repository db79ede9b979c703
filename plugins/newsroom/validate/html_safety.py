"""Raw HTML in an article body that would run code in the reader's browser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .errors import SourceError

# Raw tags and attributes that run code in the reader's browser. Attribute
# values are scanned after entity decoding, as a browser would decode them;
# ``[^<>]`` keeps the attribute scan linear on text full of ``<``.
UNSAFE_TAG = re.compile(
    r"<\s*(?P<tag>script|iframe)\b|<[a-z][^<>]*?\s(?P<handler>on[a-z]+)\s*=",
    re.IGNORECASE,
)
JAVASCRIPT_URL = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)


def unsafe_html_errors(
    path: str, body_lines: list[str], first_line: int
) -> Iterator[SourceError]:
    """``first_line``: the file's line number of ``body_lines[0]``."""
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
