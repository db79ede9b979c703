"""A build killed half-way leaves the previous output/ exactly as it was."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

from sitetools import (
    LEFT_NEXT_TO_OUTPUT,
    REPO,
    TEST_DATA_CONTENT,
    build_command,
    file_digests,
    run_pelican,
)

GENERATED_ARTICLES = 300


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


def test_a_killed_build_leaves_the_previous_site(tmp_path) -> None:
    output = tmp_path / "output"
    assert run_pelican(TEST_DATA_CONTENT, output, atomic=True).returncode == 0
    previous = file_digests(output)
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA_CONTENT, content)
    generate_corpus(content)

    build = subprocess.Popen(
        build_command(content, output, atomic=True),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    written: list[Path] = []
    while not written and build.poll() is None and time.monotonic() < deadline:
        written = list(tmp_path.glob(".output.building-*/2022/*/*/index.html"))
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert written, "the build ended before it wrote anything; nothing was tested"
    assert build.returncode == -signal.SIGKILL
    assert file_digests(output) == previous

    # The next build clears the killed one's folder and publishes in full.
    assert run_pelican(content, output, atomic=True).returncode == 0
    assert (output / "2022" / "03" / "generated-0" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == LEFT_NEXT_TO_OUTPUT
