"""Peak memory of the rebuild after a text edit: Python heap and RSS.

``python bench/rebuild_memory.py bench/work/corpus-100-2024 ...``: for each
corpus that bench/run.py generated (with and without ``--photos``), a cached
warm build into ``--work`` (the photo cache is kept there, so photos are
encoded on the first run only), then one sentence appended to a Chinese
article and the rebuild measured: the main process's Python heap peak
(``tracemalloc``), which shows a few MiB that the allocator's arenas hide in
RSS at small sizes, and ``ru_maxrss`` of the build (from ``os.wait4``: its
largest process). The article is restored afterwards. The project's build
without the search index (bench/confs/project_no_search.py): with it, the
largest process is a Pagefind indexer.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
SETTINGS = "bench/confs/project_no_search.py"
# Run as `python -X tracemalloc -c PROBE <pelican arguments>`.
PROBE = """
import atexit, sys, tracemalloc
peak = lambda: print("HEAP", tracemalloc.get_traced_memory()[1], file=sys.stderr)
atexit.register(peak)
from pelican import main
sys.argv[0] = "pelican"
main()
"""


def build(corpus: Path, work: Path, probe: bool) -> tuple[int, int | None]:
    """ru_maxrss in KiB, and the heap peak in bytes when probed."""
    folder = work / corpus.name
    command = [
        sys.executable,
        *(["-X", "tracemalloc", "-c", PROBE] if probe else ["-m", "pelican"]),
        str(corpus),
        "-s",
        SETTINGS,
        "-o",
        str(folder / "out"),
        "--cache-path",
        str(folder / "cache"),
        "-e",
        "CACHE_CONTENT=true",
        "LOAD_CONTENT_CACHE=true",
        f"NEWSROOM_PHOTO_CACHE={json.dumps(str(folder / 'photos'))}",
    ]
    log = folder / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed, see {log}")
    heap = [line for line in log.read_text().splitlines() if line.startswith("HEAP")]
    return usage.ru_maxrss, int(heap[0].split()[1]) if heap else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--work", type=Path, default=BENCH_DIR / "work" / "memory")
    args = parser.parse_args(argv)
    print("| corpus | photos | heap peak MiB | peak RSS MiB |")
    print("|---|--:|--:|--:|")
    for given in args.corpora:
        corpus = given.resolve()
        build(corpus, args.work, probe=False)
        article = sorted((corpus / "zh").rglob("*.md"))[0]
        text = article.read_text(encoding="utf-8")
        try:
            # One edit per measured rebuild; tracemalloc's own bookkeeping
            # would inflate the RSS, so each figure has its own run.
            article.write_text(text + "\n又及，会后举行了现场咨询。\n", "utf-8")
            rss, _ = build(corpus, args.work, probe=False)
            article.write_text(text + "\n又及，会后举行了两场现场咨询。\n", "utf-8")
            _, heap = build(corpus, args.work, probe=True)
        finally:
            article.write_text(text, encoding="utf-8")
        photos = len(list(corpus.glob("images/*")))
        print(f"| {corpus.name} | {photos} | {heap / 2**20:.1f} | {rss / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
