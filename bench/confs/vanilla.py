"""Vanilla Pelican 4.12 baseline: default theme, core translation linking only.

Content path, output path and cache settings come from the command line
(``bench/run.py``), so this file holds no machine paths.
"""

SITENAME = "石景山区新闻"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"

# The corpus keeps each language in its own top folder; core Pelican reads the
# language from that folder and pairs translations by the shared Slug.
ARTICLE_PATHS = ["zh", "en"]
PAGE_PATHS = ["zh/pages", "en/pages"]
PATH_METADATA = r"(?P<lang>zh|en)/.*"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"

# Same page size as the project (pelicanconf.py), so listings compare.
DEFAULT_PAGINATION = 10

# An empty list stops Pelican from auto-loading namespace plugins installed in
# the same environment (pelican-i18n-subsites is one).
PLUGINS: list[str] = []
