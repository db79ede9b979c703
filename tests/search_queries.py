"""The search query set and its oracle, shared by the search tests.

The oracle reads the built article pages, not the search code: an article is
expected for a query when its title or its body text contains the query
(ignoring case and runs of whitespace; a query that starts with a Latin letter
or digit must start a word there).
"""

from __future__ import annotations

import re
from functools import cache

from bs4 import BeautifulSoup

from newsroom.index.terms import CJK_CHARACTERS
from sitetools import BuiltSite

SEARCH_URLS = {"zh": "/search/", "en": "/en/search/"}

ZH_QUERIES = [
    # place and organisation names
    "石景山区", "石景山", "首钢园", "首钢", "冬奥", "冬奥会", "北京冬奥会", "服贸会",
    "永定河", "模式口", "中关村", "中关村石景山园", "法海寺", "区委外事工作委员会",
    "石景山区政府", "人民政府",
    # two-character words, including the pieces Pagefind's segmentation makes
    "山区", "石景", "景山", "外事", "会议", "区委", "老山", "山石",
    # phrases and mixed text
    "政务服务", "服务贸易", "垃圾分类", "常务会议", "委员会会议", "首钢园区",
    "2024年中国国际服务贸易交易会", "15分钟",
    # one character
    "山",
    # in no article
    "山区防汛", "海淀区", "八宝山", "石景山游乐园", "Shijingshan",
]  # fmt: skip
EN_QUERIES = [
    "Shijingshan", "Shijingshan District", "Shougang Park", "Shougang", "Moshikou",
    "mountain", "mountain area", "Winter Olympics", "Olympic", "CIFTIS",
    "Foreign Affairs Commission", "trade in services", "services trade",
    "government services", "virtual reality", "waste sorting", "2022",
    "Zhongguancun", "Yongding River",
    # stemming and word-part traps
    "meeting", "meet", "meets", "sort", "park", "gang",
    # in no article
    "Jingshan Park", "Amusement Park", "Haidian District", "石景山",
]  # fmt: skip


@cache  # the oracle reads every article's body once per query drawn
def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def contains(text: str, query: str) -> bool:
    word_start = r"(?<![^\W_" + CJK_CHARACTERS + "])" if query[0].isalnum() else ""
    pattern = word_start + re.escape(normalised(query))
    return re.search(pattern, normalised(text)) is not None


def article_texts(page: BeautifulSoup) -> tuple[str, str]:
    title = page.select_one(".article__title").get_text()
    body = page.select_one(".article__body").get_text()
    return title, body


ArticleTexts = dict[str, tuple[str, str]]


@cache
def site_article_texts(site: BuiltSite, lang: str) -> ArticleTexts:
    """Title and body text of every article of a language, by URL: only the
    article pages are parsed (a generated site has hundreds of listings too)."""
    return {
        article.url: article_texts(built_page(site, article.url))
        for article in site.articles(lang)
    }


def built_page(site: BuiltSite, url: str) -> BeautifulSoup:
    html = (site.output / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def matching_urls(texts: ArticleTexts, query: str) -> set[str]:
    return {
        url
        for url, title_and_body in texts.items()
        if any(contains(text, query) for text in title_and_body)
    }


def expected_urls(site: BuiltSite, lang: str, query: str) -> set[str]:
    return matching_urls(site_article_texts(site, lang), query)
