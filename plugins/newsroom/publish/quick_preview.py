"""`make serve`: an edited article's page and its listings first, the site after.

A rebuild of the preview is a whole Pelican run: at 10,000 article pairs,
15 seconds after each save, most of it Pelican creating 19,000 articles again
from the content cache and grouping them, which no edit of one file needs.
So before that run, the preview reads again only the files saved since the
last good run, puts them into the run it keeps in memory (its generators and
their context), links the articles again (translations, each language's order,
neighbours, related news: link/), plans the listings again, and writes the
pages a reader is looking at: the edited articles' own pages, their
translations', and every listing page that shows them or showed them. The full
run follows at once and writes everything else an edit changes (a neighbour's
link, the archive's counts, a feed, the sitemap), as Hugo's server renders the
open pages first; after it, the output is a clean build's, byte for byte.

The quick pass takes edits of published articles' Markdown files: a body, a
title, a date, a topic, a new article, a translation, a deleted one. Anything
else is the full run's alone: a page, a draft, ``topics.toml``, the theme, a
photo or an article's list of photos and attachments, a file with a problem
(the full run reports it as any build does), a clash of URLs or keys. The kept
run is let go before the full run starts, so memory never holds two runs.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, Generator
from pelican.writers import Writer

from ..link.content import link_in_order
from ..link.topics import attach_topics
from ..link.translations import link_translations
from ..list.listings import ListingPage, ListingsGenerator
from ..media.stage import fill_in_media, media_of
from ..settings import ARTICLES_BY_LANGUAGE, QUICK_PREVIEW, get_setting
from ..site.newsroom import newsroom_of
from ..validate.handoff import is_page_path
from .progress import say
from .rerun import Stamps


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
        # A full collection would walk every object of the kept run (up to a
        # second at 10,000 pairs) for the little garbage this pass leaves.
        gc.disable()
        try:
            written = quick_pass(kept, edited) if edited else None
        finally:
            gc.enable()
        if written is not None:
            seconds = time.perf_counter() - started
            say(f"Preview: {written} pages of the edit in {seconds:.2f} s")
        # The kept run is cyclic garbage now (articles and their neighbours
        # point at each other): collected before the full run builds the next
        # one, memory holds one run, not two.
        del kept
        gc.collect()


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


@dataclass
class Edit:
    """The kept run's articles an edit takes away, and those it brings."""

    removed: list[Article] = field(default_factory=list)
    added: list[Article] = field(default_factory=list)

    def translation_keys(self) -> set[str]:
        return {a.slug for a in self.removed + self.added}

    def removed_ids(self) -> set[int]:
        """By identity: an edited file's old and new articles stand for one
        source, and only the old one is to go."""
        return set(map(id, self.removed))

    def applied_to(self, articles: list[Article]) -> list[Article]:
        removed = self.removed_ids()
        return [a for a in articles if id(a) not in removed] + self.added


def quick_pass(kept: KeptRun, edited: set[str]) -> int | None:
    """The number of pages written, or None when the edit is the full run's."""
    edit = read_edit(kept.articles, edited)
    if edit is None:
        return None
    after = edit.applied_to(published(kept.articles))
    if not fits(after):
        return None
    removed, added = edit.removed_ids(), set(map(id, edit.added))
    shown_before = {
        page.save_as for page in kept.listings.listing_pages if shows(page, removed)
    }
    articles = relink(kept.articles, after, edit)
    kept.listings.generate_context()
    writer = Writer(kept.articles.output_path, settings=kept.articles.settings)
    for article in articles:
        write_article(kept.articles, writer, article)
    listings = [
        page
        for page in kept.listings.listing_pages
        if page.save_as in shown_before or shows(page, added)
    ]
    for page in listings:
        kept.listings.write_page(writer, page)
    return len(articles) + len(listings)


def published(generator: ArticlesGenerator) -> list[Article]:
    return generator.articles + generator.translations


def read_edit(generator: ArticlesGenerator, edited: Iterable[str]) -> Edit | None:
    """Each edited file read again (gone, if deleted); None when one is not
    a published article's Markdown file, or cannot be shown before the full run."""
    by_source = {a.source_path: a for a in published(generator)}
    edit = Edit()
    for path in sorted(edited):
        old = by_source.get(path)
        if old is None and not is_article_path(path, generator.settings):
            return None
        if old is not None:
            edit.removed.append(old)
        if not os.path.exists(path):  # noqa: PTH110 - a string, as Pelican keys it
            continue
        new = reread(generator, path)
        if new is None or media_targets(new) != (media_targets(old) if old else []):
            return None
        edit.added.append(new)
    return edit


def is_article_path(path: str, settings: Mapping[str, Any]) -> bool:
    """A Markdown file Pelican reads as an article: under an article folder
    (a language's), not under a page folder."""
    relative = Path(os.path.relpath(path, settings["PATH"]))
    return (
        relative.suffix == ".md"
        and any(relative.is_relative_to(p) for p in settings["ARTICLE_PATHS"])
        and not is_page_path(relative, settings["PAGE_PATHS"])
    )


def reread(generator: ArticlesGenerator, source_path: str) -> Article | None:
    """The file read and checked as the full run reads it; None with a problem
    or when it is not published (a draft, say)."""
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
    if not isinstance(article, Article) or article.status != "published":
        return None
    if not article.is_valid():  # Pelican logs why; the full run reports it
        return None
    return article if fill_in_media(article, generator.settings) else None


def media_targets(article: Article) -> list[str]:
    media = media_of(article)
    return [] if media is None else [ref.target for ref in media.files()]


def fits(after: list[Article]) -> bool:
    """No two articles share a page or a translation key (the kept run had
    none, so a clash is the edit's; the full run reports it,
    validate/across_files.py)."""
    pages = {a.save_as for a in after}
    keys = {(a.lang, a.slug) for a in after}
    return len(pages) == len(keys) == len(after)


def relink(
    generator: ArticlesGenerator, articles: list[Article], edit: Edit
) -> list[Article]:
    """Link the articles after the edit as link/content.py links a run's; the
    articles whose own page changed: the added ones and their translations."""
    newsroom = newsroom_of(generator.settings)
    keys = edit.translation_keys()
    grouped = [a for a in articles if a.slug in keys]
    for article in grouped:
        article.translations = [
            other
            for other in grouped
            if other.slug == article.slug and other is not article
        ]
    attach_topics(edit.added, newsroom.topics, newsroom.languages)
    link_translations(grouped, newsroom.languages)
    per_language = link_in_order(articles, newsroom.languages)
    generator.context[ARTICLES_BY_LANGUAGE] = per_language
    return grouped


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


def shows(page: ListingPage, article_ids: set[int]) -> bool:
    return any(id(listed) in article_ids for listed in page.articles)
