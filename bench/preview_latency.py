"""From saving a Markdown file to its page being in output/, under `make serve`.

``python bench/preview_latency.py --pairs 10000``: the corpus of bench/run.py
(``bench/generate.py``, generated once into bench/work/), copied into
bench/work/preview-<pairs>/ so that the edits leave it as it was; then
``pelican --autoreload`` on the copy with the overrides of the Makefile's
``serve`` target, and after its first build a scripted sequence of edits to
the newest English article and its neighbours. For each edit, the seconds
from the save until:

* ``page``: the article's page in output/ shows the edit;
* ``listing``: the English home page shows it (edits of what a listing shows),
  or no longer shows it (the deleted article);
* ``rebuilt``: the rebuild printed its last line (the whole site updated).

The watcher's own delay is included, as an editor meets it. Last, the peak
RSS of the preview process over the whole sequence (the rebuilds' forked
copies aside): a preview kept open must not grow with each save.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

DONE = re.compile(r"^(\[[^]]*\] )?Done: Processed")
POLL_SECONDS = 0.01
# Pelican watches again only once a rebuild has ended: an editor saves later.
PAUSE_SECONDS = 2
TIMEOUT = 600


def serve_overrides() -> list[str]:
    """The ``-e`` values of the Makefile's serve target, as make serve passes them."""
    recipe = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").split("\nserve:")[1]
    return re.search(r"\s-e((?:\s+\w+=\S+)+)", recipe).group(1).split()


@dataclass
class Timing:
    edit: str
    page: float | None
    listing: float | None
    rebuilt: float


class Preview:
    def __init__(self, content: Path, work: Path) -> None:
        self.output = work / "output"
        command = [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            "pelicanconf.py",
        ]
        command += ["-o", str(self.output), "--cache-path", str(work / "cache")]
        command += ["--autoreload", "-e", *serve_overrides()]
        self.process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_done(self) -> float:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            line = self.lines.get(timeout=TIMEOUT)
            print("   |", line.rstrip(), file=sys.stderr)
            if DONE.match(line.strip()):
                done = time.monotonic()
                time.sleep(PAUSE_SECONDS)
                return done
        raise TimeoutError("no rebuild")

    def peak_rss_mib(self) -> int:
        """The preview process's own peak (VmHWM), the rebuilds' forks aside."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


def shows(path: Path, marker: str) -> bool:
    try:
        return marker in path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False


def first_seen(
    paths: list[Path], marker: str, start: float, present: bool = True
) -> list[float | None]:
    """Seconds after ``start`` at which each file first shows ``marker`` (or,
    not ``present``, no longer shows it)."""
    seen: list[float | None] = [None] * len(paths)
    deadline = start + TIMEOUT
    while None in seen and time.monotonic() < deadline:
        for i, path in enumerate(paths):
            if seen[i] is None and shows(path, marker) == present:
                seen[i] = time.monotonic() - start
        time.sleep(POLL_SECONDS)
    return seen


def header(text: str, field: str) -> str:
    return re.search(rf"^{field}: (.*)$", text, re.MULTILINE).group(1)


def newest(content: Path) -> Path:
    sources = (content / "en").rglob("*.md")
    articles = [p for p in sources if "pages" not in p.parts]
    return max(articles, key=lambda p: header(p.read_text(encoding="utf-8"), "Date"))


def page_of(output: Path, source: Path, lang_prefix: str = "en/") -> Path:
    text = source.read_text(encoding="utf-8")
    date, slug = header(text, "Date"), header(text, "Slug")
    return output / f"{lang_prefix}{date[:4]}/{date[5:7]}/{slug}/index.html"


Edit = Callable[[Path, str], tuple[str, bool]]


def edit_body(article: Path, marker: str) -> tuple[str, bool]:
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\n{marker} closes the report.\n", encoding="utf-8")
    return marker, False


def edit_title(article: Path, marker: str) -> tuple[str, bool]:
    text = article.read_text(encoding="utf-8")
    title = header(text, "Title")
    article.write_text(text.replace(title, f"{title} {marker}", 1), encoding="utf-8")
    return marker, True


def edit_date(article: Path, marker: str) -> tuple[str, bool]:
    text = article.read_text(encoding="utf-8")
    date = header(text, "Date")
    earlier = f"{date[:11]}{(int(date[11:13]) + 23) % 24:02d}{date[13:]}"
    article.write_text(text.replace(date, earlier, 1) + f"\n{marker}\n", "utf-8")
    return marker, False


def edit_topic(article: Path, marker: str) -> tuple[str, bool]:
    text = article.read_text(encoding="utf-8")
    topic = header(text, "Category")
    other = "economy" if topic != "economy" else "environment"
    edited = text.replace(f"Category: {topic}", f"Category: {other}", 1)
    article.write_text(edited + f"\n{marker}\n", encoding="utf-8")
    return marker, False


EDITS: dict[str, Edit] = {
    "body": edit_body,
    "title": edit_title,
    "date": edit_date,
    "topic": edit_topic,
}


def copy_article(article: Path, new: Path, marker: str) -> Path:
    """``article`` with slug ``new``'s name and title ``marker``, saved as ``new``."""
    text = article.read_text(encoding="utf-8")
    text = text.replace(f"Slug: {header(text, 'Slug')}", f"Slug: {new.stem}", 1)
    new.parent.mkdir(parents=True, exist_ok=True)
    new.write_text(text.replace(header(text, "Title"), marker, 1), encoding="utf-8")
    return new


def add_translate_delete(preview: Preview, article: Path, home: Path) -> list[Timing]:
    """A new English article, then its Chinese translation, then both deleted."""
    timings = []
    start = time.monotonic()
    added = copy_article(
        article, article.with_name("preview-added.md"), "Preview-marker-new"
    )
    page = page_of(preview.output, added)
    seen = first_seen([page, home], "Preview-marker-new", start)
    timings.append(Timing("new article", *seen, preview.wait_done() - start))
    zh_folder = preview.output.parent / "content" / "zh" / added.parent.name
    start = time.monotonic()
    translation = copy_article(added, zh_folder / added.name, "预览标记")
    zh_page = page_of(preview.output, translation, "")
    seen = first_seen([zh_page], "预览标记", start)
    timings.append(
        Timing("translation added", seen[0], None, preview.wait_done() - start)
    )
    start = time.monotonic()
    added.unlink()
    translation.unlink()
    gone = first_seen([home], "Preview-marker-new", start, present=False)
    timings.append(Timing("deleted", None, gone[0], preview.wait_done() - start))
    assert not page.exists()
    assert not zh_page.exists()
    return timings


def measure(pairs: int, seed: int) -> list[Timing]:
    corpus = BENCH_DIR / "work" / f"corpus-{pairs}-{seed}"
    if not corpus.exists():
        generate(corpus, pairs, seed)
    work = BENCH_DIR / "work" / f"preview-{pairs}"
    shutil.rmtree(work, ignore_errors=True)
    content = work / "content"
    shutil.copytree(corpus, content)
    preview = Preview(content, work)
    timings: list[Timing] = []
    try:
        preview.wait_done()
        article = newest(content)
        home = preview.output / "en" / "index.html"
        for number, (name, edit) in enumerate(EDITS.items()):
            marker = f"Preview-marker-{number}"
            start = time.monotonic()
            marker, listed = edit(article, marker)
            page = page_of(preview.output, article)
            seen = first_seen([page, home] if listed else [page], marker, start)
            rebuilt = preview.wait_done() - start
            timings.append(Timing(name, seen[0], seen[1] if listed else None, rebuilt))
        timings += add_translate_delete(preview, article, home)
        print(f"peak RSS of the preview process: {preview.peak_rss_mib()} MiB")
    finally:
        preview.stop()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    timings = measure(args.pairs, args.seed)
    print("| edit | page s | listing s | rebuilt s |\n| --- | --: | --: | --: |")
    for t in timings:
        cells = [f"{v:.2f}" if v is not None else "" for v in (t.page, t.listing)]
        print(f"| {t.edit} | {cells[0]} | {cells[1]} | {t.rebuilt:.2f} |")
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in timings], indent=2))


if __name__ == "__main__":
    main()
