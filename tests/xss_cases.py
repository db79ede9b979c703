"""The XSS payloads of tests/test_data/xss_payloads.txt, and how a test reads one.

Shared by the unit tests (tests/test_html_safety.py), which read each payload
through the newsroom's reader, and the browser test, which opens the pages
built from those that are not refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from newsroom.read.reader import NewsroomMarkdownReader
from newsroom.settings import CHECK_METADATA_KEY, SITE_SETTING
from newsroom.site.newsroom import build_newsroom
from newsroom.validate.errors import SourceError
from sitetools import REPO, TEST_DATA_CONTENT

PAYLOADS_FILE = REPO / "tests" / "test_data" / "xss_payloads.txt"
HEADER_LINES = 6  # the header below, and the blank line after it
ARTICLE_PATH = "en/2024/payload.md"


def payloads() -> list[str]:
    """Each payload as an editor would type it ("\\n" and "\\t" decoded)."""
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return [
        line.replace("\\n", "\n").replace("\\t", "\t")
        for line in lines
        if line and not line.startswith("# ")
    ]


def article(
    body: str,
    *,
    title: str = "Payload",
    source: str = "News Office",
    slug: str = "payload",
    category: str = "news",
    summary: str | None = None,
) -> str:
    summary_line = f"Summary: {summary}\n" if summary is not None else ""
    return (
        f"Title: {title}\nDate: 2024-06-01 09:00\nSource: {source}\n"
        f"Category: {category}\nSlug: {slug}\n{summary_line}\n{body}\n"
    )


@dataclass(frozen=True)
class Reading:
    content: str
    errors: tuple[SourceError, ...]


class PayloadReader:
    """The newsroom's reader over a scratch copy of the test content's rules."""

    def __init__(self, scratch: Path) -> None:
        settings = read_settings(str(REPO / "pelicanconf.py"))
        settings[SITE_SETTING] = build_newsroom(
            {**settings, "PATH": str(TEST_DATA_CONTENT)}
        )
        settings["PATH"] = str(scratch)
        self.reader = NewsroomMarkdownReader(settings)
        self.path = scratch / ARTICLE_PATH
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self, source: str | bytes) -> Reading:
        data = (
            source.encode("utf-8", "surrogatepass")
            if isinstance(source, str)
            else source
        )
        self.path.write_bytes(data)
        content, metadata = self.reader.read(str(self.path))
        return Reading(content, metadata[CHECK_METADATA_KEY].errors)
