"""Links between the language versions of one thing: the switch and hreflang.

Articles and pages are paired by their shared ``Slug`` (Pelican's translation
id), so each one already knows its translations; listing pages are paired by
what they list. Either way, every page ends up with the same two lists:
where the language switch goes, and which ``hreflang`` alternates it declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pelican.contents import Content

from ..site.languages import Language

NO_TRANSLATION_ANCHOR = "no-translation"


@dataclass(frozen=True)
class SwitchTarget:
    """Where the switch to ``language`` leads; a fallback lands on its home notice."""

    language: Language
    url: str
    is_fallback: bool


@dataclass(frozen=True)
class Hreflang:
    hreflang: str
    url: str


@dataclass(frozen=True)
class LanguageLinks:
    switch: list[SwitchTarget]
    hreflang: list[Hreflang]


def language_links(
    own_language: Language,
    own_url: str,
    counterparts: Mapping[str, str],
    languages: Mapping[str, Language],
    nearest: Mapping[str, str] | None = None,
) -> LanguageLinks:
    """Links for a page whose exact counterparts (by language code) are known.

    ``nearest`` names, per language, a close page to switch to when there is no
    exact counterpart (page 1 of the same listing); hreflang never points there,
    since search engines must only be told about equivalent pages.
    """
    versions = {own_language.code: own_url, **counterparts}
    default = next(iter(languages.values()))
    hreflang = [
        Hreflang(language.html_lang, versions[language.code])
        for language in languages.values()
        if language.code in versions
    ]
    hreflang.append(Hreflang("x-default", versions.get(default.code, own_url)))
    switch = [
        _switch_target(language, counterparts, nearest or {})
        for language in languages.values()
        if language != own_language
    ]
    return LanguageLinks(switch=switch, hreflang=hreflang)


def _switch_target(
    language: Language, counterparts: Mapping[str, str], nearest: Mapping[str, str]
) -> SwitchTarget:
    url = counterparts.get(language.code) or nearest.get(language.code)
    if url is not None:
        return SwitchTarget(language, url, is_fallback=False)
    fallback = f"{language.home_url}#{NO_TRANSLATION_ANCHOR}"
    return SwitchTarget(language, fallback, is_fallback=True)


def link_translations(
    items: Iterable[Content], languages: Mapping[str, Language]
) -> None:
    """Give every article or page its ``language_links`` from its translations."""
    for item in items:
        counterparts = {other.lang: other.url for other in item.translations}
        item.language_links = language_links(
            languages[item.lang], item.url, counterparts, languages
        )
