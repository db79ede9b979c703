"""What the plugin knows about the site, built once per Pelican run.

The languages, the topics and the plugin's checked settings are loaded when
Pelican starts and kept in the settings, which every generator shares, so no
generator reads them again. Everything here must pickle: Pelican's content
cache and the reader processes pickle the settings along with each article.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican

from ..settings import SITE_SETTING, NewsroomSettings, get_settings
from .furniture import Furniture, build_time, furniture_from_settings
from .languages import Language, load_languages
from .topics import LocalTopic, Topic, load_topics


@dataclass(frozen=True)
class Newsroom:
    languages: dict[str, Language]
    topics: dict[str, Topic]
    settings: NewsroomSettings
    # Kept here, so the page keys (render/page_keys.py digests the settings,
    # which hold the Newsroom) change when the mourning mode starts or ends.
    furniture: Furniture

    @property
    def default_language(self) -> Language:
        return next(iter(self.languages.values()))

    def topic_menu(self, language: Language) -> list[LocalTopic]:
        return [topic.in_language(language) for topic in self.topics.values()]


def build_newsroom(settings: Mapping[str, Any]) -> Newsroom:
    checked = get_settings(settings)
    languages = load_languages(checked.languages)
    return Newsroom(
        languages=languages,
        topics=load_topics(topics_file(settings, checked), languages),
        settings=checked,
        furniture=furniture_from_settings(checked, languages, build_time(settings)),
    )


def topics_file(settings: Mapping[str, Any], checked: NewsroomSettings) -> Path:
    """The topics file lives with the content it describes (relative to PATH)."""
    return Path(settings["PATH"]) / checked.topics_file


def newsroom_of(settings: Mapping[str, Any]) -> Newsroom:
    return settings[SITE_SETTING]


def build_workers(configured: int | None) -> int:
    """Processes the build may use (NEWSROOM_WORKERS): Markdown conversion
    (read/reader.py) and page rendering (render/writer.py)."""
    return configured if configured is not None else (os.cpu_count() or 1)


def load_site(pelican: Pelican) -> None:
    # initialized: before any generator exists, so each finds the site here.
    pelican.settings[SITE_SETTING] = build_newsroom(pelican.settings)
