"""The media stage's fixed choices; its settings are in ../settings.py."""

from __future__ import annotations

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
