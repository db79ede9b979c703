"""This project's settings with the build_timeline plugin (bench/build_timeline/):
where a build spends its time and memory (bench/README.md, "Profile")."""

import os
import sys
from pathlib import Path

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME = str(REPO_ROOT / "theme")
PLUGIN_PATHS = [str(REPO_ROOT / "plugins"), str(REPO_ROOT / "bench")]
PLUGINS = ["newsroom", "build_timeline"]
