"""Pelican 4.12 + pelican-i18n-subsites baseline: one English sub-site.

Same corpus settings as ``vanilla.py`` (repeated, since Pelican loads this file
by path and it cannot import its sibling); the Chinese main site is written to
the output root and the English sub-site to ``en/``.
"""

SITENAME = "石景山区新闻"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"

ARTICLE_PATHS = ["zh", "en"]
PAGE_PATHS = ["zh/pages", "en/pages"]
PATH_METADATA = r"(?P<lang>zh|en)/.*"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"

# Same page size as the project (pelicanconf.py), so listings compare.
DEFAULT_PAGINATION = 10

PLUGINS = ["pelican.plugins.i18n_subsites"]
# The plugin installs gettext translations only through this extension.
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
I18N_SUBSITES = {"en": {"SITENAME": "Shijingshan News"}}
# The plugin's default ("hide") turns an article that has no translation into a
# draft of the other sub-site and still writes it under drafts/; a news site
# publishes it in its own language only, so drop it from the other sub-site.
I18N_UNTRANSLATED_ARTICLES = "remove"
