"""How deep a body's lists and quotes nest, checked before Markdown converts it.

Python-Markdown converts nested lists and quotes recursively: some 250 levels
of lists end in a RecursionError, and html5ever's cleaning (html_safety.py)
slows down steeply on thousands of nested elements. No article nests more than
a few levels, so a limit far below both gives a clear error instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

MAX_NESTING = 50
# One level of a line's prefix: a quote marker, a list marker, or an indent.
LEVEL = re.compile(r" {0,3}(?:>|[-*+] |\d{1,9}[.)] )| {4}|\t")


def nesting(line: str) -> int:
    depth = position = 0
    while match := LEVEL.match(line, position):
        if match.end() == position:
            break
        depth += 1
        position = match.end()
    return depth


def nesting_errors(
    body_lines: Sequence[str], first_line: int
) -> Iterator[tuple[int, str]]:
    """The first line nested deeper than the limit, if any: one error is enough."""
    for offset, line in enumerate(body_lines):
        if (depth := nesting(line)) > MAX_NESTING:
            yield (
                first_line + offset,
                f"lists or quotes nested {depth} levels deep are not allowed "
                f"(at most {MAX_NESTING})",
            )
            return
