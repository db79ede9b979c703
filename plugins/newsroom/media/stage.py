"""The media stage of a build: check, encode, fill in and publish.

Runs when every source is read and before anything is written
(``media_problems``, from the all_generators_finalized handler), so a photo's
problem stops the build with the others. The derivatives and attachments are
copied into the output by ``MediaOutput``, a generator placed after the second
rendering process has joined, so one process writes them.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pelican.contents import Content
from pelican.generators import Generator
from pelican.writers import Writer

from ..settings import MEDIA_FILES, MEDIA_METADATA_KEY, NewsroomSettings
from ..site.newsroom import build_workers, newsroom_of
from ..validate.errors import SourceError, display_path
from .checks import RefusedFile, check_attachment, is_inside
from .config import PHOTOS_FOLDER
from .derivatives import Photo, cache_entry, prepare_photos
from .markup import Attachment, with_pictures
from .published import (
    record_attachments,
    recorded_attachments,
    remove_empty_folders,
    remove_unpublished,
)
from .references import SourceMedia

IGNORED_FILES = (".DS_Store", "Thumbs.db")


@dataclass
class MediaPlan:
    photos: dict[str, Photo] = field(default_factory=dict)
    attachments: dict[str, int] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MediaFiles:
    """What MediaOutput publishes: each derivative by its name in the photos
    folder, with its photo's key and name in the cache; each attachment."""

    cache: Path
    photos: dict[str, tuple[str, str]]
    attachments: list[tuple[Path, str]]


def media_of(content: Content) -> SourceMedia | None:
    return content.metadata.get(MEDIA_METADATA_KEY)


def media_problems(generators: list[Generator]) -> list[SourceError]:
    """The media first, before the stop-on-problems policy: it encodes the
    photos not yet in the cache and fills in the pictures, which nothing has
    read before this point."""
    context, settings = generators[0].context, generators[0].settings
    contents = [c for c in context["generated_content"].values() if c is not None]
    return prepare_media(contents, settings, context)


def prepare_media(
    contents: Iterable[Content], settings: Mapping[str, Any], context: dict[str, Any]
) -> list[SourceError]:
    """Problems of the files the sources use; without any, every content gets
    its pictures, lead image and attachments, and the context the files to copy."""
    root = Path(settings["PATH"])
    with_media = [(c, m) for c in contents if (m := media_of(c)) is not None]
    plan = checked_files(with_media, root, newsroom_of(settings).settings)
    errors = [
        SourceError(
            display_path(content.source_path, root),
            ref.line,
            ref.field,
            f"{ref.written} {plan.problems[ref.target]}",
        )
        for content, media in with_media
        for ref in media.files()
        if ref.target in plan.problems
    ]
    if errors:
        return errors
    for content, media in with_media:
        fill_in(content, media, plan, settings["SITEURL"])
    context[MEDIA_FILES] = files_to_publish(with_media, plan, root, settings)
    warn_unused(
        root, settings, {ref.target for _, m in with_media for ref in m.files()}
    )
    return []


def fill_in_media(content: Content, settings: Mapping[str, Any]) -> bool:
    """One article read again by the preview's quick pass (publish/): its
    pictures filled in as ``prepare_media`` would; False when one of its files
    has a problem, which the full run then reports."""
    media = media_of(content)
    if media is None:
        return True
    plan = checked_files(
        [(content, media)], Path(settings["PATH"]), newsroom_of(settings).settings
    )
    if any(ref.target in plan.problems for ref in media.files()):
        return False
    fill_in(content, media, plan, settings["SITEURL"])
    return True


def checked_files(
    with_media: list[tuple[Content, SourceMedia]], root: Path, limits: NewsroomSettings
) -> MediaPlan:
    """Every photo ready (from the cache or encoded now), every attachment's
    size, or the problem of each file that cannot be published."""
    plan = MediaPlan()
    images = {
        ref.target for _, m in with_media for ref in m.files() if ref.field == "Image"
    }
    photos, problems, counts = prepare_photos(
        [root / target for target in sorted(images)],
        root,
        limits,
        build_workers(limits.workers),
    )
    plan.photos = {p.relative_to(root).as_posix(): photo for p, photo in photos.items()}
    plan.problems = {p.relative_to(root).as_posix(): m for p, m in problems.items()}
    for target in sorted({ref.target for _, m in with_media for ref in m.attachments}):
        try:
            if not is_inside(root / target, root):
                raise RefusedFile("is outside the content folder")
            plan.attachments[target] = check_attachment(root / target, limits)
        except RefusedFile as refused:
            plan.problems[target] = str(refused)
    if images:
        print(counts)
    return plan


def files_to_publish(
    with_media: list[tuple[Content, SourceMedia]],
    plan: MediaPlan,
    root: Path,
    settings: Mapping[str, Any],
) -> MediaFiles:
    """A draft's files are checked like the rest, but not published before it."""
    published = {
        ref.target
        for content, media in with_media
        if content.status != "draft"
        for ref in media.files()
    }
    return MediaFiles(
        cache=Path(newsroom_of(settings).settings.photo_cache),
        photos={
            name: (photo.key, cache_name)
            for target, photo in plan.photos.items()
            if target in published
            for cache_name, name in photo.files()
        },
        attachments=[
            (root / target, target)
            for target in plan.attachments
            if target in published
        ],
    )


def fill_in(
    content: Content, media: SourceMedia, plan: MediaPlan, site_url: str
) -> None:
    if media.images:
        content._content = with_pictures(
            content._content, media.images, plan.photos, site_url
        )
    if media.lead is not None:
        content.lead_image = plan.photos[media.lead.target]
    content.attachments = tuple(
        Attachment(
            name=ref.name,
            url=quote(ref.target),
            type=ref.target.rpartition(".")[2].upper(),
            size=plan.attachments[ref.target],
        )
        for ref in media.attachments
    )


def warn_unused(root: Path, settings: Mapping[str, Any], used: set[str]) -> None:
    """A file under content/ that no source uses is not published; say so."""
    static = tuple(settings.get("STATIC_PATHS") or ())
    known = used | {newsroom_of(settings).settings.topics_file}
    for folder, _, names in os.walk(root):
        # Strings: a Path per file would cost more than the rest of the walk.
        prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
        prefix = prefix.removeprefix("./")
        for name in names:
            relative = prefix + name
            if (
                name.startswith(".")
                or name in IGNORED_FILES
                or name.endswith(".md")
                or relative in known
                or relative.startswith(static)
            ):
                continue
            # Printed like the errors, one unwrapped line (Pelican's log wraps).
            print(
                f"{display_path(root / relative, root)}: File: not used by any "
                "article or page, so not published",
                file=sys.stderr,
            )


def publish_file(source: Path, target: Path) -> None:
    """A hard link where possible: a derivative is never changed in place."""
    if target.exists():
        if target.samefile(source):
            return
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class MediaOutput(Generator):
    """Links the derivatives and copies the attachments into the output, and
    removes those an earlier build left there and this one does not publish
    (a replaced, renamed or removed photo's, a removed attachment). A
    derivative's name holds its photo's digest: one already there is the same."""

    def generate_output(self, writer: Writer) -> None:
        files: MediaFiles | None = self.context.get(MEDIA_FILES)
        if files is None:
            return
        output = Path(self.output_path)
        self.publish_photos(files, output)
        self.publish_attachments(files, output)

    def publish_photos(self, files: MediaFiles, output: Path) -> None:
        photos = output / PHOTOS_FOLDER
        # Names, not Paths: one per derivative.
        present = set(os.listdir(photos)) if photos.is_dir() else set()  # noqa: PTH208
        for stale in present - files.photos.keys():
            (photos / stale).unlink()
        if present and not files.photos:
            remove_empty_folders(photos, output)
        missing = files.photos.keys() - present
        if missing:
            photos.mkdir(parents=True, exist_ok=True)
        for name in missing:
            key, cache_name = files.photos[name]
            publish_file(cache_entry(files.cache, key) / cache_name, photos / name)

    def publish_attachments(self, files: MediaFiles, output: Path) -> None:
        """Recorded when the content cache is saved, for the next build into
        this folder (which loads the cache and writes in place)."""
        cache = Path(self.settings["CACHE_PATH"])
        published = {name for _, name in files.attachments}
        if self.settings["LOAD_CONTENT_CACHE"]:
            recorded = recorded_attachments(cache, output)
            remove_unpublished(output, recorded, published)
        for source, name in files.attachments:
            publish_file(source, output / name)
        if self.settings["CACHE_CONTENT"]:
            record_attachments(cache, output, published)
