"""Searching as a reader does: the form, then every "More results" page."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

# The results of `query` are shown: more than `count` of them, or all there are.
RESULTS_SHOWN = """([query, count]) => {
    const list = document.getElementById("search-results");
    const more = document.getElementById("search-more");
    return list.dataset.query === query && !list.hasAttribute("aria-busy")
        && (list.children.length > count || more.hidden);
}"""


def run_query(page: Page, query: str) -> tuple[list[str], list[str]]:
    """Submit the form, open every "more results" page; result paths and marks."""
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_function(RESULTS_SHOWN, arg=[query, -1])
    while page.is_visible("#search-more"):
        shown = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function(RESULTS_SHOWN, arg=[query, shown])
    hrefs = page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.href)"
    )
    marks = page.eval_on_selector_all(
        "#search-results mark", "marks => marks.map(m => m.textContent)"
    )
    return [urlsplit(href).path for href in hrefs], marks
