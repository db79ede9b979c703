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

# Every text file gets a .gz and a .br sibling for nginx's gzip_static and
# brotli_static (plugins/newsroom/publish/precompress.py, pelican-precompress).
NEWSROOM_PRECOMPRESS = True
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}

# The folder on the server that `make deploy` fills (releases/, current) and
# deploy/nginx.conf serves (`make nginx-config` writes it from these settings).
NEWSROOM_SERVER_ROOT = "/srv/newsroom"
