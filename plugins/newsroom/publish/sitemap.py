"""``sitemap.xml`` and ``robots.txt``, from the pages this run actually wrote.

Every written article, page and listing page already carries its hreflang
alternates (link/translations.py); the sitemap repeats exactly those, so the sitemap and
the pages' heads can never disagree. Pages are recorded as Pelican writes them
(``content_written``) rather than recomputed from the context: whatever a
generator skips (drafts, an empty ``SAVE_AS``) is then missing here too.

The sitemap protocol wants absolute URLs, so both files are written only when
``NEWSROOM_SITEMAP`` is on, which the publish build does with an absolute
``SITEURL``. Paths in ``NEWSROOM_ROBOTS_DISALLOW`` (the newsroom's internal
pages) are disallowed in robots.txt and left out of the sitemap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from pelican.generators import Generator
from pelican.writers import Writer

from ..link.translations import Hreflang
from ..settings import SITEMAP, WRITTEN_PAGES
from ..site.newsroom import newsroom_of

SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
HIDDEN_STATUS = "hidden"


class SitemapSettingsError(ValueError):
    """The publish settings cannot produce a valid sitemap."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    alternates: list[Hreflang]
    lastmod: datetime | None


def last_changed(item: Any) -> datetime | None:
    """``Modified``, else ``Date``; listing pages have neither and get no lastmod,
    since what they show shifts with every article published anywhere in them."""
    return getattr(item, "modified", None) or getattr(item, "date", None)


def written_item(context: Mapping[str, Any]) -> Any:
    """The article, page or listing page a template was rendered for, if any."""
    for key in ("article", "page", "here"):
        if (item := context.get(key)) is not None:
            return item
    return None


def is_disallowed(url: str, disallowed: Iterable[str]) -> bool:
    return any(url.startswith(prefix) for prefix in disallowed)


def record_written_page(path: str, context: Mapping[str, Any]) -> None:
    """``content_written`` handler: note each public page with its alternates.

    The page list lives in the shared context, which Pelican copies shallowly
    into every page's context, so each write reaches the same dict.
    """
    written = context.get(WRITTEN_PAGES)
    item = written_item(context)
    links = getattr(item, "language_links", None)
    if written is None or links is None:
        return
    if getattr(item, "status", "") == HIDDEN_STATUS:
        return
    disallowed = newsroom_of(context).settings.robots_disallow
    if is_disallowed(item.url, disallowed):
        return
    written[item.url] = SitemapEntry(item.url, links.hreflang, last_changed(item))


def absolute(site_url: str, url: str) -> str:
    return f"{site_url}/{url}"


def sitemap_xml(
    entries: Iterable[SitemapEntry], site_url: str
) -> ElementTree.ElementTree:
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(
            site_url, entry.url
        )
        if entry.lastmod is not None:
            lastmod = ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod")
            lastmod.text = entry.lastmod.isoformat()
        for alternate in entry.alternates:
            ElementTree.SubElement(
                url,
                f"{{{XHTML_NS}}}link",
                rel="alternate",
                hreflang=alternate.hreflang,
                href=absolute(site_url, alternate.url),
            )
    ElementTree.indent(urlset)
    return ElementTree.ElementTree(urlset)


def robots_txt(site_url: str, disallowed: Iterable[str]) -> str:
    """Disallow lines carry the site's own path, in case it is not served at /."""
    base_path = urlsplit(site_url).path
    lines = ["User-agent: *"]
    lines += [f"Disallow: {base_path}/{prefix}" for prefix in disallowed]
    lines += ["", f"Sitemap: {absolute(site_url, SITEMAP_FILE)}"]
    return "\n".join(lines) + "\n"


def require_absolute(site_url: str) -> None:
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise SitemapSettingsError(
            f"{SITEMAP.name} is on, so SITEURL must be an absolute http(s) URL "
            f"such as https://www.example.gov.cn (got {site_url!r})"
        )


class SitemapGenerator(Generator):
    """Writes sitemap.xml and robots.txt once every other page is written.

    It must come after every generator that writes pages (the plugin returns
    the generators in that order from ``get_generators``; Pelican's own run
    first); only the static files, which are never listed, come later.
    """

    def generate_context(self) -> None:
        self.enabled: bool = newsroom_of(self.settings).settings.sitemap
        if self.enabled:
            require_absolute(self.settings["SITEURL"])
            self.context[WRITTEN_PAGES] = {}

    def generate_output(self, writer: Writer) -> None:
        if not self.enabled:
            return
        site_url = self.settings["SITEURL"]
        written: dict[str, SitemapEntry] = self.context[WRITTEN_PAGES]
        output = Path(self.output_path)
        entries = [written[url] for url in sorted(written)]
        sitemap_xml(entries, site_url).write(
            output / SITEMAP_FILE, encoding="utf-8", xml_declaration=True
        )
        (output / ROBOTS_FILE).write_text(
            robots_txt(site_url, newsroom_of(self.settings).settings.robots_disallow),
            encoding="utf-8",
        )
