"""``.gz`` and ``.br`` siblings of every text file, for nginx's gzip_static and
brotli_static: the server then sends the smallest body without compressing
anything per request.

pelican-precompress does the compressing (settings ``PRECOMPRESS_*`` in
publishconf.py). It fits the atomic build: it compresses whatever is in
Pelican's output folder, which tools/build.py makes a fresh temporary folder,
swapped in only after ``finalized``. It is called from here rather than listed
in ``PLUGINS``: its own signal comes after ``finalized`` in an order blinker
does not promise, and the search index, which must be compressed too, is only
complete once ``finish_search_index`` has returned. A file that compression
would make larger (a few bytes of text) keeps no sibling; nginx then sends it
as it is.
"""

from __future__ import annotations

from pelican import Pelican
from pelican.plugins.precompress import (
    compress_files,
    get_paths_to_compress,
    get_settings,
)

from ..site.newsroom import newsroom_of
from .progress import say


def precompress(pelican: Pelican) -> None:
    if not newsroom_of(pelican.settings).settings.precompress:
        return
    files = sum(1 for _ in get_paths_to_compress(get_settings(pelican)))
    say(f"Compressing {files} text files (gzip and brotli)")
    compress_files(pelican)
