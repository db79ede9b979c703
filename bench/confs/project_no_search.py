"""This project without the search index: how much the index costs.

Everything else is ``pelicanconf.py``'s (bench/run.py starts every build at the
repo root). Pelican resolves relative paths in a settings file against the
file's own folder, so the theme and plugins are anchored at the repo root.
"""

import os
import sys
from pathlib import Path

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME = str(REPO_ROOT / "theme")
PLUGIN_PATHS = [str(REPO_ROOT / "plugins")]
NEWSROOM_SEARCH_INDEX = False
