"""Photos in Chromium: every one loads, fits, stays in place and costs little."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Response, Route

THREE_PHOTOS = {
    "zh": "/2023/06/moshikou-cultural-festival-2023/",
    "en": "/en/2023/06/moshikou-cultural-festival-2023/",
}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
IMAGE_BUDGET = 250_000  # bytes of images before the reader scrolls
# Scroll every image into view and wait until each has arrived.
LOAD_ALL = """async () => {
  for (const img of document.images) {
    img.scrollIntoView();
    await img.decode().catch(() => {});
  }
  return [...document.images].map(img => [img.currentSrc, img.naturalWidth]);
}"""
# Layout shifts recorded since ``since`` (ms on the page's clock).
LAYOUT_SHIFT = """since => new Promise(resolve => {
  new PerformanceObserver(list => {
    resolve(list.getEntries().filter(e => e.startTime >= since)
      .reduce((sum, e) => sum + e.value, 0));
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(0), 500);
})"""
# What moved, for the failure message: each shifted element and its boxes.
SHIFTED = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    resolve(list.getEntries().map(e => [e.startTime, e.value, e.sources.map(s =>
      [s.node && s.node.outerHTML.slice(0, 80), s.previousRect.y, s.currentRect.y])]));
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve([]), 500);
})"""
IMAGE_HEIGHTS = "[...document.images].map(img => img.getBoundingClientRect().height)"


def image_bytes(responses: list[Response]) -> int:
    return sum(len(r.body()) for r in responses if r.request.resource_type == "image")


@pytest.mark.parametrize("path", [*THREE_PHOTOS.values(), "/", "/en/"])
def test_every_image_loads(open_page, path: str) -> None:
    page = open_page(path)
    loaded = page.evaluate(LOAD_ALL)
    assert len(loaded) >= 3
    assert all(width > 0 for _, width in loaded), loaded
    assert all(".webp" in src for src, _ in loaded), loaded


@pytest.mark.parametrize("home", ["/", "/en/"])
def test_the_home_page_shows_lead_images_as_thumbnails(open_page, home) -> None:
    page = open_page(home)
    first = page.locator(".article-list img").first
    first.wait_for()
    src, width, shown = first.evaluate(
        "img => [img.currentSrc, img.naturalWidth, img.getBoundingClientRect().width]"
    )
    assert width > 0, src
    assert src.endswith("-320.webp"), src  # the narrowest derivative
    assert 0 < shown <= 130


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_gets_three_photos_within_budget_and_no_shift(
    browser, site_url, lang
) -> None:
    """The photos are held back until the page is laid out: their boxes must
    already have their final size, and their arrival must shift nothing."""
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    held: list[Route] = []
    try:
        page: Page = context.new_page()
        responses: list[Response] = []
        # Playwright marks its handlers, which a builtin method cannot carry.
        page.on("response", lambda response: responses.append(response))  # noqa: PLW0108
        page.route("**/photos/**", lambda route: held.append(route))  # noqa: PLW0108
        page.goto(THREE_PHOTOS[lang], wait_until="domcontentloaded")
        page.wait_for_timeout(300)
        before = page.evaluate(IMAGE_HEIGHTS)
        released = page.evaluate("performance.now()")
        for route in held:
            route.continue_()
        page.wait_for_load_state("networkidle")
        assert len(before) == 3
        assert min(before) > 0
        # Within a pixel: the box's height is rounded from the aspect ratio.
        assert page.evaluate(IMAGE_HEIGHTS) == pytest.approx(before, abs=1)
        assert page.evaluate(LAYOUT_SHIFT, released) == 0
        # Nor did anything else move while the page loaded.
        assert page.evaluate(LAYOUT_SHIFT, 0) == 0, page.evaluate(SHIFTED)
        assert image_bytes(responses) > 0
        assert image_bytes(responses) <= IMAGE_BUDGET
    finally:
        context.close()


def test_figures_fit_and_captions_follow_the_text_size_at_320_px(open_page) -> None:
    page = open_page(THREE_PHOTOS["zh"], viewport=NARROW)
    page.evaluate(LOAD_ALL)
    widths = page.evaluate(
        "[...document.querySelectorAll('figure img')]"
        ".map(img => img.getBoundingClientRect().right)"
    )
    assert len(widths) == 3
    assert max(widths) <= 320
    caption = page.locator("figcaption").first
    before = caption.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")
    page.get_by_role("button", name="大", exact=True).click()
    after = caption.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")
    assert after > before
