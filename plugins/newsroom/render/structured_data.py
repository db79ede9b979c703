"""Schema.org ``NewsArticle`` data for an article page's JSON-LD.

Built as a plain dict so the template serialises it with ``|tojson``, which
escapes ``<`` and so cannot end the ``<script>`` early. The default language's
version is the original work and every other version a translation of it: the
Chinese text prevails where the two differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup
from pelican.contents import Article

from ..site.languages import Language

SCHEMA_CONTEXT = "https://schema.org"


def work_reference(article: Article, site_url: str, language: Language) -> dict:
    return {
        "@type": "NewsArticle",
        "@id": f"{site_url}/{article.url}",
        "url": f"{site_url}/{article.url}",
        "inLanguage": language.html_lang,
    }


def news_article(
    article: Article,
    site_url: str,
    languages: Mapping[str, Language],
    publisher_name: str,
) -> dict[str, Any]:
    """``publisher_name`` comes translated from the template, in the page's language."""
    own = languages[article.lang]
    url = f"{site_url}/{article.url}"
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "headline": article.title,
        "description": Markup(article.summary).striptags(),
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "inLanguage": own.html_lang,
        "articleSection": article.topic.name,
        "publisher": {"@type": "Organization", "name": publisher_name},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if own.is_default:
        translations = [
            work_reference(other, site_url, languages[other.lang])
            for other in article.translations
        ]
        if translations:
            data["workTranslation"] = translations
        return data
    original = next(
        (o for o in article.translations if languages[o.lang].is_default), None
    )
    if original is not None:
        data["translationOfWork"] = work_reference(
            original, site_url, languages[original.lang]
        )
    return data
