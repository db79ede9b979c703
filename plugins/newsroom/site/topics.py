"""Topics (栏目): defined once in ``content/topics.toml`` with a name per language.

An article names its topic by key in ``Category:``; each language shows the
topic's own name and links to its own topic page.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..build_errors import BuildError, shown_path
from .languages import Language


@dataclass(frozen=True)
class Topic:
    key: str
    names: dict[str, str]

    def in_language(self, language: Language) -> LocalTopic:
        return LocalTopic(
            key=self.key,
            name=self.names[language.code],
            url=f"{language.prefix}topics/{self.key}/",
        )


@dataclass(frozen=True)
class LocalTopic:
    """A topic as one language shows it: its name there and its page there."""

    key: str
    name: str
    url: str


def load_topics(path: Path, language_codes: Iterable[str]) -> dict[str, Topic]:
    """Topics in file order, which is also the order of the Topics menu; each
    with a name in every language, or the build stops naming the topic's line."""
    where = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except FileNotFoundError:
        message = "missing (NEWSROOM_TOPICS_FILE names it)"
        raise BuildError(f"{where}:1: File: {message}") from None
    except UnicodeDecodeError as error:
        line = text_line(error.object, error.start)
        raise BuildError(f"{where}:{line}: Encoding: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        message, line = toml_message(str(error), text)
        raise BuildError(f"{where}:{line}: TOML: {message}") from None
    topics = {}
    for key, names in table.items():
        topic_line = f"{where}:{header_line(text, key)}: {key}"
        if not isinstance(names, dict):
            raise BuildError(f"{topic_line}: not a table of names per language")
        for code in language_codes:
            if not isinstance(names.get(code), str) or not names[code].strip():
                raise BuildError(f"{topic_line}: no name in {code}")
        topics[key] = Topic(key=key, names=dict(names))
    return topics


def text_line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def toml_message(message: str, text: str) -> tuple[str, int]:
    """tomllib puts the place at the end: "... (at line 3, column 5)", or
    "(at end of document)"."""
    if found := re.search(r" \(at line (\d+), column \d+\)$", message):
        return message[: found.start()], int(found.group(1))
    return message.removesuffix(" (at end of document)"), text.count("\n") + 1


def header_line(text: str, key: str) -> int:
    """The line of a topic's ``[key]`` table (or of ``key =``, inline)."""
    pattern = re.compile(
        rf"^\s*(\[\s*[\"']?{re.escape(key)}[\"']?\s*\]|{re.escape(key)}\s*=)"
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1
