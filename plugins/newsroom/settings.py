"""Every setting the plugin reads, and every key it stores things under.

The ``NEWSROOM_*`` settings are declared once below, each with its default and
what it means, and read and checked in one place (``get_settings``), as
Pelican's ``DEFAULT_CONFIG`` and pelican-precompress's ``get_settings`` do: no
module repeats a default in a ``.get(KEY, default)``, and a wrongly typed value
stops the build with the setting's name instead of misbehaving later.

The keys under which one stage leaves something for a later one (in Pelican's
context, in an article's metadata, in the settings) are named here too, so
listing this file shows every channel between the stages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Keys the plugin stores its own run objects under in Pelican's settings, which
# every generator shares.
SITE_SETTING = "NEWSROOM_SITE"  # the Newsroom (site/newsroom.py), set at start
# The search indexing under way (index/indexing.py), from the first page
# written until every page is.
INDEXING_SETTING = "NEWSROOM_SEARCH_INDEXING"

# Context keys: what a stage leaves in Pelican's context for a later one.
# Each language's published articles, newest first (link/ sets it, list/,
# index/ and publish/ read it).
ARTICLES_BY_LANGUAGE = "articles_by_language"
# Each language's published pages (About...), by slug, for the footer (link/
# sets it; render/page_keys.py digests it for every page).
PAGES_BY_LANGUAGE = "pages_by_language"
# The CheckedSource of every file read in this run (validate/).
CHECKED_SOURCES = "newsroom_checked_sources"
# The translation report (validate/translations.py), for the strict check.
TRANSLATION_REPORT = "newsroom_translation_report"
# The pages written so far, by URL; present only when the sitemap is on.
WRITTEN_PAGES = "newsroom_written_pages"

# The files media/stage.py copies into the output, (from, to under it).
MEDIA_FILES = "newsroom_media_files"

# Metadata key that carries a file's CheckedSource from the reader to the
# generator's context signal, which removes it again.
CHECK_METADATA_KEY = "newsroom_check"
# Metadata key of an article's photos and attachments (media/references.py),
# kept with the article in the content cache: the files are checked anew on
# every build.
MEDIA_METADATA_KEY = "newsroom_media"


class SettingsError(ValueError):
    """A NEWSROOM_* setting is missing or of the wrong type."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: type | tuple[type, ...]
    meaning: str


REQUIRED = object()

LANGUAGES = Setting(
    "NEWSROOM_LANGUAGES",
    REQUIRED,
    list,
    "the site's languages (code, html_lang, locale, og_locale), default first",
)
TOPICS_FILE = Setting(
    "NEWSROOM_TOPICS_FILE",
    "topics.toml",
    str,
    "the topics and their names per language, relative to PATH",
)
DATE_FORMAT = Setting(
    "NEWSROOM_DATE_FORMAT",
    "long",
    str,
    "a Babel date pattern or style for every date shown",
)
WORKERS = Setting(
    "NEWSROOM_WORKERS",
    None,
    (int, type(None)),
    "processes for Markdown conversion and rendering; None: one per core",
)
SEARCH_INDEX = Setting(
    "NEWSROOM_SEARCH_INDEX",
    True,
    bool,
    "build the search index (off in make serve, for speed)",
)
SEARCH_CHUNK_SIZE = Setting(
    "NEWSROOM_SEARCH_CHUNK_SIZE",
    20_000,
    int,
    "article numbers (one per term and article holding it) per file of the "
    "search index; a search fetches the files its terms are in",
)
LIVE_RELOAD = Setting(
    "NEWSROOM_LIVE_RELOAD",
    False,
    bool,
    "pages reload themselves when a rebuild changes them (make serve only)",
)
QUICK_PREVIEW = Setting(
    "NEWSROOM_QUICK_PREVIEW",
    False,
    bool,
    "before each rebuild, write an edited article's page and its listings at "
    "once (make serve only)",
)
SITEMAP = Setting(
    "NEWSROOM_SITEMAP",
    False,
    bool,
    "write sitemap.xml and robots.txt (needs an absolute SITEURL)",
)
ROBOTS_DISALLOW = Setting(
    "NEWSROOM_ROBOTS_DISALLOW",
    [],
    list,
    "path prefixes disallowed in robots.txt and left out of the sitemap",
)
ALLOW_UNSAFE_HTML = Setting(
    "NEWSROOM_ALLOW_UNSAFE_HTML",
    False,
    bool,
    "let article bodies carry <script>, <iframe>, on...= and javascript:",
)
STRICT_TRANSLATIONS = Setting(
    "NEWSROOM_STRICT_TRANSLATIONS",
    False,
    bool,
    "stop the build on a missing or stale translation",
)
LIST_TRANSLATIONS = Setting(
    "NEWSROOM_LIST_TRANSLATIONS",
    False,
    bool,
    "print every translation gap after the build, not only the counts",
)
PHOTO_CACHE = Setting(
    "NEWSROOM_PHOTO_CACHE",
    "photo-cache",
    str,
    "the photos' derivatives by content digest, kept between builds (and by "
    "make clean); relative to the folder Pelican runs in",
)
PHOTO_MAX_PIXELS = Setting(
    "NEWSROOM_PHOTO_MAX_PIXELS",
    40_000_000,
    int,
    "photos with more pixels are refused (this also stops decompression bombs)",
)
PHOTO_MAX_BYTES = Setting(
    "NEWSROOM_PHOTO_MAX_BYTES",
    30_000_000,
    int,
    "photo files larger than this are refused",
)
ATTACHMENT_MAX_BYTES = Setting(
    "NEWSROOM_ATTACHMENT_MAX_BYTES",
    50_000_000,
    int,
    "attachments larger than this are refused",
)
SOURCE_MAX_BYTES = Setting(
    "NEWSROOM_SOURCE_MAX_BYTES",
    2_000_000,
    int,
    "Markdown files larger than this are refused (a news article is a few "
    "dozen kB; Markdown would take minutes over megabytes of HTML)",
)
PRECOMPRESS = Setting(
    "NEWSROOM_PRECOMPRESS",
    False,
    bool,
    "write .br and .gz siblings of every text file (publish build, nginx)",
)
SERVER_ROOT = Setting(
    "NEWSROOM_SERVER_ROOT",
    "/srv/newsroom",
    str,
    "the deploy folder on the server (releases/, current) that nginx serves",
)
FOOTER = Setting(
    "NEWSROOM_FOOTER",
    {},
    dict,
    "the identity footer's values (site/furniture.py): each a string, or a"
    " mapping with one string per language",
)
BADGES = Setting(
    "NEWSROOM_BADGES",
    [],
    list,
    "third-party badges in the footer, each its provider's script in an element"
    " of an id (the CSP must allow the script)",
)
MOURNING = Setting(
    "NEWSROOM_MOURNING",
    None,
    (dict, type(None)),
    'the mourning mode\'s days, {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}:'
    " every page built within them is grey",
)
QR_CODES = Setting(
    "NEWSROOM_QR_CODES",
    False,
    bool,
    "a QR code of its absolute URL on every article page (needs an absolute SITEURL)",
)
LOCK_TIMEOUT = Setting(
    "NEWSROOM_LOCK_TIMEOUT",
    600,
    (int, float),
    "seconds a build waits for another build of the same output to end; 0 refuses",
)
SETTINGS = (
    LANGUAGES,
    TOPICS_FILE,
    DATE_FORMAT,
    WORKERS,
    SEARCH_INDEX,
    SEARCH_CHUNK_SIZE,
    LIVE_RELOAD,
    QUICK_PREVIEW,
    SITEMAP,
    ROBOTS_DISALLOW,
    ALLOW_UNSAFE_HTML,
    STRICT_TRANSLATIONS,
    LIST_TRANSLATIONS,
    PHOTO_CACHE,
    PHOTO_MAX_PIXELS,
    PHOTO_MAX_BYTES,
    ATTACHMENT_MAX_BYTES,
    SOURCE_MAX_BYTES,
    PRECOMPRESS,
    SERVER_ROOT,
    FOOTER,
    BADGES,
    MOURNING,
    QR_CODES,
    LOCK_TIMEOUT,
)


@dataclass(frozen=True)
class NewsroomSettings:
    """The plugin's settings, read and checked (one field per entry of SETTINGS)."""

    languages: list[dict[str, str]]
    topics_file: str
    date_format: str
    workers: int | None
    search_index: bool
    search_chunk_size: int
    live_reload: bool
    quick_preview: bool
    sitemap: bool
    robots_disallow: list[str]
    allow_unsafe_html: bool
    strict_translations: bool
    list_translations: bool
    photo_cache: str
    photo_max_pixels: int
    photo_max_bytes: int
    attachment_max_bytes: int
    source_max_bytes: int
    precompress: bool
    server_root: str
    footer: dict[str, Any]
    badges: list[dict[str, Any]]
    mourning: dict[str, str] | None
    qr_codes: bool
    lock_timeout: float


def field_name(setting: Setting) -> str:
    return setting.name.removeprefix("NEWSROOM_").lower()


def get_setting(setting: Setting, settings: Mapping[str, Any]) -> Any:
    """One setting, checked: for a part that needs no other (the writer)."""
    value = settings.get(setting.name, setting.default)
    if value is REQUIRED:
        raise SettingsError(f"{setting.name} is not set: {setting.meaning}")
    # bool is an int: a True where a number of workers is meant is a mistake.
    wrong_bool = isinstance(value, bool) and bool not in _kinds(setting)
    if wrong_bool or not isinstance(value, setting.kind):
        expected = " or ".join(kind.__name__ for kind in _kinds(setting))
        raise SettingsError(
            f"{setting.name} must be {expected}, got {value!r}: {setting.meaning}"
        )
    return value


def _kinds(setting: Setting) -> tuple[type, ...]:
    return setting.kind if isinstance(setting.kind, tuple) else (setting.kind,)


def get_settings(settings: Mapping[str, Any]) -> NewsroomSettings:
    """Every NEWSROOM_* setting, its default where it is not set."""
    return NewsroomSettings(
        **{field_name(s): get_setting(s, settings) for s in SETTINGS}
    )
