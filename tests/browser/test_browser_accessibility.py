"""Accessibility in Chromium: axe-core finds nothing, and narrow screens reflow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

# The home, an article, a topic, an archive and the About page, in both languages.
AUDITED_PAGES = [
    "/",
    "/en/",
    "/2024/05/foreign-affairs-plenary-2024/",
    "/en/2024/05/foreign-affairs-plenary-2024/",
    "/topics/economy/",
    "/en/topics/economy/",
    "/archives/2024/",
    "/en/archives/2024/",
    "/about/",
    "/en/about/",
]
# Every kind of page, for reflow: the audited ones, archives and a second page.
REFLOWED_PAGES = [*AUDITED_PAGES, "/archives/", "/en/archives/", "/page/2/"]
# The reader's saved preferences of each audited mode (localStorage keys).
MODES = {
    "default": {},
    "high contrast": {"contrast": "high"},
    "big text": {"text-size": "big"},
}
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("mode", MODES)
def test_axe_reports_no_violation(open_page, axe: Axe, mode: str) -> None:
    """Every impact counts, minor included."""
    page = open_page("/")
    for name, value in MODES[mode].items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, value])
    reports = {}
    for path in AUDITED_PAGES:
        page.goto(path)
        results = axe.run(page)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert not reports, "\n".join(f"{path}:\n{r}" for path, r in reports.items())


@pytest.mark.parametrize("size", ["middle", "big"])
def test_no_page_scrolls_horizontally_at_320_css_px(open_page, size: str) -> None:
    """320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10), so 200 % too."""
    page = open_page("/", viewport=NARROW)
    page.evaluate(f"localStorage.setItem('text-size', '{size}')")
    overflowing = []
    for path in REFLOWED_PAGES:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if overflow > 0:
            overflowing.append((path, overflow))
    assert not overflowing
