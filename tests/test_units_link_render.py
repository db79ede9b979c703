"""In-process unit tests of linking, listing and rendering: no build."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment

from newsroom.link.content import link_articles, link_pages
from newsroom.link.neighbours import articles_by_language
from newsroom.link.topics import attach_topics
from newsroom.list.listings import ListingsGenerator
from newsroom.read.inline_patterns import triggers
from newsroom.render.catalogs import theme_catalogs
from newsroom.render.i18n import format_local_date
from newsroom.render.page_keys import (
    SITE_WIDE_CONTEXT,
    Digest,
    Memo,
    PageKeys,
    Undigestible,
    site_key,
)
from newsroom.render.stale import remove_stale_pages
from newsroom.render.structured_data import news_article
from newsroom.render.theme_globals import install_theme_globals
from newsroom.settings import ARTICLES_BY_LANGUAGE
from sitetools import REPO
from support import get_article, get_newsroom, get_page, get_settings


def linked_generator() -> SimpleNamespace:
    """What Pelican's articles generator holds once it has read a small site."""
    zh_old = get_article("old", date=(2023, 1, 5))
    zh_new = get_article("new", date=(2024, 2, 1), topic="culture")
    en_new = get_article("new", "en", title="New", date=(2024, 2, 1))
    zh_new.translations, en_new.translations = [en_new], [zh_new]
    return SimpleNamespace(
        settings=get_settings(),
        context={},
        articles=[zh_old, zh_new],
        translations=[en_new],
        hidden_articles=[],
        hidden_translations=[],
    )


def test_articles_are_linked_to_topics_translations_and_neighbours() -> None:
    generator = linked_generator()
    link_articles(generator)
    zh = generator.context[ARTICLES_BY_LANGUAGE]["zh"]
    assert [a.slug for a in zh] == ["new", "old"]
    assert (zh[0].newer, zh[0].older, zh[1].older) == (None, zh[1], None)
    assert zh[0].topic.name == "文化"
    assert [t.url for t in zh[0].language_links.switch] == ["en/2024/02/new/"]


def test_pages_are_linked_to_their_translations() -> None:
    zh, en = get_page(), get_page(lang="en")
    zh.translations, en.translations = [en], [zh]
    link_pages(
        SimpleNamespace(
            settings=get_settings(),
            context={},
            pages=[zh],
            translations=[en],
            hidden_pages=[],
            hidden_translations=[],
        )
    )
    hreflang = [h.url for h in en.language_links.hreflang]
    assert hreflang == ["about/", "en/about/", "about/"]


def test_ties_in_date_are_ordered_by_slug_newest_first() -> None:
    same_day = [get_article("a"), get_article("b")]
    grouped = articles_by_language(same_day, get_newsroom().languages)
    assert [a.slug for a in grouped["zh"]] == ["b", "a"]
    assert grouped["en"] == []


def test_every_listing_is_planned_once_per_language() -> None:
    generator = linked_generator()
    link_articles(generator)
    listings = ListingsGenerator.__new__(ListingsGenerator)
    listings.settings, listings.context = generator.settings, generator.context
    listings.generate_context()
    planned = dict(listings.planned_outputs())
    assert planned["index.html"] == "the home listing"
    assert planned["en/topics/news/index.html"] == "the topic listing"
    assert planned["archives/2023/index.html"] == "the year listing"
    assert planned["en/search/index.html"] == "the search listing"


def test_inline_pattern_triggers() -> None:
    assert triggers("smarty-quotes-double") == ("'", '"')
    assert triggers("link") == ("[",)
    assert triggers("some-extension-pattern") is None


def test_dates_are_formatted_in_the_page_language() -> None:
    languages = get_newsroom().languages
    day = date(2024, 5, 16)
    assert format_local_date(day, languages["zh"], "long") == "2024年5月16日"
    assert format_local_date(day, languages["en"], "long") == "May 16, 2024"


def test_theme_globals_give_every_template_the_site() -> None:
    generator = SimpleNamespace(
        settings=get_settings(), theme=str(REPO / "theme"), env=Environment()
    )
    install_theme_globals(generator)
    env = generator.env
    assert set(env.globals) >= {"languages", "sections", "topic_menus", "news_article"}
    assert env.globals["sections"]["en"].archives == "en/archives/"
    template = env.from_string("{{ _('Search') }} {{ day|localdate }}")
    here = SimpleNamespace(lang="zh")
    assert template.render(here=here, day=date(2024, 5, 16)) == "搜索 2024年5月16日"
    catalogs = theme_catalogs(str(REPO / "theme"), ("zh", "en"))
    assert catalogs["en"].gettext("Search") == "Search"


def test_json_ld_names_the_chinese_original_and_its_translation() -> None:
    generator = linked_generator()
    link_articles(generator)
    zh, en = generator.articles[1], generator.translations[0]
    languages = get_newsroom().languages
    original = news_article(zh, "https://x.cn", languages, "区融媒体中心")
    translation = news_article(en, "https://x.cn", languages, "News")
    assert original["inLanguage"] == "zh-Hans"
    assert original["workTranslation"][0]["@id"] == "https://x.cn/en/2024/02/new/"
    assert translation["translationOfWork"]["@id"] == "https://x.cn/2024/02/new/"
    alone = news_article(generator.articles[0], "", languages, "x")
    assert "workTranslation" not in alone


# -- page keys -------------------------------------------------------------------


def digest(value, lenient: bool = False) -> str:
    d = Digest(Memo())
    d.add(value, lenient)
    return d.hexdigest()


def test_digests_tell_types_and_orders_apart() -> None:
    assert digest([1, "1"]) != digest(["1", 1])
    assert digest({"a": 1}) != digest([("a", 1)])
    assert digest({2, 1}) == digest({1, 2})
    assert digest(b"x") != digest("x")
    assert digest(Path("a/b")) != digest("a/b")
    assert digest(date(2024, 1, 1)) != digest("2024-01-01")


def test_an_unknown_value_makes_the_page_render_unless_lenient() -> None:
    with pytest.raises(Undigestible):
        digest(object())
    assert digest(len, lenient=True) == digest(len, lenient=True)


def test_the_site_key_follows_the_site_wide_lists() -> None:
    settings = get_settings()
    [name] = SITE_WIDE_CONTEXT
    assert site_key(settings, {name: []}) != site_key(settings, {name: ["a"]})


def test_page_keys_survive_a_torn_line_and_restart_for_another_folder(
    tmp_path: Path,
) -> None:
    output, cache = tmp_path / "out", tmp_path / "cache"
    output.mkdir()
    (output / "a.html").write_text("a")
    keys = PageKeys(cache, output, load=True, save=True)
    keys.record("a.html", "k1")
    with keys.path.open("a") as file:
        file.write('["b.html", "k2", 1')  # a build killed mid-line
    again = PageKeys(cache, output, load=True, save=True)
    assert again.unchanged("a.html", "k1")
    assert not again.unchanged("a.html", "k2")
    assert set(again.recorded) == {"a.html"}
    assert PageKeys(cache, tmp_path / "other", load=True, save=True).recorded == {}


def test_stale_pages_go_unless_someone_replaced_them(tmp_path: Path) -> None:
    output, cache = tmp_path / "out", tmp_path / "cache"
    for name in ("kept.html", "gone/deep/page.html", "replaced.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(name)
    keys = PageKeys(cache, output, load=False, save=True)
    for name in ("kept.html", "gone/deep/page.html", "replaced.html"):
        keys.record(name, "key")
    (output / "replaced.html").write_text("an editor's own file, longer")
    next_build = PageKeys(cache, output, load=True, save=True)
    remove_stale_pages(next_build, {"kept.html"}, output)
    assert sorted(p.name for p in output.iterdir()) == ["kept.html", "replaced.html"]
    tombstones = [json.loads(line) for line in keys.path.read_text().splitlines()[4:]]
    assert {name for name, key, *_ in tombstones if key is None} == {
        "gone/deep/page.html",
        "replaced.html",
    }


def test_each_article_gets_its_topic_in_its_own_language() -> None:
    newsroom = get_newsroom()
    zh, en = get_article("a"), get_article("a", "en", topic="culture")
    attach_topics([zh, en], newsroom.topics, newsroom.languages)
    assert (zh.topic.name, zh.topic.url) == ("要闻", "topics/news/")
    assert (en.topic.name, en.topic.url) == ("Culture", "en/topics/culture/")
