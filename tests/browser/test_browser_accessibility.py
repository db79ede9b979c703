"""Accessibility in Chromium: axe-core finds nothing, and narrow screens reflow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

# The home, an article, one with photos, one with an attachment, a topic and
# the About page, in both languages.
AUDITED_PAGES = [
    "/",
    "/en/",
    "/2024/05/foreign-affairs-plenary-2024/",
    "/en/2024/05/foreign-affairs-plenary-2024/",
    "/2023/06/moshikou-cultural-festival-2023/",
    "/en/2023/06/moshikou-cultural-festival-2023/",
    "/2024/03/business-environment-briefing-2024/",
    "/en/2024/03/business-environment-briefing-2024/",
    "/topics/economy/",
    "/en/topics/economy/",
    "/about/",
    "/en/about/",
]
# Every kind of page, for reflow: the audited ones, archives and a second page.
REFLOWED_PAGES = [*AUDITED_PAGES, "/archives/", "/en/archives/2024/", "/page/2/"]
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", AUDITED_PAGES)
def test_axe_reports_no_violation(open_page, axe: Axe, path: str) -> None:
    page = open_page(path)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


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
