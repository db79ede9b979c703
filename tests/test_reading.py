"""Fast reading must not change a byte of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from newsroom.reading import NewsroomMarkdownReader
from newsroom.site import SITE_SETTING, build_newsroom
from newsroom.validation import CHECK_METADATA_KEY
from sitetools import REPO, BuiltSite, differing_files, run_pelican


@pytest.mark.parametrize("workers", [1, 2])
def test_serial_and_parallel_builds_write_the_same_bytes(
    sample_site: BuiltSite, tmp_path: Path, workers: int
) -> None:
    result = run_pelican(
        SAMPLE_CONTENT, tmp_path, extra={"NEWSROOM_READ_WORKERS": str(workers)}
    )
    assert result.returncode == 0, result.stderr
    # The session's sample site was built with the default: one worker per core.
    assert differing_files(sample_site.output, tmp_path) == []


def test_reused_markdown_instance_reads_like_pelicans_reader() -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    settings[SITE_SETTING] = build_newsroom(settings)
    ours, pelicans = NewsroomMarkdownReader(settings), MarkdownReader(settings)
    sources = sorted(SAMPLE_CONTENT.rglob("*.md"))
    assert len(sources) > 20
    for source in sources:
        content, metadata = ours.read(str(source))
        # Ours also carries the file's check, and escapes the plain-text summary.
        assert not metadata.pop(CHECK_METADATA_KEY).errors
        expected_content, expected = pelicans.read(str(source))
        if "summary" in expected:
            expected["summary"] = escape(expected["summary"])
        assert (content, metadata) == (expected_content, expected), source
