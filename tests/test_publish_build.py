"""What the publish build adds for the server, read from the built folders:
hashed asset names, .br/.gz siblings, 404 pages, icons, and a server
configuration that matches the settings."""

from __future__ import annotations

import gzip
import hashlib
import json
import re

import brotli
import pytest
from pelican.settings import read_settings

from newsroom.publish.nginx import nginx_config
from sitetools import HTML_LANG, LANGUAGE_PREFIXES, REPO, BuiltSite

HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[a-z]+)$")
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}
# Smaller than this, compression may not pay: such a file may keep no sibling.
TINY = 200
JAVASCRIPT_TYPE = "text/javascript"
DECOMPRESSORS = {".br": brotli.decompress, ".gz": gzip.decompress}


def theme_references(site: BuiltSite) -> set[str]:
    """Every theme file a page asks for: stylesheets, scripts, icons."""
    found = set()
    for page in site.pages.values():
        for tag in page.select("link[href], script[src]"):
            url = tag.get("href") or tag["src"]
            if "/theme/" in url:
                found.add(site.site_path(url) if site.site_url else url)
    return found


def test_pages_ask_for_theme_files_by_their_content_hash(
    either_build: BuiltSite,
) -> None:
    references = theme_references(either_build)
    assert len(references) >= 6  # css, 3 scripts, 2 icons
    for path in references:
        match = HASHED.match(path.rsplit("/", 1)[1])
        assert match is not None, path
        content = (either_build.output / path.lstrip("/")).read_bytes()
        assert hashlib.sha256(content).hexdigest()[:12] == match["hash"], path


def test_no_page_runs_an_inline_script(either_build: BuiltSite) -> None:
    """The server's policy is `script-src 'self'`: an inline script would be
    blocked (JSON-LD is data, which the policy does not block)."""
    for url, page in either_build.pages.items():
        for script in page.find_all("script"):
            if script.get("type", JAVASCRIPT_TYPE) == JAVASCRIPT_TYPE:
                assert script.get("src"), (url, str(script)[:80])


def test_every_text_file_has_identical_br_and_gz_siblings(
    publish_site: BuiltSite,
) -> None:
    texts = [
        path
        for path in publish_site.output.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    ]
    assert len(texts) > 80
    for path in texts:
        original = path.read_bytes()
        for suffix, decompress in (
            (".br", brotli.decompress),
            (".gz", gzip.decompress),
        ):
            sibling = path.with_name(path.name + suffix)
            if not sibling.exists():
                assert len(original) < TINY, sibling
                continue
            assert decompress(sibling.read_bytes()) == original, sibling


def test_the_dev_build_writes_no_compressed_files(sample_site: BuiltSite) -> None:
    assert not list(sample_site.output.rglob("*.gz"))


@pytest.mark.parametrize("lang", list(LANGUAGE_PREFIXES))
def test_each_language_has_a_404_page_with_header_search_and_home(
    publish_site: BuiltSite, lang: str
) -> None:
    prefix = LANGUAGE_PREFIXES[lang]
    page = publish_site.page(f"/{prefix}404.html")
    assert page.html["lang"] == HTML_LANG[lang]
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not page.select("link[hreflang]")
    assert page.select_one(".site-header .site-name") is not None
    form = page.select_one("main form[role=search]")
    assert publish_site.site_path(form["action"]) == f"/{prefix}search/"
    assert form.select_one("input[name=q]") is not None
    home = f"{publish_site.site_url}/{prefix}"
    assert page.select_one(f'main a[href="{home}"]') is not None
    sitemap = (publish_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "404.html" not in sitemap


@pytest.mark.parametrize("lang", list(LANGUAGE_PREFIXES))
def test_each_language_has_icons_and_a_manifest_in_its_words(
    publish_site: BuiltSite, lang: str
) -> None:
    prefix = LANGUAGE_PREFIXES[lang]
    home = publish_site.page(f"/{prefix}")
    assert (publish_site.output / "favicon.ico").is_file()
    for rel in ("icon", "apple-touch-icon", "manifest"):
        for link in home.select(f'head link[rel="{rel}"]'):
            assert publish_site.resolves(link["href"]), link
    manifest_url = home.select_one('head link[rel="manifest"]')["href"]
    manifest = json.loads(
        (
            publish_site.output / publish_site.site_path(manifest_url).lstrip("/")
        ).read_text(encoding="utf-8")
    )
    assert manifest["lang"] == HTML_LANG[lang]
    assert manifest["name"] == home.select_one(".site-name").get_text()
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert publish_site.resolves(icon["src"]), icon


def test_the_shipped_nginx_config_matches_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """deploy/nginx.conf is written by `make nginx-config`; a change of the
    languages or paths without it would leave the server behind."""
    monkeypatch.delenv("SITEURL", raising=False)
    settings = read_settings(str(REPO / "publishconf.py"))
    shipped = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert shipped == nginx_config(settings), "run `make nginx-config`"


def test_the_policy_allows_the_configured_badges_hosts_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SITEURL", raising=False)
    settings = read_settings(str(REPO / "publishconf.py"))
    settings["NEWSROOM_BADGES"] = [
        {"id": "_ideConac", "script": "https://dcs.conac.cn/js/33/000/0000/1.js"}
    ]
    policies = re.findall(r'Content-Security-Policy "([^"]*)"', nginx_config(settings))
    assert policies
    for policy in policies:
        directives = dict(part.split(" ", 1) for part in policy.split("; "))
        sources = directives["script-src"].split()
        assert sources[0] == "'self'"
        assert sources[-1] == "https://dcs.conac.cn"
        assert sources[1:-1] == []
        assert directives["img-src"] == "'self' https://dcs.conac.cn"
