"""Hostile metadata through the real build: never a traceback, only a clean
refusal or a page (and feeds that still parse).

Title, Source and Summary each get every value below: control characters,
NUL, line and paragraph separators, a 100,000-character line, bidi and
zero-width marks, noncharacters, astral characters, markup and template
syntax, and seeded random strings over the whole of Unicode. The first
build (plain `pelican -s publishconf.py`) must refuse some with one clean line
each; without those, the second must publish a page for every other one.
(The body is fuzzed by the HTML safety tests.)
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import feedparser

from sitetools import PUBLISH_SITEURL, TEST_DATA_CONTENT, run_pelican

FIELDS = ("Title", "Source", "Summary")
HOSTILE = [
    "\x00",
    "a\x01b\x07c\x1b[31m",
    "a\x0b\x0cb",
    "\x7f",
    "x\x85y",
    "x\u2028y\u2029z",
    "长" * 100_000,
    "\u200b\u202eabc\u2066",
    "a\ufeffb",
    "\uffff\U0010ffff",
    "😀 \U0001f1e8\U0001f1f3",
    "]]></title><title>x",
    "</script><script>alert(1)</script>",
    "&amp; &#0; &#xD800; &lt;",
    "\t lead and trail \t",
    "\\ \\n \\x00",
    "%(num)s {{ x }} {% if %}",
]
RANDOM_VALUES = 15
ERROR_LINE = re.compile(r"^content/en/2024/fuzz-\d+\.md:\d+: [A-Z][a-z]+: ")


def random_value(rng: random.Random) -> str:
    """Any code point but surrogates, which UTF-8 cannot hold; new lines
    included (they end the value, and may end the header)."""
    ranges = [(0, 0x20), (0x20, 0x7F), (0x80, 0xD800), (0xE000, 0x110000)]
    characters = []
    for _ in range(rng.randrange(1, 30)):
        low, high = rng.choice(ranges)
        characters.append(chr(rng.randrange(low, high)))
    return "".join(characters)


def write_sources(content: Path) -> dict[str, str]:
    rng = random.Random(2024)
    values = HOSTILE + [random_value(rng) for _ in range(RANDOM_VALUES)]
    slugs: dict[str, str] = {}
    for field in FIELDS:
        for value in values:
            slug = f"fuzz-{len(slugs)}"
            header = {
                "Title": slug,
                "Date": "2024-06-01 09:00",
                "Source": "Office",
                "Category": "news",
                "Slug": slug,
                field: value,
            }
            text = "".join(f"{key}: {v}\n" for key, v in header.items())
            path = content / "en" / "2024" / f"{slug}.md"
            path.write_text(text + "\nBody.\n", encoding="utf-8")
            slugs[slug] = field
    return slugs


def test_hostile_metadata_is_refused_cleanly_or_published(tmp_path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(TEST_DATA_CONTENT, content)
    slugs = write_sources(content)
    env = {"SITEURL": PUBLISH_SITEURL}

    refused = run_pelican(content, output, settings="publishconf.py", env=env)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    lines = refused.stderr.splitlines()
    problems = [line for line in lines if line.startswith("content/")]
    assert problems, refused.stderr
    assert all(ERROR_LINE.match(line) for line in problems), problems
    refused_files = {line.split(":")[0] for line in problems}
    for name in refused_files:
        (tmp_path / name).unlink()

    published = run_pelican(content, output, settings="publishconf.py", env=env)
    assert published.returncode == 0, published.stdout + published.stderr
    assert "Traceback" not in published.stdout + published.stderr
    kept = [slug for slug in slugs if (content / "en" / "2024" / f"{slug}.md").exists()]
    for slug in kept:
        assert (output / "en" / "2024" / "06" / slug / "index.html").is_file(), slug
    for feed in output.glob("**/feeds/*.xml"):
        assert not feedparser.parse(feed.read_bytes()).bozo, feed
    # For the record: how the values ended (see the README's safety net).
    print(f"{len(slugs)} tried, {len(refused_files)} refused, {len(kept)} published")
    assert len(refused_files) + len(kept) == len(slugs)
