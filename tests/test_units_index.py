"""In-process unit tests of the search index: records, postings, chunks, the
files of a language's index and the process that writes them."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsroom.index.bundle_files import (
    BundleStamps,
    bundle_dir,
    records_digest,
    write_search_bundle,
)
from newsroom.index.indexing import (
    IndexingFailed,
    IndexingProcess,
    finish_search_index,
    start_search_index,
    stop_search_index,
)
from newsroom.index.postings import chunks, inverted_index
from newsroom.index.records import SearchRecord, oldest_first, search_records
from newsroom.index.search_page import install_search_page
from newsroom.settings import INDEXING_SETTING
from support import get_article, get_newsroom, get_settings


def record(title: str, text: str = "") -> SearchRecord:
    return SearchRecord(f"/{title}/", title, "d", "2024-05-01", text)


def test_records_are_numbered_oldest_first() -> None:
    zh = get_newsroom().languages["zh"]
    newer = get_article("newer", date=(2024, 6, 1), content="<p>石景山区</p>")
    older = get_article("older", date=(2023, 1, 1))
    records = list(search_records(oldest_first([newer, older]), zh, "long"))
    assert [r.url for r in records] == ["/2023/01/older/", "/2024/06/newer/"]
    fragment = json.loads(records[1].fragment())
    assert fragment["text"] == "石景山区"
    assert fragment["date"] == "2024年6月1日"


def test_each_term_lists_its_articles_in_order() -> None:
    postings = inverted_index([{"a", "b"}, {"b"}, {"a", "b"}])
    assert {term: list(numbers) for term, numbers in postings.items()} == {
        "a": [0, 2],
        "b": [0, 1, 2],
    }


def decoded(chunk: bytes) -> dict[str, list[int]]:
    """What search.js makes of a chunk: each term's gaps summed up again."""
    numbers = {}
    for term, gaps in json.loads(chunk).items():
        total, numbers[term] = 0, []
        for gap in gaps:
            total += gap
            numbers[term].append(total)
    return numbers


def test_chunks_hold_every_term_once_sorted_as_the_browser_compares() -> None:
    # U+20000 sorts after U+F900 in Python, before it in UTF-16 (the browser).
    terms = ["b", "a", "\uf900", "\U00020000", "山区", "park"]
    postings = inverted_index([set(terms), {"a"}, {"a", "park"}])
    cut = list(chunks(postings, numbers_per_chunk=3))
    # A chunk ends once it holds 3 numbers, counting one per term.
    assert [(c.first, c.last) for c in cut] == [
        ("a", "a"),
        ("b", "park"),
        ("山区", "\U00020000"),
        ("\uf900", "\uf900"),
    ]
    merged = {k: v for c in cut for k, v in decoded(c.content).items()}
    assert merged == {term: list(postings[term]) for term in terms}
    assert len({c.name for c in cut}) == 4


def files(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_index_written_again_changes_only_what_changed(tmp_path: Path) -> None:
    bundle = tmp_path / bundle_dir(get_newsroom().languages["en"])
    first = [record("Park", "opens"), record("River", "flows")]
    write_search_bundle(first, bundle, numbers_per_chunk=2)
    (bundle / "left-by-hand.txt").write_text("x")
    before = files(bundle)
    assert "p/1.json" in before
    assert "index.json" in before
    write_search_bundle([first[0]], bundle, numbers_per_chunk=2)
    after = files(bundle)
    assert after["p/0.json"] == before["p/0.json"]  # not rewritten
    assert "p/1.json" not in after
    assert "left-by-hand.txt" not in after
    index = json.loads((bundle / "index.json").read_bytes())
    assert index["articles"] == 1
    assert sorted(after) == sorted(
        ["index.json", "p/0.json", *(f"c/{name}" for *_, name in index["chunks"])]
    )


def test_an_empty_language_gets_an_empty_index(tmp_path: Path) -> None:
    write_search_bundle([], tmp_path, numbers_per_chunk=2)
    assert json.loads((tmp_path / "index.json").read_bytes()) == {
        "articles": 0,
        "chunks": [],
    }


def test_stamps_are_kept_for_the_same_output_only(tmp_path: Path) -> None:
    settings = {
        "CACHE_PATH": str(tmp_path),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    bundle = tmp_path / "out" / "search-index"
    records = [record("Park")]
    write_search_bundle(records, bundle, numbers_per_chunk=2)
    stamps = BundleStamps(settings, tmp_path / "out")
    digest = records_digest(records, 2)
    stamps.keep("en", digest, bundle)
    stamps.write()
    again = BundleStamps(settings, tmp_path / "out")
    assert again.is_current("en", digest, bundle)
    assert not again.is_current("en", records_digest([record("River")], 2), bundle)
    assert not again.is_current("en", records_digest(records, 3), bundle)
    assert not again.is_current("zh", digest, bundle)
    assert BundleStamps(settings, tmp_path / "elsewhere").stamps == {}
    (bundle / "index.json").write_text("{}")  # replaced by hand
    assert not again.is_current("en", digest, bundle)


class Job:
    """Stands in for SearchIndexJob in the forked copy."""

    def __init__(self, outcome: BaseException | None = None) -> None:
        self.outcome = outcome

    def run(self) -> list[str]:
        if self.outcome is not None:
            raise self.outcome
        return ["zh"]


def test_the_copy_reports_the_languages_it_indexed() -> None:
    indexed, cpu = IndexingProcess(Job()).finish()
    assert indexed == ["zh"]
    assert cpu > 0


def test_a_failure_in_the_copy_is_raised_with_its_traceback() -> None:
    with pytest.raises(IndexingFailed, match="ValueError: no records"):
        IndexingProcess(Job(ValueError("no records"))).finish()


def test_a_full_disk_in_the_copy_is_raised_as_such() -> None:
    full = OSError(28, "No space left on device", "out/search-index/p/1.json")
    with pytest.raises(OSError, match="No space left") as raised:
        IndexingProcess(Job(full)).finish()
    assert raised.value.filename == "out/search-index/p/1.json"


def test_a_copy_killed_on_the_way_fails_the_build() -> None:
    class Killed(Job):
        def run(self) -> list[str]:
            os.kill(os.getpid(), signal.SIGKILL)
            return []

    with pytest.raises(IndexingFailed, match="ended with status -9"):
        IndexingProcess(Killed()).finish()


def test_a_failed_build_stops_the_copy() -> None:
    class Waits(Job):
        def run(self) -> list[str]:
            os.read(os.pipe()[0], 1)  # blocks for good
            return []

    indexing = IndexingProcess(Waits())
    settings = {INDEXING_SETTING: indexing}
    stop_search_index(settings)
    assert INDEXING_SETTING not in settings
    with pytest.raises(ChildProcessError):
        os.waitpid(indexing.pid, os.WNOHANG)  # gone and reaped
    stop_search_index(settings)  # nothing left to stop


def test_no_index_is_started_when_search_is_off(tmp_path: Path) -> None:
    settings = get_settings(NEWSROOM_SEARCH_INDEX=False)
    start_search_index(None, {}, settings, tmp_path)
    assert INDEXING_SETTING not in settings
    finish_search_index(SimpleNamespace(settings=settings))  # nothing to wait for


def test_the_search_page_finds_each_languages_index() -> None:
    generator = SimpleNamespace(settings=get_settings(), env=SimpleNamespace())
    generator.env.globals = {}
    install_search_page(generator)
    search = generator.env.globals["search"]
    assert search.bundle_dirs == {"zh": "search-index/", "en": "en/search-index/"}
