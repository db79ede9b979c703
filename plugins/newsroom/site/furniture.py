"""What every page carries around the news: the identity footer, optional
third-party badges and the mourning mode, from three settings.

The footer's labels (主办单位 / Sponsored by) are the catalog's; its values
come from NEWSROOM_FOOTER, each either one string for every language (a phone
number) or a mapping with a value per language (the sponsor's name). Read when
Pelican starts, into the Newsroom (site/newsroom.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..settings import BADGES, FOOTER, MOURNING, NewsroomSettings, SettingsError

FOOTER_SETTING = FOOTER.name
BADGES_SETTING = BADGES.name
MOURNING_SETTING = MOURNING.name

# In the order the footer shows them; each one is optional.
FOOTER_FIELDS = (
    "sponsor",
    "organiser",
    "address",
    "phone",
    "email",
    "site_code",
    "icp_number",
    "icp_url",
    "police_number",
    "police_url",
    "copyright",
)
URL_FIELDS = ("icp_url", "police_url")
BADGE_FIELDS = frozenset({"id", "script", "attributes"})
ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9-]*")
ELEMENT_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Badge:
    """A third-party badge: its provider's script, in an element with ``id``
    (the place the script fills), with the attributes the provider asks for."""

    id: str
    script: str
    attributes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Furniture:
    footers: dict[str, dict[str, str]]
    badges: tuple[Badge, ...]
    mourning: bool
    year: int


def furniture_from_settings(
    settings: NewsroomSettings, language_codes: Iterable[str], now: datetime
) -> Furniture:
    codes = tuple(language_codes)
    today = now.date()
    return Furniture(
        footers=footers(settings.footer, codes),
        badges=tuple(badges(settings.badges)),
        mourning=in_mourning(settings.mourning, today),
        year=today.year,
    )


def build_time(settings: Mapping[str, Any]) -> datetime:
    """Now, in the site's time zone: a mourning day starts at its midnight."""
    return datetime.now(ZoneInfo(settings["TIMEZONE"]))


def footers(
    values: Mapping[str, Any], codes: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """Each language's footer: field name to text, only the fields given."""
    unknown = sorted(set(values) - set(FOOTER_FIELDS))
    if unknown:
        raise SettingsError(
            f"{FOOTER_SETTING}: unknown field(s) {', '.join(unknown)}"
            f" (known: {', '.join(FOOTER_FIELDS)})"
        )
    for number, url in (("icp_number", "icp_url"), ("police_number", "police_url")):
        if number in values and url not in values:
            raise SettingsError(f"{FOOTER_SETTING}: {number} needs its link, {url}")
    per_language: dict[str, dict[str, str]] = {code: {} for code in codes}
    for name in FOOTER_FIELDS:
        if name not in values:
            continue
        for code, text in localised(name, values[name], codes).items():
            if name in URL_FIELDS and not text.startswith(("https://", "http://")):
                raise SettingsError(f"{FOOTER_SETTING}: {name}: {text!r} is no URL")
            per_language[code][name] = text
    return per_language


def localised(name: str, value: Any, codes: tuple[str, ...]) -> dict[str, str]:
    """A value per language, from one string or a mapping by language code."""
    if isinstance(value, str):
        return dict.fromkeys(codes, value)
    if not isinstance(value, Mapping):
        raise SettingsError(
            f"{FOOTER_SETTING}: {name}: give a string or a mapping by language"
        )
    missing = [code for code in codes if not isinstance(value.get(code), str)]
    extra = sorted(set(value) - set(codes))
    if missing or extra:
        raise SettingsError(
            f"{FOOTER_SETTING}: {name}: needs one string per language"
            f" ({', '.join(codes)}); missing: {', '.join(missing) or 'none'},"
            f" not a language of the site: {', '.join(extra) or 'none'}"
        )
    return {code: value[code] for code in codes}


def badges(entries: Iterable[Mapping[str, Any]]) -> Iterable[Badge]:
    for number, entry in enumerate(entries, start=1):
        where = f"{BADGES_SETTING}[{number}]"
        if unknown := sorted(set(entry) - BADGE_FIELDS):
            raise SettingsError(f"{where}: unknown field(s) {', '.join(unknown)}")
        script, element_id = entry.get("script", ""), entry.get("id", "")
        if not str(script).startswith("https://"):
            raise SettingsError(f"{where}: script: needs an https:// URL")
        if not ELEMENT_ID.fullmatch(str(element_id)):
            raise SettingsError(f"{where}: id: {element_id!r} is not an element id")
        attributes = dict(entry.get("attributes") or {})
        for name in attributes:
            if not ATTRIBUTE_NAME.fullmatch(name) or name.startswith("on"):
                raise SettingsError(f"{where}: attributes: {name!r} is not allowed")
        yield Badge(
            element_id,
            script,
            tuple((name, str(text)) for name, text in attributes.items()),
        )


def in_mourning(window: Mapping[str, str] | None, today: date) -> bool:
    """Whether ``today`` is within the window's days, first and last included."""
    if not window:
        return False
    try:
        first = date.fromisoformat(window["from"])
        last = date.fromisoformat(window["to"])
    except (KeyError, TypeError, ValueError) as error:
        raise SettingsError(
            f'{MOURNING_SETTING}: write {{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}}'
            f" ({error})"
        ) from error
    if last < first:
        raise SettingsError(f"{MOURNING_SETTING}: to is earlier than from")
    return first <= today <= last
