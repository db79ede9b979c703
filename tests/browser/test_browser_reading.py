"""Reading the site in Chromium: the language switch and the text-size control."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from sitetools import REPO, BuiltSite

ARTICLE = {
    "zh": "/2024/05/foreign-affairs-plenary-2024/",
    "en": "/en/2024/05/foreign-affairs-plenary-2024/",
}
# A second pair, to carry the text size across articles and languages.
OTHER_ARTICLE = {
    "zh": "/2023/06/moshikou-cultural-festival-2023/",
    "en": "/en/2023/06/moshikou-cultural-festival-2023/",
}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
HOME = {"zh": "/", "en": "/en/"}
# CSS px of the article text per size; big meets the 24 px large-text threshold
# of China's ageing-friendly website specification, small stays at 14 px or more.
SIZES = {"big": 24.0, "middle": 18.0, "small": 16.0}
BUTTON_NAMES = {
    "zh": {"big": "大", "middle": "中", "small": "小"},
    "en": {"big": "big", "middle": "middle", "small": "small"},
}
SCREENSHOTS = REPO / "docs" / "screenshots"


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def article_font_size(page: Page) -> float:
    return page.locator(".article__body p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )


def size_button(page: Page, lang: str, size: str) -> Locator:
    group = page.get_by_role("group", name="字号" if lang == "zh" else "Text size")
    return group.get_by_role("button", name=BUTTON_NAMES[lang][size], exact=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_switch_lands_on_the_translation_and_back(open_page, lang: str) -> None:
    page = open_page(ARTICLE[lang])
    page.locator(".language-switch a").click()
    page.wait_for_url(f"**{ARTICLE[other(lang)]}")
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[other(lang)])
    page.locator(".language-switch a").click()
    page.wait_for_url(f"**{ARTICLE[lang]}")
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[lang])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_switch_on_an_untranslated_article_shows_the_notice(
    open_page, sample_site: BuiltSite, lang: str
) -> None:
    translated = {s.slug for s in sample_site.articles(other(lang))}
    alone = next(s for s in sample_site.articles(lang) if s.slug not in translated)
    page = open_page(alone.url)
    page.locator(".language-switch a").click()
    page.wait_for_url(f"**{HOME[other(lang)]}#no-translation")
    expect(page.locator("#no-translation")).to_be_visible()
    page.goto(HOME[other(lang)])
    expect(page.locator("#no-translation")).to_be_hidden()


@pytest.mark.parametrize("size", list(SIZES))
def test_text_size_applies_and_persists_across_articles_and_languages(
    open_page, size: str
) -> None:
    page = open_page(ARTICLE["zh"])
    assert article_font_size(page) == SIZES["middle"]
    expect(size_button(page, "zh", "middle")).to_have_attribute("aria-pressed", "true")
    different = "small" if size == "big" else "big"
    size_button(page, "zh", different).click()
    assert article_font_size(page) == SIZES[different]

    size_button(page, "zh", size).click()
    assert article_font_size(page) == SIZES[size]
    expect(size_button(page, "zh", size)).to_have_attribute("aria-pressed", "true")
    page.reload()
    assert article_font_size(page) == SIZES[size]
    page.goto(OTHER_ARTICLE["en"])
    assert article_font_size(page) == SIZES[size]
    for name in SIZES:
        pressed = "true" if name == size else "false"
        button = size_button(page, "en", name)
        expect(button).to_have_attribute("aria-pressed", pressed)


def test_text_size_is_operable_by_keyboard_with_visible_focus(open_page) -> None:
    page = open_page(ARTICLE["en"])
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "big":
            break
    focused = size_button(page, "en", "big")
    expect(focused).to_be_focused()
    assert focused.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert article_font_size(page) == SIZES["big"]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(size_button(page, "en", "small")).to_be_focused()
    page.keyboard.press("Space")
    assert article_font_size(page) == SIZES["small"]


def test_saved_size_is_applied_by_the_head_before_the_control_script(
    open_page,
) -> None:
    """The size must not wait for the deferred script: no flash at the default."""
    page = open_page(ARTICLE["zh"])
    size_button(page, "zh", "big").click()
    page.route("**/preferences.*.js", lambda route: route.abort())
    page.reload()
    assert article_font_size(page) == SIZES["big"]


def test_a_refused_storage_breaks_nothing(open_page) -> None:
    page = open_page(ARTICLE["en"])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('denied', 'SecurityError'); }});"
    )
    page.reload()
    size_button(page, "en", "big").click()
    assert article_font_size(page) == SIZES["big"]
    assert not errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_text_reads_and_the_control_is_hidden(
    open_page, lang: str
) -> None:
    page = open_page(ARTICLE[lang], java_script_enabled=False)
    expect(page.locator(".article__body")).to_be_visible()
    assert len(page.locator(".article__body").inner_text()) > 500
    assert article_font_size(page) == SIZES["middle"]
    expect(page.locator(".text-size")).to_be_hidden()


def test_a_label_is_spaced_from_its_value_only_after_a_latin_colon(
    open_page,
) -> None:
    gaps = {}
    for lang, path in ARTICLE.items():
        page = open_page(path)
        gaps[lang] = page.locator(".article__meta .label").first.evaluate(
            "label => label.nextElementSibling.getBoundingClientRect().left"
            " - label.getBoundingClientRect().right"
        )
    assert gaps["en"] >= 3
    assert gaps["zh"] == 0


def test_print_drops_the_site_chrome(open_page) -> None:
    page = open_page(ARTICLE["zh"])
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".text-size"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator(".article__title")).to_be_visible()
    expect(page.locator(".article__body")).to_be_visible()


def test_no_web_font_is_loaded(open_page) -> None:
    page = open_page(ARTICLE["zh"])
    kinds: list[str] = []
    page.on("request", lambda request: kinds.append(request.resource_type))
    page.reload()
    assert "font" not in kinds
    assert {"document", "stylesheet", "script"} <= set(kinds)
    assert page.evaluate("document.fonts.size") == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot_of_an_article_for_the_readme(open_page, lang: str) -> None:
    page = open_page(ARTICLE[lang], viewport={"width": 1024, "height": 1000})
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = page.screenshot(path=SCREENSHOTS / f"article-{lang}.png")
    assert image.startswith(b"\x89PNG")
