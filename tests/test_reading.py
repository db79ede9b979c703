"""Fast reading must not change a byte of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from newsroom.media.references import MediaExtension, SourceMedia
from newsroom.read.inline_patterns import QuoteFirst
from newsroom.read.reader import NewsroomMarkdownReader
from newsroom.settings import CHECK_METADATA_KEY, MEDIA_METADATA_KEY, SITE_SETTING
from newsroom.site.newsroom import build_newsroom
from newsroom.validate.html_safety import html_problems
from sitetools import REPO, BuiltSite, differing_files, run_pelican


@pytest.mark.parametrize("workers", [1, 2])
def test_serial_and_parallel_builds_write_the_same_bytes(
    sample_site: BuiltSite, tmp_path: Path, workers: int
) -> None:
    result = run_pelican(
        SAMPLE_CONTENT, tmp_path, extra={"NEWSROOM_WORKERS": str(workers)}
    )
    assert result.returncode == 0, result.stderr
    # The session's sample site was built with the default: one worker per core.
    assert differing_files(sample_site.output, tmp_path) == []


def pelicans_reader(settings: dict) -> MarkdownReader:
    """Pelican's own reader, with the photos' figures and placeholders."""
    markdown = settings["MARKDOWN"]
    extensions = [*markdown.get("extensions", []), MediaExtension()]
    return MarkdownReader(
        {**settings, "MARKDOWN": {**markdown, "extensions": extensions}}
    )


def photo_count(media: SourceMedia | None) -> int:
    """The Markdown images whose placeholders the safety check lets through."""
    return 0 if media is None else len(media.images)


def test_reused_markdown_instance_reads_like_pelicans_reader() -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    settings[SITE_SETTING] = build_newsroom(settings)
    ours, pelicans = NewsroomMarkdownReader(settings), pelicans_reader(settings)
    sources = sorted(SAMPLE_CONTENT.rglob("*.md"))
    assert len(sources) > 20
    for source in sources:
        content, metadata = ours.read(str(source))
        # Ours also carries the file's check, escapes the plain-text summary
        # and publishes the body as the safety check's nh3 wrote it.
        assert not metadata.pop(CHECK_METADATA_KEY).errors
        photos = photo_count(metadata.pop(MEDIA_METADATA_KEY, None))
        expected_content, expected = pelicans.read(str(source))
        expected_content = html_problems(expected_content, photos)[0]
        if "summary" in expected:
            expected["summary"] = escape(expected["summary"])
        assert (content, metadata) == (expected_content, expected), source


HEADER = """Title: Test article
Date: 2024-05-16 10:00
Source: District News Office
Category: economy
Slug: test-article
Summary: {summary}

"""
# One after another through the same reader: a pattern left out for one file
# must be back for the next. Each feature's trigger appears in some file only.
BODIES = [
    ("Plain text only.", "Plain."),
    (
        "A *strong* and _em_ text with `code`, a [link](https://example.org),"
        " ![a picture](a.png), <https://example.org>, AT&amp;T, a line  \n"
        "break, \\*escaped\\* and a note[^1].\n\n[^1]: The note.",
        "Plain.",
    ),
    ("Plain text again.", "Plain."),
    ("He said \"yes\" -- and 'no'... it's the '90s.", "Plain."),
    ("Plain body.", 'A "quoted" summary -- with dashes...'),
    ("*[HTML]: Hyper Text Markup Language\n\nThe HTML of it.", "Plain."),
    # Every quote pattern, its quote far into a paragraph and right at the
    # start of one (each is searched from just before the first quote).
    (
        "'. begins here, and a long run of words before any quote, then the "
        "district's plan, \"'twas\" and '\"so\"' in the '90s; "
        "x&nbsp;'open', --\"dash\", &#8212;'entity', &mdash;\"ent\", "
        'end\'" and end"\' \'quoted\' "double" "\n\n'
        "Plain paragraph without any.\n\n\"'. starts a paragraph, ' alone "
        "and \" alone, it's.",
        'Residents\' "quoted" summary.',
    ),
]


def test_inline_pattern_filter_changes_no_output(tmp_path: Path) -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    settings["PATH"] = str(tmp_path)
    settings[SITE_SETTING] = build_newsroom({**settings, "PATH": str(SAMPLE_CONTENT)})
    ours, pelicans = NewsroomMarkdownReader(settings), pelicans_reader(settings)
    source = tmp_path / "en" / "2024" / "test-article.md"
    source.parent.mkdir(parents=True)
    for body, summary in BODIES:
        source.write_text(HEADER.format(summary=summary) + body, encoding="utf-8")
        content, metadata = ours.read(str(source))
        assert not metadata.pop(CHECK_METADATA_KEY).errors
        photos = photo_count(metadata.pop(MEDIA_METADATA_KEY, None))
        expected_content, expected = pelicans.read(str(source))
        expected_content = html_problems(expected_content, photos)[0]
        expected["summary"] = escape(expected["summary"])
        assert (content, metadata) == (expected_content, expected), body


QUOTE_TEXTS = [
    "x&nbsp;'open' and --\"dash\" and &#8212;'entity' and &mdash;\"ent\"",
    "'. at the start, \"'twas\", '\"so\"', the '90s, end'\" and end\"'",
    "a long run of words first, then the district's plan",
    "no quote at all",
]


def test_quote_patterns_find_what_their_expressions_find() -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    settings[SITE_SETTING] = build_newsroom(settings)
    smarty = NewsroomMarkdownReader(settings)._markdown.treeprocessors["smarty"]
    patterns = [
        p for p in smarty.inlinePatterns if isinstance(p.compiled_re, QuoteFirst)
    ]
    assert len(patterns) == 15
    for pattern in patterns:
        quick, plain = pattern.compiled_re, pattern.compiled_re.expression
        for text in QUOTE_TEXTS:
            for start in range(len(text)):
                found = [m.span() for m in quick.finditer(text, start)]
                assert found == [m.span() for m in plain.finditer(text, start)]
