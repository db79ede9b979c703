"""Every kind of page, in both languages, as nginx serves the deployed site
under the shipped Content-Security-Policy: nothing is blocked, nothing fails,
and the scripts work (text size, language switch, search)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route

from nginxtools import ServedSite
from sitetools import LANGUAGE_PREFIXES, REPO, read_sources

# Registered before any script of the page runs.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
SEARCHES = {"zh": "石景山", "en": "Shijingshan"}
NOT_FOUND = "no-such-page/"


def page_kinds(lang: str) -> dict[str, str]:
    """A path of every kind of page of one language."""
    sources = [s for s in read_sources(REPO / "content") if s.lang == lang]
    article = max((s for s in sources if not s.is_page), key=lambda s: s.date)
    page = next(s for s in sources if s.is_page)
    prefix = f"/{LANGUAGE_PREFIXES[lang]}"
    return {
        "home": prefix,
        "topic": f"{prefix}topics/{article.metadata['category']}/",
        "archives": f"{prefix}archives/",
        "year": f"{prefix}archives/{article.date.year}/",
        "article": article.url,
        "page": page.url,
        "search": f"{prefix}search/",
        "404": f"{prefix}{NOT_FOUND}",
    }


@dataclass
class Watched:
    """What went wrong in one browser context: the tests expect none of it."""

    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture
def served_page(
    browser: Browser, served_site: ServedSite
) -> Iterator[tuple[Callable[[str], Page], Watched]]:
    watched = Watched()
    context = browser.new_context(base_url=served_site.url)
    context.add_init_script(RECORD_VIOLATIONS)

    def refuse_foreign(route: Route) -> None:
        watched.foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(served_site.url), refuse_foreign)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        # The 404 page is itself an answer with status 404, which Chromium logs.
        expected = NOT_FOUND in message.location.get("url", "")
        if message.type == "error" and not expected:
            watched.errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"{page.url}: {error}"))

    def open_(path: str) -> Page:
        page.goto(path)
        page.wait_for_load_state("load")
        return page

    yield open_, watched
    context.close()
    assert not watched.foreign, watched.foreign


def violations(page: Page) -> list[str]:
    return page.evaluate("window.cspViolations")


@pytest.mark.parametrize("lang", list(LANGUAGE_PREFIXES))
def test_no_page_kind_breaks_the_policy(
    served_page: tuple[Callable[[str], Page], Watched], lang: str
) -> None:
    open_, watched = served_page
    for kind, path in page_kinds(lang).items():
        page = open_(path)
        assert violations(page) == [], (kind, path)
        # The pre-paint script ran: the text-size control is shown.
        assert page.evaluate("document.documentElement.classList.contains('js')")
    assert watched.errors == []


@pytest.mark.parametrize("lang", list(LANGUAGE_PREFIXES))
def test_text_size_language_switch_and_search_work_under_the_policy(
    served_page: tuple[Callable[[str], Page], Watched], lang: str
) -> None:
    open_, watched = served_page
    kinds = page_kinds(lang)
    page = open_(kinds["article"])
    page.click(".text-size button[value=big]")
    page.reload()
    assert page.get_attribute("html", "data-text-size") == "big"
    assert page.is_visible(".text-size")
    html_lang = page.get_attribute("html", "lang")
    page.click(".language-switch a")
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") != html_lang
    assert violations(page) == []

    page = open_(kinds["search"])
    page.fill("input[name=q]", SEARCHES[lang])
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("#search-results li h2 a")
    assert violations(page) == []
    assert watched.errors == []
