"""A build killed half-way leaves the previous output/ exactly as it was; two
builds at once take turns. On 200 generated pairs, so that builds overlap."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from sitetools import (
    LEFT_NEXT_TO_OUTPUT,
    PUBLISH_SITEURL,
    REPO,
    TEST_DATA_CONTENT,
    build_command,
    file_digests,
    run_pelican,
)

GENERATED_ARTICLES = 400


def generate_corpus(content: Path) -> None:
    for number in range(GENERATED_ARTICLES):
        lang = ("zh", "en")[number % 2]
        path = content / lang / "2022" / f"generated-{number // 2}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Title: Generated {number}\nDate: 2022-03-{number % 28 + 1:02d} 10:00\n"
            f"Source: Office\nCategory: news\nSlug: generated-{number // 2}\n\n"
            + "A paragraph of text.\n\n"
            * 20,
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def generated_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("generated") / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    generate_corpus(content)
    return content


def start_build(
    content: Path,
    output: Path,
    env: Mapping[str, str] | None = None,
    capture: bool = True,
    **options: Any,
) -> subprocess.Popen:
    """``capture``: keep what it prints (not for a build to be killed, whose
    rendering copy may hold the pipes a moment longer)."""
    stream = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        build_command(content, output, **options),
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=stream,
        stderr=stream,
        text=True,
    )


def wait_for_pages(build: subprocess.Popen, folder: Path) -> list[Path]:
    """The first generated page the build wrote into its fresh folder."""
    deadline = time.monotonic() + 120
    written: list[Path] = []
    while not written and build.poll() is None and time.monotonic() < deadline:
        written = list(folder.glob(".output.building-*/2022/*/*/index.html"))
        time.sleep(0.005)
    return written


def test_a_killed_build_leaves_the_previous_site(tmp_path, generated_content) -> None:
    output = tmp_path / "output"
    assert run_pelican(TEST_DATA_CONTENT, output, atomic=True).returncode == 0
    previous = file_digests(output)
    content = tmp_path / "content"
    shutil.copytree(generated_content, content)

    build = start_build(content, output, capture=False, atomic=True)
    written = wait_for_pages(build, tmp_path)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert written, "the build ended before it wrote anything; nothing was tested"
    assert build.returncode == -signal.SIGKILL
    assert file_digests(output) == previous

    # The killed build's pid is still in the lock file, but the kernel dropped
    # its lock: the next build (plain pelican) takes over without waiting,
    # clears the killed one's folder and publishes in full.
    assert (tmp_path / ".output.lock").read_text() == f"{build.pid}\n"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stderr
    assert "another build is running" not in result.stderr
    assert (output / "2022" / "03" / "generated-0" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == LEFT_NEXT_TO_OUTPUT


def test_two_builds_at_once_take_turns(tmp_path, generated_content) -> None:
    """`make html`, and plain `pelican -s publishconf.py` started while the
    first is writing: the second waits, then both publish; neither removes
    the other's folder."""
    output = tmp_path / "output"
    first = start_build(generated_content, output, atomic=True)
    assert wait_for_pages(first, tmp_path), "the first build ended too soon"
    second = start_build(
        generated_content,
        output,
        settings="publishconf.py",
        env={"SITEURL": PUBLISH_SITEURL},
    )
    first_out, first_err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert first.returncode == 0, first_out + first_err
    assert second.returncode == 0, second_out + second_err
    assert f"another build is running, pid {first.pid}; waiting" in second_err
    assert "Traceback" not in first_err + second_err
    # The second build's site (publishconf.py's sitemap) is the one in place.
    assert (output / "sitemap.xml").is_file()
    assert len(list(output.glob("2022/*/generated-*/index.html"))) == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "output"]
