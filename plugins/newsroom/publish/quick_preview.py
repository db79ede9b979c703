"""`make serve`: an edited article's page and its listings first, the site after.

A rebuild of the preview is a whole Pelican run: at 10,000 article pairs,
17 seconds after each save, most of it Pelican creating 19,000 articles again
from the content cache and grouping them, which no edit of one body needs.
So before that run, the preview re-reads only the files saved since the last
good run, puts each into the run it keeps in memory (the generators and their
context), and writes the pages a reader is looking at: the article's own page
and every listing page that shows it. The full run follows at once and writes
everything else an edit changes (a neighbour's link, a feed, the sitemap), as
Hugo's server renders the open pages first; after it, the output is a clean
build's, byte for byte.

The quick pass takes only edits that leave an article where it was: the same
file, URL, language, date, topic, translation and photo files. Anything else
(a new or deleted file, a moved date, a theme file, a photo, a file with a
problem) is left to the full run, which also reports any problem as a build
does. The kept run is let go before the full run starts, so memory never
holds two runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, Generator
from pelican.writers import Writer

from ..list.listings import ListingPage, ListingsGenerator
from ..media.stage import fill_in_media, media_of
from ..read.content_attributes import LATER_ATTRIBUTES
from ..settings import QUICK_PREVIEW, get_setting
from .progress import say
from .rerun import Stamps

# What Pelican's linking and the plugin's link/ set on an article after it is
# read; the quick pass carries them over, since an edit that keeps the article
# where it was leaves them as they were. The media's are filled in anew.
LINKED_ATTRIBUTES = (
    "translations",
    *(name for name in LATER_ATTRIBUTES if name not in ("lead_image", "attachments")),
)
# What must be equal before and after the edit for the article to stay put.
PLACE_ATTRIBUTES = ("save_as", "url", "lang", "date", "slug", "status", "template")


@dataclass
class KeptRun:
    """The last good run's generators, and the files as they were when it read them."""

    articles: ArticlesGenerator
    listings: ListingsGenerator
    stamps: Stamps


class QuickPreview:
    """The run kept between two rebuilds of one ``pelican --autoreload``."""

    def __init__(self) -> None:
        self._kept: KeptRun | None = None

    def around(self, run: Callable[[], None]) -> Callable[[Stamps], None]:
        """One rebuild: the quick pass for what changed since the kept run, the
        run, then this run kept with the files as they were when it started."""

        def rebuild(stamps: Stamps) -> None:
            self.show(stamps)
            try:
                run()
            finally:
                generators = take_finished()
            self.keep(generators, stamps)

        return rebuild

    def keep(self, generators: list[Generator], stamps: Stamps) -> None:
        articles = _first(generators, ArticlesGenerator)
        listings = _first(generators, ListingsGenerator)
        if articles is not None and listings is not None:
            self._kept = KeptRun(articles, listings, stamps)

    def show(self, stamps: Stamps) -> None:
        """Before a run: write the edited articles' pages, if the kept run allows."""
        kept, self._kept = self._kept, None
        if kept is None:
            return
        started = time.perf_counter()
        edited = changed_files(kept.stamps, stamps)
        written = quick_pass(kept, edited) if edited else None
        if written is not None:
            seconds = time.perf_counter() - started
            say(f"Preview: {written} pages of the edit in {seconds:.2f} s")


# The generators of the run under way, from all_generators_finalized until the
# run ends (take_finished): one run at a time per process.
_finished: list[Generator] = []


def remember_generators(generators: list[Generator]) -> None:
    # all_generators_finalized: every file is read and linked, nothing is
    # written yet; the listing pages are planned. Only in the preview.
    if generators and get_setting(QUICK_PREVIEW, generators[0].settings):
        _finished[:] = generators


def take_finished() -> list[Generator]:
    """The run's generators, if it got as far; a failed run's are let go too."""
    generators, _finished[:] = list(_finished), []
    return generators


def _first(generators: Iterable[Generator], kind: type[Any]) -> Any:
    return next((g for g in generators if isinstance(g, kind)), None)


def changed_files(before: Stamps, after: Stamps) -> set[str]:
    return {
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    }


def quick_pass(kept: KeptRun, edited: set[str]) -> int | None:
    """The number of pages written, or None when the edit is the full run's."""
    by_source = {a.source_path: a for a in published(kept.articles)}
    if not edited <= by_source.keys():
        return None
    replaced = [
        (by_source[path], reread(kept.articles, path)) for path in sorted(edited)
    ]
    if not all(new is not None and stays_put(old, new) for old, new in replaced):
        return None
    pages = 0
    writer = Writer(kept.articles.output_path, settings=kept.articles.settings)
    for old, new in replaced:
        carry_links(old, new)
        write_article(kept.articles, writer, new)
        pages += 1 + write_listings(kept.listings, writer, old, new)
    return pages


def published(generator: ArticlesGenerator) -> list[Article]:
    return generator.articles + generator.translations


def reread(generator: ArticlesGenerator, source_path: str) -> Article | None:
    """The file read and checked as the full run reads it; None with a problem."""
    try:
        article = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(source_path, generator.path),
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )
    except Exception:  # noqa: BLE001 - the full run reports it
        return None
    if not isinstance(article, Article) or not article.is_valid():
        return None
    return article if fill_in_media(article, generator.settings) else None


def stays_put(old: Article, new: Article) -> bool:
    translation_id = old.settings["ARTICLE_TRANSLATION_ID"] or ()
    keys = (translation_id,) if isinstance(translation_id, str) else translation_id
    place = attrgetter(*PLACE_ATTRIBUTES, *keys)
    return (
        place(old) == place(new)
        and old.category.name == new.category.name
        and media_targets(old) == media_targets(new)
    )


def media_targets(article: Article) -> list[str]:
    media = media_of(article)
    return [] if media is None else [ref.target for ref in media.files()]


def carry_links(old: Article, new: Article) -> None:
    for name in LINKED_ATTRIBUTES:
        setattr(new, name, getattr(old, name))


def write_article(
    generator: ArticlesGenerator, writer: Writer, article: Article
) -> None:
    """As ``ArticlesGenerator.generate_articles`` writes each article."""
    writer.write_file(
        article.save_as,
        generator.get_template(article.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        article=article,
        category=article.category,
        override_output=hasattr(article, "override_save_as"),
        url=article.url,
        blog=True,
    )


def write_listings(
    generator: ListingsGenerator, writer: Writer, old: Article, new: Article
) -> int:
    """Every listing page showing the article, with the edited one in its place."""
    showing = [page for page in generator.listing_pages if shows(page, old)]
    for page in showing:
        page.articles = [new if a is old else a for a in page.articles]
        generator.write_page(writer, page)
    return len(showing)


def shows(page: ListingPage, article: Article) -> bool:
    return any(listed is article for listed in page.articles)
