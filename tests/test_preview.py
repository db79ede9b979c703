"""`make serve` never shows a stale site: after each kind of edit an editor
makes, the next rebuild's output is byte for byte a clean build's.

Pelican's --autoreload runs, with `make serve`'s overrides, on a copy of the
tiny test_data site with its own settings file and theme; each edit waits for
the rebuild it triggers, then a clean build (no cache, fresh folder) of the
same files is compared with it.
"""

from __future__ import annotations

import fcntl
import os
import queue
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image

from newsroom.publish.rerun import run_until_settled
from sitetools import (
    REPO,
    TEST_DATA_CONTENT,
    build_command,
    differing_files,
    file_digests,
)

# As the Makefile's serve target runs it (port 0: any free port).
SERVE_OPTIONS = ["--autoreload", "--listen", "--bind", "127.0.0.1", "--port", "0"]
SERVE_OVERRIDES = {
    "CACHE_CONTENT": "true",
    "LOAD_CONTENT_CACHE": "true",
    "NEWSROOM_SEARCH_INDEX": "false",
    "NEWSROOM_LIVE_RELOAD": "true",
    "NEWSROOM_QUICK_PREVIEW": "true",
}
# The same site without the cache: a clean build of what the preview shows.
CLEAN_OVERRIDES = {
    key: value for key, value in SERVE_OVERRIDES.items() if "CACHE" not in key
}
REBUILD_TIMEOUT = 120
DONE = re.compile(r"^(\[[^]]*\] )?Done: Processed")
MODIFIED = re.compile(r"^-> Modified:")
# (file under the site copy, text in it, its replacement)
EDITS = {
    "article": (
        "content/en/2024/plenary.md",
        "Title: Foreign Affairs Committee holds plenary meeting",
        "Title: Foreign Affairs Committee holds its plenary meeting",
    ),
    "page": (
        "content/en/pages/about.md",
        "Shijingshan District News.",
        "Shijingshan District News, in two languages.",
    ),
    "topics": ("content/topics.toml", 'en = "News"', 'en = "Top News"'),
    "catalog": (
        "theme/translations/zh/LC_MESSAGES/messages.po",
        'msgstr "最新动态"',
        'msgstr "最新消息"',
    ),
    "template": (
        "theme/templates/base.html",
        "</main>",
        '</main>\n  <p hidden data-edited="yes"></p>',
    ),
    "settings": (
        "pelicanconf.py",
        'NEWSROOM_DATE_FORMAT = "long"',
        'NEWSROOM_DATE_FORMAT = "yyyy-MM-dd"',
    ),
}


class Preview:
    """A running `make serve`, and the rebuilds it reported."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.process = subprocess.Popen(
            site_command(site, "output", SERVE_OVERRIDES, SERVE_OPTIONS),
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # Its own group: Pelican's server and rebuilding processes are
            # stopped with it.
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_rebuild(self, end: re.Pattern[str] = DONE) -> None:
        """Until a line matches ``end`` (by default, a rebuild's last line),
        then until the build lock is free: the run is over, a run again for
        an edit saved meanwhile included."""
        if not self.saw_line(end, REBUILD_TIMEOUT):
            pytest.fail("no rebuild within the time:\n" + "".join(self.seen))
        with (self.site / ".output.lock").open("a+b") as lock:
            fcntl.lockf(lock, fcntl.LOCK_EX)

    def saw_line(self, end: re.Pattern[str], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.seen)
                continue
            self.seen.append(line)
            if end.match(line.strip()):
                return True
            assert "Caught exception" not in line, "".join(self.seen)
        return False

    def edit(self, path: Path, text: str | None) -> None:
        """Write ``text`` to ``path`` (None: delete it), again until Pelican
        reports it: Pelican starts a new watcher after each build, and an
        edit made before that one is up goes unseen."""
        for _ in range(12):
            if text is None:
                path.unlink(missing_ok=True)
                path.with_name(path.name + ".tmp").touch()  # an event in its folder
                path.with_name(path.name + ".tmp").unlink()
            else:
                path.write_text(text, encoding="utf-8")
            if self.saw_line(MODIFIED, 10):
                return
        pytest.fail("the watcher never saw the edit:\n" + "".join(self.seen))

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copytree(TEST_DATA_CONTENT, site / "content")
    shutil.copytree(REPO / "theme", site / "theme")
    shutil.copy(REPO / "pelicanconf.py", site / "pelicanconf.py")
    (site / "plugins").symlink_to(REPO / "plugins")
    return site


@contextmanager
def running_preview(site: Path) -> Iterator[Preview]:
    running = Preview(site)
    try:
        running.wait_for_rebuild()
        yield running
    finally:
        running.stop()


@pytest.fixture
def preview(site: Path) -> Iterator[Preview]:
    with running_preview(site) as running:
        yield running


def site_command(
    site: Path, output: str, extra: dict[str, str], options: list[str]
) -> list[str]:
    """Pelican on the site copy, with its own settings file (whose relative
    paths, content/ theme/ plugins/, Pelican takes from the file's folder)."""
    return build_command(
        site / "content",
        site / output,
        settings=str(site / "pelicanconf.py"),
        extra=extra,
        options=options,
    )


def clean_build(site: Path) -> Path:
    result = subprocess.run(
        site_command(site, "clean", CLEAN_OVERRIDES, []),
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "clean"


def test_every_edit_shows_in_the_next_rebuild(preview: Preview) -> None:
    site = preview.site
    output = site / "output"
    assert differing_files(output, clean_build(site)) == []
    for kind, (relative, old, new) in EDITS.items():
        before = file_digests(output)
        path = site / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (kind, old)
        preview.edit(path, text.replace(old, new))
        preview.wait_for_rebuild()
        assert file_digests(output) != before, f"{kind}: nothing changed"
        assert differing_files(output, clean_build(site)) == [], kind


def test_a_bad_source_leaves_the_preview_and_the_fix_shows(preview: Preview) -> None:
    """The rebuild refuses (one line, no traceback), the preview keeps the
    last good site, and the rebuild after the fix is a clean build's."""
    site = preview.site
    before = file_digests(site / "output")
    bad = site / "content" / "en" / "2024" / "bad.md"
    preview.edit(bad, "Title: Bad\nSlug: bad\n\n")
    preview.wait_for_rebuild(re.compile(r".*problem\(s\) in the sources"))
    assert any(
        "content/en/2024/bad.md:1: Date: missing" in line for line in preview.seen
    )
    assert file_digests(site / "output") == before
    preview.edit(bad, None)
    preview.wait_for_rebuild()
    assert differing_files(site / "output", clean_build(site)) == []


def test_removed_and_renamed_photos_and_attachments_leave_the_preview(
    site: Path,
) -> None:
    """Their files are not pages: the photos' derivatives and the attachments
    an earlier rebuild published go once no article uses them."""
    content = site / "content"
    (content / "images").mkdir()
    for name, colour in (("hall.png", "teal"), ("visit.png", "navy")):
        Image.new("RGB", (400, 300), colour).save(content / "images" / name)
    (content / "files").mkdir()
    (content / "files" / "notice.pdf").write_bytes(b"%PDF-1.4 notice")
    article = content / "en" / "2024" / "plenary.md"
    with_media = article.read_text(encoding="utf-8").replace(
        "Slug: plenary\n",
        "Slug: plenary\nAttachments: {static}/files/notice.pdf\n",
    ) + (
        "\n![The hall]({static}/images/hall.png)\n"
        "\n![The visit]({static}/images/visit.png)\n"
    )
    article.write_text(with_media, encoding="utf-8")
    with running_preview(site) as preview:
        output = site / "output"
        # 2 photos, 2 widths each (320 and 400), WebP and PNG.
        assert len(list((output / "photos").iterdir())) == 8
        assert (output / "files" / "notice.pdf").is_file()
        text = with_media.replace("\n![The hall]({static}/images/hall.png)\n", "")
        edits = {
            "photo removed": text,
            "photo renamed": text.replace("visit.png", "site-visit.png"),
            "attachment removed": text.replace(
                "Attachments: {static}/files/notice.pdf\n", ""
            ).replace("visit.png", "site-visit.png"),
        }
        for kind, edited in edits.items():
            before = file_digests(output)
            if kind == "photo renamed":
                (content / "images" / "visit.png").rename(
                    content / "images" / "site-visit.png"
                )
            preview.edit(article, edited)
            preview.wait_for_rebuild()
            assert file_digests(output) != before, f"{kind}: nothing changed"
            assert differing_files(output, clean_build(site)) == [], kind
        assert not (output / "files").exists()


def test_a_rebuild_runs_again_for_an_edit_saved_meanwhile(tmp_path) -> None:
    """Pelican watches again only after a build: an edit saved during one
    would wait for the next save, so the rebuild runs once more. (Under a
    real preview the edit must land after its file was read and before the
    run ends: too short a moment on a small site to hit from a test.)"""
    content, theme = tmp_path / "content", tmp_path / "theme"
    (content / "en").mkdir(parents=True)
    theme.mkdir()
    article = content / "en" / "a.md"
    article.write_text("first", encoding="utf-8")
    runs: list[str] = []

    def run(_stamps: object) -> None:
        runs.append(article.read_text(encoding="utf-8"))
        if len(runs) == 1:
            article.write_text("saved during the run", encoding="utf-8")

    run_until_settled(run, [str(content), str(theme)])
    assert runs == ["first", "saved during the run"]
