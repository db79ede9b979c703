"""The 404 page of each language: ``404.html`` at the root, ``en/404.html``...

The server answers a missing path with the 404 page of the language its URL
is in (deploy/nginx.conf maps the prefixes). The page has the site's header,
a search box and a link home. It is the same page whatever was asked for, so
it has no language versions to declare: no hreflang, a switch to the other
languages' home pages, ``noindex``, and ``hidden`` for the sitemap, which
leaves out hidden pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from pelican.generators import Generator
from pelican.writers import Writer

from ..link.translations import LanguageLinks, SwitchTarget
from ..site.languages import Language
from ..site.newsroom import newsroom_of

NOT_FOUND_FILE = "404.html"
NOT_FOUND_TEMPLATE = "404"


@dataclass(frozen=True)
class NotFoundPage:
    """The template's ``here``."""

    lang: str
    url: str
    language_links: LanguageLinks
    template: str = NOT_FOUND_TEMPLATE
    status: str = "hidden"


def not_found_url(language: Language) -> str:
    return f"{language.prefix}{NOT_FOUND_FILE}"


def not_found_pages(languages: dict[str, Language]) -> list[NotFoundPage]:
    return [
        NotFoundPage(
            lang=code,
            url=not_found_url(language),
            language_links=LanguageLinks(
                switch=[
                    SwitchTarget(other, other.home_url, is_fallback=False)
                    for other in languages.values()
                    if other != language
                ],
                hreflang=[],
            ),
        )
        for code, language in languages.items()
    ]


class NotFoundGenerator(Generator):
    def generate_output(self, writer: Writer) -> None:
        for page in not_found_pages(newsroom_of(self.settings).languages):
            writer.write_file(
                page.url,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                here=page,
            )
