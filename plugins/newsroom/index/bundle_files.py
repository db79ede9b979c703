"""A language's search index on disk, next to that language's pages.

``<prefix>search-index/`` holds:

* ``index.json``: how many articles, and each chunk's first and last term and
  file name; the one file a search always fetches;
* ``c/<digest>.json``: the chunks of the inverted index (index/postings.py),
  named by their content;
* ``p/<number>.json``: each article's record (index/records.py), fetched for
  the candidates a search shows.

A build that writes in place (a cached rebuild, publish/atomic.py) rewrites
only the files whose bytes changed, and removes the ones no longer part of
the index; what each language's index was built from is kept in Pelican's
cache folder, so an index none of whose records changed is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..render.page_keys import file_stamp, is_as_written
from ..site.languages import Language
from .postings import chunks, inverted_index
from .records import SearchRecord

SEARCH_INDEX_DIR = "search-index"
INDEX_FILE = "index.json"
CHUNK_DIR = "c"
RECORD_DIR = "p"
# In Pelican's cache folder: what each language's index was built from.
BUNDLE_STAMPS_FILE = "newsroom-search-bundles.json"


def bundle_dir(language: Language) -> str:
    return f"{language.prefix}{SEARCH_INDEX_DIR}/"


def write_if_changed(path: Path, content: bytes) -> None:
    """A file of an index written in place keeps its time when its bytes do
    not change, as an unchanged page does (render/page_keys.py)."""
    try:
        if path.read_bytes() == content:
            return
    except FileNotFoundError:
        pass
    path.write_bytes(content)


def record_files(
    records: Iterable[SearchRecord], bundle: Path, written: set[str]
) -> Iterator[set[str]]:
    """Writes each record's file, yielding its terms: one pass over the
    records, each one made, written and dropped in turn."""
    for number, record in enumerate(records):
        name = f"{number}.json"
        write_if_changed(bundle / RECORD_DIR / name, record.fragment())
        written.add(name)
        yield record.terms()


def remove_other_files(folder: Path, kept: set[str]) -> None:
    for entry in os.scandir(folder):
        if entry.name not in kept:
            os.unlink(entry.path)  # noqa: PTH108 - scandir's entries are strings


def write_search_bundle(
    records: Iterable[SearchRecord], bundle: Path, numbers_per_chunk: int
) -> None:
    """A language's index; no file of an earlier index survives in it."""
    for folder in (RECORD_DIR, CHUNK_DIR):
        (bundle / folder).mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    postings = inverted_index(record_files(records, bundle, written))
    remove_other_files(bundle / RECORD_DIR, written)
    listed = []
    for chunk in chunks(postings, numbers_per_chunk):
        write_if_changed(bundle / CHUNK_DIR / chunk.name, chunk.content)
        listed.append([chunk.first, chunk.last, chunk.name])
    remove_other_files(bundle / CHUNK_DIR, {name for _, _, name in listed})
    index = {"articles": len(written), "chunks": listed}
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    write_if_changed(bundle / INDEX_FILE, text.encode())
    remove_other_files(bundle, {INDEX_FILE, CHUNK_DIR, RECORD_DIR})


def records_digest(records: Iterable[SearchRecord], numbers_per_chunk: int) -> str:
    """What an index is made of: its records, and how it is cut."""
    digest = hashlib.blake2b(str(numbers_per_chunk).encode(), digest_size=16)
    for record in records:
        digest.update(record.fragment())
    return digest.hexdigest()


@dataclass(frozen=True)
class BundleStamp:
    """What a language's index was built from, and its index.json as written."""

    records: str
    index_file: list[int]


class BundleStamps:
    """The indexes of the last cached build, kept in Pelican's cache folder."""

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

    @property
    def used(self) -> bool:
        """Without the content cache no stamp is read or kept, and hashing
        every record would be wasted."""
        return self.load or self.save

    def is_current(self, code: str, records: str, bundle: Path) -> bool:
        stamp = self.stamps.get(code)
        return (
            stamp is not None
            and stamp.records == records
            and is_as_written(bundle / INDEX_FILE, stamp.index_file)
        )

    def keep(self, code: str, records: str, bundle: Path) -> None:
        self.stamps[code] = BundleStamp(records, file_stamp(bundle / INDEX_FILE))

    def write(self) -> None:
        if not self.save:
            return
        bundles = {code: asdict(stamp) for code, stamp in self.stamps.items()}
        saved = {"output": str(self.output_path), "bundles": bundles}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
