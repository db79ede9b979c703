"""Pages rendered in two processes: the same site, and a failure in either
process fails the build with its message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

from newsroom.render.split import PAGES_PER_TURN
from sitetools import REPO, differing_files, run_pelican

NO_SEARCH = {"NEWSROOM_SEARCH_INDEX": "false"}


def test_one_and_two_rendering_processes_write_the_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    serial = run_pelican(
        SAMPLE_CONTENT, one, extra={**NO_SEARCH, "NEWSROOM_WORKERS": "1"}
    )
    assert serial.returncode == 0, serial.stderr
    split = run_pelican(
        SAMPLE_CONTENT,
        two,
        extra={**NO_SEARCH, "NEWSROOM_WORKERS": "2"},
        options=["-v"],
    )
    assert split.returncode == 0, split.stderr
    rendered = re.search(
        r"Rendered (\d+) pages in a second process", split.stdout + split.stderr
    )
    assert rendered, split.stdout
    assert int(rendered[1]) > 10
    assert differing_files(one, two) == []


# The writer alone, in a fresh single-threaded process, with a template that
# writes which process rendered each page, or fails on one page.
WRITER_SCRIPT = """
import os, sys
from newsroom.render.split import PAGES_PER_TURN
from newsroom.render.writer import NewsroomWriter

class Template:
    name = "page.html"

    def render(self, context):
        if context["output_file"] == sys.argv[2]:
            raise ValueError("cannot render " + sys.argv[2])
        return str(os.getpid())

settings = {"LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False, "NEWSROOM_WORKERS": 2}
writer = NewsroomWriter(sys.argv[1], settings)
for number in range(3 * PAGES_PER_TURN):
    writer.write_file(f"page{number}.html", Template(), {"localsiteurl": ""})
writer.join_second_renderer()
"""


def run_script(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh single-threaded process that can import the plugin."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )


def test_two_processes_take_turns(tmp_path: Path) -> None:
    result = run_script(WRITER_SCRIPT, str(tmp_path), "")
    assert result.returncode == 0, result.stderr
    renderers = [
        (tmp_path / f"page{n}.html").read_text() for n in range(3 * PAGES_PER_TURN)
    ]
    first, second, third = (
        set(renderers[start : start + PAGES_PER_TURN])
        for start in range(0, 3 * PAGES_PER_TURN, PAGES_PER_TURN)
    )
    assert len(first) == len(second) == 1
    assert first == third != second


@pytest.mark.parametrize("failing_page", ["page0.html", f"page{PAGES_PER_TURN}.html"])
def test_a_page_that_fails_in_either_process_fails_the_build(
    tmp_path: Path, failing_page: str
) -> None:
    result = run_script(WRITER_SCRIPT, str(tmp_path), failing_page)
    assert result.returncode != 0
    assert f"ValueError: cannot render {failing_page}" in result.stderr


# Both processes digest a share of four items and must both end with all four.
SHARE_SCRIPT = """
import sys
from newsroom.render.split import SecondRenderer

def digest(item):
    if item == sys.argv[1]:
        raise ValueError("cannot digest " + item)
    return item.encode().ljust(16, b".")

second = SecondRenderer(4)
digests = second.share_digests(["a", "b", "c", "d"], digest)
if second.is_copy:
    second.exit_copy(None if digests == list(map(digest, "abcd")) else "wrong")
second.wait()
print(b"".join(digests).decode())
"""


def test_both_processes_get_every_shared_digest() -> None:
    result = run_script(SHARE_SCRIPT, "")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["".join(item.ljust(16, ".") for item in "abcd")]


@pytest.mark.parametrize("failing_item", ["a", "b"])
def test_a_digest_that_fails_in_either_process_fails_the_build(
    failing_item: str,
) -> None:
    result = run_script(SHARE_SCRIPT, failing_item)
    assert result.returncode != 0
    assert f"ValueError: cannot digest {failing_item}" in result.stderr
