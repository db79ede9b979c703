"""In-process unit tests of the settings, the site and the checks: no build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from newsroom import add_generators
from newsroom.settings import SETTINGS, SettingsError, get_settings
from newsroom.site.newsroom import build_workers
from newsroom.site.topics import load_topics
from newsroom.validate.across_files import (
    duplicate_keys,
    output_clashes,
    stray_sources,
)
from newsroom.validate.errors import (
    SourceError,
    SourceErrors,
    display_path,
    print_errors,
    shown,
)
from newsroom.validate.handoff import checked_metadata, collect_checked_source
from newsroom.validate.header import parse_header
from newsroom.validate.source import CheckedSource, SourceRecord
from newsroom.validate.stop import stop_on_problems
from newsroom.validate.translations import (
    TranslationReportGenerator,
    build_report,
    full_listing,
    summary_line,
)
from support import get_newsroom
from support import get_settings as project_settings

LANGUAGES = project_settings()["NEWSROOM_LANGUAGES"]

# -- settings.py ---------------------------------------------------------------


def test_unset_settings_take_their_declared_defaults() -> None:
    checked = get_settings({"NEWSROOM_LANGUAGES": LANGUAGES})
    assert checked.topics_file == "topics.toml"
    assert checked.date_format == "long"
    assert checked.workers is None
    assert checked.search_index is True
    assert checked.sitemap is False
    assert checked.robots_disallow == []


def test_every_setting_says_what_it_means() -> None:
    assert all(s.name.startswith("NEWSROOM_") and s.meaning for s in SETTINGS)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("NEWSROOM_SITEMAP", "yes", "NEWSROOM_SITEMAP must be bool, got 'yes'"),
        ("NEWSROOM_WORKERS", True, "NEWSROOM_WORKERS must be int or NoneType"),
        ("NEWSROOM_DATE_FORMAT", 3, "NEWSROOM_DATE_FORMAT must be str, got 3"),
    ],
)
def test_a_wrongly_typed_setting_is_named(name: str, value, expected: str) -> None:
    with pytest.raises(SettingsError, match=expected):
        get_settings({"NEWSROOM_LANGUAGES": LANGUAGES, name: value})


def test_the_languages_must_be_set() -> None:
    with pytest.raises(SettingsError, match="NEWSROOM_LANGUAGES is not set"):
        get_settings({})


def test_workers_default_to_one_per_core() -> None:
    assert build_workers(3) == 3
    assert build_workers(None) >= 1


def test_the_site_knows_its_topics_in_file_order() -> None:
    newsroom = get_newsroom()
    assert list(newsroom.topics) == ["news", "culture"]
    assert newsroom.default_language.code == "zh"
    menu = newsroom.topic_menu(newsroom.languages["en"])
    assert [(t.name, t.url) for t in menu] == [
        ("News", "en/topics/news/"),
        ("Culture", "en/topics/culture/"),
    ]


# -- validate/ -------------------------------------------------------------------


def test_a_header_field_given_twice_or_continued_is_a_problem() -> None:
    header = parse_header(
        ["Title: A", "Title: B", "Summary: one", "    two", "Slug: x", "    y", ""]
    )
    assert header.values["summary"] == "one two"
    assert header.lines == {"title": 1, "summary": 3, "slug": 5}
    assert header.problems == [
        (2, "title", "given twice (first on line 1)"),
        (6, "slug", "must fit on one line"),
    ]
    assert header.body_start == 7


def test_a_header_may_be_fenced() -> None:
    header = parse_header(["---", "Title: A", "---", "Body"])
    assert header.values == {"title": "A"}
    assert header.body_start == 3


def test_shown_values_stay_on_one_short_line() -> None:
    assert shown("a\nb") == '"a\\u000ab"'
    assert shown("x" * 80, limit=10) == '"xxxxxxxxx…"'


def test_paths_are_shown_from_the_folder_holding_the_content() -> None:
    assert display_path("/site/content/zh/a.md", "/site/content") == "content/zh/a.md"
    with pytest.raises(ValueError, match="is not in"):
        display_path("/elsewhere/a.md", "/site/content")


def test_problems_are_printed_once_each_in_file_order(capsys) -> None:
    late = SourceError("content/zh/b.md", 1, "Title", "empty")
    early = SourceError("content/zh/a.md", 3, "Date", "bad")
    assert print_errors([late, early, late]) == 2
    assert capsys.readouterr().err.splitlines() == [str(early), str(late)]


def record(path: str, slug: str, lang: str = "zh") -> SourceRecord:
    return SourceRecord(path, lang, slug, False, False, 5)


def test_a_translation_key_used_twice_in_a_language_is_reported_once() -> None:
    records = [record("b.md", "k"), record("a.md", "k"), record("c.md", "k", "en")]
    [error] = duplicate_keys(records)
    assert str(error) == "b.md:5: Slug: translation key k is already used in zh by a.md"


def test_a_source_writing_over_a_listing_is_reported_at_its_slug() -> None:
    claims = [("topics/news/index.html", "the topic listing")]
    claims += [("topics/news/index.html", "content/zh/x.md")]
    [error] = output_clashes(claims, {"content/zh/x.md": 4})
    assert error.line == 4
    assert "which the topic listing also writes" in error.message


def test_sources_outside_the_language_folders_are_named(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "zh").mkdir(parents=True)
    (root / "fr").mkdir()
    (root / "fr" / "a.md").write_text("x")
    (root / "loose.md").write_text("x")
    (root / ".hidden.md").write_text("x")
    messages = [e.message for e in stray_sources(root, ["zh"], ["md"])]
    assert messages == [
        "folder fr/ is not a language of the site (zh)",
        "a source must be in a language folder (zh)",
    ]


def test_a_broken_file_is_skipped_and_its_check_travels_to_the_context() -> None:
    error = SourceError("a.md", 1, "Title", "empty")
    checked = CheckedSource("a.md", "text", None, (error,))
    metadata = checked_metadata(checked, {"title": "x"})
    assert metadata["status"] == "skip"
    assert "title" not in metadata

    generator = SimpleNamespace(context={})
    collect_checked_source(generator, metadata)
    [carried] = generator.context["newsroom_checked_sources"]
    assert carried.errors == (error,)
    assert carried.text is None  # the converted text is not kept all run


def test_the_translation_report_plans_its_page_and_prints_its_summary() -> None:
    generator = TranslationReportGenerator.__new__(TranslationReportGenerator)
    generator.settings = project_settings()
    generator.context = {"generated_content": {}}
    generator.generate_context()
    assert generator.planned_outputs() == [
        ("newsroom/translations/index.html", "the newsroom translation report")
    ]
    report = generator.report
    assert full_listing(report) == []
    assert summary_line(report).startswith("Translations: articles per language zh 0")


def test_topics_keep_the_files_order_and_names(tmp_path: Path) -> None:
    path = tmp_path / "topics.toml"
    path.write_text('[b]\nzh = "乙"\nen = "B"\n\n[a]\nzh = "甲"\nen = "A"\n')
    topics = load_topics(path, ("zh", "en"))
    assert list(topics) == ["b", "a"]
    english = topics["a"].in_language(get_newsroom().languages["en"])
    assert (english.name, english.url) == ("A", "en/topics/a/")


def planning_generator(outputs: list[tuple[str, str]]) -> SimpleNamespace:
    return SimpleNamespace(planned_outputs=lambda: outputs)


def test_the_build_stops_on_a_source_writing_over_a_listing(capsys) -> None:
    source = CheckedSource(
        "content/zh/pages/x.md", None, record("content/zh/pages/x.md", "x"), ()
    )
    page = SimpleNamespace(save_as="index.html")
    context = {
        "newsroom_checked_sources": [source],
        "generated_content": {"zh/pages/x.md": page},
        "newsroom_translation_report": build_report([], ("zh", "en")),
    }
    first = SimpleNamespace(context=context, settings=project_settings())
    generators = [first, planning_generator([("index.html", "the home listing")])]
    with pytest.raises(SourceErrors, match="1 problem"):
        stop_on_problems(generators)
    assert "which the home listing also writes" in capsys.readouterr().err


def test_the_build_goes_on_when_every_source_is_clean() -> None:
    context = {
        "generated_content": {},
        "newsroom_translation_report": build_report([], ("zh", "en")),
    }
    stop_on_problems([SimpleNamespace(context=context, settings=project_settings())])


def test_the_plugins_generators_run_in_the_order_their_outputs_need() -> None:
    order = [generator.__name__ for generator in add_generators(None)]
    assert order == [
        "ListingsGenerator",
        "SecondRendererJoin",
        "MediaOutput",
        "NotFoundGenerator",
        "WebManifestGenerator",
        "FingerprintedAssetsGenerator",
        "TranslationReportGenerator",
        "FeedsGenerator",
        "SitemapGenerator",
        "StalePagesRemoval",
    ]
