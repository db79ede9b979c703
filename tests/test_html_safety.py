"""Unsafe HTML in a body is refused at its line; text that only looks like it passes.

Each payload of tests/test_data/xss_payloads.txt goes alone into an article
body and through the newsroom's reader, as a build reads it (check, Markdown,
the HTML check). tests/browser/test_browser_xss.py opens the pages built from
the payloads that pass.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsroom.validate.fields import SiteRules
from newsroom.validate.html_safety import html_problems
from newsroom.validate.nesting import MAX_NESTING
from newsroom.validate.source import check_source
from sitetools import TEST_DATA_CONTENT, run_pelican
from xss_cases import HEADER_LINES, PayloadReader, Reading, article, payloads

PAYLOADS = payloads()
FIRST_BODY_LINE = HEADER_LINES + 1
# What a page built from a payload that passed may never contain.
RUNS_LOADS_OR_NAVIGATES = {
    "script", "iframe", "frame", "frameset", "object", "embed", "base", "meta",
    "link", "form", "input", "button", "select", "textarea", "style", "svg",
    "math", "template", "audio", "video", "source", "noscript", "body",
}  # fmt: skip
UNSAFE_URL = re.compile(r"^\s*(?!https?:|mailto:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> PayloadReader:
    return PayloadReader(tmp_path_factory.mktemp("scratch"))


# An image whose file is not one of the site's (javascript:, another site) is
# refused as an Image (media/references.py), not as HTML.
IMAGE_REFUSAL = re.compile(
    r" is not a file of this site| is outside the content folder"
)


def assert_refused_in_body(reading: Reading, payload: str) -> None:
    last_line = FIRST_BODY_LINE + payload.count("\n")
    for error in reading.errors:
        assert error.field in ("Body", "Image"), error
        assert FIRST_BODY_LINE <= error.line <= last_line, error
        if error.field == "Image":
            assert IMAGE_REFUSAL.search(error.message), error
            continue
        assert " is not allowed" in error.message, error
        assert str(error) == f"{error.path}:{error.line}: Body: {error.message}"
        assert error.path.endswith("/en/2024/payload.md"), error


def assert_inert(content: str) -> None:
    """Nothing in the HTML runs, loads from elsewhere or navigates by itself."""
    page = BeautifulSoup(content, "html.parser")
    for element in page.find_all(True):
        assert element.name not in RUNS_LOADS_OR_NAVIGATES, element
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            if name in ("href", "src", "cite"):
                assert not UNSAFE_URL.match(value), element
            if name == "src":
                assert not value.lstrip().startswith(("//", "http")), element


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_a_payload_is_refused_at_its_line_or_inert(
    reader: PayloadReader, payload: str
) -> None:
    reading = reader.read(article(payload))
    if reading.errors:
        assert_refused_in_body(reading, payload)
        assert reading.content == ""
    else:
        assert_inert(reading.content)


# The issue's own examples: each names what is refused, at the body line
# (counted from 0) where it is written.
REFUSED = {
    "<svg/onload=alert(1)>": ("<svg> is not allowed", 0),
    '<object data="data:text/html;base64,PHA+">': ("<object> is not allowed", 0),
    "Text.\n\n[x](data:text/html,<p>x)": ("data: URL in href= is not allowed", 2),
    '<embed src="movie.swf">': ("<embed> is not allowed", 0),
    '<meta http-equiv="refresh" content="0;url=https://example.org/">': (
        "<meta> is not allowed",
        0,
    ),
    '<base href="https://example.org/">': ("<base> is not allowed", 0),
    '<form action="https://example.org/">\n<input name="q"></form>': (
        "<form> is not allowed",
        0,
    ),
    "<style>p { color: red }</style>": ("<style> is not allowed", 0),
    '<p><a href="java\nscript:go()">x</a></p>': ("javascript: URL in href=", 0),
    "Text.\n\nMore text.\n\n<span title=x\n  ONLOAD=go()>x</span>": (
        "event-handler attribute onload= is not allowed",
        5,
    ),
    # Raw HTML images would skip the photos' derivatives, size and checks.
    'Text.\n\n<img src="images/a.jpg" alt="A">': ("raw HTML <img> is not allowed", 2),
    '<picture><source srcset="a.webp"></picture>': (
        "raw HTML <picture> is not allowed",
        0,
    ),
    '<p>x</p>\n<source srcset="a.webp" type="image/webp">': (
        "raw HTML <source> is not allowed",
        1,
    ),
    # A copy of a Markdown image's placeholder is raw HTML too.
    '![A photo](a.jpg)\n\n<img src="newsroom-photo/0">': (
        "raw HTML <img> is not allowed",
        2,
    ),
    '<img src="newsroom-photo/0">': ("raw HTML <img> is not allowed", 0),
}


@pytest.mark.parametrize(
    ("body", "expected"), REFUSED.items(), ids=[m for m, _ in REFUSED.values()]
)
def test_what_is_refused_is_named_at_its_line(
    reader: PayloadReader, body: str, expected: tuple[str, int]
) -> None:
    message, offset = expected
    reading = reader.read(article(body))
    assert (FIRST_BODY_LINE + offset, message) in {
        (e.line, e.message[: len(message)]) for e in reading.errors
    }, reading.errors


def test_code_is_text_and_passes(reader: PayloadReader) -> None:
    body = (
        "Use `<script>` like this:\n\n"
        '```html\n<script src="x.js"></script>\n<svg onload=go()>\n```\n\n'
        '    <iframe src="https://example.org/"></iframe>\n'
    )
    reading = reader.read(article(body))
    assert reading.errors == ()
    page = BeautifulSoup(reading.content, "html.parser")
    assert [code.get_text() for code in page.find_all("code")] == [
        "<script>",
        '<script src="x.js"></script>\n<svg onload=go()>\n',
        '<iframe src="https://example.org/"></iframe>\n',
    ]


def test_the_line_is_that_of_the_offending_markup(reader: PayloadReader) -> None:
    body = (
        "A `<script>` in code comes first.\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[ok](https://example.org/) and [bad](javascript:go())\n\n"
        "<p>fine</p>\n<p\n  onclick=go()>no</p>\n\n<script>go()</script>\n"
    )
    reading = reader.read(article(body))
    lines = {(e.line - FIRST_BODY_LINE, e.message.split()[0]) for e in reading.errors}
    assert lines == {(6, "javascript:"), (10, "event-handler"), (12, "<script>")}


LEGITIMATE = """\
## A heading {: #the-plan }

The plan[^1] of the *HTML* work, &ldquo;quoted&rdquo; -- with **bold**, `code`,
~~nothing~~ and a link to <https://example.org/> or <office@example.org>.

*[HTML]: HyperText Markup Language

| Left | Right |
|:-----|------:|
| 1    | 2     |

Term
:   Definition

> A quote
> > nested

1. one
2. two
    - inner

```python
print("hello")
```

![A photo](photo.jpg "Its title"){: width=640 height=480 }

<figure>
<blockquote>Build the bridge.</blockquote>
<figcaption>The bridge, <em>2024</em></figcaption>
</figure>

<!-- a note for the next editor -->

H<sub>2</sub>O and x<sup>2</sup>, <abbr title="People's Republic">PRC</abbr>.

---

[^1]: A footnote with a [link](/en/about/).
"""


def test_ordinary_article_markup_passes_unchanged_in_meaning(
    reader: PayloadReader,
) -> None:
    reading = reader.read(article(LEGITIMATE))
    assert reading.errors == ()
    page = BeautifulSoup(reading.content, "html.parser")
    assert page.select_one("h2#the-plan").get_text() == "A heading"
    assert page.select_one("sup#fnref\\:1 a.footnote-ref")["href"] == "#fn:1"
    assert page.select_one("div.footnote li#fn\\:1 a.footnote-backref")
    assert page.select_one("abbr[title='HyperText Markup Language']")
    assert page.select_one("th[style]")["style"].startswith("text-align: left")
    assert page.select_one("dl dt").get_text() == "Term"
    assert page.select_one("blockquote blockquote")
    assert page.select_one("code.language-python")
    # A Markdown image waits for its photo's derivatives (media/markup.py);
    # its alt text and title travel in the article's metadata.
    assert page.select_one("img[src='newsroom-photo/0']").attrs == {
        "src": "newsroom-photo/0"
    }
    assert page.select_one("figure figcaption em").get_text() == "2024"
    assert page.select_one("a[href='mailto:office@example.org']")
    assert "\u201cquoted\u201d" in page.get_text()


@pytest.mark.parametrize("marker", ["> ", "- ", "1. ", "    "])
def test_lists_and_quotes_nested_hundreds_deep_are_refused(
    reader: PayloadReader, marker: str
) -> None:
    # Within the size limit of a source (deeper stairs are megabytes).
    deep = "".join(marker * depth + "x\n" for depth in range(1, 601))
    reading = reader.read(article("Intro.\n\n" + deep))
    [error] = reading.errors
    assert error.line == FIRST_BODY_LINE + 2 + MAX_NESTING
    assert error.message.startswith(
        f"lists or quotes nested {MAX_NESTING + 1} levels deep are not allowed"
    )


def test_nesting_within_the_limit_builds(reader: PayloadReader) -> None:
    nested = "".join("    " * depth + "- x\n" for depth in range(MAX_NESTING))
    reading = reader.read(article(nested))
    assert reading.errors == ()
    assert reading.content.count("<ul>") == MAX_NESTING


def test_html_nested_too_deep_is_refused(reader: PayloadReader) -> None:
    reading = reader.read(article("<div>" * 5000 + "x" + "</div>" * 5000))
    assert [e.message for e in reading.errors] == [
        "HTML nested more than 100 elements deep is not allowed"
    ]


RULES = SiteRules(languages=("zh", "en"), topics=("news", "culture"))


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\n" not in p][:20])
def test_a_payload_as_slug_or_topic_is_refused_at_its_line(payload: str) -> None:
    for field, line, values in (
        ("Slug", 5, {"slug": payload}),
        ("Category", 4, {"category": payload}),
    ):
        raw = article("Body.", **values).encode()
        errors = check_source("content/en/2024/x.md", "en", False, raw, RULES).errors
        assert [(e.field, e.line) for e in errors] == [(field, line)], errors


def test_a_build_names_every_refused_payload_and_keeps_the_site(
    tmp_path: Path, reader: PayloadReader
) -> None:
    """One build with every refused payload in a file of its own."""
    refused = [p for p in PAYLOADS if reader.read(article(p)).errors]
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    for number, payload in enumerate(refused):
        path = content / "en" / "2024" / f"payload-{number}.md"
        path.write_text(article(payload, slug=f"payload-{number}"), encoding="utf-8")
    result = run_pelican(content, tmp_path / "output", atomic=True)
    assert result.returncode == 1
    reported = {
        line.split(":")[0]
        for line in result.stderr.splitlines()
        if (": Body: " in line and " is not allowed" in line)
        or (": Image: " in line and IMAGE_REFUSAL.search(line))
    }
    assert reported == {
        f"content/en/2024/payload-{number}.md" for number in range(len(refused))
    }
    assert not (tmp_path / "output").exists()


# Pieces that mean something to Markdown, to the HTML check or to Unicode.
MARKDOWN_PIECES = st.sampled_from(
    [
        "> ", "- ", "* ", "1. ", "    ", "\t", "`", "```", "~~~", "<", ">", "</",
        "<div>", "</div>", "<p ", "<!--", "-->", "<![CDATA[", "<?", "[", "]", "(",
        ")", "![", "](", "*", "_", "**", "{: ", "}", "#", "## ", "&", "&#", ";",
        "|", "---", "\n", "\n\n", "\r", "\x00", "\x0b", "\x1b", "\u2028", "\ufeff",
        "\ud800", "[^1]", "[^1]: ", "*[x]: ", ":   ", "=", '"', "'", " on", "src",
        "href=", "javascript:", "data:", "&lt;", "&#0;", "&#x110000;", "x", "文",
    ]
)  # fmt: skip
BODIES = st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=8)), max_size=80).map(
    "".join
)
NESTING = st.sampled_from(["> ", "- ", "1. ", "    ", "> - ", "<div>", "<blockquote>"])


def assert_clean_outcome(reading: Reading) -> None:
    """A page whose HTML is inert, or problems each on one printable line."""
    for error in reading.errors:
        text = str(error)
        assert text.startswith(f"{error.path}:{error.line}: {error.field}: "), text
        assert len(text.splitlines()) == 1, text
        assert text.isprintable(), text
    if not reading.errors:
        assert_inert(reading.content)


@settings(max_examples=150, deadline=None)
@given(body=BODIES)
def test_any_markdown_body_gives_a_page_or_a_clean_error(
    reader: PayloadReader, body: str
) -> None:
    assert_clean_outcome(reader.read(article(body)))


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_as_a_body_give_a_page_or_a_clean_error(
    reader: PayloadReader, raw: bytes
) -> None:
    assert_clean_outcome(reader.read(article("").encode() + raw))


@settings(max_examples=25, deadline=None)
@given(marker=NESTING, depth=st.integers(1, 3000), stairs=st.booleans())
@example(marker="- ", depth=3000, stairs=True)
@example(marker="<div>", depth=3000, stairs=False)
def test_nesting_thousands_deep_gives_a_page_or_a_clean_error(
    reader: PayloadReader, marker: str, depth: int, stairs: bool
) -> None:
    lines = (marker * level + "x" for level in range(1, depth + 1))
    body = "\n".join(lines) if stairs else marker * depth + "x"
    assert_clean_outcome(reader.read(article(body)))


@pytest.mark.parametrize(
    "body", ["word " * 200_000, "x" * 1_000_000, "<" * 100_000, "&" * 100_000]
)
def test_very_long_lines_give_a_page(reader: PayloadReader, body: str) -> None:
    reading = reader.read(article(body))
    assert reading.errors == ()
    assert_inert(reading.content)


def test_an_attribute_the_two_parsers_read_otherwise_is_refused() -> None:
    """Python keeps both hrefs, a browser only the first: refused, not dropped."""
    _, problems = html_problems('<p><a href="/a" href="/b">x</a></p>')
    assert [p.what for p in problems] == [
        "<a href=...> that browsers read otherwise than this check is not allowed"
    ]


def test_an_ampersand_in_a_raw_link_passes_as_a_browser_reads_it() -> None:
    """Python's parser decodes "&para" in an attribute; a browser keeps it."""
    html, problems = html_problems('<p><a href="/x?a=1&para=2">x</a></p>')
    assert problems == []
    link = BeautifulSoup(html, "html.parser").a
    assert link["href"] == "/x?a=1&para=2"
