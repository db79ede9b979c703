"""The theme's catalogs, compiled in memory with the checks `pybabel compile` makes.

A translation whose placeholders do not match its msgid would fail (or show
raw ``%(num)d``) on the pages that use it, and a fuzzy one would be dropped
without a word by the compiler: both stop the build, naming the ``.po`` line.
Every language of the site needs its catalog, the source language's too
(empty translations show the msgid), so a language added to the settings
without one is noticed at once.

Compiled catalogs are kept while their files are unchanged (size and mtime):
every generator of a run shares one compile, and under `make serve` an edited
``messages.po`` is compiled again at the next rebuild.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from ..build_errors import BuildError, shown_path

Catalogs = dict[str, NullTranslations]
MESSAGES_DOMAIN = "messages"
# (code, path, size, mtime) per language.
CatalogFiles = tuple[tuple[str, Path, int, int], ...]


def catalog_path(theme: str, code: str) -> Path:
    return Path(theme) / "translations" / code / "LC_MESSAGES" / f"{MESSAGES_DOMAIN}.po"


def theme_catalogs(theme: str, language_codes: Iterable[str]) -> Catalogs:
    """The theme's catalog per language (kept out of the settings: compiled
    catalogs hold functions that cannot pickle)."""
    files = []
    for code in language_codes:
        path = catalog_path(theme, code)
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise BuildError(
                f"{shown_path(path)}:1: File: missing: {code} is a language of the site"
                " (NEWSROOM_LANGUAGES); `make catalog CODE=...` creates its catalog"
            ) from None
        files.append((code, path, stat.st_size, stat.st_mtime_ns))
    return compiled_catalogs(tuple(files))


@lru_cache(maxsize=2)
def compiled_catalogs(files: CatalogFiles) -> Catalogs:
    return {code: compile_catalog(path) for code, path, _, _ in files}


def compile_catalog(po_path: Path) -> Translations:
    catalog = read_checked(po_path)
    mo_buffer = io.BytesIO()
    write_mo(mo_buffer, catalog)
    mo_buffer.seek(0)
    return Translations(fp=mo_buffer, domain=MESSAGES_DOMAIN)


def read_checked(po_path: Path) -> Catalog:
    where = shown_path(po_path)
    with po_path.open("rb") as po_file:
        try:
            catalog = read_po(po_file, abort_invalid=True)
        except PoFileError as error:
            message = str(error).removesuffix(f" on {error.lineno}")
            raise BuildError(f"{where}:{error.lineno}: File: {message}") from None
    if catalog.fuzzy:
        raise BuildError(
            f"{where}:1: Header: the catalog is marked fuzzy; review it and"
            ' delete the "#, fuzzy" line above msgid ""'
        )
    for message in catalog:
        if message.id and message.fuzzy:
            raise BuildError(
                f"{where}:{message.lineno}: msgstr: the translation of"
                f' "{first_id(message.id)}" is marked fuzzy; review it and delete'
                ' its "#, fuzzy" line'
            )
    for message, errors in catalog.check():
        raise BuildError(f"{where}:{message.lineno}: msgstr: {errors[0]}")
    return catalog


def first_id(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id
