"""The rules for each metadata field: which are required, their forms, and that
they name a language and a topic the site has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from ..settings import SOURCE_MAX_BYTES
from .errors import SourceError, shown
from .header import Header, field_name

# What `make new-article` writes where the editor has to fill in text; a file
# that is not a draft any more must not still contain it.
PLACEHOLDER = "[TODO]"

SLUG_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?")
DATE_FORMATS = {10: "%Y-%m-%d", 16: "%Y-%m-%d %H:%M", 19: "%Y-%m-%d %H:%M:%S"}
STATUSES = ("published", "draft", "hidden")

ARTICLE_FIELDS = ("title", "date", "source", "category", "slug")
PAGE_FIELDS = ("title", "slug")
# Optional names shown after the body (作者, 责任编辑): one line, not empty.
OPTIONAL_NAME_FIELDS = ("author", "editor")


@dataclass(frozen=True)
class SiteRules:
    """What a source may say: the site's languages and topics."""

    languages: tuple[str, ...]
    topics: tuple[str, ...]
    max_bytes: int = SOURCE_MAX_BYTES.default


def parse_date(value: str) -> datetime | None:
    if not DATE_FORM.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, DATE_FORMATS[len(value)])
    except ValueError:
        return None


def field_errors(
    path: str, header: Header, is_page: bool, rules: SiteRules
) -> Iterator[SourceError]:
    def error(key: str, message: str) -> SourceError:
        return SourceError(path, header.lines.get(key, 1), field_name(key), message)

    values = header.values
    for key in PAGE_FIELDS if is_page else ARTICLE_FIELDS:
        if key not in values:
            kind = "page" if is_page else "article"
            yield error(key, f"missing: every {kind} needs one (see README)")
        elif not values[key]:
            yield error(key, "empty")
    for key in OPTIONAL_NAME_FIELDS:
        if key in values and not values[key]:
            yield error(key, "empty: give a name or leave the field out")
    dates = {}
    for key in ("date", "modified"):
        if values.get(key):
            dates[key] = parse_date(values[key])
            if dates[key] is None:
                yield error(
                    key,
                    f"{shown(values[key])} is not a date: write YYYY-MM-DD HH:MM",
                )
    if (
        dates.get("date")
        and dates.get("modified")
        and dates["modified"] < dates["date"]
    ):
        yield error("modified", f"{values['modified']} is earlier than Date")
    slug = values.get("slug")
    if slug and not SLUG_FORM.fullmatch(slug):
        yield error(
            "slug",
            f"{shown(slug)} is not a translation key: use lowercase letters, "
            "digits and hyphens (e.g. district-news-2024)",
        )
    topic = values.get("category")
    if topic and not is_page and topic not in rules.topics:
        yield error(
            "category",
            f"{shown(topic)} is not a topic key (one of: {', '.join(rules.topics)})",
        )
    status = values.get("status")
    if status and status.lower() not in STATUSES:
        yield error("status", f"{shown(status)} is not one of {', '.join(STATUSES)}")


def language_errors(
    path: str, folder: str, header: Header, rules: SiteRules
) -> Iterator[SourceError]:
    known = ", ".join(rules.languages)
    if folder not in rules.languages:
        yield SourceError(
            path, 1, "Lang", f"folder {folder}/ is not a language of the site ({known})"
        )
    lang = header.values.get("lang")
    if lang is None:
        return
    line = header.lines["lang"]
    if lang not in rules.languages:
        message = f"{shown(lang)} is not a language of the site ({known})"
        yield SourceError(path, line, "Lang", message)
    elif lang != folder:
        message = f"{shown(lang)} disagrees with the file's folder {folder}/"
        yield SourceError(path, line, "Lang", message)


def placeholder_error(path: str, lines: list[str], header: Header) -> SourceError:
    line = next(n for n, text in enumerate(lines, start=1) if PLACEHOLDER in text)
    key_at = {number: key for key, number in header.lines.items()}
    where = field_name(key_at[line]) if line in key_at else "Body"
    message = f"still has the placeholder {PLACEHOLDER} from make new-article"
    return SourceError(path, line, where, message)
