"""The theme's words and dates in the language of the page being rendered.

Pelican renders both languages with one Jinja environment, so gettext cannot be
bound to one catalog: the callables installed here pick the catalog of the
template context's ``here.lang`` (the article, page or listing being written).
Catalogs are compiled from the ``.po`` files in memory (render/catalogs.py),
so no ``.mo`` file is ever committed or stale.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from .catalogs import Catalogs

if TYPE_CHECKING:
    from ..site.languages import Language


@cache
def format_local_date(value: date, language: Language, date_format: str) -> str:
    """A date as readers of ``language`` write it, in the site's date format.

    Cached: an article's date is shown on its page, in three listings, in the
    feeds and in the search index, and Babel takes ~0.1 ms each time.
    """
    return format_date(value, format=date_format, locale=language.locale)


def install_i18n(
    env: Environment,
    catalogs: Catalogs,
    languages: dict[str, Language],
    date_format: str,
) -> None:
    def page_language(context: Context) -> Language:
        return languages[context["here"].lang]

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return catalogs[page_language(context).code].gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return catalogs[page_language(context).code].ngettext(singular, plural, count)

    @pass_context
    def localdate(context: Context, value: date) -> str:
        return format_local_date(value, page_language(context), date_format)

    @pass_context
    def localnumber(context: Context, value: float) -> str:
        return format_decimal(value, locale=page_language(context).locale)

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    env.filters["localdate"] = localdate
    env.filters["localnumber"] = localnumber
