"""A line for each phase of a build, so that a long one (two minutes at 10,000
article pairs) says where it is: read, written, indexed, compressed.

Printed by the original process only (the rendering copy never prints, see
render/): these handlers run before the fork or after the join.
"""

from __future__ import annotations

import time

from pelican import Pelican
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from ..list.listings import ListingsGenerator


def say(line: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {line}", flush=True)


def report_read(generators: list[Generator]) -> None:
    # all_generators_finalized: everything is read, nothing written yet.
    articles = pages = listings = 0
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles += len(generator.articles) + len(generator.translations)
        elif isinstance(generator, PagesGenerator):
            pages += len(generator.pages) + len(generator.translations)
        elif isinstance(generator, ListingsGenerator):
            listings += len(generator.listing_pages)
    say(
        f"Read {articles} articles and {pages} pages; "
        f"writing them and {listings} listing pages"
    )


def report_written(_pelican: Pelican) -> None:
    say("Pages written; finishing the search index")
