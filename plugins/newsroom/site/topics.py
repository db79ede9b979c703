"""Topics (栏目): defined once in ``content/topics.toml`` with a name per language.

An article names its topic by key in ``Category:``; each language shows the
topic's own name and links to its own topic page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

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


def load_topics(path: Path) -> dict[str, Topic]:
    """Topics in file order, which is also the order of the Topics menu."""
    with path.open("rb") as file:
        table = tomllib.load(file)
    return {key: Topic(key=key, names=dict(names)) for key, names in table.items()}
