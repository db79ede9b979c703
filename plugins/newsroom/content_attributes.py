"""What the plugin adds to every article and page, set as Pelican creates it.

URLs are computed once. Pelican recomputes ``url`` and ``save_as`` from the
settings on every access (copying the metadata, a relative path, a date
format), and a page's URL is read some fifteen times across validation,
listings, feeds, links and the sitemap. Nothing that decides a URL (language,
slug, date, status) changes after creation, so each is stored at once in
Pelican's own override attributes, which ``get_url_setting`` returns as they are.

The attributes filled later (topic, language links, neighbours) are created
here too, empty. CPython keeps the attributes of a class's objects in one
shared, compact table while each object gets them right after creation; one
added later to thousands of existing articles turns each one's into a full
dict, 1.4 kB more per article (5 MB of a 2,000-pair build's peak, measured).
"""

from __future__ import annotations

from pelican.contents import Article, Content, Page

# Filled by topics.py, linking.py and listings.py; None until then.
LATER_ATTRIBUTES = ("topic", "language_links", "newer", "older")


def prepare_attributes(content: Content) -> None:
    if not isinstance(content, Article | Page):
        return  # static files get their URLs when an article links them
    content.override_url = content.url
    content.override_save_as = content.save_as
    for name in LATER_ATTRIBUTES:
        setattr(content, name, None)
