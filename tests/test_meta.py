"""What search engines, social sites and government crawlers read in each head."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools import (
    HTML_LANG,
    LANGUAGE_PREFIXES,
    TEST_DATA_CONTENT,
    BuiltSite,
    Source,
    build_for_publishing,
)

LANGUAGES = list(LANGUAGE_PREFIXES)
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
PUBLISHER = {
    "zh": "北京市石景山区人民政府新闻办公室",
    "en": "News Office of the People's Government of Shijingshan District, Beijing",
}


def other(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def json_ld(page: BeautifulSoup, kind: str = "NewsArticle") -> dict:
    """The page's one JSON-LD object of type ``kind``."""
    scripts = page.select('script[type="application/ld+json"]')
    [data] = [
        d for d in map(json.loads, (s.string for s in scripts)) if d["@type"] == kind
    ]
    return data


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.select_one(f'head meta[name="{key}"], head meta[property="{key}"]')
    assert tag is not None, key
    return tag["content"]


def counterpart(site: BuiltSite, source: Source) -> Source | None:
    return next(
        (
            s
            for s in site.sources
            if s.lang != source.lang
            and s.slug == source.slug
            and s.is_page == source.is_page
        ),
        None,
    )


def every_article(site: BuiltSite) -> list[Source]:
    return [s for lang in LANGUAGES for s in site.articles(lang)]


def test_every_article_is_a_news_article(either_build: BuiltSite) -> None:
    for source in every_article(either_build):
        url = either_build.site_url + source.url
        data = json_ld(either_build.page(source.url))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == source.metadata["title"]
        assert data["datePublished"] == f"{source.date:%Y-%m-%dT%H:%M}:00+08:00"
        assert data["dateModified"].endswith("+08:00")
        assert data["inLanguage"] == HTML_LANG[source.lang]
        assert data["publisher"] == {
            "@type": "Organization",
            "name": PUBLISHER[source.lang],
        }
        assert data["mainEntityOfPage"]["@id"] == url


def test_translations_point_at_each_other(publish_site: BuiltSite) -> None:
    """The Chinese text is the original; the English one its translation."""
    pairs = 0
    for source in every_article(publish_site):
        data = json_ld(publish_site.page(source.url))
        twin = counterpart(publish_site, source)
        if twin is None:
            assert "workTranslation" not in data
            assert "translationOfWork" not in data
            continue
        twin_url = publish_site.site_url + twin.url
        if source.lang == "zh":
            assert [work["url"] for work in data["workTranslation"]] == [twin_url]
            assert "translationOfWork" not in data
        else:
            assert data["translationOfWork"]["url"] == twin_url
            assert data["translationOfWork"]["inLanguage"] == "zh-Hans"
            assert "workTranslation" not in data
        pairs += 1
    assert pairs >= 16


def test_modified_articles_say_so(publish_site: BuiltSite) -> None:
    modified = [s for s in every_article(publish_site) if "modified" in s.metadata]
    assert modified
    for source in modified:
        data = json_ld(publish_site.page(source.url))
        stamp = source.metadata["modified"].replace(" ", "T") + ":00+08:00"
        assert data["dateModified"] == stamp
        assert meta(publish_site.page(source.url), "article:modified_time") == stamp


def test_every_page_has_canonical_og_and_a_description(
    either_build: BuiltSite,
) -> None:
    for url, page in either_build.pages.items():
        lang = "en" if url.startswith("/en/") else "zh"
        absolute = either_build.site_url + url
        assert page.select_one("head link[rel=canonical]")["href"] == absolute
        assert meta(page, "og:url") == absolute
        assert meta(page, "og:title")
        assert meta(page, "description")
        assert meta(page, "og:locale") == OG_LOCALE[lang]
        expected_type = "article" if page.select_one("article time") else "website"
        assert meta(page, "og:type") == expected_type, url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_og_locale_alternate_only_where_a_translation_exists(
    sample_site: BuiltSite, lang: str
) -> None:
    for source in sample_site.articles(lang):
        page = sample_site.page(source.url)
        alternates = [
            tag["content"]
            for tag in page.select('head meta[property="og:locale:alternate"]')
        ]
        has_twin = counterpart(sample_site, source) is not None
        assert alternates == ([OG_LOCALE[other(lang)]] if has_twin else [])


def test_articles_carry_their_summary_and_title(sample_site: BuiltSite) -> None:
    for source in every_article(sample_site):
        page = sample_site.page(source.url)
        assert meta(page, "og:title") == source.metadata["title"]
        summary = source.metadata["summary"]
        assert meta(page, "description").replace("\u2019", "'") == summary


@pytest.mark.parametrize("lang", LANGUAGES)
def test_government_article_meta_tags(sample_site: BuiltSite, lang: str) -> None:
    for source in sample_site.articles(lang):
        page = sample_site.page(source.url)
        assert meta(page, "ArticleTitle") == page.h1.get_text(strip=True)
        assert meta(page, "PubDate") == f"{source.date:%Y-%m-%d %H:%M}"
        assert meta(page, "ContentSource") == source.metadata["source"]
        assert meta(page, "ColumnName") == page.select_one(
            ".article__topic a"
        ).get_text(strip=True)


def test_a_script_end_tag_in_a_title_cannot_break_out(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    title = 'Lantern </script><script>alert("x")</script> fair'
    lantern = content / "en" / "2023" / "lantern.md"
    lantern.write_text(
        lantern.read_text("utf-8").replace(
            "Title: Moshikou lantern fair opens", f"Title: {title}"
        ),
        encoding="utf-8",
    )
    site = build_for_publishing(content, tmp_path / "output")
    page = site.page("/en/2023/02/lantern/")
    assert json_ld(page)["headline"] == title
