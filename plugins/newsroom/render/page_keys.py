"""Incremental rendering: with Pelican's content cache on, a rebuild renders only
the pages whose inputs changed.

Rendering is most of a rebuild after a one-file edit: the content cache spares
the reading, not the 5,000 templates. So every page written gets a key, a
digest of what its template can read that may change between builds (a feed,
written without a template, gets one from the values it is written from):

* the page's own values (for an article: its content, metadata, URL, language
  links and its neighbours'; for a listing page: the articles it lists, its
  pagination and links; for a feed: its articles), digested from the writer's
  arguments;
* the site key: the settings, every file of the theme (templates, catalogs,
  static), this plugin's code, the versions of the packages that render, and
  the site-wide lists of ``SITE_WIDE_CONTEXT``.

A page whose key is the one recorded for its file, and whose file is still the
one written then (same size and mtime), is not rendered again. A value this
module cannot digest makes the page render: it never guesses. Keys are kept in
Pelican's cache folder as JSON lines, appended as pages are written, so no
end-of-run step is needed and a build that stops half way leaves keys only for
files it finished.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from ..read.content_attributes import NEIGHBOUR_ATTRIBUTES
from ..settings import PAGES_BY_LANGUAGE

KEYS_FILE = "newsroom-page-keys.jsonl"
# Context entries that templates read on every page (the footer lists the
# pages). A template that starts reading another site-wide list must add it
# here, or its pages would keep showing the old list.
SITE_WIDE_CONTEXT = (PAGES_BY_LANGUAGE,)
RENDERING_PACKAGES = ("pelican", "jinja2", "markupsafe", "babel", "feedgenerator")
# The whole plugin: every stage's code can change what a page shows.
PLUGIN_DIR = Path(__file__).parent.parent
DIGEST_SIZE = 16


class Undigestible(TypeError):
    """A template input of a type this module does not know: render the page."""


class Memo:
    """Digests of objects that live through the whole build, computed once.

    Keyed by ``id`` and holding the object, so an id is never reused meanwhile.
    """

    def __init__(self) -> None:
        self._digests: dict[int, tuple[object, bytes]] = {}

    def digest(self, value: object, values: Callable[[Any], Any]) -> bytes:
        if (known := self._digests.get(id(value))) is None:
            digest = Digest(self)
            digest.add(values(value))
            known = self._digests[id(value)] = (value, digest.raw())
        return known[1]

    def store(self, value: object, digest: bytes) -> None:
        self._digests[id(value)] = (value, digest)


class Digest:
    """A BLAKE2 digest of nested values, each tagged with its type and length."""

    def __init__(self, memo: Memo) -> None:
        self._hash = hashlib.blake2b(digest_size=DIGEST_SIZE)
        self._memo = memo

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def raw(self) -> bytes:
        return self._hash.digest()

    def add(self, value: Any, lenient: bool = False) -> None:
        """Lenient (for the settings): an unknown type counts by its name."""
        if value is None or isinstance(value, bool | int | float | str):
            self._tagged("v", repr(value))
        elif isinstance(value, bytes):
            self._hash.update(f"b{len(value)}:".encode())
            self._hash.update(value)
        elif isinstance(value, datetime | date):
            self._tagged("d", value.isoformat())
        elif isinstance(value, Path):
            self._tagged("p", value.as_posix())
        elif isinstance(value, Content):
            self.add(self._memo.digest(value, own_values))
        elif isinstance(value, URLWrapper):
            self._tagged(type(value).__name__, value.name)
        elif isinstance(value, list | tuple):
            self._items("l", value, lenient)
        elif isinstance(value, set | frozenset):
            self._items("s", sorted(value, key=repr), lenient)
        elif isinstance(value, Mapping):
            self._items(
                "m", sorted(value.items(), key=lambda item: repr(item[0])), lenient
            )
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            self._tagged("dc", type(value).__qualname__)
            if value.__dataclass_params__.frozen and not lenient:
                self.add(self._memo.digest(value, dataclass_values))
            else:
                self._items("f", dataclass_values(value), lenient)
        elif lenient:
            self._tagged("t", unknown_type_name(value))
        else:
            raise Undigestible(type(value).__qualname__)

    def _tagged(self, tag: str, text: str) -> None:
        encoded = text.encode("utf-8", "surrogatepass")
        self._hash.update(f"{tag}{len(encoded)}:".encode())
        self._hash.update(encoded)

    def _items(self, tag: str, items: Any, lenient: bool) -> None:
        self._tagged(tag, str(len(items)))
        for item in items:
            self.add(item, lenient)


def own_values(content: Content) -> list[str]:
    """The body, and one string of the rest, for speed: the metadata values,
    topic and links (frozen dataclasses of plain values) show every field in
    their ``repr``."""
    rest = (
        type(content).__name__,
        content.source_path,
        content.url,
        content.save_as,
        content.template,
        content.metadata,
        content.topic,
        content.language_links,
    )
    return [content.content, repr(rest)]


def dataclass_values(value: Any) -> list[Any]:
    return [getattr(value, f.name) for f in dataclasses.fields(value)]


def unknown_type_name(value: Any) -> str:
    """Settings may hold functions (Jinja filters): their code then counts."""
    code = getattr(value, "__code__", None)
    name = type(value).__qualname__
    return name if code is None else f"{name}:{code.co_code.hex()}{code.co_consts!r}"


def files_under(folder: Path, pattern: str) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(folder).as_posix(), path.read_bytes()


def site_key(settings: Mapping[str, Any], context: Mapping[str, Any]) -> str:
    digest = Digest(Memo())
    digest.add(dict(settings), lenient=True)
    digest.add(list(files_under(Path(settings["THEME"]), "*")))
    digest.add(list(files_under(PLUGIN_DIR, "*.py")))
    digest.add([version(package) for package in RENDERING_PACKAGES])
    digest.add([context.get(name) for name in SITE_WIDE_CONTEXT], lenient=True)
    return digest.hexdigest()


def file_stamp(path: str | Path) -> list[int]:
    """Size and mtime: whether a file is still the one written (nobody replaced it)."""
    stat = os.stat(path)  # noqa: PTH116 - page paths are strings (see PageKeys)
    return [stat.st_size, stat.st_mtime_ns]


def is_as_written(path: str | Path, stamp: list[int]) -> bool:
    try:
        return file_stamp(path) == stamp
    except FileNotFoundError:
        return False


@dataclasses.dataclass(frozen=True)
class Written:
    """A page's key, and its file as it was right after writing."""

    key: str
    size: int
    mtime_ns: int


class PageKeys:
    """The keys of the last output folder built: read once, appended to as pages
    are written. The first line names the folder; building another folder (the
    atomic build's fresh one) starts the file again, so it never grows unbounded.
    """

    def __init__(
        self, cache_path: Path, output_path: Path, load: bool, save: bool
    ) -> None:
        self.path = cache_path / KEYS_FILE
        self.output_path = output_path
        self.recorded: dict[str, Written] = self._read() if load else {}
        self._save = save
        self._started = bool(self.recorded)

    def _read(self) -> dict[str, Written]:
        """The last complete line per page wins; a torn last line is ignored."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return {}
        if not lines or lines[0] != self._header():
            return {}
        recorded: dict[str, Written] = {}
        for line in lines[1:]:
            try:
                name, key, size, mtime_ns = json.loads(line)
            except ValueError:
                continue
            if key is None:  # the page was removed
                recorded.pop(name, None)
            else:
                recorded[name] = Written(key, size, mtime_ns)
        if len(lines) > 2 * len(recorded):
            self._rewrite(recorded)
        return recorded

    def _header(self) -> str:
        return json.dumps(str(self.output_path), ensure_ascii=False)

    def _rewrite(self, recorded: dict[str, Written]) -> None:
        """Start the file with ``recorded``; also compacts it once most lines are
        outdated, since every rebuild appends."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        lines = [self._header() + "\n"]
        lines += [key_line(name, written) for name, written in recorded.items()]
        temporary.write_text("".join(lines), encoding="utf-8")
        temporary.replace(self.path)

    def unchanged(self, name: str, key: str) -> bool:
        recorded = self.recorded.get(name)
        return recorded is not None and recorded.key == key and self.is_as_written(name)

    def is_as_written(self, name: str) -> bool:
        recorded = self.recorded[name]
        return is_as_written(self._file(name), [recorded.size, recorded.mtime_ns])

    def _file(self, name: str) -> str:
        """A string: pathlib would intern every part of every page's path."""
        return os.path.join(self.output_path, name)  # noqa: PTH118

    def record(self, name: str, key: str) -> None:
        size, mtime_ns = file_stamp(self._file(name))
        self._append(name, Written(key, size, mtime_ns))

    def forget(self, name: str) -> None:
        self._append(name, None)

    def _append(self, name: str, written: Written | None) -> None:
        if not self._save:
            return
        if not self._started:
            self._rewrite({})
            self._started = True
        with self.path.open("a", encoding="utf-8") as keys_file:
            keys_file.write(key_line(name, written))


def key_line(name: str, written: Written | None) -> str:
    """A tombstone (no key) when the page was removed."""
    if written is None:
        line = [name, None, 0, 0]
    else:
        line = [name, written.key, written.size, written.mtime_ns]
    return json.dumps(line, ensure_ascii=False) + "\n"


class PageKeyer:
    """Keys for the pages of one build (the site key is computed once)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self._site_key: str | None = None
        self._memo = Memo()

    def prepare(self, context: Mapping[str, Any]) -> list[Content]:
        """The site key, and the articles and pages whose own digests every
        process's keys need: an article's serves its page, its neighbours' and
        the listings and feeds that show it, which fall to either process."""
        self._site_key = site_key(self.settings, context)
        return list(context["generated_content"].values())

    def own_digest(self, content: Content) -> bytes:
        return self._memo.digest(content, own_values)

    def remember(self, contents: list[Content], digests: Iterable[bytes]) -> None:
        for content, digest in zip(contents, digests, strict=True):
            self._memo.store(content, digest)

    def key(
        self,
        name: str,
        template: Any,
        context: Mapping[str, Any],
        relative_urls: bool,
        kwargs: Mapping[str, Any],
    ) -> str | None:
        """A page rendered from a template. It shows the titles and links of its
        own article's neighbours and related news; an article it lists counts
        by itself alone."""
        neighbours = [
            [getattr(value, attribute) for attribute in NEIGHBOUR_ATTRIBUTES]
            for value in kwargs.values()
            if isinstance(value, Content)
        ]
        inputs = [template.name, relative_urls, dict(kwargs), neighbours]
        return self.key_of(name, inputs, context)

    def key_of(
        self, name: str, inputs: list[Any], context: Mapping[str, Any]
    ) -> str | None:
        """None when an input cannot be digested: write the file."""
        if self._site_key is None:
            self._site_key = site_key(self.settings, context)
        digest = Digest(self._memo)
        try:
            digest.add([self._site_key, name, *inputs])
        except Undigestible:
            return None
        return digest.hexdigest()
