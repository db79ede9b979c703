"""`make serve`'s quick pass: the edited article's page and the listings that
show it are written before the full rebuild, with the bytes the full rebuild
then writes; edits that move an article are left to the full rebuild; after
each rebuild the output is a clean build's, byte for byte.

The preview runs in this process, as `pelican --autoreload` runs it (one
Pelican object, ``run()`` once per edit), so that the output can be read at the
moment between the quick pass and the full rebuild.
"""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican import Pelican, get_instance, parse_arguments
from pelican.contents import Article
from PIL import Image

from newsroom.publish.quick_preview import QuickPreview
from sitetools import (
    REPO,
    TEST_DATA_CONTENT,
    differing_files,
    file_digests,
    run_pelican,
)

PREVIEW_OVERRIDES = {
    "CACHE_CONTENT": "true",
    "LOAD_CONTENT_CACHE": "true",
    "NEWSROOM_SEARCH_INDEX": "false",
    "NEWSROOM_LIVE_RELOAD": "true",
    "NEWSROOM_QUICK_PREVIEW": "true",
    # No fork of the test process: the quick pass is the same with one worker.
    "NEWSROOM_WORKERS": "1",
}
CLEAN_OVERRIDES = {k: v for k, v in PREVIEW_OVERRIDES.items() if "CACHE" not in k}
PLENARY_EN = "en/2024/plenary.md"
PLENARY_EN_PAGE = "en/2024/05/plenary/index.html"
PHOTO_LINE = "\n![The committee's hall]({static}/images/hall.png)\n"


class Preview:
    """One preview's Pelican object, and the output right after each quick pass."""

    def __init__(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.content, self.output = site / "content", site / "output"
        arguments = [str(self.content), "-s", str(REPO / "pelicanconf.py")]
        arguments += ["-o", str(self.output), "--cache-path", str(site / "cache")]
        arguments += ["-e", *(f"{k}={v}" for k, v in PREVIEW_OVERRIDES.items())]
        self.pelican: Pelican = get_instance(parse_arguments(arguments))[0]
        self.after_quick_pass: dict[str, str] = {}
        show = QuickPreview.show

        def show_and_look(preview: QuickPreview, stamps: dict) -> None:
            show(preview, stamps)
            self.after_quick_pass = file_digests(self.output)

        monkeypatch.setattr(QuickPreview, "show", show_and_look)
        self.pelican.run()

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rebuild(self) -> tuple[dict[str, str], dict[str, str]]:
        """The output before the rebuild and after its quick pass."""
        before = file_digests(self.output)
        self.pelican.run()
        return before, self.after_quick_pass

    def clean_build(self) -> Path:
        clean = self.output.with_name("clean")
        result = run_pelican(self.content, clean, extra=CLEAN_OVERRIDES)
        assert result.returncode == 0, result.stdout + result.stderr
        return clean


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    site = tmp_path / "site"
    shutil.copytree(TEST_DATA_CONTENT, site / "content")
    images = site / "content" / "images"
    images.mkdir()
    Image.new("RGB", (800, 600), "teal").save(images / "hall.png")
    plenary = site / "content" / PLENARY_EN
    plenary.write_text(
        plenary.read_text(encoding="utf-8") + PHOTO_LINE, encoding="utf-8"
    )
    shutil.copytree(site / "content", site / "original")
    return Preview(site, monkeypatch)


def written_early(before: dict[str, str], early: dict[str, str]) -> set[str]:
    return {name for name, digest in early.items() if before.get(name) != digest}


def edit_body(preview: Preview) -> None:
    preview.edit("zh/2024/plenary.md", "\n\n", "\n\n补充一段正文。\n\n")


def edit_title(preview: Preview) -> None:
    preview.edit(PLENARY_EN, "holds plenary meeting", "holds its plenary meeting")


def edit_caption(preview: Preview) -> None:
    preview.edit(PLENARY_EN, "[The committee's hall]", "[The hall, seen from the door]")


def edit_both_languages(preview: Preview) -> None:
    edit_body(preview)
    preview.edit(PLENARY_EN, "\n\n", "\n\nOne more paragraph.\n\n")


def move_date(preview: Preview) -> None:
    preview.edit(PLENARY_EN, "Date: 2024-05-16", "Date: 2023-12-30")


def change_topic(preview: Preview) -> None:
    preview.edit(PLENARY_EN, "Category: news", "Category: culture")


def add_article(preview: Preview) -> None:
    source = preview.content / PLENARY_EN
    text = source.read_text(encoding="utf-8").replace("Slug: plenary", "Slug: session")
    text = text.replace(PHOTO_LINE, "")
    source.with_name("session.md").write_text(text, encoding="utf-8")


def add_translation(preview: Preview) -> None:
    text = (preview.content / "en/2023/en-only.md").read_text(encoding="utf-8")
    text = text.replace("Title: An article only in English", "Title: 只有英文的文章")
    (preview.content / "zh/2023/en-only.md").write_text(text, encoding="utf-8")


def delete_article(preview: Preview) -> None:
    (preview.content / "en/2023/lantern.md").unlink()


# Each edit, and pages the quick pass must have written.
QUICK_EDITS: dict[str, tuple[Callable[[Preview], None], set[str]]] = {
    "body": (edit_body, {"2024/05/plenary/index.html"}),
    "title": (
        edit_title,
        {PLENARY_EN_PAGE, "en/index.html", "en/archives/2024/index.html"},
    ),
    "caption": (edit_caption, {PLENARY_EN_PAGE}),
    "both languages": (
        edit_both_languages,
        {"2024/05/plenary/index.html", PLENARY_EN_PAGE},
    ),
    "date moved": (
        move_date,
        {
            "en/2023/12/plenary/index.html",
            "2024/05/plenary/index.html",  # its switch link
            "en/archives/2023/index.html",
        },
    ),
    "topic": (
        change_topic,
        {PLENARY_EN_PAGE, "en/topics/culture/index.html", "en/topics/news/index.html"},
    ),
    "new article": (add_article, {"en/2024/05/session/index.html", "en/index.html"}),
    "translation added": (
        add_translation,
        {"2023/11/en-only/index.html", "en/2023/11/en-only/index.html", "index.html"},
    ),
    "deleted": (delete_article, {"2023/02/lantern/index.html", "en/index.html"}),
}


@pytest.mark.parametrize("kind", QUICK_EDITS)
def test_the_quick_pass_writes_the_edit_with_the_full_rebuilds_bytes(
    preview: Preview, kind: str
) -> None:
    edit, expected = QUICK_EDITS[kind]
    edit(preview)
    before, early = preview.rebuild()
    written = written_early(before, early)
    assert expected <= written, kind
    final = file_digests(preview.output)
    assert {name: early[name] for name in written} == {
        name: final[name] for name in written
    }
    assert differing_files(preview.output, preview.clean_build()) == [], kind


def make_draft(preview: Preview) -> None:
    preview.edit(PLENARY_EN, "Slug: plenary", "Slug: plenary\nStatus: draft")


def add_clashing_article(preview: Preview) -> None:
    """The same translation key in the same language: the full run refuses it."""
    source = preview.content / PLENARY_EN
    source.with_name("copy.md").write_text(source.read_text(encoding="utf-8"), "utf-8")


def edit_topics_file_and_article(preview: Preview) -> None:
    edit_body(preview)
    topics = preview.content / "topics.toml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def remove_photo(preview: Preview) -> None:
    preview.edit(PLENARY_EN, PHOTO_LINE, "")


FULL_EDITS = {
    "draft": make_draft,
    "article and topics file": edit_topics_file_and_article,
    "photo removed": remove_photo,
}


@pytest.mark.parametrize("kind", FULL_EDITS)
def test_an_edit_the_quick_pass_cannot_show_waits_for_the_full_rebuild(
    preview: Preview, kind: str
) -> None:
    FULL_EDITS[kind](preview)
    before, early = preview.rebuild()
    assert written_early(before, early) == set(), kind
    assert file_digests(preview.output) != before, kind
    assert differing_files(preview.output, preview.clean_build()) == [], kind


BAD_EDITS = {
    "broken date": lambda preview: preview.edit(
        PLENARY_EN, "Date: 2024-05-", "Date: 2024-13-"
    ),
    "translation key used twice": add_clashing_article,
}


@pytest.mark.parametrize("kind", BAD_EDITS)
def test_a_bad_edit_writes_nothing_early_and_the_next_edit_is_quick_again(
    preview: Preview, kind: str
) -> None:
    BAD_EDITS[kind](preview)
    before = file_digests(preview.output)
    with pytest.raises(Exception, match="problem"):
        preview.pelican.run()
    assert preview.after_quick_pass == before
    assert file_digests(preview.output) == before
    # The failed run kept nothing: the fix goes through the full rebuild...
    shutil.rmtree(preview.content)
    shutil.copytree(preview.content.with_name("original"), preview.content)
    before, early = preview.rebuild()
    assert written_early(before, early) == set()
    # ...and the next edit is quick again.
    edit_title(preview)
    before, early = preview.rebuild()
    assert PLENARY_EN_PAGE in written_early(before, early)
    assert differing_files(preview.output, preview.clean_build()) == []


def test_a_preview_kept_open_holds_one_run_of_articles(preview: Preview) -> None:
    """Pelican memoizes every article's content for the life of the process:
    each rebuild of a preview left its articles behind (250 MB a save at
    10,000 pairs). Only the run the quick pass keeps may stay."""
    alive = []
    for title in ("first", "second", "third"):
        preview.edit(PLENARY_EN, "holds", f"holds {title}")
        preview.rebuild()
        gc.collect()
        alive.append(sum(isinstance(o, Article) for o in gc.get_objects()))
    assert alive[0] == alive[1] == alive[2]


@pytest.fixture
def generated_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    """The benchmark's corpus: some 140 articles per language, so that the
    home, topic and year listings run over several pages."""
    site = tmp_path / "site"
    generator = [sys.executable, str(REPO / "bench" / "generate.py")]
    subprocess.run(
        [*generator, "--pairs", "150", "--out", str(site / "content")],
        check=True,
        capture_output=True,
    )
    return Preview(site, monkeypatch)


def dated_english_articles(content: Path) -> list[tuple[str, Path]]:
    """Every English article with its Date line's value, oldest first."""
    found = []
    for path in (content / "en").rglob("*.md"):
        if "pages" not in path.parts:
            date = re.search(r"^Date: (.*)$", path.read_text("utf-8"), re.MULTILINE)
            found.append((date.group(1), path))
    return sorted(found)


def test_the_quick_pass_at_scale_moves_an_article_across_listing_pages(
    generated_preview: Preview,
) -> None:
    """The oldest article dated newest leaves the last page of each listing
    for the first; then a new article; then the newest one deleted."""
    preview = generated_preview
    articles = dated_english_articles(preview.content)
    (oldest_date, oldest), (newest_date, newest) = articles[0], articles[-1]
    steps = {
        "oldest made newest": lambda: oldest.write_text(
            oldest.read_text("utf-8").replace(oldest_date, newest_date[:10] + " 23:59")
        ),
        "new article": lambda: newest.with_name("added.md").write_text(
            newest.read_text("utf-8").replace("Slug: ", "Slug: added-", 1)
        ),
        "newest deleted": newest.unlink,
    }
    for kind, edit in steps.items():
        edit()
        before, early = preview.rebuild()
        written = written_early(before, early)
        assert "en/index.html" in written, kind
        final = file_digests(preview.output)
        assert {name: early[name] for name in written} == {
            name: final[name] for name in written
        }, kind
        assert differing_files(preview.output, preview.clean_build()) == [], kind
