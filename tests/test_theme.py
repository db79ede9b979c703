"""The theme's promises that hold in the built files: words, weight, scripts."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from sitetools import REPO, BuiltSite

ZH_CATALOG = REPO / "theme" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
# The preferences on every page, read aloud and print on articles (issue 17).
JAVASCRIPT_BUDGET = 4 * 1024
# The search pages also run the search, besides the preferences every page runs:
# all of it, since the search fetches only JSON (Pagefind's client added 45 KB
# of script and 68 KB of WebAssembly at the first query).
SEARCH_PAGES = {"/search/", "/en/search/"}
SEARCH_JAVASCRIPT_BUDGET = 12 * 1024
JAVASCRIPT_TYPE = "text/javascript"
ARTICLE_PAGE_BUDGET = 32 * 1024
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def theme_msgids() -> set[str]:
    """The strings `make messages` extracts from the templates (singular forms)."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    extracted = extract_from_dir(REPO, method_map, options_map)
    return {
        message[0] if isinstance(message, tuple) else message
        for _filename, _line, message, _comments, _context in extracted
    }


def test_every_theme_string_has_a_chinese_translation() -> None:
    with ZH_CATALOG.open("rb") as po_file:
        catalog = read_po(po_file)
    msgids = theme_msgids()
    assert "Text size" in msgids, "extraction found the templates"
    untranslated = []
    for msgid in sorted(msgids):
        entry = catalog.get(msgid)
        forms = entry.string if entry else ""
        forms = forms if isinstance(forms, tuple) else (forms,)
        if entry is None or entry.fuzzy or not all(forms):
            untranslated.append(msgid)
    assert not untranslated, f"run `make messages` and translate in {ZH_CATALOG.name}"


def test_chinese_labels_have_no_space_after_the_full_width_colon(
    sample_site: BuiltSite,
) -> None:
    page = sample_site.page("/2024/05/foreign-affairs-plenary-2024/")
    date, source = page.select(".article__meta > span")
    assert date.get_text() == "日期：2024年5月16日"
    assert source.get_text() == "来源：石景山区"


def test_no_page_has_an_inline_event_handler(sample_site: BuiltSite) -> None:
    for url, page in sample_site.pages.items():
        for tag in page.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, (url, tag.name, handlers)


def heaviest(weights: dict[str, int]) -> tuple[str, int]:
    return max(weights.items(), key=lambda item: item[1])


def script_bytes(site: BuiltSite, page_url: str) -> int:
    """Bytes of JavaScript a page runs; JSON-LD is data, not script."""
    page = site.page(page_url)
    total = 0
    for script in page.find_all("script"):
        if script.get("type", JAVASCRIPT_TYPE) != JAVASCRIPT_TYPE:
            continue
        if script.get("src"):
            total += (
                (site.output / site.site_path(script["src"]).lstrip("/")).stat().st_size
            )
        else:
            total += len(script.string.encode("utf-8"))
    return total


def test_javascript_stays_within_four_kilobytes_on_every_page(
    sample_site: BuiltSite,
) -> None:
    weights = {url: script_bytes(sample_site, url) for url in sample_site.pages}
    assert min(weights.values()) > 0, "the text size is applied on every page"
    reading = {url: n for url, n in weights.items() if url not in SEARCH_PAGES}
    assert max(reading.values()) <= JAVASCRIPT_BUDGET, heaviest(reading)
    assert max(weights[url] for url in SEARCH_PAGES) <= SEARCH_JAVASCRIPT_BUDGET


def article_page_bytes(site: BuiltSite, page_url: str) -> int:
    path = site.output / page_url.lstrip("/") / "index.html"
    page = site.page(page_url)
    assets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    total = path.stat().st_size + sum(
        (site.output / site.site_path(href).lstrip("/")).stat().st_size
        for href in assets
    )
    return total + script_bytes(site, page_url)


def test_article_pages_stay_within_the_page_budget(either_build: BuiltSite) -> None:
    """The publish build's pages carry absolute URLs and the QR code too."""
    articles = [s.url for lang in ("zh", "en") for s in either_build.articles(lang)]
    weights = {url: article_page_bytes(either_build, url) for url in articles}
    assert max(weights.values()) <= ARTICLE_PAGE_BUDGET, heaviest(weights)


def test_no_web_font_is_shipped(sample_site: BuiltSite) -> None:
    fonts = [p for p in sample_site.output.rglob("*") if p.suffix in FONT_SUFFIXES]
    assert not fonts
    for css in sample_site.output.rglob("*.css"):
        assert "@font-face" not in css.read_text("utf-8"), css.name
