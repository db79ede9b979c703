"""Pelican's caches of what it read are let go: the reader cache once saved,
the converted bodies and summaries once a run ends.

With the content cache on, Pelican's ``Readers`` keep every file's body and
metadata as read in memory after writing them to the cache file at the end of
``generate_context``. Nothing reads them again in the run (each
``--autoreload`` rebuild makes new generators, which load the file again), but
they hold on to each body the build replaces afterwards: media/stage.py fills
in a body's pictures, so every article with photos would stay in memory twice,
as read and as published, for the whole rendering (peak memory growing with
the number of photos).

Pelican also memoizes every article's and page's ``get_content`` and
``get_summary`` in one dict per method, for the life of the process: each
rebuild of ``--autoreload`` added a whole site's articles to it, and `make serve`
at 10,000 pairs grew by some 250 MB a save until it was stopped.
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.generators import Generator


def release_reader_cache(generator: Generator) -> None:
    # ``_cache`` is pelican.cache.FileDataCacher's (Pelican is pinned);
    # an empty one is what a run without the content cache has.
    generator.readers._cache = {}


def release_memoized_content() -> None:
    """After each run: the next one creates its articles anew."""
    # ``cache`` is pelican.utils.memoized's (Pelican is pinned).
    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()
