"""What every page of a government news site carries, checked on the built site:
the identity footer, the breadcrumb, related news, the editor line, the mourning
mode and the third-party badges (the QR codes are decoded in the browser tests).
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools import (
    LANGUAGE_PREFIXES,
    REPO,
    TEST_DATA_CONTENT,
    BuiltSite,
    run_pelican,
)

SETTINGS = runpy.run_path(str(REPO / "pelicanconf.py"))
FOOTER = SETTINGS["NEWSROOM_FOOTER"]
ARTICLE = {
    "zh": "/2024/05/foreign-affairs-plenary-2024/",
    "en": "/en/2024/05/foreign-affairs-plenary-2024/",
}
CRUMB_WORDS = {
    "zh": {
        "label": "当前位置：",
        "home": "首页",
        "archives": "往期回顾",
        "article": "正文",
    },
    "en": {
        "label": "You are here:",
        "home": "Home",
        "archives": "Archives",
        "article": "Article",
    },
}
RELATED_COUNT = 5
BADGE = {
    "id": "_jiucuo_",
    "script": "https://pucha.example.cn/exposure/jiucuo.js",
    "attributes": {"sitecode": "1101070001"},
}


def footer_value(field: str, lang: str) -> str:
    value = FOOTER[field]
    return value if isinstance(value, str) else value[lang]


def page_lang(page: BeautifulSoup) -> str:
    return "zh" if page.html["lang"].startswith("zh") else "en"


def test_every_page_carries_the_identity_footer_in_its_language(
    sample_site: BuiltSite,
) -> None:
    for url, page in sample_site.pages.items():
        lang = page_lang(page)
        footer = page.select_one("footer.site-footer")
        text = footer.get_text(" ", strip=True)
        for field in ("sponsor", "organiser", "address", "phone", "email"):
            assert footer_value(field, lang) in text, (url, field)
        assert f"{footer_value('site_code', lang)}" in text, url
        icp = footer.select_one("a.site-footer__icp")
        assert icp.get_text() == footer_value("icp_number", lang)
        assert icp["href"] == footer_value("icp_url", lang)
        police = footer.select_one("a.site-footer__police")
        assert police.get_text() == footer_value("police_number", lang)
        assert police["href"] == footer_value("police_url", lang)
        assert footer_value("copyright", lang) in text
        assert (
            str(datetime.now().year)
            in footer.select_one(".site-footer__copyright").get_text()
        )
        assert not footer.select("script"), "no badge unless configured"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footer_labels_come_from_the_catalog(sample_site: BuiltSite, lang) -> None:
    labels = [
        dt.get_text()
        for dt in sample_site.page(ARTICLE[lang]).select(".site-footer dt")
    ]
    expected = {
        "zh": ["主办单位：", "承办单位：", "地址：", "联系电话：", "电子邮箱："],
        "en": ["Sponsored by:", "Run by:", "Address:", "Telephone:", "Email:"],
    }
    assert labels[:5] == expected[lang]


def test_footer_links_each_language_version_of_the_about_page(
    sample_site: BuiltSite,
) -> None:
    for lang, prefix in LANGUAGE_PREFIXES.items():
        links = sample_site.page(ARTICLE[lang]).select(".site-footer__pages a")
        assert [a["href"] for a in links] == [f"/{prefix}about/"]


def trail_of(page: BeautifulSoup) -> list[tuple[str, str | None]]:
    """The visible breadcrumb: each step's words and link (None: the current)."""
    steps = page.select(".breadcrumb li")
    return [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in steps]


def breadcrumb_data(page: BeautifulSoup) -> dict:
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data["@type"] == "BreadcrumbList":
            return data
    raise AssertionError("no BreadcrumbList")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_breadcrumb_on_articles_topics_archives_and_pages(
    sample_site: BuiltSite, lang: str
) -> None:
    words, prefix = CRUMB_WORDS[lang], LANGUAGE_PREFIXES[lang]
    home = (words["home"], f"/{prefix}")
    article = sample_site.page(ARTICLE[lang])
    topic = article.select_one(".article__topic a")
    assert trail_of(article) == [
        home,
        (topic.get_text(), topic["href"]),
        (words["article"], None),
    ]
    assert article.select_one(".breadcrumb li[aria-current=page]")
    assert article.select_one("#breadcrumb-label").get_text() == words["label"]
    topic_page = sample_site.page(topic["href"])
    assert trail_of(topic_page) == [home, (topic.get_text(), None)]
    assert trail_of(sample_site.page(f"/{prefix}archives/")) == [
        home,
        (words["archives"], None),
    ]
    assert trail_of(sample_site.page(f"/{prefix}archives/2024/")) == [
        home,
        (words["archives"], f"/{prefix}archives/"),
        ("2024", None),
    ]
    about = sample_site.page(f"/{prefix}about/")
    assert trail_of(about) == [home, (about.h1.get_text(), None)]
    assert not sample_site.page(f"/{prefix}").select(".breadcrumb")


def test_breadcrumb_list_names_each_step_with_its_absolute_url(
    publish_site: BuiltSite,
) -> None:
    for lang, url in ARTICLE.items():
        page = publish_site.page(url)
        items = breadcrumb_data(page)["itemListElement"]
        visible = trail_of(page)
        assert [item["position"] for item in items] == [1, 2, 3]
        for item, (words, href) in zip(items[:-1], visible[:-1], strict=True):
            assert (item["name"], item["item"]) == (words, href)
        assert items[-1]["name"] == page.h1.get_text()
        assert items[-1]["item"] == page.select_one("link[rel=canonical]")["href"]
        assert publish_site.resolves(items[-1]["item"]), lang


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A generated corpus big enough for every topic to have more related news
    than are shown: the window of related news then moves along the topic."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    subprocess.run(
        [sys.executable, "bench/generate.py", "--pairs", "80", "--out", str(content)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    output = content.parent / "output"
    result = run_pelican(content, output, extra={"NEWSROOM_SEARCH_INDEX": "false"})
    assert result.returncode == 0, result.stderr
    return BuiltSite(output, content)


def topic_orders(site: BuiltSite) -> dict[tuple[str, str], list[str]]:
    """Each (language, topic)'s article URLs, newest first, from the sources."""
    orders: dict[tuple[str, str], list] = defaultdict(list)
    for lang in LANGUAGE_PREFIXES:
        for source in site.articles(lang):
            key = (lang, source.metadata["category"])
            orders[key].append((source.date, source.slug, source.url))
    return {
        key: [url for *_, url in sorted(items, reverse=True)]
        for key, items in orders.items()
    }


@pytest.mark.parametrize("site_name", ["sample_site", "corpus_site"])
def test_related_news_are_the_nearest_of_the_same_topic_newest_first(
    request: pytest.FixtureRequest, site_name: str
) -> None:
    site: BuiltSite = request.getfixturevalue(site_name)
    orders = topic_orders(site)
    if site_name == "corpus_site":
        assert max(map(len, orders.values())) > RELATED_COUNT + 1
    for order in orders.values():
        for position, url in enumerate(order):
            related = [a["href"] for a in site.page(url).select(".related li a")]
            assert len(related) == min(RELATED_COUNT, len(order) - 1), url
            assert url not in related
            assert all(other in order for other in related), "same topic and language"
            indexes = [order.index(other) for other in related]
            assert indexes == sorted(indexes), "newest first"
            # Nearest: with the article itself, one unbroken run of the topic.
            run = sorted([*indexes, position])
            assert run == list(range(run[0], run[-1] + 1)), url


def test_previous_and_next_within_the_topic(sample_site: BuiltSite) -> None:
    for order in topic_orders(sample_site).values():
        for position, url in enumerate(order):
            topic_links = sample_site.page(url).select(".neighbours")[0]
            newer = topic_links.select_one("a[rel=next]")
            older = topic_links.select_one("a[rel=prev]")
            expected_newer = order[position - 1] if position > 0 else None
            expected_older = order[position + 1] if position + 1 < len(order) else None
            if len(order) == 1:
                continue  # no topic neighbours: the first block is the language's
            assert (newer["href"] if newer else None) == expected_newer, url
            assert (older["href"] if older else None) == expected_older, url


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["作者：李文", "责任编辑：王晓明"]),
        ("en", ["Author:Li Wen", "Editor:Wang Xiaoming"]),
    ],
)
def test_author_and_editor_are_shown_after_the_body(
    sample_site: BuiltSite, lang: str, expected: list[str]
) -> None:
    page = sample_site.page(ARTICLE[lang])
    credits = page.select_one(".article__credits")
    lines = [span.get_text() for span in credits.find_all("span", recursive=False)]
    assert lines == expected
    assert credits.find_previous_sibling("div", class_="article__body")
    other = sample_site.page("/2023/06/moshikou-cultural-festival-2023/")
    assert not other.select(".article__credits")


def build_small(tmp_path: Path, **extra: object) -> tuple[BuiltSite, str]:
    settings = {key: json.dumps(value) for key, value in extra.items()}
    output = tmp_path / "output"
    result = run_pelican(TEST_DATA_CONTENT, output, extra=settings)
    return BuiltSite(output, TEST_DATA_CONTENT), result.stdout + result.stderr


def test_mourning_window_greys_every_page_and_badges_are_embedded(
    tmp_path: Path,
) -> None:
    site, log = build_small(
        tmp_path,
        NEWSROOM_MOURNING={"from": "2000-01-01", "to": "2999-12-31"},
        NEWSROOM_BADGES=[BADGE],
        NEWSROOM_SEARCH_INDEX=False,
    )
    assert site.pages, log
    for url, page in site.pages.items():
        assert "mourning" in page.html.get("class", []), url
        [script] = page.select(f".site-footer #{BADGE['id']} script")
        assert script["src"] == BADGE["script"]
        assert script["sitecode"] == BADGE["attributes"]["sitecode"]
    css = (site.output / "theme" / "css" / "site.css").read_text("utf-8")
    assert ".mourning { filter: grayscale(1); }" in css


def test_outside_the_window_nothing_is_grey(sample_site: BuiltSite, tmp_path) -> None:
    site, log = build_small(
        tmp_path,
        NEWSROOM_MOURNING={"from": "2001-04-04", "to": "2001-04-04"},
        NEWSROOM_SEARCH_INDEX=False,
    )
    assert site.pages, log
    assert not [url for url, p in site.pages.items() if p.html.get("class")]
    assert not [url for url, p in sample_site.pages.items() if p.html.get("class")]


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("NEWSROOM_MOURNING", {"from": "2024-04-04"}, "NEWSROOM_MOURNING: write"),
        (
            "NEWSROOM_FOOTER",
            {"sponsor": {"zh": "区政府"}},
            "NEWSROOM_FOOTER: sponsor: needs one string per language (zh, en);"
            " missing: en",
        ),
        ("NEWSROOM_BADGES", [{"id": "x", "script": "http://a.cn/b.js"}], "https://"),
    ],
)
def test_a_wrong_furniture_setting_stops_the_build_with_its_name(
    tmp_path: Path, setting: str, value: object, message: str
) -> None:
    output = tmp_path / "output"
    # Wide enough that Pelican's log does not wrap the message.
    result = run_pelican(
        TEST_DATA_CONTENT,
        output,
        extra={setting: json.dumps(value)},
        env={"COLUMNS": "400"},
    )
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not list(output.rglob("*.html"))
