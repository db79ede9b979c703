"""Factories for the in-process unit tests, as Pelican's own tests/support.py has:
the project's settings with the site loaded, and articles and pages as Pelican
creates them (with the attributes the plugin gives each on creation)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pelican.contents import Article, Page
from pelican.settings import read_settings
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from newsroom.read.content_attributes import prepare_attributes
from newsroom.settings import SITE_SETTING
from newsroom.site.newsroom import Newsroom, build_newsroom, newsroom_of
from sitetools import REPO, TEST_DATA_CONTENT


@cache
def _project_settings() -> dict[str, Any]:
    settings = read_settings(
        str(REPO / "pelicanconf.py"), override={"PATH": str(TEST_DATA_CONTENT)}
    )
    settings[SITE_SETTING] = build_newsroom(settings)
    return settings


def get_settings(**overrides: Any) -> dict[str, Any]:
    """pelicanconf.py's settings on the test_data content, the site loaded as
    at ``initialized``; an override of a NEWSROOM_* setting reloads the site."""
    settings = {**_project_settings(), **overrides}
    if any(key.startswith("NEWSROOM_") for key in overrides):
        settings[SITE_SETTING] = build_newsroom(settings)
    return settings


def get_newsroom() -> Newsroom:
    return newsroom_of(_project_settings())


def get_article(
    slug: str = "district-news",
    lang: str = "zh",
    *,
    title: str = "区政府召开常务会议",
    date: tuple[int, ...] = (2024, 5, 16, 10),
    topic: str = "news",
    content: str = "<p>正文</p>",
    settings: dict[str, Any] | None = None,
    **metadata: Any,
) -> Article:
    settings = settings or get_settings()
    article = Article(
        content,
        metadata={
            "title": title,
            "date": SafeDatetime(*date),
            "slug": slug,
            "lang": lang,
            "category": Category(topic, settings),
            "source": "区融媒体中心",
            **metadata,
        },
        settings=settings,
        source_path=str(TEST_DATA_CONTENT / lang / str(date[0]) / f"{slug}.md"),
    )
    prepare_attributes(article)
    return article


def get_page(slug: str = "about", lang: str = "zh", **metadata: Any) -> Page:
    settings = get_settings()
    page = Page(
        "<p>关于我们</p>",
        metadata={"title": "关于", "slug": slug, "lang": lang, **metadata},
        settings=settings,
        source_path=str(TEST_DATA_CONTENT / lang / "pages" / f"{slug}.md"),
    )
    prepare_attributes(page)
    return page
