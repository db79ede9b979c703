"""Settings for the public build (``make publish``): absolute URLs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://www.bjsjs.gov.cn")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
NEWSROOM_SITEMAP = True
NEWSROOM_QR_CODES = True
DELETE_OUTPUT_DIRECTORY = True

# Set to True to refuse publishing while any article lacks a translation or has
# a stale one (`make translations` lists them). Off by default: a newsroom often
# publishes the Chinese article first and the English one later.
NEWSROOM_STRICT_TRANSLATIONS = False
