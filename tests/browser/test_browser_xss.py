"""Payloads that are not refused build pages on which, in Chromium, nothing runs.

One site holds every body payload of tests/test_data/xss_payloads.txt that
the check lets through (code, escaped text, links it allows), and payloads in
every plain-text field that reaches a page or a feed: Title, Source, Summary
and a topic's names in topics.toml (Slug and Category are refused by their
grammar: tests/test_html_safety.py). On each page no dialog opens, no
``window.xssRan`` is set, nothing is requested from another host, nothing
navigates and no form is sent.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Browser, Page, Route

from sitetools import TEST_DATA_CONTENT, BuiltSite, run_pelican
from xss_cases import PayloadReader, article, payloads

from .conftest import serving

ATOM_TITLE = "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title"
# Events an inline handler could wait for without a click.
PROVOKE = """() => {
  for (const element of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "focus", "toggle", "load"]) {
      element.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}"""
FIELD_PAYLOADS = [p for p in payloads() if "\n" not in p and "\t" not in p][:30]
TOPIC_NAMES = {
    "zh": "<script>alert(1)</script>栏目",
    "en": '<img src=x onerror="alert(1)">',
}


def field_articles() -> list[dict[str, str]]:
    """Title, Source and Summary payloads, three to an article."""
    return [
        {
            "title": FIELD_PAYLOADS[i],
            "source": FIELD_PAYLOADS[i + 1],
            "summary": FIELD_PAYLOADS[i + 2],
        }
        for i in range(0, len(FIELD_PAYLOADS) - 2, 3)
    ]


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    scratch = tmp_path_factory.mktemp("xss")
    reader = PayloadReader(scratch / "scratch")
    passing = [p for p in payloads() if not reader.read(article(p)).errors]
    content = scratch / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    with (content / "topics.toml").open("a", encoding="utf-8") as topics:
        topics.write("\n[xss]\n")
        for lang, name in TOPIC_NAMES.items():
            topics.write(f"{lang} = {json.dumps(name, ensure_ascii=False)}\n")
    for number, payload in enumerate(passing):
        path = content / "en" / "2024" / f"body-{number}.md"
        path.write_text(article(payload, slug=f"body-{number}"), encoding="utf-8")
    for number, fields in enumerate(field_articles()):
        for lang in ("en", "zh"):
            path = content / lang / "2024" / f"fields-{number}.md"
            text = article(
                "Plain body.", slug=f"fields-{number}", category="xss", **fields
            )
            path.write_text(text, encoding="utf-8")
    output = scratch / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stderr
    site = BuiltSite(output, content)
    site.passing_payloads = len(passing)
    return site


@pytest.fixture(scope="module")
def xss_url(xss_site: BuiltSite) -> Iterator[str]:
    with serving(xss_site.output) as url:
        yield url


def payload_pages(site: BuiltSite) -> list[str]:
    return [
        url
        for url in site.pages
        if "/body-" in url or "/fields-" in url or "/topics/xss/" in url
    ] + ["/", "/en/", "/archives/", "/en/archives/"]


def test_field_payloads_show_as_text(xss_site: BuiltSite) -> None:
    for number, fields in enumerate(field_articles()):
        page = xss_site.page(f"/en/2024/06/fields-{number}/")
        assert page.select_one("h1.article__title").get_text() == fields["title"]
        assert fields["source"] in page.select_one(".article__meta").get_text()
    topic_page = xss_site.page("/en/topics/xss/")
    assert topic_page.select_one("h1").get_text() == TOPIC_NAMES["en"]
    assert (
        xss_site.page("/topics/xss/").select_one("h1").get_text() == TOPIC_NAMES["zh"]
    )
    feed = ElementTree.parse(xss_site.output / "en" / "feeds" / "atom.xml")
    titles = {title.text for title in feed.getroot().iterfind(ATOM_TITLE)}
    assert {fields["title"] for fields in field_articles()} <= titles


def test_the_detector_sees_a_payload_that_runs(browser: Browser) -> None:
    """The checks below would see a payload that ran: here one does."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content(
        '<p onmouseover="alert(7)">x</p><img src=x onerror="window.xssRan=1">'
    )
    page.evaluate(PROVOKE)
    page.wait_for_timeout(100)
    assert dialogs == ["7"]
    assert page.evaluate("window.xssRan") == 1
    page.close()


def test_no_payload_runs_loads_or_navigates(
    browser: Browser, xss_site: BuiltSite, xss_url: str
) -> None:
    context = browser.new_context(base_url=xss_url)
    foreign: list[str] = []
    dialogs: list[str] = []
    sent: list[str] = []
    navigations: list[str] = []

    def refuse_foreign(route: Route) -> None:
        foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(xss_url), refuse_foreign)
    page: Page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: sent.append(r.url) if r.method != "GET" else None)
    page.on(
        "framenavigated",
        lambda frame: (
            navigations.append(frame.url) if frame == page.main_frame else None
        ),
    )
    visited = payload_pages(xss_site)
    assert len(visited) > xss_site.passing_payloads
    ran = []
    for path in visited:
        page.goto(path)
        page.evaluate(PROVOKE)
        page.wait_for_timeout(50)
        if page.evaluate("window.xssRan") is not None:
            ran.append(path)
    page.wait_for_timeout(300)
    context.close()
    assert (dialogs, ran, foreign, sent) == ([], [], [], [])
    assert navigations == [xss_url + path for path in visited]


@pytest.mark.parametrize("lang_prefix", ["/", "/en/"])
def test_search_results_show_payload_titles_as_text(
    browser: Browser, xss_url: str, lang_prefix: str
) -> None:
    """The search page builds its results in the browser, from the index."""
    page = browser.new_page(base_url=xss_url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{lang_prefix}search/?q=alert")
    results = page.locator("#search-results li")
    results.first.wait_for()
    titles = set(page.locator("#search-results li a").all_inner_texts())
    page.evaluate(PROVOKE)
    page.wait_for_timeout(100)
    xss_ran = page.evaluate("window.xssRan")
    page.close()
    expected = {f["title"] for f in field_articles() if "alert" in f["title"]}
    assert expected
    assert expected <= titles, titles
    assert (dialogs, xss_ran) == ([], None)
