"""What the plugin knows about the site, built once per Pelican run.

The languages, the topics and the theme's message catalogs are loaded when
Pelican starts and kept in the settings, which every generator shares, so no
generator reads them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import Catalogs, load_catalogs
from .languages import Language, languages_from_settings
from .topics import TOPICS_FILE_SETTING, LocalTopic, Topic, load_topics

SITE_SETTING = "NEWSROOM_SITE"


@dataclass(frozen=True)
class Newsroom:
    languages: dict[str, Language]
    topics: dict[str, Topic]
    catalogs: Catalogs

    @property
    def default_language(self) -> Language:
        return next(iter(self.languages.values()))

    def topic_menu(self, language: Language) -> list[LocalTopic]:
        return [topic.in_language(language) for topic in self.topics.values()]


def build_newsroom(settings: Mapping[str, Any]) -> Newsroom:
    languages = languages_from_settings(settings)
    theme_translations = Path(settings["THEME"]) / "translations"
    return Newsroom(
        languages=languages,
        topics=load_topics(Path(settings[TOPICS_FILE_SETTING])),
        catalogs=load_catalogs(theme_translations, languages.values()),
    )


def newsroom_of(settings: Mapping[str, Any]) -> Newsroom:
    return settings[SITE_SETTING]
