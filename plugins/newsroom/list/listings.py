"""Per-language listing pages: a home page, a page per topic, yearly archives
and the search page (which lists what the reader's query finds, in the browser).

Pelican's own index, category and archive pages list only "original" articles
and so mix languages; they are switched off in the settings and this generator
writes every listing once per language instead. It paginates itself, rather
than through Pelican's writer, because the language switch of page N must know
whether the other language has a page N.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from pelican.contents import Article
from pelican.generators import Generator
from pelican.writers import Writer

from ..link.translations import LanguageLinks, language_links
from ..settings import ARTICLES_BY_LANGUAGE
from ..site.languages import Language
from ..site.newsroom import Newsroom, newsroom_of
from ..site.topics import LocalTopic

PAGINATION_SETTING = "DEFAULT_PAGINATION"


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    url: str


@dataclass
class ListingPage:
    """One written page of one listing, in one language (the template's ``here``)."""

    template: str
    key: str
    number: int
    lang: str
    url: str
    articles: list[Article]
    page_count: int = 1
    previous_url: str | None = None
    next_url: str | None = None
    topic: LocalTopic | None = None
    years: list[YearLink] = field(default_factory=list)
    language_links: LanguageLinks | None = None

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def identity(self) -> tuple[str, str, int]:
        """What this page lists, the same in every language."""
        return (self.template, self.key, self.number)


def page_url(base_url: str, number: int) -> str:
    return base_url if number == 1 else f"{base_url}page/{number}/"


def paginate(
    template: str,
    key: str,
    base_url: str,
    lang: str,
    articles: list[Article],
    per_page: int,
    **extra: Any,
) -> list[ListingPage]:
    """Pages of ``per_page`` articles; an empty listing still gets its first page."""
    chunks = [articles[i : i + per_page] for i in range(0, len(articles), per_page)]
    chunks = chunks or [[]]
    count = len(chunks)
    return [
        ListingPage(
            template=template,
            key=key,
            number=number,
            lang=lang,
            url=page_url(base_url, number),
            articles=chunk,
            page_count=count,
            previous_url=page_url(base_url, number - 1) if number > 1 else None,
            next_url=page_url(base_url, number + 1) if number < count else None,
            **extra,
        )
        for number, chunk in enumerate(chunks, start=1)
    ]


def year_links(articles: list[Article], archives_url: str) -> list[YearLink]:
    by_year = groupby(articles, key=lambda a: a.date.year)
    return [
        YearLink(year, len(list(items)), f"{archives_url}{year}/")
        for year, items in by_year
    ]


@dataclass(frozen=True)
class SectionUrls:
    """A language's fixed listing pages, for the generator and the header alike."""

    archives: str
    search: str


def section_urls(language: Language) -> SectionUrls:
    return SectionUrls(
        archives=f"{language.prefix}archives/", search=f"{language.prefix}search/"
    )


def language_listings(
    language: Language, articles: list[Article], newsroom: Newsroom, per_page: int
) -> list[ListingPage]:
    """Every listing page of one language, from its articles newest first."""
    prefix = language.prefix
    pages = paginate("home", "", prefix, language.code, articles, per_page)
    by_topic: dict[str, list[Article]] = defaultdict(list)
    by_year: dict[int, list[Article]] = defaultdict(list)
    for article in articles:  # one pass, each list newest first
        by_topic[article.category.name].append(article)
        by_year[article.date.year].append(article)
    for topic in newsroom.topic_menu(language):
        pages += paginate(
            "topic",
            topic.key,
            topic.url,
            language.code,
            by_topic[topic.key],
            per_page,
            topic=topic,
        )
    sections = section_urls(language)
    years = year_links(articles, sections.archives)
    pages.append(
        ListingPage(
            "archives", "", 1, language.code, sections.archives, [], years=years
        )
    )
    for year in years:
        pages += paginate(
            "year",
            str(year.year),
            year.url,
            language.code,
            by_year[year.year],
            per_page,
        )
    pages.append(ListingPage("search", "", 1, language.code, sections.search, []))
    return pages


def link_listing_pages(
    pages: list[ListingPage], languages: Mapping[str, Language]
) -> None:
    """Pair each listing page with the same page in the other languages."""
    url_of: dict[tuple[str, str, str, int], str] = {
        (page.lang, *page.identity): page.url for page in pages
    }
    for page in pages:
        counterparts: dict[str, str] = {}
        nearest: dict[str, str] = {}
        for code in languages:
            if code == page.lang:
                continue
            if (exact := url_of.get((code, *page.identity))) is not None:
                counterparts[code] = exact
            elif (first := url_of.get((code, page.template, page.key, 1))) is not None:
                nearest[code] = first
        page.language_links = language_links(
            languages[page.lang], page.url, counterparts, languages, nearest
        )


class ListingsGenerator(Generator):
    """Writes the per-language listings after Pelican has read every article."""

    def generate_context(self) -> None:
        newsroom = newsroom_of(self.settings)
        per_language = self.context[ARTICLES_BY_LANGUAGE]
        per_page = self.settings[PAGINATION_SETTING]
        self.listing_pages: list[ListingPage] = []
        for code, articles in per_language.items():
            self.listing_pages += language_listings(
                newsroom.languages[code], articles, newsroom, per_page
            )
        link_listing_pages(self.listing_pages, newsroom.languages)

    def planned_outputs(self) -> list[tuple[str, str]]:
        """The pages no source may claim (validate/stop.py)."""
        return [
            (page.save_as, f"the {page.template} listing")
            for page in self.listing_pages
        ]

    def generate_output(self, writer: Writer) -> None:
        for page in self.listing_pages:
            self.write_page(writer, page)

    def write_page(self, writer: Writer, page: ListingPage) -> None:
        """One page; also the preview's quick pass (publish/quick_preview.py)."""
        writer.write_file(
            page.save_as,
            self.get_template(page.template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            here=page,
        )
