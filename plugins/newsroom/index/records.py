"""What the index keeps of each article: its record, which the search page
fetches for a candidate to check the query against its title and text and to
show it as a result.

The records are made from the articles Pelican has already read, so the
public article pages carry no hidden search text and no HTML file is read
back from disk.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator

from markupsafe import Markup
from pelican.contents import Article

from ..render.i18n import format_local_date
from ..site.languages import Language
from .terms import index_terms


@dataclasses.dataclass(frozen=True)
class SearchRecord:
    """One article as the search page shows it."""

    url: str
    title: str
    date: str
    datetime: str
    text: str

    def fragment(self) -> bytes:
        """The article's file in the index, fetched for a candidate."""
        fields = dataclasses.asdict(self)
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()

    def terms(self) -> set[str]:
        return index_terms(self.title, self.text)


def search_record(
    article: Article, language: Language, date_format: str
) -> SearchRecord:
    return SearchRecord(
        url=f"{article.settings['SITEURL']}/{article.url}",
        title=article.title,
        date=format_local_date(article.date, language, date_format),
        datetime=article.date.isoformat(),
        text=Markup(article.content).striptags(),
    )


def oldest_first(articles: Iterable[Article]) -> list[Article]:
    """An article's number in the index is its place here, so a new article
    (the newest, as a rule) leaves every other one's number, and its file, as
    it was. The search page lists the highest numbers first."""
    return sorted(articles, key=lambda article: (article.date, article.url))


def search_records(
    articles: Iterable[Article], language: Language, date_format: str
) -> Iterator[SearchRecord]:
    """One at a time: an index holds no more than one article's text."""
    return (search_record(article, language, date_format) for article in articles)
