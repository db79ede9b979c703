"""The web app manifest of each language (``manifest.json``, ``en/manifest.json``):
what a phone shows for a home-screen shortcut, its name in the page's language,
and the icons (theme/static/icons/, drawn by tools/make_icons.py)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any, TextIO

from pelican.generators import Generator

from ..render.catalogs import theme_catalogs
from ..render.writer import NewsroomWriter
from ..site.languages import Language
from ..site.newsroom import newsroom_of
from .assets import ASSETS_GLOBAL, ThemeAssets

MANIFEST_FILE = "manifest.json"
MANIFEST_ICONS = {"icons/icon-192.png": "192x192", "icons/icon-512.png": "512x512"}
THEME_COLOUR = "#a61b1b"  # the icons' red


def manifest_urls(languages: dict[str, Language]) -> dict[str, str]:
    """Each language's manifest by code (the Jinja global ``web_manifests``)."""
    return {
        code: f"{language.prefix}{MANIFEST_FILE}"
        for code, language in languages.items()
    }


def install_manifest_links(generator: Generator) -> None:
    # generator_init: the theme global ``web_manifests``, for every page's head.
    languages = newsroom_of(generator.settings).languages
    generator.env.globals["web_manifests"] = manifest_urls(languages)


def web_manifest(
    language: Language, name: str, short_name: str, site_url: str, assets: ThemeAssets
) -> dict[str, Any]:
    return {
        "name": name,
        "short_name": short_name,
        "lang": language.html_lang,
        "start_url": f"{site_url}/{language.home_url}",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": f"{site_url}/{assets(path)}", "sizes": sizes, "type": "image/png"}
            for path, sizes in MANIFEST_ICONS.items()
        ],
    }


def write_json(document: dict[str, Any], file: TextIO) -> None:
    json.dump(document, file, ensure_ascii=False, indent=2)


class WebManifestGenerator(Generator):
    def generate_output(self, writer: NewsroomWriter) -> None:
        newsroom = newsroom_of(self.settings)
        catalogs = theme_catalogs(self.theme, tuple(newsroom.languages))
        urls = manifest_urls(newsroom.languages)
        for code, language in newsroom.languages.items():
            catalog = catalogs[code]
            document = web_manifest(
                language,
                catalog.gettext("Shijingshan District News"),
                catalog.gettext("Shijingshan News"),
                self.settings["SITEURL"],
                self.env.globals[ASSETS_GLOBAL],
            )
            writer.write_document(
                urls[code], [document], self.context, partial(write_json, document)
            )
