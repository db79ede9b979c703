"""The breadcrumb (当前位置：首页 > 栏目 > 正文) and its BreadcrumbList JSON-LD.

One trail serves both: the page shows each step's ``shown`` words, search
engines get its ``name`` (an article's step shows "正文"/"Article", as
government sites do, while its name is the headline).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..list.listings import SectionUrls
from ..site.languages import Language

SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Crumb:
    shown: str
    name: str
    url: str


def crumb(name: str, url: str) -> Crumb:
    return Crumb(shown=name, name=name, url=url)


def breadcrumb_trail(
    here: Any, language: Language, sections: SectionUrls, labels: Mapping[str, str]
) -> list[Crumb]:
    """The steps from the home page to ``here`` (an article, page or listing
    page); none on the home page. ``labels`` are the page's own words for
    "home", "archives", "search" and "article"."""
    trail = [crumb(labels["home"], language.home_url)]
    template = here.template
    if template in ("archives", "year"):
        trail.append(crumb(labels["archives"], sections.archives))
    if template == "search":
        trail.append(crumb(labels["search"], sections.search))
    if topic := getattr(here, "topic", None):
        trail.append(crumb(topic.name, topic.url))
    if template == "year":
        trail.append(crumb(here.key, here.url))
    if template == "article":
        trail.append(Crumb(shown=labels["article"], name=here.title, url=here.url))
    if template == "page":
        trail.append(crumb(here.title, here.url))
    return trail if len(trail) > 1 else []


def breadcrumb_list(trail: list[Crumb], site_url: str) -> dict[str, Any]:
    """Schema.org BreadcrumbList, serialised by the template with ``|tojson``."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": step.name,
                "item": f"{site_url}/{step.url}",
            }
            for position, step in enumerate(trail, start=1)
        ],
    }
