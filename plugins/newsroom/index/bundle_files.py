"""A language's bundle on disk, next to that language's pages, and what each
bundle was built from, so that a cached build (``make serve``) keeps a
language's bundle when none of its records changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render.page_keys import file_stamp, is_as_written
from ..site.languages import Language

if TYPE_CHECKING:
    from pagefind.service.types import InternalDecodedFile

SEARCH_INDEX_DIR = "pagefind"
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


def bundle_dir(language: Language) -> str:
    return f"{language.prefix}{SEARCH_INDEX_DIR}/"


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
