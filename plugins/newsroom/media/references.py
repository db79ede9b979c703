"""What an article says about its pictures and attachments, found while reading.

A Markdown tree processor sees every image the editor wrote: it turns an image
that starts a paragraph into a ``<figure>`` whose ``<figcaption>`` is the rest
of the paragraph, and gives each image a numbered placeholder ``src``
(``newsroom-photo/0``); markup.py later puts the derivatives there. The
reference (which file, which line, the alt text) goes into the article's
metadata, where the content cache keeps it with the article, because the files
themselves are checked again on every build (checks.py).

Paths follow Pelican's: ``{static}/images/x.jpg`` (or ``/images/x.jpg``) from
the content folder, ``x.jpg`` or ``{static}x.jpg`` from the article's folder.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..validation import (
    HEADER_CONTINUATION,
    HEADER_FIELD,
    CheckedSource,
    Header,
    SourceError,
    parse_header,
)
from .config import ATTACHMENT_TYPES

# Metadata key of an article's SourceMedia.
MEDIA_METADATA_KEY = "newsroom_media"
PLACEHOLDER_PREFIX = "newsroom-photo/"
DECORATIVE_CLASS = "decorative"
# After attr_list (8), which sets the decorative class, before the rest.
TREEPROCESSOR_PRIORITY = 7
TREEPROCESSOR_NAME = "newsroom_media"
LINK_PREFIXES = ("{static}", "{attach}", "{filename}")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class MediaRef:
    """One use of a file: ``target`` is its path in the content folder."""

    target: str
    line: int
    field: str
    written: str
    alt: str = ""
    title: str = ""
    decorative: bool = False

    @property
    def name(self) -> str:
        """The file name as the editor wrote it (shown for attachments)."""
        return self.written.rstrip("/").rpartition("/")[2]


@dataclass(frozen=True)
class SourceMedia:
    """Body images in order (placeholder N is ``images[N]``), the lead image,
    and the attachments listed after the body."""

    images: tuple[MediaRef, ...] = ()
    lead: MediaRef | None = None
    attachments: tuple[MediaRef, ...] = ()

    def files(self) -> Iterator[MediaRef]:
        yield from self.images
        if self.lead is not None:
            yield self.lead
        yield from self.attachments


@dataclass(frozen=True)
class WrittenImage:
    src: str
    alt: str
    title: str
    decorative: bool


def resolve(written: str, source_dir: str) -> str | None:
    """The content-relative path of a link, None when it leaves the content
    folder. ``source_dir`` is the article's folder, content-relative."""
    path = unquote(written.split("#")[0].split("?")[0])
    for prefix in LINK_PREFIXES:
        if path.startswith(prefix):
            path = path.removeprefix(prefix)
            break
    joined = path.lstrip("/") if path.startswith("/") else f"{source_dir}/{path}"
    normal = os.path.normpath(joined).replace(os.sep, "/")
    if normal.startswith("../") or normal in ("..", "."):
        return None
    return normal


def figure_of(paragraph: etree.Element) -> None:
    """A paragraph that starts with an image is a figure, the rest its caption."""
    image = paragraph[0]
    rest = list(paragraph)[1:]
    if any(True for element in rest for _ in element.iter("img")):
        return  # several images in one paragraph: no caption to give
    paragraph.tag = "figure"
    caption_text = (image.tail or "").strip()
    image.tail = None
    if not caption_text and not rest:
        return
    caption = etree.SubElement(paragraph, "figcaption")
    caption.text = caption_text
    for element in rest:
        paragraph.remove(element)
        caption.append(element)
    if rest and rest[-1].tail:
        rest[-1].tail = rest[-1].tail.rstrip()


class MediaTreeprocessor(Treeprocessor):
    """Figures and placeholders; the images found go to ``self.found``."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.found: list[WrittenImage] = []

    def run(self, root: etree.Element) -> None:
        self.found = []
        for container in list(root.iter()):
            for child in list(container):
                if (
                    child.tag == "p"
                    and len(child)
                    and child[0].tag == "img"
                    and not (child.text or "").strip()
                ):
                    figure_of(child)
        unescape = self.md.treeprocessors["unescape"]
        for image in root.iter("img"):
            classes = (image.get("class") or "").split()
            self.found.append(
                WrittenImage(
                    src=unescape.unescape(image.get("src") or ""),
                    alt=unescape.unescape(image.get("alt") or "").strip(),
                    title=unescape.unescape(image.get("title") or ""),
                    decorative=DECORATIVE_CLASS in classes,
                )
            )
            image.attrib.clear()
            image.set("src", f"{PLACEHOLDER_PREFIX}{len(self.found) - 1}")


class MediaExtension(Extension):
    """The figures and placeholders, as a Markdown extension."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            MediaTreeprocessor(md), TREEPROCESSOR_NAME, TREEPROCESSOR_PRIORITY
        )


class MediaReader:
    """Installed on the reader's Markdown instance; asked after each file."""

    def __init__(self, md: Markdown) -> None:
        MediaExtension().extendMarkdown(md)
        self._processor = md.treeprocessors[TREEPROCESSOR_NAME]

    def media_of(
        self, checked: CheckedSource, folder: PurePath
    ) -> tuple[SourceMedia, list[SourceError]]:
        """The references of the file just converted (``folder``: its folder in
        the content folder), and the problems of how they are written (the
        files' own are checked later, on every build)."""
        display_path, source_dir = checked.path, folder.as_posix()
        text = checked.text or ""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        header = parse_header(lines)
        errors: list[SourceError] = []

        def target_of(written: str, line: int, field: str) -> str | None:
            target = resolve(written, source_dir)
            if EXTERNAL.match(written):
                message = (
                    f"{shown_name(written)} is not a file of this site: put the file "
                    "in content/images/ and write {static}/images/<name>"
                )
            elif not written.strip():
                message = "no file given"
            elif target is None:
                message = f"{shown_name(written)} is outside the content folder"
            else:
                return target
            errors.append(SourceError(display_path, line, field, message))
            return None

        images: list[MediaRef | None] = []
        cursor = header.body_start
        for found in self._processor.found:
            cursor = line_of(found.src, lines, cursor)
            target = target_of(found.src, cursor + 1, "Image")
            ref = (
                MediaRef(
                    target,
                    cursor + 1,
                    "Image",
                    found.src,
                    found.alt,
                    found.title,
                    found.decorative,
                )
                if target
                else None
            )
            if ref and not found.alt and not found.decorative:
                errors.append(
                    SourceError(
                        display_path,
                        ref.line,
                        "Image",
                        f"no alt text for {shown_name(found.src)}: describe the "
                        "picture in ![...], or mark it decorative with "
                        "![](...){.decorative}",
                    )
                )
            images.append(ref)
        field_image = header_values(lines, header, "image")
        lead = None
        if field_image:
            line, written = field_image[0]
            target = target_of(written, line, "Image")
            lead = MediaRef(target, line, "Image", written) if target else None
        else:
            lead = next(
                (ref for ref in images if ref is not None and not ref.decorative),
                None,
            )
        attachments = []
        for line, written in header_values(lines, header, "attachments"):
            target = target_of(written, line, "Attachment")
            if target is None:
                continue
            ref = MediaRef(target, line, "Attachment", written)
            extension = ref.target.rpartition(".")[2].lower()
            if "." not in ref.name or extension not in ATTACHMENT_TYPES:
                what = (
                    f".{extension} files" if "." in ref.name else "files without a type"
                )
                errors.append(
                    SourceError(
                        display_path,
                        line,
                        "Attachment",
                        f"{what} cannot be attached ({shown_name(written)}); "
                        f"allowed: {', '.join(ATTACHMENT_TYPES)}",
                    )
                )
                continue
            attachments.append(ref)
        if errors:
            return SourceMedia(), errors
        body = tuple(ref for ref in images if ref is not None)
        return SourceMedia(body, lead, tuple(attachments)), errors


def shown_name(written: str) -> str:
    return written[:60] if written else '""'


def line_of(src: str, lines: list[str], start: int) -> int:
    """The index of the first line from ``start`` that names ``src``."""
    for index in range(start, len(lines)):
        if src and src in lines[index]:
            return index
    return start


def header_values(lines: list[str], header: Header, key: str) -> list[tuple[int, str]]:
    """A header field's values, one per line (continuation lines included)."""
    first = header.lines.get(key)
    if first is None:
        return []
    values = []
    match = HEADER_FIELD.match(lines[first - 1])
    if match and match["value"].strip():
        values.append((first, match["value"].strip()))
    for index in range(first, header.body_start):
        more = HEADER_CONTINUATION.match(lines[index])
        if not more or HEADER_FIELD.match(lines[index]):
            break
        if more["value"].strip():
            values.append((index + 1, more["value"].strip()))
    return values
