"""Each language's articles in order, newest first, and the previous/next
links of each article page, which stay within the article's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pelican.contents import Article

from ..site.languages import Language


def articles_by_language(
    articles: Iterable[Article], languages: Mapping[str, Language]
) -> dict[str, list[Article]]:
    """Each language's published articles, newest first (ties by slug, stable)."""
    grouped: dict[str, list[Article]] = {code: [] for code in languages}
    for article in articles:
        grouped[article.lang].append(article)
    for language_articles in grouped.values():
        language_articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    return grouped


def link_neighbours(articles_newest_first: list[Article]) -> None:
    """Previous/next links on article pages stay within the article's language."""
    for index, article in enumerate(articles_newest_first):
        article.newer = articles_newest_first[index - 1] if index > 0 else None
        article.older = (
            articles_newest_first[index + 1]
            if index + 1 < len(articles_newest_first)
            else None
        )
