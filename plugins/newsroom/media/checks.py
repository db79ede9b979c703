"""The checks of a referenced file itself, run on every build.

An article's Markdown can stay the same while the photo it names is replaced,
truncated or deleted; the content cache would then serve the article as it was
read. So the files are checked here, once all sources are read, and each
problem is reported at every line that uses the file. Every message says what
to do. Only the header is read here: whether the whole photo decodes is known
when it is encoded (derivatives.py), still before anything is written.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..settings import NewsroomSettings

# What Pillow opens and the site re-encodes; anything else is refused with
# what to export it as.
PUBLISHED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis")
SVG_STARTS = (b"<svg", b"<?xml", b"<!--", b"<!doctype svg")


class RefusedFile(ValueError):
    """A referenced file that cannot be published; the message says why."""


def shown_size(size: int) -> str:
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def refused_format(head: bytes, name: str) -> str | None:
    """Formats refused by what they are, before Pillow is asked."""
    extension = name.rpartition(".")[2].lower()
    is_heif = head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS
    if is_heif or extension in ("heic", "heif"):
        return "is HEIC, which most browsers cannot show: export it as JPEG"
    if extension == "svg" or head.lstrip().lower().startswith(SVG_STARTS):
        return "is SVG, which can carry script and is not published: export it as PNG"
    return None


def file_size(path: Path, limit: int) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RefusedFile("does not exist") from None
    if not path.is_file():
        raise RefusedFile("is not a file")
    if size > limit:
        raise RefusedFile(
            f"is {shown_size(size)}, over the limit of {shown_size(limit)}"
        )
    return size


def check_photo_bytes(data: bytes, name: str, limits: NewsroomSettings) -> None:
    """Raises RefusedFile unless the header shows a publishable photo."""
    if problem := refused_format(data[:64], name):
        raise RefusedFile(problem)
    # Only the header is read here: Pillow's own decompression-bomb guard would
    # raise at open; the size is checked against the site's limit below.
    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            animated = getattr(image, "is_animated", False)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise RefusedFile(
            "is not an image that can be decoded (damaged, or not what its name "
            "says): save it again as JPEG or PNG"
        ) from None
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    if kind not in PUBLISHED_FORMATS:
        formats = ", ".join(PUBLISHED_FORMATS.values())
        raise RefusedFile(
            f"is {kind}, which the site does not publish ({formats}): export it as JPEG"
        )
    if animated:
        # The derivatives are stills: only the first frame would be published.
        raise RefusedFile(
            "is animated, and the site publishes photos as stills (its first "
            "frame only): export the frame to show as PNG or JPEG"
        )
    if width * height > limits.photo_max_pixels:
        raise RefusedFile(
            f"is {width}x{height} pixels, over the limit of "
            f"{limits.photo_max_pixels / 1_000_000:g} megapixels: scale it down"
        )


def check_attachment(path: Path, limits: NewsroomSettings) -> int:
    """The attachment's size in bytes, or RefusedFile."""
    size = file_size(path, limits.attachment_max_bytes)
    if size == 0:
        raise RefusedFile("is empty")
    return size


def is_inside(path: Path, root: Path) -> bool:
    """No symbolic link may publish a file from outside the content folder."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
