from __future__ import annotations

from pathlib import Path

import pytest

from sitetools import REPO, BuiltSite, run_pelican

SAMPLE_CONTENT = REPO / "content"
TEST_DATA_CONTENT = Path(__file__).parent / "test_data" / "content"


def build(content: Path, output: Path) -> BuiltSite:
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, content)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped sample content, built once for the whole session."""
    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tiny test_data site the plugin's unit tests know by heart."""
    return build(TEST_DATA_CONTENT, tmp_path_factory.mktemp("small") / "output")
