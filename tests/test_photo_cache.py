"""The photo cache: an unchanged photo is encoded once, whatever builds next.

Counted from the build's "Photos: N encoded, M from cache" line, not timed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from PIL import Image

from sitetools import differing_files, run_pelican

PHOTOS = 6  # in the sample content
REPLACED = Path("images/big-air-shougang.jpg")
COUNT_LINE = re.compile(r"Photos: (\d+) encoded, (\d+) from cache")


class Space:
    """A copy of the sample content with its own photo and content caches."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        shutil.copytree(SAMPLE_CONTENT, self.content)

    def build(self, output: str, cached: bool = True) -> tuple[int, int]:
        extra = {
            "NEWSROOM_PHOTO_CACHE": f'"{(self.root / "photos").as_posix()}"',
            "NEWSROOM_SEARCH_INDEX": "false",
        }
        if cached:
            extra |= {
                "CACHE_CONTENT": "true",
                "LOAD_CONTENT_CACHE": "true",
                "CACHE_PATH": f'"{(self.root / "cache").as_posix()}"',
            }
        result = run_pelican(self.content, self.root / output, extra=extra)
        assert result.returncode == 0, result.stdout + result.stderr
        encoded, cached_count = COUNT_LINE.search(result.stdout).groups()
        return int(encoded), int(cached_count)


@pytest.fixture
def space(tmp_path: Path) -> Space:
    space = Space(tmp_path)
    assert space.build("output") == (PHOTOS, 0)
    return space


def test_no_rebuild_encodes_an_unchanged_photo(space: Space) -> None:
    assert space.build("output") == (0, PHOTOS)  # the rebuild, content cache on
    assert space.build("fresh", cached=False) == (0, PHOTOS)  # a clean output


def test_replacing_a_photo_encodes_it_alone_and_its_pages_follow(
    space: Space,
) -> None:
    Image.new("RGB", (1200, 1200), (30, 90, 160)).save(space.content / REPLACED)
    assert space.build("output") == (1, PHOTOS - 1)
    space.build("clean", cached=False)
    assert differing_files(space.root / "clean", space.root / "output") == []
    page = space.root / "output/2024/12/freeski-big-air-shougang-2024/index.html"
    assert 'width="1200" height="1200"' in page.read_text(encoding="utf-8")
