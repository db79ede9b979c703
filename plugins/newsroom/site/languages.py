"""The site's languages, read from the one setting that defines them.

Every other part of the plugin and the theme asks this module about a language
(its URL prefix, its ``<html lang>``, its Babel locale) instead of repeating
per-language facts, so adding a language is a one-line change in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Language:
    """One language of the site; the first configured one is the default."""

    code: str
    html_lang: str
    locale: str
    og_locale: str
    is_default: bool

    @property
    def prefix(self) -> str:
        """URL prefix of this language's pages: empty for the default language."""
        return "" if self.is_default else f"{self.code}/"

    @property
    def home_url(self) -> str:
        return self.prefix

    @property
    def autonym(self) -> str:
        """The language's name in itself ("中文", "English"), as Babel knows it."""
        return Locale.parse(self.code).get_display_name(self.code)


def load_languages(entries: list[dict[str, str]]) -> dict[str, Language]:
    """Languages keyed by code, default first, as configured in NEWSROOM_LANGUAGES."""
    return {
        entry["code"]: Language(
            code=entry["code"],
            html_lang=entry["html_lang"],
            locale=entry["locale"],
            og_locale=entry["og_locale"],
            is_default=index == 0,
        )
        for index, entry in enumerate(entries)
    }
