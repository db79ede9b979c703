"""The preview (`make serve`) reloads an open page once a rebuild changed it;
the published site carries no such script."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser

from browser.conftest import page_opener, serving
from sitetools import TEST_DATA_CONTENT, BuiltSite, run_pelican

ARTICLE = "en/2024/plenary.md"
TITLE = "Foreign Affairs Committee holds plenary meeting"
EDITED = "Foreign Affairs Committee holds its plenary meeting"


def preview_build(content: Path, output: Path, cache: Path) -> None:
    """A build as `make serve` runs each one (its -e overrides)."""
    result = run_pelican(
        content,
        output,
        extra={
            "CACHE_CONTENT": "true",
            "LOAD_CONTENT_CACHE": "true",
            "CACHE_PATH": f'"{cache.as_posix()}"',
            "NEWSROOM_SEARCH_INDEX": "false",
            "NEWSROOM_LIVE_RELOAD": "true",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_open_page_shows_the_rebuilt_page_by_itself(
    browser: Browser, tmp_path: Path
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(TEST_DATA_CONTENT, content)
    preview_build(content, output, tmp_path / "cache")
    source = content / ARTICLE
    with serving(output) as url, page_opener(browser, url) as open_page:
        page = open_page("/en/2024/05/plenary/")
        assert page.text_content("h1") == TITLE
        source.write_text(
            source.read_text(encoding="utf-8").replace(TITLE, EDITED, 1),
            encoding="utf-8",
        )
        preview_build(content, output, tmp_path / "cache")
        page.wait_for_function(
            "title => document.querySelector('h1').textContent === title",
            arg=EDITED,
            timeout=10_000,
        )


def test_the_published_site_loads_no_reload_script(sample_site: BuiltSite) -> None:
    assert sample_site.pages
    for page in sample_site.pages.values():
        assert not page.select('script[src*="live-reload"]')
