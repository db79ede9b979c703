"""Pelican's reader cache is let go once saved.

With the content cache on, Pelican's ``Readers`` keep every file's body and
metadata as read in memory after writing them to the cache file at the end of
``generate_context``. Nothing reads them again in the run (each
``--autoreload`` rebuild makes new generators, which load the file again), but
they hold on to each body the build replaces afterwards: media/stage.py fills
in a body's pictures, so every article with photos would stay in memory twice,
as read and as published, for the whole rendering (peak memory growing with
the number of photos).
"""

from __future__ import annotations

from pelican.generators import Generator


def release_reader_cache(generator: Generator) -> None:
    # ``_cache`` is pelican.cache.FileDataCacher's (Pelican is pinned);
    # an empty one is what a run without the content cache has.
    generator.readers._cache = {}
