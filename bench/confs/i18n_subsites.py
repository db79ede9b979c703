"""Pelican 4.12 + pelican-i18n-subsites baseline: one English sub-site.

The corpus settings are vanilla.py's; the Chinese main site is written to the
output root and the English sub-site to ``en/``.
"""

import sys
from pathlib import Path

# Pelican loads a settings file by path; its folder makes the sibling importable.
sys.path.append(str(Path(__file__).resolve().parent))
from vanilla import *  # noqa: F403

PLUGINS = ["pelican.plugins.i18n_subsites"]
# The plugin installs gettext translations only through this extension.
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
I18N_SUBSITES = {"en": {"SITENAME": "Shijingshan News"}}
# The plugin's default ("hide") turns an article that has no translation into a
# draft of the other sub-site and still writes it under drafts/; a news site
# publishes it in its own language only, so drop it from the other sub-site.
I18N_UNTRANSLATED_ARTICLES = "remove"
