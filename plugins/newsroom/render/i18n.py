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
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

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

    @cache
    def translated(code: str, message: str, autoescape: bool) -> str:
        text = catalogs[code].gettext(message)
        return Markup(text) if autoescape else text

    @cache
    def fixed(code: str, message: str, autoescape: bool) -> str:
        return translated(code, message, autoescape) % {}

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        """Jinja's newstyle gettext (``rv % variables``, even with none), with
        the words without variables kept: a page shows some forty, and each
        went three calls deep through Jinja's wrappers and made a new Markup,
        a fifth of rendering an article."""
        code, autoescape = page_language(context).code, context.eval_ctx.autoescape
        if variables:
            return translated(code, message, autoescape) % variables
        return fixed(code, message, autoescape)

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, count: int, **variables: Any
    ) -> str:
        variables.setdefault("num", count)
        text = catalogs[page_language(context).code].ngettext(singular, plural, count)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def localdate(context: Context, value: date) -> str:
        return format_local_date(value, page_language(context), date_format)

    @pass_context
    def localnumber(context: Context, value: float) -> str:
        return format_decimal(value, locale=page_language(context).locale)

    env.add_extension("jinja2.ext.i18n")
    # Installed as they are, not through install_gettext_callables, which
    # would wrap them in its own newstyle gettext; ``_`` calls them directly.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=gettext, ngettext=ngettext, _=gettext)
    env.filters["localdate"] = localdate
    env.filters["localnumber"] = localnumber
