"""Settings for the public build (``make publish``): absolute URLs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://www.bjsjs.gov.cn")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
