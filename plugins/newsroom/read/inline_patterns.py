"""Python-Markdown's inline patterns, limited per document to those that can match.

Python-Markdown tries each of its 15 inline patterns, and the 20 of the
``smarty`` extension, on every run of text: over half of converting a news
article, although most paragraphs contain none of the characters that start a
link, emphasis, code or a quote. Every pattern below needs one of its trigger
strings to match; a pattern whose triggers are all absent from the whole
source file (metadata included, which Pelican converts with the same
instance) cannot match anywhere in it, so it sits out that one document. A
pattern this table does not name always runs. The output is unchanged
(tests/test_reading.py compares it with Pelican's own reader).

English news has apostrophes, so ``smarty``'s 15 quote patterns run on every
English file, and seven of them begin with a lookbehind or a choice of
groups: the regular expression engine then tries them at every character of
every paragraph (a third of converting an English article). Each is searched
from just before the first quote instead (``QuoteFirst``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor

TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "smarty-ellipses": ("...",),
    "smarty-en-dashes": ("--",),
    "smarty-em-dashes": ("--",),
}
QUOTE_PATTERN_PREFIX = "smarty-quotes-"
QUOTES = ("'", '"')
QUOTE_REACH = len("&#8212;")
"""The most a quote pattern matches before its quote (an opening quote's
space, ``--``, ``&nbsp;`` or dash entity)."""


def triggers(name: str) -> tuple[str, ...] | None:
    if name.startswith(QUOTE_PATTERN_PREFIX):
        return QUOTES
    return TRIGGERS.get(name)


class InlinePatternFilter:
    """Registers, before each document, only the inline patterns it can use."""

    def __init__(self, markdown: Markdown) -> None:
        registries = [markdown.inlinePatterns] + [
            processor.inlinePatterns
            for processor in markdown.treeprocessors
            if isinstance(processor, InlineProcessor)
            and processor.inlinePatterns is not markdown.inlinePatterns
        ]
        # The registry's (name, priority) list is private; Markdown is pinned.
        self._patterns = [
            (registry, item.name, registry[item.name], item.priority)
            for registry in registries
            for item in list(registry._priority)
        ]
        for _, name, pattern, _ in self._patterns:
            if name.startswith(QUOTE_PATTERN_PREFIX):
                assert isinstance(pattern, InlinePattern)
                pattern.compiled_re = QuoteFirst(pattern.compiled_re)

    def prepare_for(self, source: str) -> None:
        for registry, name, pattern, priority in self._patterns:
            needed = triggers(name)
            usable = needed is None or any(text in source for text in needed)
            registered = name in registry
            if usable and not registered:
                registry.register(pattern, name, priority)
            elif registered and not usable:
                registry.deregister(name)


class QuoteFirst:
    """A quote pattern's expression, searched from ``QUOTE_REACH`` characters
    before the first quote: every match holds a quote at most that far from
    its start, and a lookbehind still sees the text before where the search
    starts, so the matches are the same. Python-Markdown calls only
    ``finditer`` on an inline pattern's expression."""

    def __init__(self, expression: re.Pattern[str]) -> None:
        self.expression = expression

    def finditer(self, text: str, start: int = 0) -> Iterator[re.Match[str]]:
        quotes = [at for quote in QUOTES if (at := text.find(quote, start)) >= 0]
        if not quotes:
            return iter(())
        return self.expression.finditer(text, max(start, min(quotes) - QUOTE_REACH))
