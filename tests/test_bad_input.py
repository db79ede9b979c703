"""Broken sources: the build names each problem, exits 1 and keeps the old site.

Each case adds one malformed file to a copy of the tiny test_data site and runs
the real build script (tools/build.py, as `make html` does) over a copy of a
site built once per session; the copy must be byte-identical afterwards.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from sitetools import (
    LEFT_NEXT_TO_OUTPUT,
    TEST_DATA_CONTENT,
    BuiltSite,
    file_digests,
    run_pelican,
)

GOOD_HEADER = {
    "Title": "区里开会",
    "Date": "2024-06-01 09:00",
    "Source": "石景山区",
    "Category": "news",
    "Slug": "new-meeting",
}


def article(body: str = "会议召开。", **fields: str | None) -> bytes:
    """A source with the good header, fields changed (or removed when None)."""
    header = {**GOOD_HEADER, **fields}
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return ("\n".join(lines) + "\n\n" + body + "\n").encode()


# (file to add, its bytes, the exact start of the expected error line)
CASES = {
    "missing title": (
        "zh/2024/new.md",
        article(Title=None),
        "content/zh/2024/new.md:1: Title: missing",
    ),
    "empty title": (
        "zh/2024/new.md",
        article(Title=""),
        "content/zh/2024/new.md:1: Title: empty",
    ),
    "empty editor": (
        "zh/2024/new.md",
        article(Editor=""),
        "content/zh/2024/new.md:6: Editor: empty",
    ),
    "author on two lines": (
        "zh/2024/new.md",
        article(Author="李文\n    王晓明"),
        "content/zh/2024/new.md:7: Author: must fit on one line",
    ),
    "missing date": (
        "zh/2024/new.md",
        article(Date=None),
        "content/zh/2024/new.md:1: Date: missing",
    ),
    "unparseable date": (
        "zh/2024/new.md",
        article(Date="16 May 2024"),
        'content/zh/2024/new.md:2: Date: "16 May 2024" is not a date',
    ),
    "impossible date": (
        "zh/2024/new.md",
        article(Date="2024-02-30 09:00"),
        'content/zh/2024/new.md:2: Date: "2024-02-30 09:00" is not a date',
    ),
    "modified before date": (
        "zh/2024/new.md",
        article(Modified="2024-05-01 09:00"),
        "content/zh/2024/new.md:6: Modified: 2024-05-01 09:00 is earlier than Date",
    ),
    "missing source": (
        "en/2024/new.md",
        article(Source=None),
        "content/en/2024/new.md:1: Source: missing",
    ),
    "empty topic": (
        "zh/2024/new.md",
        article(Category=""),
        "content/zh/2024/new.md:4: Category: empty",
    ),
    "missing translation key": (
        "zh/2024/new.md",
        article(Slug=None),
        "content/zh/2024/new.md:1: Slug: missing",
    ),
    "translation key not a slug": (
        "zh/2024/new.md",
        article(Slug="New Meeting"),
        'content/zh/2024/new.md:5: Slug: "New Meeting" is not a translation key',
    ),
    "lang disagrees with folder": (
        "zh/2024/new.md",
        article(Lang="en"),
        'content/zh/2024/new.md:6: Lang: "en" disagrees with the file\'s folder zh/',
    ),
    "unknown language in lang": (
        "zh/2024/new.md",
        article(Lang="fr"),
        'content/zh/2024/new.md:6: Lang: "fr" is not a language of the site',
    ),
    "unknown language folder": (
        "fr/2024/new.md",
        article(),
        "content/fr/2024/new.md:1: Lang: folder fr/ is not a language of the site",
    ),
    "source outside the language folders": (
        "new.md",
        article(),
        "content/new.md:1: Lang: a source must be in a language folder",
    ),
    "undefined topic": (
        "zh/2024/new.md",
        article(Category="sports"),
        'content/zh/2024/new.md:4: Category: "sports" is not a topic key',
    ),
    "duplicate key in one language": (
        "zh/2025/new.md",
        article(Slug="plenary"),
        "content/zh/2025/new.md:5: Slug: translation key plenary is already used"
        " in zh by content/zh/2024/plenary.md",
    ),
    "page written where a listing is": (
        "zh/pages/archives.md",
        b"Title: \xe5\xbd\x92\xe6\xa1\xa3\nSlug: archives\n\ntext\n",
        "content/zh/pages/archives.md:2: Slug: would be written to"
        " archives/index.html, which the archives listing also writes",
    ),
    "a file far too large to be an article": (
        "zh/2024/new.md",
        article(body="<div>" * 500_000),
        "content/zh/2024/new.md:1: File: 2,500,099 bytes, over the 2,000,000 a source",
    ),
    "invalid utf-8": (
        "zh/2024/new.md",
        article().replace("会议召开".encode(), b"\xe4\xbc\x9a\xff"),
        "content/zh/2024/new.md:7: Encoding: not valid UTF-8 (byte 0xff)",
    ),
    "empty body": (
        "zh/2024/new.md",
        article(body="   "),
        "content/zh/2024/new.md:7: Body: empty",
    ),
    "script tag": (
        "zh/2024/new.md",
        article(body="第一段。\n\n<SCRIPT src=x></SCRIPT>"),
        "content/zh/2024/new.md:9: Body: <script> is not allowed",
    ),
    "iframe": (
        "en/2024/new.md",
        article(body='<iframe src="https://example.org/"></iframe>'),
        "content/en/2024/new.md:7: Body: <iframe> is not allowed",
    ),
    "javascript url": (
        "zh/2024/new.md",
        article(body="[点击](javascript:alert(1))"),
        "content/zh/2024/new.md:7: Body: javascript: URL in href= is not allowed",
    ),
    "javascript url hidden in entities": (
        "zh/2024/new.md",
        article(body='<a href="jav&#x61;script&colon;go()">x</a>'),
        "content/zh/2024/new.md:7: Body: javascript: URL in href= is not allowed",
    ),
    "event attribute over two lines": (
        "zh/2024/new.md",
        article(body='<a href="/"\n     onclick="steal()">x</a>'),
        "content/zh/2024/new.md:8: Body: event-handler attribute onclick= is not"
        " allowed",
    ),
    "field given twice": (
        "zh/2024/new.md",
        article().replace(b"Source:", b"Title: again\nSource:"),
        "content/zh/2024/new.md:3: Title: given twice (first on line 1)",
    ),
    "unknown status": (
        "zh/2024/new.md",
        article(Status="publish"),
        'content/zh/2024/new.md:6: Status: "publish" is not one of',
    ),
    "placeholder left in a published article": (
        "zh/2024/new.md",
        article(Title="[TODO]"),
        "content/zh/2024/new.md:1: Title: still has the placeholder [TODO]",
    ),
}


def build_with(workspace: Path, files: dict[str, bytes]):
    for relative, data in files.items():
        path = workspace / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return run_pelican(workspace / "content", workspace / "output", atomic=True)


def assert_refused(result, workspace: Path, previous_site: Path) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "output/ was left unchanged" in result.stderr
    assert file_digests(workspace / "output") == file_digests(previous_site)
    # No temporary build folder is left next to output/, only the lock file.
    assert sorted(p.name for p in workspace.iterdir()) == LEFT_NEXT_TO_OUTPUT
    return result.stderr.splitlines()


@pytest.mark.parametrize(("relative", "data", "expected"), CASES.values(), ids=CASES)
def test_a_broken_source_is_named_and_the_site_kept(
    workspace, previous_site, relative, data, expected
) -> None:
    result = build_with(workspace, {relative: data})
    lines = assert_refused(result, workspace, previous_site)
    assert any(line.startswith(expected) for line in lines), result.stderr


def test_every_problem_of_every_file_is_reported_in_one_run(
    workspace, previous_site
) -> None:
    result = build_with(
        workspace,
        {
            "zh/2024/a.md": article(Date="tomorrow", Category="sports", Lang="en"),
            "en/2024/b.md": article(
                Title=None, Slug="other", body="<script>x()</script>"
            ),
        },
    )
    lines = assert_refused(result, workspace, previous_site)
    problems = [line for line in lines if line.startswith("content/")]
    assert [line.split(": ")[0:2] for line in problems] == [
        ["content/en/2024/b.md:1", "Title"],
        ["content/en/2024/b.md:6", "Body"],
        ["content/zh/2024/a.md:2", "Date"],
        ["content/zh/2024/a.md:4", "Category"],
        ["content/zh/2024/a.md:6", "Lang"],
    ]
    assert "5 problem(s) in the sources" in result.stderr


def test_plain_pelican_also_exits_non_zero(tmp_path) -> None:
    shutil.copytree(TEST_DATA_CONTENT, tmp_path / "content")
    (tmp_path / "content" / "zh" / "2024" / "new.md").write_bytes(article(Title=None))
    result = run_pelican(tmp_path / "content", tmp_path / "output")
    assert result.returncode == 1
    assert "content/zh/2024/new.md:1: Title: missing" in result.stderr


def test_a_setting_lets_trusted_html_through(tmp_path) -> None:
    shutil.copytree(TEST_DATA_CONTENT, tmp_path / "content")
    body = '<iframe src="https://example.org/map"></iframe>'
    (tmp_path / "content" / "zh" / "2024" / "new.md").write_bytes(article(body=body))
    result = run_pelican(
        tmp_path / "content",
        tmp_path / "output",
        extra={"NEWSROOM_ALLOW_UNSAFE_HTML": "true"},
        atomic=True,
    )
    assert result.returncode == 0, result.stderr
    page = tmp_path / "output" / "2024" / "06" / "new-meeting" / "index.html"
    assert '<iframe src="https://example.org/map"></iframe>' in page.read_text()


def test_markup_in_title_source_and_summary_shows_as_text(tmp_path) -> None:
    shutil.copytree(TEST_DATA_CONTENT, tmp_path / "content")
    title = '<script>alert("t")</script> Tom & Jerry'
    source = "<b>News Office</b>"
    summary = "<script>alert('s')</script> <em>short</em>"
    (tmp_path / "content" / "en" / "2024" / "new.md").write_bytes(
        article(Title=title, Source=source, Summary=summary, body="Plain body.")
    )
    result = run_pelican(tmp_path / "content", tmp_path / "output", atomic=True)
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "output", tmp_path / "content")
    page = site.page("/en/2024/06/new-meeting/")
    assert page.select_one("h1.article__title").get_text() == title
    assert page.title.get_text().startswith(title + " - ")
    assert source in page.select_one(".article__meta").get_text()
    listing = site.page("/en/")
    [link] = [a for a in listing.select(".article-list h2 a") if "Tom" in a.text]
    assert link.get_text() == title
    [item] = [li for li in listing.select(".article-list li") if "Tom" in li.text]
    assert item.select_one(".article-list__summary").get_text() == summary
    for url, html in site.pages.items():
        # The theme's own scripts only: no injected one, and no title breaks
        # out of the JSON-LD block.
        for script in html.find_all("script"):
            if script.get("type") == "application/ld+json":
                kind = json.loads(script.string)["@type"]
                assert kind in ("NewsArticle", "BreadcrumbList"), url
            else:
                assert "alert" not in script.get_text(), url
        assert not html.find("b"), url
    for name in ("og:title", "ArticleTitle"):
        tag = page.find("meta", attrs={"property": name}) or page.find(
            "meta", attrs={"name": name}
        )
        assert tag["content"] == title, name


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def claimed_size_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height``: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def tiff() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "TIFF")
    return buffer.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def with_photo(name: str, data: bytes, body: str | None = None) -> dict[str, bytes]:
    text = body or f"![会场]({{static}}/images/{name})\n会议现场。"
    return {"zh/2024/new.md": article(body=text), f"images/{name}": data}


def with_attachment(name: str, data: bytes = b"%PDF-1.4 x") -> dict[str, bytes]:
    source = article().replace(
        b"\n\n", f"\nAttachments: {{static}}/files/{name}\n\n".encode(), 1
    )
    return {"zh/2024/new.md": source, f"files/{name}": data}


NEW = "content/zh/2024/new.md"
# (files to add, the exact start of the expected error line)
MEDIA_CASES = {
    "missing photo": (
        {"zh/2024/new.md": article(body="![会场]({static}/images/gone.jpg)")},
        f"{NEW}:7: Image: {{static}}/images/gone.jpg does not exist",
    ),
    "photo without alt text": (
        with_photo("a.jpg", jpeg(), "![]({static}/images/a.jpg)"),
        f"{NEW}:7: Image: no alt text for {{static}}/images/a.jpg",
    ),
    "photo on another site": (
        {"zh/2024/new.md": article(body="![会场](https://example.org/a.jpg)")},
        f"{NEW}:7: Image: https://example.org/a.jpg is not a file of this site",
    ),
    "photo outside the content folder": (
        {"zh/2024/new.md": article(body="![会场](../../../secret.jpg)")},
        f"{NEW}:7: Image: ../../../secret.jpg is outside the content folder",
    ),
    "text file named .jpg": (
        with_photo("a.jpg", b"not a photo at all"),
        f"{NEW}:7: Image: {{static}}/images/a.jpg is not an image that can be decoded",
    ),
    "truncated photo": (
        with_photo("a.jpg", jpeg((400, 300))[:20000]),
        f"{NEW}:7: Image: {{static}}/images/a.jpg cannot be decoded",
    ),
    "heic photo": (
        with_photo("a.heic", b"\x00\x00\x00\x18ftypheic" + bytes(64)),
        f"{NEW}:7: Image: {{static}}/images/a.heic is HEIC, which most browsers "
        "cannot show: export it as JPEG",
    ),
    "svg picture": (
        with_photo("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        f"{NEW}:7: Image: {{static}}/images/a.svg is SVG, which can carry script",
    ),
    "tiff photo": (
        with_photo("a.tif", tiff()),
        f"{NEW}:7: Image: {{static}}/images/a.tif is TIFF, which the site does not",
    ),
    "animated gif": (
        with_photo("a.gif", animated_gif()),
        f"{NEW}:7: Image: {{static}}/images/a.gif is animated, and the site "
        "publishes photos as stills",
    ),
    "decompression bomb": (
        with_photo("a.png", claimed_size_png(20000, 20000)),
        f"{NEW}:7: Image: {{static}}/images/a.png is 20000x20000 pixels, over the "
        "limit of 40 megapixels",
    ),
    "missing lead image": (
        {
            "zh/2024/new.md": article(Image="{static}/images/gone.jpg"),
        },
        f"{NEW}:6: Image: {{static}}/images/gone.jpg does not exist",
    ),
    "html attachment": (
        with_attachment("page.html", b"<p>x</p>"),
        f"{NEW}:6: Attachment: .html files cannot be attached",
    ),
    "executable attachment": (
        with_attachment("setup.exe", b"MZ"),
        f"{NEW}:6: Attachment: .exe files cannot be attached",
    ),
    "missing attachment": (
        {"zh/2024/new.md": article(Attachments="{static}/files/gone.pdf")},
        f"{NEW}:6: Attachment: {{static}}/files/gone.pdf does not exist",
    ),
    "photo in raw html": (
        with_photo(
            "a.jpg", jpeg(), '文字。\n\n<img src="{static}/images/a.jpg" alt="会场">'
        ),
        f"{NEW}:9: Body: raw HTML <img> is not allowed: write "
        "![alt text]({static}/images/name.jpg)",
    ),
}


@pytest.mark.parametrize(("files", "expected"), MEDIA_CASES.values(), ids=MEDIA_CASES)
def test_a_broken_photo_or_attachment_is_named_and_the_site_kept(
    workspace, previous_site, files, expected
) -> None:
    result = build_with(workspace, files)
    lines = assert_refused(result, workspace, previous_site)
    assert any(line.startswith(expected) for line in lines), result.stderr
    assert "Traceback" not in result.stderr


def test_a_photo_over_the_byte_limit_is_refused(workspace, previous_site) -> None:
    for relative, data in with_photo("a.jpg", jpeg((400, 300))).items():
        (workspace / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (workspace / "content" / relative).write_bytes(data)
    result = run_pelican(
        workspace / "content",
        workspace / "output",
        extra={"NEWSROOM_PHOTO_MAX_BYTES": "1000"},
        atomic=True,
    )
    lines = assert_refused(result, workspace, previous_site)
    expected = f"{NEW}:7: Image: {{static}}/images/a.jpg is "
    assert any(
        line.startswith(expected) and line.endswith(" KB, over the limit of 1 KB")
        for line in lines
    ), lines
