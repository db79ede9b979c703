"""Each article's topic, as its own language names it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pelican.contents import Content

from ..site.languages import Language
from ..site.topics import Topic


def attach_topics(
    articles: Iterable[Content],
    topics: Mapping[str, Topic],
    languages: Mapping[str, Language],
) -> None:
    """Give each article its topic as its own language names it (``article.topic``)."""
    for article in articles:
        topic = topics[article.category.name]
        article.topic = topic.in_language(languages[article.lang])
