"""Each article's and page's URLs are stored once, as Pelican computes them."""

from __future__ import annotations

import pytest
from pelican.contents import Article, Page
from pelican.settings import read_settings
from pelican.utils import SafeDatetime

from newsroom.read.content_attributes import prepare_attributes
from sitetools import REPO


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(REPO / "pelicanconf.py"))


@pytest.mark.parametrize("kind", [Article, Page])
@pytest.mark.parametrize("status", ["published", "hidden", "draft"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stored_urls_are_pelicans_own(
    settings: dict, kind: type[Article | Page], status: str, lang: str
) -> None:
    metadata = {
        "title": "标题",
        "date": SafeDatetime(2026, 3, 5, 9),
        "slug": "district-news",
        "lang": lang,
        "status": status,
    }
    content = kind("<p>正文</p>", metadata=metadata, settings=settings)
    for key in ("url", "save_as"):  # as the plugin's signal may have set them
        vars(content).pop(f"override_{key}", None)
    pelicans = (content.url, content.save_as)
    prepare_attributes(content)
    assert (content.override_url, content.override_save_as) == pelicans
    assert "district-news" in content.url
