"""What the search page template needs to know: where each language's index
is, and the characters the query's Chinese is cut by (the index's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pelican.generators import Generator

from ..site.languages import Language
from ..site.newsroom import newsroom_of
from .bundle_files import bundle_dir
from .terms import CJK_CHARACTERS


@dataclass(frozen=True)
class SearchPage:
    """What the search page template needs to know (the Jinja global ``search``)."""

    bundle_dirs: dict[str, str]
    cjk_characters: str = CJK_CHARACTERS


def search_page(languages: Mapping[str, Language]) -> SearchPage:
    return SearchPage(
        bundle_dirs={code: bundle_dir(lang) for code, lang in languages.items()}
    )


def install_search_page(generator: Generator) -> None:
    # generator_init: the theme global ``search``.
    languages = newsroom_of(generator.settings).languages
    generator.env.globals["search"] = search_page(languages)
