"""Site search: a Pagefind bundle per language, next to that language's pages.

Pagefind's Chinese segmentation splits words wrongly (石景山区 becomes 石景 +
山区), so a search for a place name can miss and 山区 can match unrelated
text. Instead, every run of Chinese characters is indexed as overlapping
character pairs, and the search page turns the query into the same pairs:
Pagefind then returns a superset of the articles containing the query, which
the browser narrows to exact matches (theme/static/js/search.js).

The index is built from the articles Pelican has already read, as Pagefind
"custom records", so the public article pages carry no hidden search text and
no HTML file is read back from disk. Each language gets its own bundle, built
by its own Pagefind process, so the languages are indexed side by side and a
cached build (`make serve`) keeps a language's bundle when none of its records
changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import operator
import re
import shutil
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pelican import Pelican
from pelican.contents import Article

from .i18n import DATE_FORMAT_SETTING, format_local_date
from .incremental import file_stamp, is_as_written
from .languages import Language
from .listings import ARTICLES_BY_LANGUAGE
from .site import newsroom_of

if TYPE_CHECKING:
    from pagefind.service.types import InternalDecodedFile

# CJK Unified Ideographs, Extension A and Compatibility Ideographs, as the body
# of a regular expression character class. The search page receives this very
# string, so query and index are cut into pairs by the same rule.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Captured: splitting a text by it keeps the runs, at the odd indexes.
CJK_RUN_SPLIT = re.compile(f"([{CJK_CHARACTERS}]+)")
SEARCH_INDEX_DIR = "pagefind"
# Pagefind cuts Chinese into words with a dictionary (slow, and wrong for place
# names). The index text is already cut into pairs, so Chinese is indexed as
# "und" (no language), which Pagefind leaves as it is: half the indexing time.
# A bundle holds one language, so the search page finds its index by any name.
PRESEGMENTED_LANGUAGES = ("zh",)
UNSEGMENTED_INDEX = "und"
# In Pelican's cache folder: what each language's bundle was built from.
BUNDLE_STAMPS_FILE = "newsroom-search-bundles.json"
# Pagefind always makes its ready-made search interfaces; the site has its own.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Settings key: the indexing under way from the moment every article is known
# until every page is written.
INDEXING_SETTING = "NEWSROOM_SEARCH_INDEXING"
# Off: no index is built (make serve: Pagefind takes longer than the rest of a
# rebuild); the search pages then say that search could not be loaded.
SEARCH_INDEX_SETTING = "NEWSROOM_SEARCH_INDEX"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchPage:
    """What the search page template needs to know (the Jinja global ``search``)."""

    bundle_dirs: dict[str, str]
    # Pagefind cuts the query into words by the language it is told, not by
    # the bundle's: the search page names the bundle's (issue 13).
    index_languages: dict[str, str]
    cjk_characters: str = CJK_CHARACTERS


def bundle_dir(language: Language) -> str:
    return f"{language.prefix}{SEARCH_INDEX_DIR}/"


def search_page(languages: Mapping[str, Language]) -> SearchPage:
    return SearchPage(
        bundle_dirs={code: bundle_dir(lang) for code, lang in languages.items()},
        index_languages={
            code: index_language(lang) for code, lang in languages.items()
        },
    )


@dataclass(frozen=True)
class SearchRecord:
    """One article as Pagefind indexes it."""

    url: str
    index_language: str
    content: str
    meta: dict[str, str]
    sort: dict[str, str]


def cjk_run_pairs(run: str) -> str:
    """'石景山区' -> '石景 景山 山区 区'.

    The run's last character stands alone too: Pagefind matches a query term
    as a word prefix, so a one-character query then finds every occurrence,
    also at the end of a run.
    """
    return " ".join([*map(operator.add, run, run[1:]), run[-1]])


def cjk_bigrams(text: str) -> str:
    """Index-time form of a text: every CJK run replaced by its character pairs.

    Split rather than a substitution with a callback: a quarter faster, and this
    runs over every article's text.
    """
    parts = CJK_RUN_SPLIT.split(text)
    parts[1::2] = [f" {cjk_run_pairs(run)} " for run in parts[1::2]]
    return "".join(parts)


def index_language(language: Language) -> str:
    """The language Pagefind processes a language's text as (stemming, splitting)."""
    html_lang = language.html_lang.lower()
    if html_lang.split("-")[0] in PRESEGMENTED_LANGUAGES:
        return UNSEGMENTED_INDEX
    return html_lang


def plain_text(html: str) -> str:
    return Markup(html).striptags()


def search_record(
    article: Article, language: Language, date_format: str
) -> SearchRecord:
    text = plain_text(article.content)
    plain = f"{article.title}\n{text}"
    content = cjk_bigrams(plain)
    meta = {
        "title": article.title,
        "date": format_local_date(article.date, language, date_format),
        "datetime": article.date.isoformat(),
    }
    # The search page checks and quotes each result's words. Pagefind keeps the
    # indexed content with every result, so the body goes along again only when
    # that content is character pairs: for the English bundle, the copy took
    # two fifths of Pagefind's time (measured at 2,000 pairs).
    if content != plain:
        meta["text"] = text
    return SearchRecord(
        url=f"{article.settings['SITEURL']}/{article.url}",
        index_language=index_language(language),
        content=content,
        meta=meta,
        sort={"date": article.date.isoformat()},
    )


def search_records(
    articles_by_language: Mapping[str, list[Article]],
    languages: Mapping[str, Language],
    date_format: str,
) -> dict[str, list[SearchRecord]]:
    return {
        code: [
            search_record(article, languages[code], date_format) for article in articles
        ]
        for code, articles in articles_by_language.items()
    }


def records_digest(records: list[SearchRecord]) -> str:
    text = json.dumps([asdict(record) for record in records], ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


FileStamps = dict[str, list[int]]


def write_search_bundle(
    files: list[InternalDecodedFile], bundle_path: Path
) -> FileStamps:
    """A fresh bundle: no index file of a previous build survives. Returns each
    file's size and mtime, to know later that the bundle is still as written."""
    shutil.rmtree(bundle_path, ignore_errors=True)
    stamps: FileStamps = {}
    for file in files:
        if (name := file["path"]) in UNUSED_BUNDLE_FILES:
            continue
        target = bundle_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])
        stamps[name] = file_stamp(target)
    return stamps


def is_bundle_as_written(bundle_path: Path, stamps: FileStamps) -> bool:
    return bool(stamps) and all(
        is_as_written(bundle_path / name, stamp) for name, stamp in stamps.items()
    )


@dataclass(frozen=True)
class BundleStamp:
    """What a language's bundle was built from, and its files as written."""

    records: str
    files: FileStamps


class BundleStamps:
    """The bundles of the last cached build, kept in Pelican's cache folder."""

    def __init__(self, settings: Mapping[str, Any], output_path: Path) -> None:
        self.path = Path(settings["CACHE_PATH"]) / BUNDLE_STAMPS_FILE
        self.output_path = output_path
        self.save = bool(settings["CACHE_CONTENT"])
        self.load = bool(settings["LOAD_CONTENT_CACHE"])
        self.stamps: dict[str, BundleStamp] = self._read() if self.load else {}

    def _read(self) -> dict[str, BundleStamp]:
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        if saved.get("output") != str(self.output_path):
            return {}
        return {code: BundleStamp(**stamp) for code, stamp in saved["bundles"].items()}

    def is_current(self, code: str, records: str, bundle_path: Path) -> bool:
        stamp = self.stamps.get(code)
        return (
            stamp is not None
            and stamp.records == records
            and is_bundle_as_written(bundle_path, stamp.files)
        )

    def write(self) -> None:
        if not self.save:
            return
        bundles = {code: asdict(stamp) for code, stamp in self.stamps.items()}
        saved = {"output": str(self.output_path), "bundles": bundles}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")


class BackgroundIndexing(threading.Thread):
    """Builds the search bundles while Pelican renders the pages.

    Pagefind indexes in its own processes, so it works on the cores Python's
    rendering leaves; this thread only feeds them and waits.
    """

    def __init__(
        self,
        records: Callable[[], dict[str, list[SearchRecord]]],
        bundle_paths: dict[str, Path],
        stamps: BundleStamps,
    ) -> None:
        super().__init__(name="search-index", daemon=True)
        self.make_records = records
        self.records: dict[str, list[SearchRecord]] = {}
        self.bundle_paths = bundle_paths
        self.stamps = stamps
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.indexed: list[str] = []

    def run(self) -> None:
        started = time.perf_counter()
        try:
            self.build_changed_bundles()
        except BaseException as error:  # noqa: BLE001 - re-raised by finish()
            self.error = error
        self.seconds = time.perf_counter() - started

    def build_changed_bundles(self) -> None:
        self.records = self.make_records()
        # Without the content cache no stamp is read or kept: hashing every
        # record (a JSON dump of the whole index) would be wasted.
        uses_stamps = self.stamps.load or self.stamps.save
        digests = {
            code: records_digest(recs) if uses_stamps else ""
            for code, recs in self.records.items()
        }
        changed = {
            code: self.records[code]
            for code, digest in digests.items()
            if not self.stamps.is_current(code, digest, self.bundle_paths[code])
        }
        # Imported here: a build without a search index (make serve) does not
        # load Pagefind's client and asyncio, 2 MB of memory.
        from .pagefind_bundles import build_bundles

        for code, files in build_bundles(changed).items():
            written = write_search_bundle(files, self.bundle_paths[code])
            self.stamps.stamps[code] = BundleStamp(digests[code], written)
        self.indexed = list(changed)
        self.stamps.write()

    def finish(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error
        logger.info(
            "Indexed for search in %.1f s: %s (unchanged bundles kept: %s)",
            self.seconds,
            ", ".join(self.indexed) or "nothing",
            ", ".join(sorted(self.records.keys() - set(self.indexed))) or "none",
        )


def start_search_index(
    _writer: object, context: Mapping[str, Any], settings: dict[str, Any], output: Path
) -> None:
    # Writing has started (writing.py): every article is known and checked (a
    # build with bad sources has stopped before), and the process has forked
    # for rendering if it does, since a fork must not copy a running thread.
    # Pelican cleaned the output folder before reading, so the bundles can be
    # written while the pages are.
    if not settings.get(SEARCH_INDEX_SETTING, True):
        return
    languages = newsroom_of(settings).languages
    bundle_paths = {code: output / bundle_dir(lang) for code, lang in languages.items()}
    indexing = BackgroundIndexing(
        lambda: search_records(
            context[ARTICLES_BY_LANGUAGE], languages, settings[DATE_FORMAT_SETTING]
        ),
        bundle_paths,
        BundleStamps(settings, output),
    )
    settings[INDEXING_SETTING] = indexing
    indexing.start()


def finish_search_index(pelican: Pelican) -> None:
    # finalized: every page is written; the build ends only with the index.
    if (indexing := pelican.settings.pop(INDEXING_SETTING, None)) is not None:
        indexing.finish()
