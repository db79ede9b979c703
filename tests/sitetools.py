"""Helpers the tests use to build a site and read it back as a reader would."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
LANGUAGE_PREFIXES = {"zh": "", "en": "en/"}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
TEST_DATA_CONTENT = REPO / "tests" / "test_data" / "content"
PUBLISH_SITEURL = "https://news.example.gov.cn"
NEWSROOM_URL = "/newsroom/"
BUILD_SCRIPT = REPO / "tools" / "build.py"
# What a build leaves in a folder holding content/ and output/: its lock file
# (the build's temporary folder is gone).
LEFT_NEXT_TO_OUTPUT = [".output.lock", "content", "output"]


def build_command(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    extra: Mapping[str, str] | None = None,
    atomic: bool = False,
    options: Sequence[str] = (),
) -> list[str]:
    """Pelican's command line, or (``atomic``) the same arguments to
    tools/build.py, as `make html` runs them. Both build atomically (the
    plugin does it); tools/build.py adds one-line errors for a broken settings
    file or a missing content folder.

    ``extra`` values are Python/JSON literals, passed with ``-e``.
    """
    program = [str(BUILD_SCRIPT)] if atomic else ["-m", "pelican"]
    command = [
        sys.executable,
        *program,
        str(content),
        "-s",
        settings,
        "-o",
        str(output),
        *options,
    ]
    if extra:
        command += ["-e", *(f"{key}={value}" for key, value in extra.items())]
    return command


def run_pelican(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    extra: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    atomic: bool = False,
    options: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Build ``content`` into ``output`` with the repo's settings (`make html`)."""
    command = build_command(
        content, output, settings=settings, extra=extra, atomic=atomic, options=options
    )
    return subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


@dataclass(frozen=True)
class Source:
    """An article or page as its Markdown file declares it."""

    path: Path
    lang: str
    metadata: dict[str, str]

    @property
    def slug(self) -> str:
        return self.metadata["slug"]

    @property
    def is_page(self) -> bool:
        return "pages" in self.path.parts

    @property
    def date(self) -> datetime:
        return datetime.strptime(self.metadata["date"], "%Y-%m-%d %H:%M")

    @property
    def url(self) -> str:
        prefix = LANGUAGE_PREFIXES[self.lang]
        if self.is_page:
            return f"/{prefix}{self.slug}/"
        return f"/{prefix}{self.date:%Y/%m}/{self.slug}/"


def read_source(path: Path, content: Path) -> Source:
    metadata: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        metadata[key.strip().lower()] = value.strip()
    return Source(path, path.relative_to(content).parts[0], metadata)


def read_sources(content: Path) -> list[Source]:
    return [read_source(path, content) for path in sorted(content.rglob("*.md"))]


def is_noindex(page: BeautifulSoup) -> bool:
    robots = page.select_one('head meta[name="robots"]')
    return robots is not None and "noindex" in robots["content"]


class BuiltSite:
    """A built output folder, its pages parsed once.

    ``site_url`` is the build's SITEURL: empty in the dev build, where links are
    root-relative, absolute in the publish build.
    """

    def __init__(self, output: Path, content: Path, site_url: str = "") -> None:
        self.output = output
        self.content = content
        self.site_url = site_url

    @cached_property
    def pages(self) -> dict[str, BeautifulSoup]:
        """Every public HTML page by its URL path (``/en/2024/05/x/``).

        The newsroom's own pages (``/newsroom/``, noindex, linked from nowhere)
        are not part of the public site.
        """
        return {
            url: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in sorted(self.output.rglob("*.html"))
            if not (url := url_of(path.relative_to(self.output))).startswith(
                NEWSROOM_URL
            )
        }

    @cached_property
    def indexed_pages(self) -> dict[str, BeautifulSoup]:
        """The public pages search engines may index: not the 404 pages."""
        return {url: page for url, page in self.pages.items() if not is_noindex(page)}

    @cached_property
    def sources(self) -> list[Source]:
        return read_sources(self.content)

    def articles(self, lang: str) -> list[Source]:
        return [s for s in self.sources if s.lang == lang and not s.is_page]

    def page(self, url: str) -> BeautifulSoup:
        return self.pages[urldefrag(url).url]

    def site_path(self, url: str) -> str:
        """The root-relative path of a URL this build wrote, absolute or not."""
        assert url.startswith(f"{self.site_url}/"), url
        return url.removeprefix(self.site_url)

    def resolves(self, url: str) -> bool:
        """True when a site-internal URL names a file that exists in the output
        (percent-encoded, as a Chinese file name is in a link)."""
        path = unquote(urlsplit(self.site_path(url)).path)
        target = self.output / path.lstrip("/")
        return (
            (target / "index.html").is_file()
            if path.endswith("/")
            else target.is_file()
        )

    def listing(self, first_url: str) -> Iterator[BeautifulSoup]:
        """A paginated listing, page after page, following its "next" links."""
        url: str | None = first_url
        while url is not None:
            page = self.page(url)
            yield page
            next_link = page.select_one(".pagination a[rel=next]")
            url = next_link["href"] if next_link else None


def build_for_publishing(content: Path, output: Path, **extra: str) -> BuiltSite:
    """As `make publish` builds, with the SITEURL taken from the environment."""
    result = run_pelican(
        content,
        output,
        settings="publishconf.py",
        env={"SITEURL": PUBLISH_SITEURL},
        extra=extra,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, content, site_url=PUBLISH_SITEURL)


def url_of(relative_path: Path) -> str:
    text = "/" + relative_path.as_posix()
    return text.removesuffix("index.html")


def switch_links(page: BeautifulSoup) -> list[dict[str, str]]:
    return [dict(a.attrs) for a in page.select(".language-switch a")]


def listed_article_urls(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select(".article-list h2 a")]


def file_digests(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with its SHA-256."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def differing_files(left: Path, right: Path) -> list[str]:
    """Paths whose bytes differ, or that exist on one side only."""
    left_files, right_files = file_digests(left), file_digests(right)
    names = left_files.keys() | right_files.keys()
    return sorted(n for n in names if left_files.get(n) != right_files.get(n))
