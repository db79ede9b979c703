"""Reading Markdown fast: one Markdown instance per process, every core at work.

Reading and converting Markdown is most of a clean build (profiled at 2,000
article pairs: two thirds of the time, an eighth of it spent by Pelican building
a new ``Markdown`` instance for every file). This reader keeps one instance and
resets it, and it can convert the articles in worker processes ahead of
Pelican's own sequential loop, which then only collects the results. Each
source file is still read once, by whichever process converts it, and checked
from those same bytes (validate/) before Markdown sees them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from markdown import Markdown
from markupsafe import escape
from pelican.generators import ArticlesGenerator
from pelican.readers import MarkdownReader, Readers
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime, file_suffix

from ..media.references import MediaReader, SourceMedia
from ..settings import MEDIA_METADATA_KEY
from ..site.newsroom import build_workers, newsroom_of
from ..validate.errors import SourceError
from ..validate.handoff import check_file, checked_metadata
from ..validate.html_safety import checked_body, with_errors
from .inline_patterns import InlinePatternFilter

CHUNK_SIZE = 64
"""Files per task: large enough to amortise pickling, small enough to balance."""

META_PRIORITY = 27
"""The priority markdown.extensions.meta registers its preprocessor with."""

DATE_FIELDS = ("date", "modified")

TOO_DEEP = "nested too deep for Markdown to convert: flatten its lists or quotes"

Converted = tuple[str, dict[str, Any]]
_worker_reader: NewsroomMarkdownReader | None = None


class NewsroomMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, reusing one Markdown instance across files."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        super().__init__(settings)
        self._markdown = Markdown(**self.settings["MARKDOWN"])
        # Pelican's _parse_metadata deregisters "meta" so that metadata values
        # are converted as plain Markdown; it is put back before the next file.
        self._meta_preprocessor = self._markdown.preprocessors["meta"]
        self._media = MediaReader(self._markdown)
        self._inline_patterns = InlinePatternFilter(self._markdown)
        self._pending: dict[str, Future[dict[str, Converted | None]]] = {}
        self._executor: ProcessPoolExecutor | None = None

    def read(self, source_path: str) -> Converted:
        future = self._pending.pop(source_path, None)
        converted = future.result().get(source_path) if future else None
        if not self._pending and self._executor is not None:
            # The last result is in: end the workers and the pool's thread now,
            # so that page rendering may fork (render/split.py).
            self._executor.shutdown(wait=True)
            self._executor = None
        if converted is None:
            return self.convert(source_path)
        self._share_settings(converted[1])
        return converted

    def _share_settings(self, metadata: dict[str, Any]) -> None:
        """A category, tag or author from a worker came with its own unpickled
        copy of the settings (one per chunk, 1.3 MB in all at 2,000 pairs): it
        gets this run's, as if it had been read here."""
        for value in metadata.values():
            for wrapper in value if isinstance(value, list) else [value]:
                if isinstance(wrapper, URLWrapper):
                    wrapper.settings = self.settings

    def convert(self, source_path: str) -> Converted:
        self._source_path = source_path
        self._md = self._markdown
        self._md.reset()
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(
                self._meta_preprocessor, "meta", META_PRIORITY
            )
        checked = check_file(source_path, self.settings)
        # A file with a broken header is converted all the same, so that its
        # body's problems are reported in the same run; a body that is empty
        # or nested too deep, or bytes that are not text, are not.
        if checked.text is None or any(e.field == "Body" for e in checked.errors):
            return "", checked_metadata(checked, {})
        self._inline_patterns.prepare_for(checked.text)
        try:
            content = self._md.convert(checked.text)
        except RecursionError:
            # A nesting the line-by-line limit (validate/nesting.py) misses.
            error = SourceError(checked.path, checked.body_line, "Body", TOO_DEEP)
            return "", checked_metadata(with_errors(checked, [error]), {})
        content, checked = checked_body(
            checked,
            content,
            newsroom_of(self.settings).settings.allow_unsafe_html,
            self._media.images_converted(),
        )
        media, problems = self._media.media_of(
            checked, Path(source_path).parent.relative_to(self.settings["PATH"])
        )
        if problems:
            checked = with_errors(checked, problems)
        if checked.errors:
            return "", checked_metadata(checked, {})
        metadata = html_summary(self._parse_metadata(self._md.Meta))
        if media != SourceMedia():
            metadata[MEDIA_METADATA_KEY] = media
        return content, checked_metadata(checked, metadata)

    def process_metadata(self, name: str, value: str) -> Any:
        """A date as Pelican reads it, without dateutil's guessing (a tenth
        of a millisecond a date): a file whose dates are not in the three
        ISO forms validate/fields.py accepts never gets this far."""
        if name in DATE_FIELDS:
            return SafeDatetime.fromisoformat(value)
        return super().process_metadata(name, value)

    def convert_ahead(self, paths: Sequence[str], workers: int) -> None:
        """Start converting ``paths`` in ``workers`` processes; ``read`` collects."""
        self._executor = ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(self.settings,)
        )
        for chunk in _chunks(paths, CHUNK_SIZE):
            future = self._executor.submit(_convert_chunk, chunk)
            self._pending.update(dict.fromkeys(chunk, future))


def html_summary(metadata: dict[str, Any]) -> dict[str, Any]:
    """Summaries are plain text, escaped here into HTML so that templates and
    feeds can treat every summary (written or cut from the body) as HTML."""
    if "summary" in metadata:
        metadata["summary"] = escape(metadata["summary"])
    return metadata


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _start_worker(settings: Mapping[str, Any]) -> None:
    global _worker_reader  # noqa: PLW0603 - one reader per worker process
    _worker_reader = NewsroomMarkdownReader(settings)


def _convert_chunk(paths: Sequence[str]) -> dict[str, Converted | None]:
    """Converted files; ``None`` for a file that failed, so that the main process
    reads it again and reports the error exactly as a sequential build would."""
    assert _worker_reader is not None
    results: dict[str, Converted | None] = {}
    for path in paths:
        try:
            results[path] = _worker_reader.convert(path)
        except Exception:  # noqa: BLE001 - re-raised by the main process's read
            results[path] = None
    return results


def replace_markdown_reader(readers: Readers) -> None:
    # readers_init: Pelican's readers exist, no file is read yet.
    reader_classes = readers.reader_classes
    for extension in NewsroomMarkdownReader.file_extensions:
        if reader_classes.get(extension) is MarkdownReader:
            reader_classes[extension] = NewsroomMarkdownReader


def convert_articles_ahead(generator: ArticlesGenerator) -> None:
    """Hand the articles that the content cache cannot serve to worker processes."""
    workers = build_workers(newsroom_of(generator.settings).settings.workers)
    reader = generator.readers.readers.get("md")
    if workers < 2 or not isinstance(reader, NewsroomMarkdownReader):
        return
    settings = generator.settings
    relative_paths = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    )
    markdown_paths = (
        # The very string Readers.read_file keys a file by (not Path.resolve).
        os.path.abspath(os.path.join(generator.path, relative))  # noqa: PTH100, PTH118
        for relative in relative_paths
        if file_suffix(relative) in NewsroomMarkdownReader.file_extensions
    )
    paths = [p for p in markdown_paths if generator.readers.get_cached_data(p) is None]
    if paths:
        reader.convert_ahead(paths, workers)
