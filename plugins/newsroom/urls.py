"""Article and page URLs, computed once.

Pelican recomputes ``url`` and ``save_as`` from the settings on every access
(copying the metadata, a relative path, a date format), and a page's URL is
read some fifteen times across listings, feeds, links and the sitemap: a fifth
of a 2,000-pair build. Once translations are grouped, nothing changes a URL, so
each is stored in Pelican's own override attributes, which ``get_url_setting``
returns as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from pelican.contents import Content


def freeze_urls(items: Iterable[Content]) -> None:
    for item in items:
        item.override_url = item.url
        item.override_save_as = item.save_as
