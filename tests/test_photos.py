"""Photos and attachments in the built sample site, as a reader's browser gets them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import SAMPLE_CONTENT
from PIL import Image

from sitetools import TEST_DATA_CONTENT, BuiltSite, run_pelican

THREE_PHOTOS = {
    "zh": "/2023/06/moshikou-cultural-festival-2023/",
    "en": "/en/2023/06/moshikou-cultural-festival-2023/",
}
ATTACHED = {
    "zh": "/2024/03/business-environment-briefing-2024/",
    "en": "/en/2024/03/business-environment-briefing-2024/",
}
ATTACHMENTS = {
    "zh": ("关于优化营商环境若干措施的通知.pdf", "（PDF，{kb} KB）"),
    "en": ("Business Environment Measures 2024.pdf", " (PDF, {kb} KB)"),
}
# Each caption ends with the photo's credit, as the newsroom writes it.
CAPTION_CREDITS = {
    "zh": re.compile(r"。（\S+ (摄|供图)）$"),
    "en": re.compile(r"\. \(Photo(: | courtesy of )[^)]+\)$"),
}
PORTRAIT_SOURCE = SAMPLE_CONTENT / "images" / "yongding-greenway.jpg"
ORIENTATION_TAG, GPS_IFD = 0x0112, 0x8825


def published_file(site: BuiltSite, url: str) -> Path:
    return site.output / unquote(urlsplit(site.site_path(url)).path).lstrip("/")


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",")]


def images_of(site: BuiltSite) -> list[tuple[str, object]]:
    return [
        (url, img) for url, page in site.pages.items() for img in page.find_all("img")
    ]


def test_every_image_is_a_sized_picture_whose_files_exist(either_build) -> None:
    images = images_of(either_build)
    assert len(images) > 10
    for url, img in images:
        assert img.parent.name == "picture", url
        source = img.parent.find("source")
        assert source["type"] == "image/webp"
        assert int(img["width"]) > 0, url
        assert int(img["height"]) > 0, url
        assert img["sizes"] == source["sizes"] != ""
        for link in [img["src"], *srcset_urls(img["srcset"] + "," + source["srcset"])]:
            assert either_build.resolves(link), (url, link)


def test_only_the_first_image_of_a_page_loads_at_once(sample_site) -> None:
    for url in [*THREE_PHOTOS.values(), "/", "/en/"]:
        first, *rest = sample_site.page(url).find_all("img")
        assert "loading" not in first.attrs, url
        assert rest, url
        for img in rest:
            assert (img["loading"], img["decoding"]) == ("lazy", "async"), url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_carry_the_captions_written_in_their_language(
    sample_site, lang
) -> None:
    figures = sample_site.page(THREE_PHOTOS[lang]).select(".article__body figure")
    assert len(figures) == 3
    for figure in figures:
        assert figure.find("img")["alt"]
        assert CAPTION_CREDITS[lang].search(figure.figcaption.get_text()), figure


def test_both_languages_show_the_same_files_published_once(sample_site) -> None:
    zh, en = (sample_site.page(THREE_PHOTOS[lang]) for lang in ("zh", "en"))
    assert [i["srcset"] for i in zh.find_all("img")] == [
        i["srcset"] for i in en.find_all("img")
    ]
    published = {p.name for p in (sample_site.output / "photos").iterdir()}
    used = {
        link.rpartition("/")[2]
        for _, img in images_of(sample_site)
        for link in srcset_urls(img["srcset"] + "," + img.parent.source["srcset"])
    }
    assert published == used
    originals = {p.name for p in (SAMPLE_CONTENT / "images").iterdir()}
    assert not originals & {p.name for p in sample_site.output.rglob("*")}


def test_no_published_image_carries_exif_xmp_or_gps(sample_site) -> None:
    with Image.open(PORTRAIT_SOURCE) as source:  # what the stripping is up against
        assert source.getexif()[ORIENTATION_TAG] == 6
        assert source.getexif().get_ifd(GPS_IFD)
    published = sorted((sample_site.output / "photos").iterdir())
    assert len(published) > 20
    for path in published:
        data = path.read_bytes()
        assert b"Exif\x00\x00" not in data, path
        assert b"ns.adobe.com/xap" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp"} & image.info.keys(), path


def test_a_sideways_phone_photo_stands_upright(sample_site) -> None:
    img = sample_site.page("/2025/04/yongding-river-corridor-2025/").find("img")
    assert int(img["height"]) > int(img["width"])
    with Image.open(published_file(sample_site, img["src"])) as photo:
        assert (photo.width, photo.height) == (int(img["width"]), int(img["height"]))
        sky, water = (
            photo.getpixel((photo.width // 2, 5)),
            photo.getpixel((photo.width // 2, photo.height - 5)),
        )
    assert sum(sky) > sum(water) + 150  # sky at the top, the river below


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_attachments_are_listed_with_name_type_and_size(sample_site, lang) -> None:
    section = sample_site.page(ATTACHED[lang]).select_one("section.attachments")
    assert section.h2.get_text() == {"zh": "附件", "en": "Attachments"}[lang]
    [item] = section.find_all("li")
    name, label = ATTACHMENTS[lang]
    source = SAMPLE_CONTENT / "files" / name
    kb = round(source.stat().st_size / 1024)
    assert item.get_text() == name + label.format(kb=kb)
    link = item.a["href"]
    assert name not in link  # percent-encoded
    assert published_file(sample_site, link).read_bytes() == source.read_bytes()


@pytest.mark.parametrize("home", ["/", "/en/"])
def test_listings_show_small_thumbnails_of_the_lead_image(sample_site, home) -> None:
    items = sample_site.page(home).select(".article-list li")
    with_photo = [li for li in items if li.find("img")]
    assert len(with_photo) >= 2  # the first page lists three
    for item in with_photo:
        img = item.find("img")
        assert img["alt"] == ""
        assert img["sizes"] == "8rem"
        assert min(int(c.split()[1][:-1]) for c in img["srcset"].split(",")) == 320
    article = with_photo[0].h2.a["href"]
    body_image = sample_site.page(article).find("img")
    assert with_photo[0].find("img")["srcset"] == body_image["srcset"]


def test_the_publish_build_announces_the_lead_image(publish_site) -> None:
    page = publish_site.page(THREE_PHOTOS["en"])

    def meta(name: str) -> str:
        return page.find("meta", attrs={"property": name})["content"]

    image_url = meta("og:image")
    assert image_url.startswith(f"{publish_site.site_url}/photos/")
    with Image.open(published_file(publish_site, image_url)) as image:
        assert (int(meta("og:image:width")), int(meta("og:image:height"))) == image.size
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["image"]["url"] == image_url
    assert (data["image"]["width"], data["image"]["height"]) == image.size
    no_photo = publish_site.page("/en/2024/05/foreign-affairs-plenary-2024/")
    assert not no_photo.find("meta", attrs={"property": "og:image"})


EDITED = """Title: 区里开会
Date: 2024-06-01 09:00
Source: 石景山区
Category: news
Slug: photo-meeting
Image: ../../images/lead.png

会议召开。![](../../images/rule.png){.decorative}

![会场](../../images/hall.png)
会场。（石景山区融媒体中心 摄）
"""


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, str]:
    """The tiny site with an article as an editor might write it: no Summary,
    a decorative image inline, a lead image of its own; and stray files."""
    root = tmp_path_factory.mktemp("edited")
    content = root / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    (content / "images").mkdir()
    for name, size in (
        ("lead.png", (300, 200)),
        ("rule.png", (600, 4)),
        ("hall.png", (800, 600)),
    ):
        Image.new("RGB", size, (20, 90, 160)).save(content / "images" / name)
    Image.new("RGB", (40, 40)).save(content / "images" / "unused.png")
    (content / "en" / "notes.txt").write_text("draft notes", encoding="utf-8")
    (content / "zh" / "2024" / "photo-meeting.md").write_text(EDITED, encoding="utf-8")
    result: subprocess.CompletedProcess[str] = run_pelican(
        content, root / "output", atomic=True
    )
    assert result.returncode == 0, result.stderr
    return BuiltSite(root / "output", content), result.stderr


def test_a_file_no_article_uses_is_named_and_not_published(edited_site) -> None:
    site, messages = edited_site
    for shown in ("content/images/unused.png", "content/en/notes.txt"):
        assert f"{shown}: File: not used by any article or page" in messages
    assert not list(site.output.rglob("unused*"))
    assert not list(site.output.rglob("notes.txt"))


def test_a_decorative_image_has_empty_alt_and_stays_in_the_text(edited_site) -> None:
    site, _ = edited_site
    body = site.page("/2024/06/photo-meeting/").select_one(".article__body")
    inline, figure = body.find_all("img")
    assert inline["alt"] == ""
    assert inline.find_parent("p") is not None
    assert (
        figure.find_parent("figure").figcaption.get_text()
        == "会场。（石景山区融媒体中心 摄）"
    )


def test_listings_show_the_chosen_lead_image_and_no_body_photo(edited_site) -> None:
    site, _ = edited_site
    [item] = [
        li for li in site.page("/").select(".article-list li") if "区里开会" in li.text
    ]
    [thumbnail] = item.find_all("img")
    assert "/photos/lead-" in thumbnail["src"]
    assert item.select_one(".article-list__summary").get_text().startswith("会议召开")
