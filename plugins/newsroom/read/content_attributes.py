"""What the plugin adds to every article and page, set as Pelican creates it.

URLs are computed once. Pelican recomputes ``url`` and ``save_as`` from the
settings on every access (copying the metadata, a relative path, a date
format), and a page's URL is read some fifteen times across validation,
listings, feeds, links and the sitemap. Nothing that decides a URL (language,
slug, date, status) changes after creation, so each is stored at once in
Pelican's own override attributes, which ``get_url_setting`` returns as they are.
Both are expanded from one ``url_format``: each costs a relative path and a
copy of the metadata, a tenth of creating an article from the content cache.

The attributes filled later (topic, language links, neighbours) are created
here too, empty. CPython keeps the attributes of a class's objects in one
shared, compact table while each object gets them right after creation; one
added later to thousands of existing articles turns each one's into a full
dict, 1.4 kB more per article (5 MB of a 2,000-pair build's peak, measured).
"""

from __future__ import annotations

from pelican.contents import Article, Content, Page

# The articles an article page links to, filled by link/neighbours.py and
# link/related.py; render/page_keys.py counts them in the page's key.
NEIGHBOUR_ATTRIBUTES = ("newer", "older", "topic_newer", "topic_older", "related")
# Filled by link/ once every article is read; None until then.
LATER_ATTRIBUTES = ("topic", "language_links", *NEIGHBOUR_ATTRIBUTES)


def prepare_attributes(content: Content) -> None:
    if not isinstance(content, Article | Page):
        return  # static files get their URLs when an article links them
    fields = content.url_format
    content.override_url = url_setting(content, "url").format(**fields)
    content.override_save_as = url_setting(content, "save_as").format(**fields)
    for name in LATER_ATTRIBUTES:
        setattr(content, name, None)


def url_setting(content: Article | Page, key: str) -> str:
    """The setting Pelican's ``get_url_setting`` expands (pelican/contents.py):
    ARTICLE_URL, ARTICLE_LANG_SAVE_AS, DRAFT_PAGE_LANG_URL..."""
    if content.status == "draft":
        kind = "draft" if isinstance(content, Article) else "draft_page"
    else:
        kind = "article" if isinstance(content, Article) else "page"
    language = "" if content.in_default_lang else "lang_"
    return str(content.settings[f"{kind}_{language}{key}".upper()])
