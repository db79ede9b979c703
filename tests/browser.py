"""A real browser on the built site: Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@dataclass
class Browser:
    """A page to drive, and the script errors it has reported so far."""

    page: Page
    errors: list[str] = field(default_factory=list)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are the browser's business; the test output stays readable."""


@contextmanager
def serve_site(output: Path) -> Iterator[str]:
    """A plain static file server on the built site, as any web host would be.

    Pagefind loads WebAssembly, which browsers refuse from file:// URLs.
    """
    handler = functools.partial(QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    """On CI a missing browser is a failure; on a workstation, a skip."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium_page() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            browser = Browser(chromium.new_page())
            browser.page.on("pageerror", lambda e: browser.errors.append(str(e)))
            yield browser
        finally:
            chromium.close()


@contextmanager
def requests_made(page: Page) -> Iterator[list[str]]:
    """The URLs the page requests while the block runs."""
    urls: list[str] = []

    def record(request: Request) -> None:
        urls.append(request.url)

    page.on("request", record)
    try:
        yield urls
    finally:
        page.remove_listener("request", record)
