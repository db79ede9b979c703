"""The photos' HTML: ``<picture>`` with WebP and a fallback, sized, lazy.

Runs on converted, already checked HTML (the placeholders of references.py),
so the attributes written here (srcset, sizes, loading...) need no allow-list.
Every ``<img>`` gets its width and height, so the browser reserves the space
before the photo arrives; every image but the first of a page loads lazily.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from ..validate.html_safety import PHOTO_PLACEHOLDER
from .derivatives import WEBP, Photo
from .references import MediaRef

PLACEHOLDER = re.compile(
    rf'<img\b[^>]*?\bsrc="{re.escape(PHOTO_PLACEHOLDER)}(?P<index>\d+)"[^>]*>'
)
# What this module writes for a photo: a figure, or a picture in running text.
PHOTO_MARKUP = re.compile(r"<figure>.*?</figure>|<picture>.*?</picture>", re.DOTALL)
# The article column (site.css: main is 60rem less 1rem padding each side).
BODY_SIZES = "(min-width: 60rem) 58rem, calc(100vw - 2rem)"
THUMBNAIL_SIZES = "8rem"
MIME_TYPES = {WEBP: "image/webp"}


@dataclass(frozen=True)
class Attachment:
    """A file listed after the body: its name as the editor wrote it."""

    name: str
    url: str
    type: str
    size: int


def srcset(photo: Photo, site_url: str, extension: str) -> str:
    return ", ".join(
        f"{site_url}/{photo.url(width, extension)} {width}w" for width, _ in photo.sizes
    )


def picture(
    photo: Photo,
    alt: str,
    sizes: str,
    eager: bool,
    site_url: str,
    title: str = "",
) -> Markup:
    loading = "" if eager else ' loading="lazy" decoding="async"'
    titled = f' title="{escape(title)}"' if title else ""
    return Markup(
        f'<picture><source type="image/webp" srcset="{srcset(photo, site_url, WEBP)}"'
        f' sizes="{sizes}">'
        f'<img src="{site_url}/{photo.fallback_url}"'
        f' srcset="{srcset(photo, site_url, photo.fallback)}" sizes="{sizes}"'
        f' width="{photo.width}" height="{photo.height}" alt="{escape(alt)}"'
        f"{titled}{loading}></picture>"
    )


@cache
def thumbnail(photo: Photo, eager: bool, site_url: str) -> Markup:
    """A listing's thumbnail: next to the linked title, so it says nothing more
    (empty alt); the 8rem box picks the narrowest derivatives. Cached: a lead
    image is shown in every listing of its article. (A body's picture is made
    once, for its article alone: cached, it would stay in memory twice.)"""
    return picture(photo, "", THUMBNAIL_SIZES, eager, site_url)


def with_pictures(
    html: str,
    images: Sequence[MediaRef],
    photos: Mapping[str, Photo],
    site_url: str,
) -> str:
    def replace(match: re.Match[str]) -> str:
        index = int(match["index"])
        if index >= len(images):
            # Only under NEWSROOM_ALLOW_UNSAFE_HTML, whose body is not checked:
            # raw HTML copying a placeholder stays as it was written.
            return match[0]
        ref = images[index]
        alt = "" if ref.decorative else ref.alt
        return picture(
            photos[ref.target], alt, BODY_SIZES, index == 0, site_url, ref.title
        )

    return PLACEHOLDER.sub(replace, html)


def without_photos(html: str) -> Markup:
    """A summary cut from the body (an article without ``Summary:``) would bring
    its photos into the listings, which show the lead image's thumbnail."""
    return Markup(PHOTO_MARKUP.sub("", html))
