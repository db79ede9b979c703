from __future__ import annotations

from pathlib import Path

import pytest

from sitetools import REPO, BuiltSite, run_pelican

SAMPLE_CONTENT = REPO / "content"
TEST_DATA_CONTENT = Path(__file__).parent / "test_data" / "content"


PUBLISH_SITEURL = "https://news.example.gov.cn"


def build(content: Path, output: Path) -> BuiltSite:
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, content)


def build_for_publishing(content: Path, output: Path, **extra: str) -> BuiltSite:
    """As `make publish` builds, with the SITEURL taken from the environment."""
    result = run_pelican(
        content,
        output,
        settings="publishconf.py",
        env={"SITEURL": PUBLISH_SITEURL},
        extra=extra,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, content, site_url=PUBLISH_SITEURL)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped sample content, built once for the whole session."""
    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tiny test_data site the plugin's unit tests know by heart."""
    return build(TEST_DATA_CONTENT, tmp_path_factory.mktemp("small") / "output")


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample content built with publishconf.py: absolute URLs, sitemap on."""
    output = tmp_path_factory.mktemp("publish") / "output"
    return build_for_publishing(SAMPLE_CONTENT, output)


@pytest.fixture(params=["sample_site", "publish_site"])
def either_build(request: pytest.FixtureRequest) -> BuiltSite:
    """The sample site as `make html` and as `make publish` build it."""
    return request.getfixturevalue(request.param)
