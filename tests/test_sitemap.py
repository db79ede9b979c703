"""sitemap.xml and robots.txt of the publish build, read as a crawler reads them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from sitetools import (
    PUBLISH_SITEURL,
    TEST_DATA_CONTENT,
    BuiltSite,
    build_for_publishing,
    run_pelican,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_urls(site: BuiltSite) -> list[ElementTree.Element]:
    root = ElementTree.parse(site.output / "sitemap.xml").getroot()
    return root.findall(f"{SITEMAP}url")


def loc(url: ElementTree.Element) -> str:
    return url.findtext(f"{SITEMAP}loc")


def alternates(url: ElementTree.Element) -> dict[str, str]:
    links = url.findall(f"{XHTML}link")
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def robots_rules(site: BuiltSite) -> list[tuple[str, str]]:
    lines = (site.output / "robots.txt").read_text("utf-8").splitlines()
    return [
        (key.strip().lower(), value.strip())
        for key, _, value in (line.partition(":") for line in lines if line)
    ]


def test_sitemap_lists_every_page_once(publish_site: BuiltSite) -> None:
    locs = [loc(url) for url in sitemap_urls(publish_site)]
    assert [u for u, n in Counter(locs).items() if n > 1] == []
    written = {publish_site.site_url + url for url in publish_site.indexed_pages}
    assert set(locs) == written


def test_sitemap_alternates_are_reciprocal_and_match_the_pages(
    publish_site: BuiltSite,
) -> None:
    by_loc = {loc(url): alternates(url) for url in sitemap_urls(publish_site)}
    paired = 0
    for page_url, links in by_loc.items():
        assert page_url in links.values(), "a page is its own alternate"
        assert "x-default" in links
        for hreflang, href in links.items():
            assert by_loc[href] == links, (page_url, hreflang)
        page = publish_site.page(publish_site.site_path(page_url))
        in_head = {
            link["hreflang"]: link["href"]
            for link in page.select("head link[rel=alternate][hreflang]:not([type])")
        }
        assert in_head == links, page_url
        paired += len(links) > 2
    assert paired >= 20


def test_alternates_use_href(publish_site: BuiltSite) -> None:
    """The published pelican-sitemap writes ``ref=``; crawlers ignore that."""
    text = (publish_site.output / "sitemap.xml").read_text("utf-8")
    assert " ref=" not in text
    links = [link for url in sitemap_urls(publish_site) for link in url]
    assert all(link.get("href") for link in links if link.tag == f"{XHTML}link")


def test_article_lastmod_is_modified_else_date(publish_site: BuiltSite) -> None:
    by_loc = {loc(url): url for url in sitemap_urls(publish_site)}
    modified = 0
    for lang in ("zh", "en"):
        for source in publish_site.articles(lang):
            lastmod = by_loc[publish_site.site_url + source.url].findtext(
                f"{SITEMAP}lastmod"
            )
            changed = source.metadata.get("modified", source.metadata["date"])
            assert lastmod == changed.replace(" ", "T") + ":00+08:00", source.path
            modified += "modified" in source.metadata
    assert modified > 0


def test_robots_points_at_the_sitemap_and_keeps_the_newsroom_out(
    publish_site: BuiltSite,
) -> None:
    rules = robots_rules(publish_site)
    assert ("user-agent", "*") in rules
    assert ("disallow", "/newsroom/") in rules
    assert ("sitemap", f"{PUBLISH_SITEURL}/sitemap.xml") in rules


def test_disallowed_pages_stay_out_of_the_sitemap(tmp_path: Path) -> None:
    site = build_for_publishing(
        TEST_DATA_CONTENT, tmp_path / "output", NEWSROOM_ROBOTS_DISALLOW='["about/"]'
    )
    assert ("disallow", "/about/") in robots_rules(site)
    locs = {loc(url) for url in sitemap_urls(site)}
    assert f"{PUBLISH_SITEURL}/about/" not in locs
    assert f"{PUBLISH_SITEURL}/en/about/" in locs


def test_dev_build_writes_no_sitemap(sample_site: BuiltSite) -> None:
    assert not (sample_site.output / "sitemap.xml").exists()
    assert not (sample_site.output / "robots.txt").exists()


@pytest.mark.parametrize("site_url", ["", "www.example.gov.cn", "/news"])
def test_publishing_without_an_absolute_siteurl_fails_clearly(
    tmp_path: Path, site_url: str
) -> None:
    result = run_pelican(
        TEST_DATA_CONTENT,
        tmp_path / "output",
        settings="publishconf.py",
        env={"SITEURL": site_url},
    )
    assert result.returncode != 0
    assert "SITEURL" in result.stdout + result.stderr
    assert not (tmp_path / "output" / "sitemap.xml").exists()
