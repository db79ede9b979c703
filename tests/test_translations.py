"""Translation status, the newsroom page, strict publishing, make new-article."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from newsroom.validate.translations import Version, build_report
from sitetools import REPO, TEST_DATA_CONTENT, run_pelican

REPORT_PAGE = Path("newsroom", "translations", "index.html")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """test_data with a stale English lantern article and a mismatched plenary pair."""
    root = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, root)
    edit(root / "zh/2023/lantern.md", "Slug:", "Modified: 2024-03-01 08:00\nSlug:")
    edit(root / "en/2024/plenary.md", "Category: news", "Category: culture")
    return root


def test_the_build_summarises_and_make_translations_lists(content, tmp_path) -> None:
    result = run_pelican(
        content,
        tmp_path / "output",
        extra={"NEWSROOM_LIST_TRANSLATIONS": "true"},
        atomic=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "Translations: articles per language zh 3, en 3; 2 without a translation, "
        "1 stale, 1 mismatched (make translations lists them)"
    ) in lines
    listing = [line for line in lines if line.startswith("content/")]
    assert listing == [
        "content/en/2023/en-only.md: en: no zh translation",
        "content/en/2023/lantern.md: en: stale: content/zh/2023/lantern.md was "
        "modified 2024-03-01 08:00, this translation last changed 2023-02-05 18:00",
        "content/en/2024/plenary.md: en: mismatch: topic culture, but news in "
        "content/zh/2024/plenary.md",
        "content/zh/2024/zh-only.md: zh: no en translation",
    ]


def test_the_newsroom_page_is_noindex_and_linked_from_nowhere(content, tmp_path):
    output = tmp_path / "output"
    assert run_pelican(content, output, atomic=True).returncode == 0
    page = BeautifulSoup((output / REPORT_PAGE).read_text(), "html.parser")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    cells = [td.get_text() for td in page.select("#stale + table td")]
    assert "content/en/2023/lantern.md" in cells
    for path in output.rglob("*.html"):
        if path != output / REPORT_PAGE:
            assert "newsroom/" not in path.read_text(), path


def test_strict_publishing_refuses_gaps_and_keeps_the_site(content, tmp_path) -> None:
    output = tmp_path / "output"
    assert run_pelican(content, output, atomic=True).returncode == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    edit(
        content / "zh/2024/zh-only.md", "Source:", "Modified: 2024-09-01 10:00\nSource:"
    )
    result = run_pelican(
        content,
        output,
        settings="publishconf.py",
        extra={"NEWSROOM_STRICT_TRANSLATIONS": "true"},
        atomic=True,
    )
    assert result.returncode == 1
    assert "content/zh/2024/zh-only.md: zh: no en translation" in result.stderr
    assert "NEWSROOM_STRICT_TRANSLATIONS is on" in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_publishing_is_lenient_by_default(content, tmp_path) -> None:
    result = run_pelican(
        content, tmp_path / "output", settings="publishconf.py", atomic=True
    )
    assert result.returncode == 0, result.stderr


def version(lang: str, modified: str | None) -> Version:
    return Version(
        path=f"content/{lang}/x.md",
        lang=lang,
        key="x",
        topic="news",
        date=datetime(2024, 1, 1, 9),
        modified=datetime.fromisoformat(modified) if modified else None,
    )


def test_a_correction_in_the_translation_leaves_the_original_current() -> None:
    report = build_report(
        [version("zh", "2024-02-01 10:00"), version("en", "2024-03-01 10:00")],
        ("zh", "en"),
    )
    assert (report.stale, report.missing, report.mismatches) == ([], [], [])
    report = build_report(
        [version("zh", "2024-02-01 10:00"), version("en", None)], ("zh", "en")
    )
    assert [s.translation.lang for s in report.stale] == ["en"]


def new_article(content: Path, key: str, topic: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(REPO / "tools" / "new_article.py")]
    command += ["--key", key, "--topic", topic, "--content", str(content)]
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=False
    )


def test_new_article_makes_a_draft_pair_that_builds(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    result = new_article(content, "district-fair", "culture")
    assert result.returncode == 0, result.stderr
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    created = [content / lang / str(year) / "district-fair.md" for lang in ("zh", "en")]
    for path in created:
        header = path.read_text(encoding="utf-8").split("\n\n")[0]
        fields = dict(line.split(": ", 1) for line in header.splitlines())
        assert fields.keys() >= {"Title", "Date", "Source", "Category", "Slug"}
        assert (fields["Category"], fields["Slug"], fields["Status"]) == (
            "culture",
            "district-fair",
            "draft",
        )
        assert fields["Date"].startswith(f"{year}-")
    output = tmp_path / "output"
    built = run_pelican(content, output, atomic=True)
    assert built.returncode == 0, built.stderr
    assert not list(output.rglob("district-fair"))  # a draft is not published

    edit(created[0], "Status: draft\n", "")
    refused = run_pelican(content, output, atomic=True)
    assert refused.returncode == 1
    zh_file = f"content/zh/{year}/district-fair.md"
    assert f"{zh_file}:1: Title: still has the placeholder [TODO]" in refused.stderr


def test_new_article_never_overwrites_and_checks_its_arguments(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    existing = content / "en" / "2023" / "lantern.md"
    before = existing.read_bytes()
    result = new_article(content, "lantern", "culture")
    assert result.returncode == 1
    assert f"{existing} already exists; nothing was written" in result.stderr
    assert existing.read_bytes() == before
    assert not (content / "zh" / str(datetime.now().year) / "lantern.md").exists()
    assert "is not a translation key" in new_article(content, "Bad Key", "news").stderr
    assert "TOPIC 'sport' is not one of" in new_article(content, "ok", "sport").stderr
