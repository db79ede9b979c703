"""A real browser reading the sample site over http.

One Chromium for the whole session (Debian's, since browser downloads do not
work on the build machines), a fresh context per test so no test sees another's
saved text size. Under CI a missing browser fails the run instead of skipping.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from sitetools import BuiltSite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1024, "height": 900}

OpenPage = Callable[..., Page]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are the tests' business; keep them out of the output."""


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served on a free local port, as a reader's browser gets it."""
    handler = partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(sample_site: BuiltSite) -> Iterator[str]:
    """The sample site, served."""
    with serving(sample_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        reason = f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Open a site path in a fresh context (own storage; options such as
    ``viewport`` or ``java_script_enabled`` apply to that context only).

    Every request must stay on the local server: the site loads nothing from
    elsewhere, and the tests never reach the network.
    """
    contexts: list[BrowserContext] = []
    foreign: list[str] = []

    def refuse_foreign(route: Route) -> None:
        foreign.append(route.request.url)
        route.abort()

    def open_(path: str, **options: Any) -> Page:
        context = browser.new_context(
            base_url=site_url, **{"viewport": DESKTOP, **options}
        )
        contexts.append(context)
        context.route(lambda url: not url.startswith(site_url), refuse_foreign)
        page = context.new_page()
        page.goto(path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not foreign, f"requests left the site: {foreign}"
