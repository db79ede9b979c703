"""The elder-friendly mode (适老化) in Chromium: high contrast, the big text size
over the whole reading column, the large cursor, read aloud, print, targets and
focus; and the QR code, decoded as a phone would read it.
"""

from __future__ import annotations

import io
import json

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from sitetools import REPO, BuiltSite

ARTICLE = {
    "zh": "/2024/05/foreign-affairs-plenary-2024/",
    "en": "/en/2024/05/foreign-affairs-plenary-2024/",
}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
CONTRAST_BUTTON = {"zh": "高对比度", "en": "High contrast"}
CURSOR_BUTTON = {"zh": "大鼠标", "en": "Large cursor"}
STATES = {
    "zh": {"playing": "正在朗读", "paused": "已暂停", "stopped": "已停止"},
    "en": {"playing": "Reading aloud", "paused": "Paused", "stopped": "Stopped"},
}
ELDER = {"text-size": "big", "contrast": "high"}
SCREENSHOTS = REPO / "docs" / "screenshots"

# WCAG's relative luminance and contrast ratio, from the colours the browser
# computed; a transparent background is the nearest painted one behind it.
CONTRASTS = """(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) =>
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgb(getComputedStyle(e).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  const hasText = (e) =>
    [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const texts = [...document.querySelectorAll(selector)]
    .filter((e) => e.checkVisibility() && hasText(e));
  return texts.map((e) => {
    const a = luminance(rgb(getComputedStyle(e).color));
    const b = luminance(background(e));
    return [e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 20),
            (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""
# Buttons, and links that stand alone (not in a sentence of the article body:
# WCAG 2.5.8 exempts those), with their size in CSS px.
TARGETS = """() => [...document.querySelectorAll("a[href], button")]
  .filter((e) => e.checkVisibility() && !e.closest(".article__body, .skip-link"))
  .map((e) => {
    const r = e.getBoundingClientRect();
    return [e.tagName + ": " + e.textContent.trim().slice(0, 20), r.width, r.height];
  })"""
# The focused element, whether its outline shows, and whether it is the
# element at its own centre (nothing sticky or fixed covers it).
FOCUS = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 5), y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  const style = getComputedStyle(e);
  // The outline too must be in view: its width and offset around the box.
  const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  return {name: e.tagName + ": " + e.textContent.trim().slice(0, 20),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          inView: r.top - ring >= 0 && r.bottom + ring <= innerHeight,
          uncovered: top !== null && (e === top || e.contains(top))};
}"""
SPEECH_STUB = """(voices) => {
  const log = (window.speechLog = {spoken: [], calls: []});
  const speech = new EventTarget();
  Object.assign(speech, {
    paused: false, speaking: false,
    getVoices: () => voices,
    speak(u) {
      const voice = u.voice && u.voice.name;
      log.spoken.push({text: u.text, lang: u.lang, voice});
      this.speaking = true;
      log.calls.push("speak");
    },
    pause() { this.paused = true; log.calls.push("pause"); },
    resume() { this.paused = false; log.calls.push("resume"); },
    cancel() { this.speaking = false; this.paused = false; log.calls.push("cancel"); },
  });
  Object.defineProperty(window, "speechSynthesis", {value: speech});
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  };
}"""
VOICES = [
    {"name": "network zh", "lang": "zh-CN", "localService": False},
    {"name": "local zh", "lang": "zh-CN", "localService": True},
    {"name": "local en", "lang": "en-US", "localService": True},
]


def open_with(open_page, path: str, **preferences: str) -> Page:
    """``path`` opened with the reader's saved ``preferences`` (as localStorage
    keys: text-size, contrast, cursor)."""
    page = open_page("/")
    for name, value in preferences.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, value])
    page.goto(path)
    return page


def with_speech(open_page, path: str, voices: list[dict]) -> Page:
    page = open_page("/")
    page.add_init_script(f"({SPEECH_STUB})({json.dumps(voices)})")
    page.goto(path)
    return page


def font_size(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_high_contrast_persists_across_pages_and_languages(open_page, lang) -> None:
    page = open_page(ARTICLE[lang])
    button = page.get_by_role("button", name=CONTRAST_BUTTON[lang])
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    expect(button).to_have_attribute("aria-pressed", "true")
    page.locator(".language-switch a").click()
    other = "en" if lang == "zh" else "zh"
    page.wait_for_url(f"**{ARTICLE[other]}")
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    again = page.get_by_role("button", name=CONTRAST_BUTTON[other])
    expect(again).to_have_attribute("aria-pressed", "true")
    # By keyboard: off again, and it stays off on the next page.
    again.focus()
    page.keyboard.press("Enter")
    expect(again).to_have_attribute("aria-pressed", "false")
    page.goto("/" if other == "zh" else "/en/")
    assert page.locator("html").get_attribute("data-contrast") is None


def test_saved_contrast_and_cursor_apply_before_the_control_script(
    open_page,
) -> None:
    page = open_page("/")
    page.route("**/preferences.js", lambda route: route.abort())
    page.evaluate("localStorage.setItem('contrast', 'high')")
    page.evaluate("localStorage.setItem('cursor', 'large')")
    page.goto(ARTICLE["zh"])
    background = page.evaluate("getComputedStyle(document.documentElement).background")
    assert "rgb(0, 0, 0)" in background
    cursor = page.locator(".article__body p").first.evaluate(
        "p => getComputedStyle(p).cursor"
    )
    assert "cursor-arrow.svg" in cursor


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_large_cursor_toggles_by_mouse_and_keyboard(open_page, lang) -> None:
    page = open_page(ARTICLE[lang])
    button = page.get_by_role("button", name=CURSOR_BUTTON[lang])
    link_cursor = "() => getComputedStyle(document.querySelector('main a')).cursor"
    assert "cursor-hand.svg" not in page.evaluate(link_cursor)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert "cursor-hand.svg" in page.evaluate(link_cursor)
    other = "en" if lang == "zh" else "zh"
    page.goto(ARTICLE[other])
    assert "cursor-hand.svg" in page.evaluate(link_cursor)
    again = page.get_by_role("button", name=CURSOR_BUTTON[other])
    expect(again).to_have_attribute("aria-pressed", "true")
    again.focus()
    page.keyboard.press("Space")
    assert "cursor-hand.svg" not in page.evaluate(link_cursor)
    page.reload()
    assert "cursor-hand.svg" not in page.evaluate(link_cursor)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_high_contrast_text_is_at_least_seven_to_one(open_page, lang) -> None:
    for path in (ARTICLE[lang], "/" if lang == "zh" else "/en/"):
        page = open_with(open_page, path, contrast="high")
        ratios = page.evaluate(CONTRASTS, "body *")
        assert len(ratios) > 20
        low = [(name, round(ratio, 2)) for name, ratio in ratios if ratio < 7]
        assert not low, path
        assert page.evaluate("getComputedStyle(document.body).color") == (
            "rgb(255, 255, 255)"
        )


def test_default_text_is_at_least_seven_to_one(open_page) -> None:
    page = open_page(ARTICLE["zh"])
    low = [r for r in page.evaluate(CONTRASTS, "body *") if r[1] < 7]
    assert not low


@pytest.mark.parametrize("size", ["small", "middle", "big"])
def test_the_text_size_scales_the_whole_reading_column(open_page, size) -> None:
    column = [
        ".article__title",
        ".article__meta",
        ".article__body p",
        ".article__credits",
        ".related li",
        ".breadcrumb",
    ]
    middle = open_with(open_page, ARTICLE["zh"], **{"text-size": "middle"})
    base = {selector: font_size(middle, selector) for selector in column}
    page = open_with(open_page, ARTICLE["zh"], **{"text-size": size})
    ratio = {"small": 16 / 18, "middle": 1, "big": 24 / 18}[size]
    for selector in column:
        assert font_size(page, selector) == pytest.approx(base[selector] * ratio, 0.01)
    spacing = page.evaluate(
        """() => [...document.querySelectorAll("main *")]
        .filter((e) => e.checkVisibility() && e.innerText.trim())
        .map((e) => {
          const s = getComputedStyle(e);
          const size = parseFloat(s.fontSize);
          const paragraph = e.matches(".article__body p");
          const after = paragraph ? parseFloat(s.marginBottom) : 2 * size;
          return [e.tagName, parseFloat(s.lineHeight) / size, after / size];
        })"""
    )
    assert min(line for _, line, _ in spacing) >= 1.5 - 1e-9
    assert min(after for *_, after in spacing) >= 2 - 1e-9


@pytest.mark.parametrize(("preferences", "smallest"), [({}, 24), (ELDER, 44)])
def test_every_target_is_big_enough(open_page, preferences, smallest) -> None:
    small = []
    for path in (ARTICLE["zh"], ARTICLE["en"], "/", "/en/about/"):
        page = open_with(open_page, path, **preferences)
        targets = page.evaluate(TARGETS)
        assert len(targets) > 10
        small += [(path, *t) for t in targets if min(t[1], t[2]) < smallest - 0.01]
    assert not small


@pytest.mark.parametrize("preferences", [{}, ELDER])
def test_focus_is_visible_and_never_covered(open_page, preferences) -> None:
    page = open_with(open_page, ARTICLE["en"], **preferences)
    page.set_viewport_size({"width": 800, "height": 600})
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["name"].startswith("BODY") or (seen and focus == seen[0]):
            break
        seen.append(focus)
    assert len(seen) >= 25, "tabbed through the page"
    hidden = [f for f in seen if not (f["outline"] and f["inView"] and f["uncovered"])]
    assert not hidden


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_read_aloud_speaks_title_and_body_in_the_page_language(open_page, lang) -> None:
    page = with_speech(open_page, ARTICLE[lang], VOICES)
    group = page.locator(".read-aloud")
    expect(group).to_be_visible()
    status = group.get_by_role("status")
    play, pause, stop = (group.get_by_role("button").nth(i) for i in range(3))
    play.click()
    log = page.evaluate("window.speechLog")
    [spoken] = log["spoken"]
    title = page.locator(".article__title").inner_text()
    body = page.locator(".article__body").inner_text()
    assert spoken["text"] == f"{title}\n{body}"
    assert spoken["lang"] == HTML_LANG[lang]
    assert spoken["voice"] == ("local zh" if lang == "zh" else "local en")
    expect(status).to_have_text(STATES[lang]["playing"])
    # By keyboard: pause, resume, stop.
    pause.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(STATES[lang]["paused"])
    assert page.evaluate("speechSynthesis.paused")
    play.focus()
    page.keyboard.press("Space")
    expect(status).to_have_text(STATES[lang]["playing"])
    stop.click()
    expect(status).to_have_text(STATES[lang]["stopped"])
    calls = page.evaluate("window.speechLog.calls")
    assert calls == ["speak", "pause", "resume", "cancel"]
    assert not page.evaluate("speechSynthesis.speaking")


def test_read_aloud_is_absent_without_a_voice_for_the_language(open_page) -> None:
    english_only = [v for v in VOICES if v["lang"].startswith("en")]
    page = with_speech(open_page, ARTICLE["zh"], english_only)
    expect(page.locator(".print-button")).to_be_visible()
    expect(page.locator(".read-aloud")).to_be_hidden()
    # Headless Chromium has no voice at all.
    expect(open_page(ARTICLE["en"]).locator(".read-aloud")).to_be_hidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_no_control_is_shown(open_page, lang) -> None:
    page = open_page(ARTICLE[lang], java_script_enabled=False)
    for control in (".preferences", ".read-aloud", ".print-button"):
        expect(page.locator(control)).to_be_hidden()
    expect(page.locator(".article__body")).to_be_visible()


def test_print_button_prints(open_page) -> None:
    page = open_page("/")
    page.add_init_script("window.print = () => { window.printed = true; };")
    page.goto(ARTICLE["en"])
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed")
    page.evaluate("window.printed = false")
    page.get_by_role("button", name="Print").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed")


def test_mourning_mode_turns_the_page_grey(open_page) -> None:
    page = open_page(ARTICLE["zh"])
    page.evaluate("document.documentElement.classList.add('mourning')")
    filter_ = page.evaluate("getComputedStyle(document.documentElement).filter")
    assert filter_ == "grayscale(1)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_qr_code_decodes_to_the_article_url(
    browser, publish_site: BuiltSite, sample_site: BuiltSite, lang: str
) -> None:
    """Rendered by the browser, scanned by a decoder, as a phone would."""
    article = publish_site.page(ARTICLE[lang])
    figure = article.select_one("figure.qr-code")
    caption = figure.figcaption.get_text()
    assert caption == (
        "扫一扫在手机上打开" if lang == "zh" else "Scan to read on your phone"
    )
    svg = figure.svg
    assert svg["role"] == "img"
    assert svg["aria-label"]
    page = browser.new_page()
    try:
        page.set_content(
            f"<body style='margin:0'><div style='width:300px'>{svg}</div></body>"
        )
        page.locator("svg").evaluate(
            "s => { s.style.width = s.style.height = '300px'; }"
        )
        image = Image.open(io.BytesIO(page.locator("svg").screenshot()))
    finally:
        page.close()
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == publish_site.site_url + ARTICLE[lang]
    assert not sample_site.page(ARTICLE[lang]).select("figure.qr-code")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot_in_high_contrast_big_text_for_the_readme(open_page, lang) -> None:
    page = open_with(open_page, ARTICLE[lang], **ELDER)
    page.set_viewport_size({"width": 1024, "height": 1000})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = page.screenshot(path=SCREENSHOTS / f"article-{lang}-elder.png")
    assert image.startswith(b"\x89PNG")
