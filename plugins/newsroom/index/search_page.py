"""What the search page template needs to know: where each language's index
is, and how the index cut its terms (the characters that are Chinese, the
longest separator of a pair of words), so the query is cut the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pelican.generators import Generator

from ..site.languages import Language
from ..site.newsroom import newsroom_of
from .bundle_files import bundle_dir
from .terms import CJK_CHARACTERS, PAIR_SEPARATOR


@dataclass(frozen=True)
class SearchPage:
    """What the search page template needs to know (the Jinja global ``search``)."""

    bundle_dirs: dict[str, str]
    cjk_characters: str = CJK_CHARACTERS
    pair_separator: int = PAIR_SEPARATOR


def search_page(languages: Mapping[str, Language]) -> SearchPage:
    return SearchPage(
        bundle_dirs={code: bundle_dir(lang) for code, lang in languages.items()}
    )


def install_search_page(generator: Generator) -> None:
    # generator_init: the theme global ``search``.
    languages = newsroom_of(generator.settings).languages
    generator.env.globals["search"] = search_page(languages)
