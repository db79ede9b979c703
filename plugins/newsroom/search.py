"""Site search: a Pagefind index per language, written next to the site.

Pagefind's Chinese segmentation splits words wrongly (石景山区 becomes 石景 +
山区), so a search for a place name can miss and 山区 can match unrelated
text. Instead, every run of Chinese characters is indexed as overlapping
character pairs, and the search page turns the query into the same pairs:
Pagefind then returns a superset of the articles containing the query, which
the browser narrows to exact matches (theme/static/js/search.js).

The index is built from the articles Pelican has already read, as Pagefind
"custom records", so the public article pages carry no hidden search text and
no HTML file is read back from disk.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import shutil
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pagefind.index import IndexConfig
from pagefind.service import PagefindService
from pagefind.service.types import InternalDecodedFile
from pelican import Pelican
from pelican.contents import Article
from pelican.generators import Generator

from .i18n import DATE_FORMAT_SETTING, format_local_date
from .languages import Language
from .listings import ARTICLES_BY_LANGUAGE
from .site import newsroom_of

# CJK Unified Ideographs, Extension A and Compatibility Ideographs, as the body
# of a regular expression character class. The search page receives this very
# string, so query and index are cut into pairs by the same rule.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
SEARCH_INDEX_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
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

    bundle_dir: str = SEARCH_INDEX_DIR
    cjk_characters: str = CJK_CHARACTERS


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
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    return " ".join([*pairs, run[-1]])


def cjk_bigrams(text: str) -> str:
    """Index-time form of a text: every CJK run replaced by its character pairs."""
    return CJK_RUN.sub(lambda match: f" {cjk_run_pairs(match.group())} ", text)


def index_language(language: Language) -> str:
    """The key of a language's index: what Pagefind's JS derives from <html lang>.

    Pagefind's JS lowercases the page's ``lang`` and picks the index of that
    name, else of its primary subtag, else the biggest index: ``zh-Hans`` pages
    would silently search the English index if Chinese were indexed as "zh-Hans".
    """
    return language.html_lang.lower()


def plain_text(html: str) -> str:
    return Markup(html).striptags()


def search_record(
    article: Article, language: Language, date_format: str
) -> SearchRecord:
    text = plain_text(article.content)
    return SearchRecord(
        url=f"{article.settings['SITEURL']}/{article.url}",
        index_language=index_language(language),
        content=cjk_bigrams(f"{article.title}\n{text}"),
        meta={
            "title": article.title,
            "text": text,
            "date": format_local_date(article.date, language, date_format),
            "datetime": article.date.isoformat(),
        },
        sort={"date": article.date.isoformat()},
    )


def search_records(
    articles_by_language: Mapping[str, list[Article]],
    languages: Mapping[str, Language],
    date_format: str,
) -> list[SearchRecord]:
    return [
        search_record(article, languages[code], date_format)
        for code, articles in articles_by_language.items()
        for article in articles
    ]


class PromptPagefindService(PagefindService):
    """Pagefind's service, reading each answer as soon as it arrives.

    Pagefind's own Python client sleeps 0.1 s before reading each answer of
    its index process: ten articles a second, minutes for a few thousand.
    This loop is the same without the sleep (pagefind is pinned: it relies on
    the client's private ``_backend`` and ``_responses``).
    """

    async def _read_answer(self) -> bytes:
        """One answer, however long: the bundle's files come as one answer, far
        beyond the pipe reader's 2 MiB limit, so it is read in pieces."""
        assert self._backend.stdout is not None
        answer = bytearray()
        while True:
            try:
                answer += await self._backend.stdout.readuntil(b",")
                return bytes(answer[:-1])
            except asyncio.LimitOverrunError as overrun:
                answer += await self._backend.stdout.readexactly(overrun.consumed)

    async def _wait_for_responses(self) -> None:
        while True:
            answer = json.loads(base64.b64decode(await self._read_answer()))
            if answer is None:
                continue
            payload = answer["payload"]
            message_id = answer.get("message_id")
            if message_id is None and "original_message" in payload:
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id)
            if future is None:
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(f"Pagefind: {payload['message']}"))
            else:
                future.set_result(payload)


async def bundle_files(records: list[SearchRecord]) -> list[InternalDecodedFile]:
    """The bundle in memory: Pagefind's own write_files can answer before its
    files are complete on disk (seen under load), so this build writes them."""
    service = await PromptPagefindService().launch()
    try:
        index = await service.create_index(IndexConfig())
        # All at once: the service answers requests as they come, so the
        # records do not wait for each other's round trip.
        await asyncio.gather(
            *(
                index.add_custom_record(
                    url=record.url,
                    content=record.content,
                    language=record.index_language,
                    meta=record.meta,
                    sort=record.sort,
                )
                for record in records
            )
        )
        return await index.get_files()
    finally:
        await service.close()


def sorted_entry(entry_json: bytes) -> bytes:
    """Pagefind lists the languages in a different order on every run; the
    same sources must give the same bytes."""
    entry = json.loads(entry_json)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()


def write_search_bundle(records: list[SearchRecord], bundle_path: Path) -> None:
    """A fresh bundle: no index file of a previous build survives."""
    shutil.rmtree(bundle_path, ignore_errors=True)
    for file in asyncio.run(bundle_files(records)):
        name = file["path"]
        if name in UNUSED_BUNDLE_FILES:
            continue
        content = (
            sorted_entry(file["content"]) if name == ENTRY_FILE else file["content"]
        )
        target = bundle_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


class BackgroundIndexing(threading.Thread):
    """Builds the search bundle while Pelican renders the pages.

    Pagefind indexes in its own process, so it works on a second core while
    Python renders; this thread only feeds it and waits.
    """

    def __init__(self, records: list[SearchRecord], bundle_path: Path) -> None:
        super().__init__(name="search-index", daemon=True)
        self.records = records
        self.bundle_path = bundle_path
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.perf_counter()
        try:
            write_search_bundle(self.records, self.bundle_path)
        except BaseException as error:  # noqa: BLE001 - re-raised by finish()
            self.error = error
        self.seconds = time.perf_counter() - started

    def finish(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error
        logger.info(
            "Indexed %d articles for search in %.1f s",
            len(self.records),
            self.seconds,
        )


def start_search_index(generators: list[Generator]) -> None:
    # all_generators_finalized: every article is known and checked (a build
    # with bad sources has stopped before this), and no page is written yet.
    # Pelican cleaned the output folder before reading, so the bundle can be
    # written while the pages are.
    context: dict[str, Any] = generators[0].context
    settings = generators[0].settings
    if not settings.get(SEARCH_INDEX_SETTING, True):
        return
    records = search_records(
        context[ARTICLES_BY_LANGUAGE],
        newsroom_of(settings).languages,
        settings[DATE_FORMAT_SETTING],
    )
    indexing = BackgroundIndexing(
        records, Path(generators[0].output_path) / SEARCH_INDEX_DIR
    )
    settings[INDEXING_SETTING] = indexing
    indexing.start()


def finish_search_index(pelican: Pelican) -> None:
    # finalized: every page is written; the build ends only with the index.
    if (indexing := pelican.settings.pop(INDEXING_SETTING, None)) is not None:
        indexing.finish()
