"""What Pagefind indexes of each article: its "custom record".

The index is built from the articles Pelican has already read, so the public
article pages carry no hidden search text and no HTML file is read back from
disk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from markupsafe import Markup
from pelican.contents import Article

from ..render.i18n import format_local_date
from ..site.languages import Language
from .cjk import cjk_bigrams

# Pagefind cuts Chinese into words with a dictionary (slow, and wrong for place
# names). The index text is already cut into pairs, so Chinese is indexed as
# "und" (no language), which Pagefind leaves as it is: half the indexing time.
# A bundle holds one language, so the search page finds its index by any name.
PRESEGMENTED_LANGUAGES = ("zh",)
UNSEGMENTED_INDEX = "und"


@dataclass(frozen=True)
class SearchRecord:
    """One article as Pagefind indexes it."""

    url: str
    index_language: str
    content: str
    meta: dict[str, str]
    sort: dict[str, str]


def index_language(language: Language) -> str:
    """The language Pagefind processes a language's text as (stemming, splitting)."""
    html_lang = language.html_lang.lower()
    if html_lang.split("-")[0] in PRESEGMENTED_LANGUAGES:
        return UNSEGMENTED_INDEX
    return html_lang


def plain_text(html: str) -> str:
    return Markup(html).striptags()


def search_record(
    article: Article, language: Language, date_format: str
) -> SearchRecord:
    text = plain_text(article.content)
    plain = f"{article.title}\n{text}"
    content = cjk_bigrams(plain)
    meta = {
        "title": article.title,
        "date": format_local_date(article.date, language, date_format),
        "datetime": article.date.isoformat(),
    }
    # The search page checks and quotes each result's words. Pagefind keeps the
    # indexed content with every result, so the body goes along again only when
    # that content is character pairs: for the English bundle, the copy took
    # two fifths of Pagefind's time (measured at 2,000 pairs).
    if content != plain:
        meta["text"] = text
    return SearchRecord(
        url=f"{article.settings['SITEURL']}/{article.url}",
        index_language=index_language(language),
        content=content,
        meta=meta,
        sort={"date": article.date.isoformat()},
    )


def search_records(
    articles_by_language: Mapping[str, list[Article]],
    languages: Mapping[str, Language],
    date_format: str,
) -> dict[str, list[SearchRecord]]:
    return {
        code: [
            search_record(article, languages[code], date_format) for article in articles
        ]
        for code, articles in articles_by_language.items()
    }


def records_digest(records: list[SearchRecord]) -> str:
    text = json.dumps([asdict(record) for record in records], ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
