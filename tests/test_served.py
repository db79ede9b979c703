"""The deployed site as nginx serves it with the shipped deploy/nginx.conf:
headers, 404 pages, precompressed bodies, caching (``served_site``, conftest)."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest
from bs4 import BeautifulSoup

from nginxtools import ServedSite, fetch
from search_queries import SEARCH_URLS
from sitetools import HTML_LANG, LANGUAGE_PREFIXES

HASHED_CSS = re.compile(r'href="[^"]*/(theme/css/site\.[0-9a-f]{12}\.css)"')
IMMUTABLE = "public, max-age=31536000, immutable"


def current_file(site: ServedSite, path: str) -> bytes:
    return (site.server.deploy_target / "current" / path).read_bytes()


def hashed_stylesheet(site: ServedSite) -> str:
    home = fetch(f"{site.url}/").body.decode("utf-8")
    match = HASHED_CSS.search(home)
    assert match is not None, "the home page links a hashed stylesheet"
    return match.group(1)


@pytest.mark.parametrize("lang", list(LANGUAGE_PREFIXES))
def test_a_missing_page_answers_404_in_its_urls_language(
    served_site: ServedSite, lang: str
) -> None:
    for missing in ("no-such-page/", "2024/05/gone/", "theme/css/old.css"):
        answer = fetch(f"{served_site.url}/{LANGUAGE_PREFIXES[lang]}{missing}")
        assert answer.status == 404, missing
        page = BeautifulSoup(answer.body, "html.parser")
        assert page.html["lang"] == HTML_LANG[lang], missing
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert answer.headers["Content-Security-Policy"].startswith("default-src")


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
@pytest.mark.parametrize(
    "path", ["", "en/", "sitemap.xml", "feeds/atom.xml", "search-index/p/0.json"]
)
def test_compressed_bodies_are_the_precompressed_files(
    served_site: ServedSite, encoding: str, decompress: object, path: str
) -> None:
    answer = fetch(f"{served_site.url}/{path}", **{"Accept-Encoding": encoding})
    assert answer.status == 200
    assert answer.headers.get("Content-Encoding") == encoding, path
    file = f"{path}index.html" if path.endswith("/") or not path else path
    suffix = ".br" if encoding == "br" else ".gz"
    assert answer.body == current_file(served_site, file + suffix)
    assert decompress(answer.body) == current_file(served_site, file)
    assert "Accept-Encoding" in answer.headers.get("Vary", "")


def test_hashed_assets_are_immutable_and_pages_revalidated(
    served_site: ServedSite,
) -> None:
    stylesheet = fetch(f"{served_site.url}/{hashed_stylesheet(served_site)}")
    assert stylesheet.status == 200
    assert stylesheet.headers["Cache-Control"] == IMMUTABLE
    assert stylesheet.headers["Content-Type"] == "text/css; charset=utf-8"
    for path in ("", "en/", "feeds/atom.xml", "sitemap.xml", "theme/css/site.css"):
        answer = fetch(f"{served_site.url}/{path}")
        assert answer.status == 200, path
        assert answer.headers["Cache-Control"] == "no-cache", path


def search_index_files(site: ServedSite) -> list[str]:
    """The index of the Chinese search page, and the first chunk and record."""
    index = json.loads(current_file(site, "search-index/index.json"))
    return ["search-index/index.json", f"search-index/c/{index['chunks'][0][2]}"]


def test_every_answer_has_the_strict_policy(served_site: ServedSite) -> None:
    """Search pages too: the search is script and JSON, no WebAssembly."""
    paths = ["", "en/", "archives/", "about/", hashed_stylesheet(served_site)]
    paths += [path.lstrip("/") for path in SEARCH_URLS.values()]
    for path in paths + search_index_files(served_site):
        headers = fetch(f"{served_site.url}/{path}").headers
        policy = headers["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "script-src 'self';",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'self'",
        ):
            assert directive in policy, (path, directive)
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "wasm" not in policy, path
        # Plain HTTP here: HSTS belongs to the TLS server only.
        assert "Strict-Transport-Security" not in headers


def test_search_chunks_are_cached_for_good_and_the_index_revalidated(
    served_site: ServedSite,
) -> None:
    index, chunk = search_index_files(served_site)
    assert fetch(f"{served_site.url}/{index}").headers["Cache-Control"] == "no-cache"
    assert fetch(f"{served_site.url}/{chunk}").headers["Cache-Control"] == IMMUTABLE


def test_the_favicon_is_served_where_browsers_ask(served_site: ServedSite) -> None:
    answer = fetch(f"{served_site.url}/favicon.ico")
    assert answer.status == 200
    assert answer.body[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_deploy_prints_a_line_per_phase(served_site: ServedSite) -> None:
    printed = served_site.deploy_output
    assert re.search(r"Read \d+ articles and \d+ pages", printed), printed
    assert re.search(r"Compressing \d+ text files", printed), printed
    assert "current -> releases/" in printed, printed
