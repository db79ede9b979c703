"""The media settings (NEWSROOM_PHOTO_*, NEWSROOM_ATTACHMENT_*), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Where derivatives are kept between builds, by content digest (relative to the
# folder Pelican runs in). Outside output/ and the content cache, so neither a
# clean output nor `make clean` re-encodes an unchanged photo.
CACHE_SETTING = "NEWSROOM_PHOTO_CACHE"
MAX_PIXELS_SETTING = "NEWSROOM_PHOTO_MAX_PIXELS"
MAX_BYTES_SETTING = "NEWSROOM_PHOTO_MAX_BYTES"
ATTACHMENT_MAX_BYTES_SETTING = "NEWSROOM_ATTACHMENT_MAX_BYTES"
# Where derivatives are published, under the output folder.
PHOTOS_FOLDER = "photos"

# Widths of the derivatives, never wider than the photo: 320 for listing
# thumbnails and narrow phones, 1440 for the 44rem column on a 2x screen.
WIDTHS = (320, 640, 960, 1440)
ATTACHMENT_TYPES = (
    "pdf",
    "ofd",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "wps",
    "et",
    "dps",
    "txt",
    "csv",
)


@dataclass(frozen=True)
class MediaSettings:
    cache: str = "photo-cache"
    max_pixels: int = 40_000_000
    max_bytes: int = 30_000_000
    attachment_max_bytes: int = 50_000_000


def media_settings(settings: Mapping[str, Any]) -> MediaSettings:
    default = MediaSettings()
    return MediaSettings(
        cache=settings.get(CACHE_SETTING) or default.cache,
        max_pixels=int(settings.get(MAX_PIXELS_SETTING) or default.max_pixels),
        max_bytes=int(settings.get(MAX_BYTES_SETTING) or default.max_bytes),
        attachment_max_bytes=int(
            settings.get(ATTACHMENT_MAX_BYTES_SETTING) or default.attachment_max_bytes
        ),
    )
