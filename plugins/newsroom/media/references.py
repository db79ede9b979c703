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
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..validate.errors import SourceError
from ..validate.header import HEADER_CONTINUATION, HEADER_FIELD, Header, parse_header
from ..validate.html_safety import PHOTO_PLACEHOLDER
from ..validate.source import CheckedSource
from .config import ATTACHMENT_TYPES

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
            image.set("src", f"{PHOTO_PLACEHOLDER}{len(self.found) - 1}")


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

    def images_converted(self) -> int:
        """The Markdown images of the file just converted: the placeholders
        its HTML may hold (validate/html_safety.py)."""
        return len(self._processor.found)

    def media_of(
        self, checked: CheckedSource, folder: PurePath
    ) -> tuple[SourceMedia, list[SourceError]]:
        """The references of the file just converted (``folder``: its folder in
        the content folder), and the problems of how they are written (the
        files' own are checked later, on every build)."""
        text = checked.text or ""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        header = parse_header(lines)
        found = References(checked.path, folder.as_posix())
        images = found.images(self._processor.found, lines, header.body_start)
        lead_field = header_values(lines, header, "image")
        lead = (
            found.ref(*lead_field[0], "Image")
            if lead_field
            else next((ref for ref in images if not ref.decorative), None)
        )
        attachments = [
            ref
            for line, written in header_values(lines, header, "attachments")
            if (ref := found.attachment(line, written))
        ]
        if found.errors:
            return SourceMedia(), found.errors
        return SourceMedia(tuple(images), lead, tuple(attachments)), []


@dataclass
class References:
    """One file's references as they are found, and their problems."""

    path: str
    folder: str
    errors: list[SourceError] = field(default_factory=list)

    def error(self, line: int, field_name: str, message: str) -> None:
        self.errors.append(SourceError(self.path, line, field_name, message))

    def ref(
        self,
        line: int,
        written: str,
        field_name: str,
        image: WrittenImage | None = None,
    ) -> MediaRef | None:
        if EXTERNAL.match(written):
            self.error(
                line,
                field_name,
                f"{shown_name(written)} is not a file of this site: put the file in "
                "content/images/ and write {static}/images/<name>",
            )
            return None
        if not written.strip():
            self.error(line, field_name, "no file given")
            return None
        target = resolve(written, self.folder)
        if target is None:
            self.error(
                line, field_name, f"{shown_name(written)} is outside the content folder"
            )
            return None
        if image is None:
            return MediaRef(target, line, field_name, written)
        return MediaRef(
            target, line, field_name, written, image.alt, image.title, image.decorative
        )

    def images(
        self, found: list[WrittenImage], lines: list[str], body_start: int
    ) -> list[MediaRef]:
        images = []
        cursor = body_start
        for image in found:
            cursor = line_of(image.src, lines, cursor)
            ref = self.ref(cursor + 1, image.src, "Image", image)
            if ref is None:
                continue
            if not image.alt and not image.decorative:
                self.error(
                    ref.line,
                    "Image",
                    f"no alt text for {shown_name(image.src)}: describe the picture "
                    "in ![...], or mark it decorative with ![](...){.decorative}",
                )
            images.append(ref)
        return images

    def attachment(self, line: int, written: str) -> MediaRef | None:
        ref = self.ref(line, written, "Attachment")
        if ref is None:
            return None
        extension = ref.name.rpartition(".")[2].lower() if "." in ref.name else ""
        if extension not in ATTACHMENT_TYPES:
            what = f".{extension} files" if extension else "files without a type"
            self.error(
                line,
                "Attachment",
                f"{what} cannot be attached ({shown_name(written)}); "
                f"allowed: {', '.join(ATTACHMENT_TYPES)}",
            )
            return None
        return ref


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
