from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from local_nginx import running_nginx
from newsroom.site.languages import Language, load_languages
from nginxtools import ServedSite, make, require_nginx
from sitetools import (
    REPO,
    TEST_DATA_CONTENT,
    BuiltSite,
    build_for_publishing,
    run_pelican,
)

SAMPLE_CONTENT = REPO / "content"
GENERATOR = REPO / "bench" / "generate.py"
GENERATED_PAIRS = 300
# The search index is cut into chunks of about 20,000 article numbers, and a
# search fetches only the chunks its terms are in: what goes wrong where one
# chunk ends shows on big sites. At 1,000, each language's index of the
# generated site has as many chunks as a site of thousands of articles
# (about 70 at 2,000 pairs with the default).
SMALL_SEARCH_CHUNKS = {"NEWSROOM_SEARCH_CHUNK_SIZE": "1000"}

# No time limit per example: speed is measured in bench/, never asserted in a
# test, and under coverage on a shared machine an example can take 0.4 s.
hypothesis_settings.register_profile("newsroom", deadline=None)
hypothesis_settings.load_profile("newsroom")


def build(
    content: Path, output: Path, extra: dict[str, str] | None = None
) -> BuiltSite:
    result = run_pelican(content, output, extra=extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, content)


# The languages of pelicanconf.py, for tests of the plugin's parts.
LANGUAGE_SETTINGS = {
    "NEWSROOM_LANGUAGES": [
        {
            "code": "zh",
            "html_lang": "zh-Hans",
            "locale": "zh_Hans_CN",
            "og_locale": "zh_CN",
        },
        {"code": "en", "html_lang": "en", "locale": "en_US", "og_locale": "en_US"},
    ]
}


@pytest.fixture
def languages() -> dict[str, Language]:
    return load_languages(LANGUAGE_SETTINGS["NEWSROOM_LANGUAGES"])


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped sample content, built once for the whole session."""
    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The benchmark's synthetic corpus (bench/generate.py), a few hundred
    articles per language, built once; its search index chunked as finely as
    a site of thousands of articles."""
    root = tmp_path_factory.mktemp("generated")
    content = root / "content"
    command = [sys.executable, str(GENERATOR), "--pairs", str(GENERATED_PAIRS)]
    subprocess.run([*command, "--out", str(content)], check=True, capture_output=True)
    return build(content, root / "output", extra=SMALL_SEARCH_CHUNKS)


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


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site as `make deploy` puts it on a server: nginx running the
    shipped deploy/nginx.conf on a free local port, one release deployed."""
    require_nginx()
    folder = tmp_path_factory.mktemp("served")
    with running_nginx(folder) as server:
        deployed = make("deploy", server, OUTPUT=folder / "output")
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        yield ServedSite(server, deployed.stdout)


@pytest.fixture(scope="session")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good test_data site, built once: what every failed build must keep."""
    output = tmp_path_factory.mktemp("previous") / "output"
    result = run_pelican(TEST_DATA_CONTENT, output, atomic=True)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture
def workspace(tmp_path: Path, previous_site: Path) -> Path:
    """A fresh copy of the test content and of the previously built site."""
    shutil.copytree(TEST_DATA_CONTENT, tmp_path / "content")
    shutil.copytree(previous_site, tmp_path / "output")
    return tmp_path
