"""Translation status: which articles lack a translation, which are out of date.

A pair's original is its version in the first site language that has one
(Chinese, unless the article exists only in English). A translation is stale
when the original's ``Modified`` is later than the translation's own last
change (its ``Modified``, else its ``Date``); corrections made only in a
translation never make the original stale. A pair whose versions name other
topics, or were published on other days, is a mismatch.

After every build a one-line summary is printed; ``make translations`` prints
the full list. Either way the newsroom page ``newsroom/translations/`` is
written: marked noindex and linked from no public page.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pelican.contents import Article, Content
from pelican.generators import Generator
from pelican.writers import Writer

from ..settings import STRICT_TRANSLATIONS, TRANSLATION_REPORT
from ..site.newsroom import newsroom_of
from .errors import SourceErrors, display_path

REPORT_URL = "newsroom/translations/"
REPORT_TEMPLATE = "newsroom_translations"
TIME_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Version:
    """One language version of an article, as the report needs it."""

    path: str
    lang: str
    key: str
    topic: str
    date: datetime
    modified: datetime | None

    @property
    def last_change(self) -> datetime:
        return self.modified or self.date


@dataclass(frozen=True)
class Missing:
    original: Version
    lang: str


@dataclass(frozen=True)
class Stale:
    translation: Version
    original: Version


@dataclass(frozen=True)
class Mismatch:
    translation: Version
    original: Version
    field: str  # "Category" or "Date"
    detail: str


@dataclass(frozen=True)
class TranslationReport:
    languages: tuple[str, ...]
    counts: dict[str, int]
    missing: list[Missing]
    stale: list[Stale]
    mismatches: list[Mismatch]

    @property
    def untranslated(self) -> int:
        """Articles that lack a translation in at least one language."""
        return len({entry.original.path for entry in self.missing})

    @property
    def has_gaps(self) -> bool:
        return bool(self.missing or self.stale)


def version_of(article: Content, content_root: str) -> Version:
    return Version(
        path=display_path(article.source_path, content_root),
        lang=article.lang,
        key=article.slug,
        topic=article.category.name,
        date=article.date,
        modified=getattr(article, "modified", None),
    )


def published_versions(
    generated_content: Mapping[str, Any], content_root: str
) -> list[Version]:
    """Every published or hidden article (drafts are not on the site yet)."""
    return [
        version_of(item, content_root)
        for item in generated_content.values()
        if isinstance(item, Article) and item.status in ("published", "hidden")
    ]


def build_report(
    versions: Iterable[Version], languages: tuple[str, ...]
) -> TranslationReport:
    """One pass to group the versions by key, one pass over the groups."""
    by_key: dict[str, dict[str, Version]] = {}
    counts = dict.fromkeys(languages, 0)
    for version in versions:
        by_key.setdefault(version.key, {})[version.lang] = version
        counts[version.lang] += 1
    missing: list[Missing] = []
    stale: list[Stale] = []
    mismatches: list[Mismatch] = []
    for key in sorted(by_key):
        group = by_key[key]
        original = next(group[code] for code in languages if code in group)
        missing += [Missing(original, code) for code in languages if code not in group]
        for translation in group.values():
            if translation is original:
                continue
            if original.modified and original.modified > translation.last_change:
                stale.append(Stale(translation, original))
            mismatches += pair_mismatches(translation, original)
    return TranslationReport(languages, counts, missing, stale, mismatches)


def pair_mismatches(translation: Version, original: Version) -> list[Mismatch]:
    found = []
    if translation.topic != original.topic:
        detail = f"topic {translation.topic}, but {original.topic} in {original.path}"
        found.append(Mismatch(translation, original, "Category", detail))
    if translation.date.date() != original.date.date():
        detail = (
            f"published {translation.date:%Y-%m-%d}, "
            f"but {original.date:%Y-%m-%d} in {original.path}"
        )
        found.append(Mismatch(translation, original, "Date", detail))
    return found


def summary_line(report: TranslationReport) -> str:
    counts = ", ".join(f"{code} {n}" for code, n in report.counts.items())
    return (
        f"Translations: articles per language {counts}; "
        f"{report.untranslated} without a translation, {len(report.stale)} stale, "
        f"{len(report.mismatches)} mismatched (make translations lists them)"
    )


def full_listing(report: TranslationReport) -> list[str]:
    """One line per problem: ``path: lang: what``, sorted by path."""
    lines = [
        f"{m.original.path}: {m.original.lang}: no {m.lang} translation"
        for m in report.missing
    ]
    lines += [
        f"{s.translation.path}: {s.translation.lang}: stale: {s.original.path} "
        f"was modified {s.original.last_change:{TIME_FORMAT}}, this translation "
        f"last changed {s.translation.last_change:{TIME_FORMAT}}"
        for s in report.stale
    ]
    lines += [
        f"{m.translation.path}: {m.translation.lang}: mismatch: {m.detail}"
        for m in report.mismatches
    ]
    return sorted(lines)


@dataclass(frozen=True)
class ReportPage:
    """The newsroom page's ``here``: in the site's default language."""

    lang: str
    url: str = REPORT_URL
    template: str = REPORT_TEMPLATE

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


class TranslationReportGenerator(Generator):
    """Builds the report once every article is read; writes the newsroom page."""

    def generate_context(self) -> None:
        newsroom = newsroom_of(self.settings)
        versions = published_versions(
            self.context["generated_content"], self.settings["PATH"]
        )
        self.report = build_report(versions, tuple(newsroom.languages))
        self.page = ReportPage(lang=newsroom.default_language.code)
        self.context[TRANSLATION_REPORT] = self.report

    def planned_outputs(self) -> list[tuple[str, str]]:
        """The page no source may claim (validate/stop.py)."""
        return [(self.page.save_as, "the newsroom translation report")]

    def generate_output(self, writer: Writer) -> None:
        writer.write_file(
            self.page.save_as,
            self.get_template(self.page.template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            here=self.page,
            report=self.report,
        )
        if newsroom_of(self.settings).settings.list_translations:
            print("\n".join(full_listing(self.report)) or "All articles translated.")
        print(summary_line(self.report))


def stop_on_translation_gaps(report: TranslationReport, strict: bool) -> None:
    """With the strict setting (publishconf.py), missing or stale translations fail."""
    if not strict or not report.has_gaps:
        return
    gaps = [line for line in full_listing(report) if ": mismatch: " not in line]
    print("\n".join(gaps), file=sys.stderr)
    raise SourceErrors(
        f"{len(gaps)} missing or stale translations, listed above, and "
        f"{STRICT_TRANSLATIONS.name} is on; nothing was written"
    )
