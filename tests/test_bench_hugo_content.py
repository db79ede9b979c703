"""bench/hugo_content.py: the benchmark's Hugo peer builds the same articles.

Hugo itself is not run here (the benchmark does that, bench/README.md): these
tests check that the converter hands Hugo every header field of the corpus as
front matter it can read, and refuses a field it would otherwise drop.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from sitetools import REPO

BENCH = REPO / "bench"
CORPUS_DATE = "%Y-%m-%d %H:%M"


def run_bench(script: str, *args: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def split_source(path: Path) -> tuple[dict[str, str], str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return dict(line.split(": ", 1) for line in head.splitlines()), body


def split_hugo(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("+++\n"), path
    head, _, body = text.removeprefix("+++\n").partition("+++\n")
    return tomllib.loads(head), body


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hugo-content")
    corpus, content = root / "corpus", root / "content"
    made = run_bench("generate.py", "--pairs", "3", "--out", corpus)
    assert made.returncode == 0, made.stderr
    result = run_bench("hugo_content.py", corpus, content)
    assert result.returncode == 0, result.stderr
    return corpus, content


def test_every_article_header_becomes_hugo_front_matter(converted):
    corpus, content = converted
    sources = sorted(corpus.glob("*/[0-9]*/*.md"))
    assert len(sources) >= 4
    for source in sources:
        lang, year, _ = source.relative_to(corpus).parts
        header, body = split_source(source)
        meta, hugo_body = split_hugo(
            content / "news" / year / f"{source.stem}.{lang}.md"
        )
        assert meta["title"] == header["Title"]
        assert meta["slug"] == header["Slug"]
        assert meta["summary"] == header["Summary"]
        assert meta["source"] == header["Source"]
        assert meta["topics"] == [header["Category"]]
        assert meta["date"] == datetime.strptime(header["Date"], CORPUS_DATE)
        if "Modified" in header:
            assert meta["lastmod"] == datetime.strptime(header["Modified"], CORPUS_DATE)
        assert hugo_body == body


def test_each_topic_is_named_in_each_language(converted):
    corpus, content = converted
    topics = tomllib.loads((corpus / "topics.toml").read_text(encoding="utf-8"))
    for key, names in topics.items():
        for lang, name in names.items():
            meta, _ = split_hugo(content / "topics" / key / f"_index.{lang}.md")
            assert meta["title"] == name


def test_a_field_hugo_has_no_place_for_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "zh" / "2024").mkdir(parents=True)
    (corpus / "topics.toml").write_text('[economy]\nzh = "经济"\n', encoding="utf-8")
    article = corpus / "zh" / "2024" / "a.md"
    article.write_text("Title: 标题\nAuthor: 某人\n\n正文\n", encoding="utf-8")
    result = run_bench("hugo_content.py", corpus, tmp_path / "content")
    assert result.returncode == 1
    assert f"{article}:2: Author: no Hugo equivalent" in result.stderr
