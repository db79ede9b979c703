"""Related news and the neighbours within a topic, for every article page.

Related news are the articles of the same topic and language published nearest
in time to the article, up to ``RELATED_COUNT``, newest first. Nearest rather
than the topic's newest: an article of 2019 then lists its own time's news, and
a new article changes the related news of its few neighbours only, so a
rebuild renders those pages again and not every page of the topic.
"""

from __future__ import annotations

from collections import defaultdict

from pelican.contents import Article

RELATED_COUNT = 5


def link_within_topics(articles_newest_first: list[Article]) -> None:
    """Set ``topic_newer``, ``topic_older`` and ``related`` on every article of
    one language."""
    by_topic: dict[str, list[Article]] = defaultdict(list)
    for article in articles_newest_first:
        by_topic[article.topic.key].append(article)
    for in_topic in by_topic.values():
        for index, article in enumerate(in_topic):
            article.topic_newer = in_topic[index - 1] if index > 0 else None
            article.topic_older = (
                in_topic[index + 1] if index + 1 < len(in_topic) else None
            )
            article.related = [in_topic[i] for i in nearest(index, len(in_topic))]


def nearest(index: int, count: int) -> list[int]:
    """Up to RELATED_COUNT positions around ``index`` (excluded) in a list of
    ``count``, in list order: a window centred on it, shifted at either end."""
    size = min(RELATED_COUNT, count - 1)
    start = max(0, min(index - size // 2, count - size - 1))
    return [i for i in range(start, start + size + 1) if i != index]
