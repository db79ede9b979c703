"""What the plugin knows about the site, built once per Pelican run.

The languages and the topics are loaded when Pelican starts and kept in the
settings, which every generator shares, so no generator reads them again.
Everything here must pickle: Pelican's content cache and the reader processes
pickle the settings along with each article.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .languages import Language, languages_from_settings
from .topics import TOPICS_FILE_SETTING, LocalTopic, Topic, load_topics

SITE_SETTING = "NEWSROOM_SITE"


@dataclass(frozen=True)
class Newsroom:
    languages: dict[str, Language]
    topics: dict[str, Topic]

    @property
    def default_language(self) -> Language:
        return next(iter(self.languages.values()))

    def topic_menu(self, language: Language) -> list[LocalTopic]:
        return [topic.in_language(language) for topic in self.topics.values()]


def build_newsroom(settings: Mapping[str, Any]) -> Newsroom:
    return Newsroom(
        languages=languages_from_settings(settings),
        topics=load_topics(Path(settings[TOPICS_FILE_SETTING])),
    )


def newsroom_of(settings: Mapping[str, Any]) -> Newsroom:
    return settings[SITE_SETTING]
