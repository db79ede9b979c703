"""What every template may use besides its page: the site's languages, their
sections and topic menus, the JSON-LD builders, the page furniture (footer,
mourning, breadcrumb, QR codes), and words and dates in the
page's language (render/i18n.py). Search (index/) and feeds (publish/) add
their own."""

from __future__ import annotations

from pelican.generators import Generator

from ..list.listings import section_urls
from ..media.markup import thumbnail, without_photos
from ..site.newsroom import newsroom_of
from .breadcrumb import breadcrumb_list, breadcrumb_trail
from .catalogs import theme_catalogs
from .i18n import install_i18n
from .qr_code import qr_code_svg
from .shared_parts import install_shared_parts
from .structured_data import news_article


def install_theme_globals(generator: Generator) -> None:
    # generator_init: each generator has its own Jinja environment.
    newsroom = newsroom_of(generator.settings)
    catalogs = theme_catalogs(generator.theme, tuple(newsroom.languages))
    install_i18n(
        generator.env,
        catalogs,
        newsroom.languages,
        newsroom.settings.date_format,
    )
    install_shared_parts(generator.env)
    generator.env.globals["languages"] = newsroom.languages
    generator.env.globals["sections"] = {
        code: section_urls(language) for code, language in newsroom.languages.items()
    }
    generator.env.globals["topic_menus"] = {
        code: newsroom.topic_menu(language)
        for code, language in newsroom.languages.items()
    }
    generator.env.globals["news_article"] = news_article
    generator.env.globals["thumbnail"] = thumbnail
    generator.env.filters["without_photos"] = without_photos
    generator.env.globals["furniture"] = newsroom.furniture
    generator.env.globals["breadcrumb_trail"] = breadcrumb_trail
    generator.env.globals["breadcrumb_list"] = breadcrumb_list
    if newsroom.settings.qr_codes:
        generator.env.globals["qr_code"] = qr_code_svg
