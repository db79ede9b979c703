"""What the plugin knows about the site, built once per Pelican run.

The languages and the topics are loaded when Pelican starts and kept in the
settings, which every generator shares, so no generator reads them again.
Everything here must pickle: Pelican's content cache and the reader processes
pickle the settings along with each article.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .languages import Language, languages_from_settings
from .topics import TOPICS_FILE_SETTING, LocalTopic, Topic, load_topics

SITE_SETTING = "NEWSROOM_SITE"
# Processes the build may use: Markdown conversion (reading.py) and page
# rendering (writing.py). Default: one per core.
WORKERS_SETTING = "NEWSROOM_WORKERS"


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
    languages = languages_from_settings(settings)
    return Newsroom(
        languages=languages,
        topics=load_topics(topics_file(settings), languages),
    )


def topics_file(settings: Mapping[str, Any]) -> Path:
    """The topics file lives with the content it describes (relative to PATH)."""
    return Path(settings["PATH"]) / settings[TOPICS_FILE_SETTING]


def newsroom_of(settings: Mapping[str, Any]) -> Newsroom:
    return settings[SITE_SETTING]


def build_workers(settings: Mapping[str, Any]) -> int:
    configured = settings.get(WORKERS_SETTING)
    return configured if configured is not None else (os.cpu_count() or 1)
