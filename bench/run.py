"""Benchmark this project's build against vanilla Pelican, i18n_subsites and Hugo.

One invocation generates one synthetic corpus (``bench/generate.py``) and
builds it with every tool, each build a separate subprocess (``pelican``,
``hugo``, or ``hugo`` then ``pagefind``) run from the repository root, so all
tools pay the same start-up and the child's own CPU time and peak RSS can be
read with ``os.wait4``. Hugo reads the same corpus converted once, untimed,
into its content layout (``bench/hugo_content.py``). Runs alternate
between tools (round-robin, starting tool rotated every run) so that drift in
machine load spreads over all tools instead of landing on one; every figure is
the median over ``--runs``.

Two phases are measured:

* clean build: empty output and cache directories, content cache off;
* rebuild: content cache on (``CACHE_CONTENT`` and ``LOAD_CONTENT_CACHE``),
  an untimed warm build, then one article's body is edited and the timed
  rebuild follows. Hugo has no incremental build outside its server: its
  rebuild is the same command run again over the previous output.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path

import pagefind_bin_extended

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from hugo_content import convert, hugo_path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_BASELINE = "vanilla"
PELICAN_SETTINGS = {
    "project": "pelicanconf.py",
    "project_no_search": "bench/confs/project_no_search.py",
    "vanilla": "bench/confs/vanilla.py",
    "i18n_subsites": "bench/confs/i18n_subsites.py",
}
"""Pelican tools: name -> settings file, relative to the repo root."""
HUGO_TOOLS = ("hugo", "hugo_pagefind")
ALL_TOOLS = (*PELICAN_SETTINGS, *HUGO_TOOLS)
HUGO_SITE = BENCH_DIR / "hugo"
HUGO_MISSING = (
    "hugo is not installed (needed by: {tools}). On Debian: "
    "`apt-get install hugo` (bench/README.md), or leave those tools out "
    "with --tools."
)
PHASES = ("clean", "rebuild")
EDIT_MARK = "\n\n（本文于基准测试中更新。）\n"


@dataclass(frozen=True)
class Tool:
    """How to build with one tool, and which of its source files a rebuild edits.

    ``command(out, cache, use_cache)`` is the build's argv, run from the repo
    root; every tool gets the same arguments, a tool without a content cache
    ignores ``use_cache``.
    """

    name: str
    command: Callable[[Path, Path, bool], list[str]]
    edit_target: Path


@dataclass(frozen=True)
class Sample:
    """One measured build: the child's own wall, CPU and peak memory."""

    tool: str
    phase: str
    run: int
    wall_s: float
    cpu_s: float
    max_rss_kib: int
    pages: int
    returncode: int
    log: str
    load_1min: float


def tools_for(names: list[str], corpus: Path, hugo_content: Path) -> list[Tool]:
    """Every tool reads the same corpus; Hugo's copy of it is ``hugo_content``.

    A rebuild edits the same article for every tool: in the corpus for
    Pelican, in its converted file for Hugo.
    """
    target = pick_edit_target(corpus)
    hugo_target = hugo_content / hugo_path(corpus, target)
    known = {
        name: Tool(name, partial(build_command, settings, corpus), target)
        for name, settings in PELICAN_SETTINGS.items()
    }
    known["hugo"] = Tool("hugo", partial(hugo_command, hugo_content), hugo_target)
    known["hugo_pagefind"] = Tool(
        "hugo_pagefind", partial(hugo_pagefind_command, hugo_content), hugo_target
    )
    return [known[name] for name in names]


def pelican_command() -> list[str]:
    """The ``pelican`` entry point of the interpreter that runs this script."""
    script = Path(sys.executable).with_name("pelican")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "pelican"]


def build_command(
    settings: str, corpus: Path, out: Path, cache: Path, use_cache: bool
) -> list[str]:
    """``pelican <corpus> -s <settings> -o <out>`` plus cache settings.

    The cache settings are passed for every tool alike, so a project setting
    cannot silently turn a "clean" build into a cached one. The project's photo
    cache is next to the content cache (``photo_cache``): emptied for a clean
    build, kept by the rebuild's warm build, which then encodes no photo the
    clean build encoded (the baselines ignore the setting).
    """
    flag = "true" if use_cache else "false"
    overrides = [
        f"CACHE_CONTENT={flag}",
        f"LOAD_CONTENT_CACHE={flag}",
        f"NEWSROOM_PHOTO_CACHE={json.dumps(str(photo_cache(cache)))}",
    ]
    return [
        *pelican_command(),
        str(corpus),
        "-s",
        settings,
        "-o",
        str(out),
        "--cache-path",
        str(cache),
        "-e",
        *overrides,
    ]


def photo_cache(cache: Path) -> Path:
    return cache.with_name(f"{cache.name}-photos")


def hugo_command(content: Path, out: Path, cache: Path, _use_cache: bool) -> list[str]:
    """Debian's ``hugo`` on bench/hugo/ with the converted corpus as content.

    ``--noBuildLock`` keeps Hugo from writing a lock file into the repo;
    ``--cacheDir`` keeps its cache in the tool's own cache folder, emptied
    before every clean build like the Pelican tools' caches.
    """
    hugo = shutil.which("hugo") or "hugo"
    return [
        hugo,
        "--source",
        str(HUGO_SITE),
        "--contentDir",
        str(content),
        "--destination",
        str(out),
        "--cacheDir",
        str(cache),
        "--noBuildLock",
    ]


def hugo_pagefind_command(
    content: Path, out: Path, cache: Path, use_cache: bool
) -> list[str]:
    """Hugo, then plain Pagefind (the pinned binary) indexing Hugo's output.

    One ``sh`` runs both, so ``os.wait4`` on it sees the two as one build:
    the wall and CPU time of both, and the peak RSS of the larger.
    """
    hugo = shlex.join(hugo_command(content, out, cache, use_cache))
    pagefind = shlex.join(
        [str(pagefind_bin_extended.get_executable()), "--site", str(out)]
    )
    return ["sh", "-c", f"{hugo} && exec {pagefind}"]


def count_pages(out: Path) -> int:
    """Number of ``.html`` files written anywhere under ``out``."""
    return sum(1 for _ in out.rglob("*.html"))


def load_now() -> float:
    """1-minute load average; other work on a 2-core box skews wall time."""
    return os.getloadavg()[0]


def measure(cmd: list[str], log: Path) -> tuple[float, float, int, int]:
    """Run ``cmd`` from the repo root; return wall s, CPU s, max RSS KiB, rc.

    ``os.wait4`` gives the rusage of exactly this child (and whatever it waited
    for), unlike ``RUSAGE_CHILDREN`` whose ``ru_maxrss`` is the maximum over
    every child this process ever had.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss, proc.returncode


def shown(path: Path) -> str:
    """``path`` relative to the repo root when inside it, for portable reports."""
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def reset(*dirs: Path) -> None:
    """Remove directories so that a build starts from nothing."""
    for directory in dirs:
        shutil.rmtree(directory, ignore_errors=True)


def pick_edit_target(corpus: Path) -> Path:
    """The first Chinese article that has an English translation.

    Editing a translated article exercises translation linking on rebuild.
    """
    for path in sorted((corpus / "zh").glob("[0-9]*/*.md")):
        if (corpus / "en" / path.parent.name / path.name).exists():
            return path
    raise RuntimeError(f"no translated article in {corpus}")


def run_clean(tool: Tool, work: Path, run: int) -> Sample:
    """One clean build: no output, no cache, content cache off."""
    out, cache = work / "out" / tool.name, work / "cache" / tool.name
    reset(out, cache, photo_cache(cache))
    log = work / "logs" / f"{tool.name}-clean-{run}.log"
    cmd = tool.command(out, cache, False)
    load = load_now()
    wall, cpu, rss, rc = measure(cmd, log)
    pages = count_pages(out)
    return Sample(tool.name, "clean", run, wall, cpu, rss, pages, rc, shown(log), load)


def run_rebuild(tool: Tool, work: Path, run: int) -> Sample:
    """Warm build with the content cache, edit one body, timed rebuild.

    The edited file is restored afterwards, so every tool and run sees the same
    corpus; its cache is thrown away before the next warm build anyway.
    """
    out, cache = work / "out" / tool.name, work / "cache" / tool.name
    reset(out, cache)
    cmd = tool.command(out, cache, True)
    warm_log = work / "logs" / f"{tool.name}-warm-{run}.log"
    *_, rc = measure(cmd, warm_log)
    if rc != 0:
        log = shown(warm_log)
        return Sample(tool.name, "rebuild", run, 0.0, 0.0, 0, 0, rc, log, load_now())
    target = tool.edit_target
    original = target.read_bytes()
    try:
        target.write_bytes(original + EDIT_MARK.encode("utf-8"))
        # Guarantee a newer mtime even on coarse-grained filesystems.
        stamp = time.time() + 2
        os.utime(target, (stamp, stamp))
        log = work / "logs" / f"{tool.name}-rebuild-{run}.log"
        load = load_now()
        wall, cpu, rss, rc = measure(cmd, log)
    finally:
        target.write_bytes(original)
    pages = count_pages(out)
    return Sample(
        tool.name, "rebuild", run, wall, cpu, rss, pages, rc, shown(log), load
    )


def rotated(tools: list[Tool], run: int) -> list[Tool]:
    """Round-robin order whose first tool changes every run."""
    shift = run % len(tools)
    return tools[shift:] + tools[:shift]


def run_all(tools: list[Tool], work: Path, runs: int) -> list[Sample]:
    """All runs of both phases, alternating tools.

    A tool that fails a phase is not run again in that phase (its failure is
    reported instead), but still runs in the other phase.
    """
    samples: list[Sample] = []
    failed: set[tuple[str, str]] = set()
    for run in range(runs):
        for phase, runner in (("clean", run_clean), ("rebuild", run_rebuild)):
            for tool in rotated(tools, run):
                if (tool.name, phase) in failed:
                    continue
                sample = runner(tool, work, run)
                samples.append(sample)
                status = "ok" if sample.returncode == 0 else "FAILED"
                print(
                    f"run {run + 1}/{runs} {phase:7} {tool.name:14} {status} "
                    f"wall {sample.wall_s:6.1f}s cpu {sample.cpu_s:6.1f}s "
                    f"pages {sample.pages} load {sample.load_1min:.1f}",
                    file=sys.stderr,
                    flush=True,
                )
                if sample.returncode != 0:
                    failed.add((tool.name, phase))
                    print(f"  see {sample.log}", file=sys.stderr)
    return samples


@dataclass(frozen=True)
class Summary:
    """Medians for one tool and phase, plus ratios to the baseline."""

    tool: str
    phase: str
    runs: int
    wall_s: float | None
    cpu_s: float | None
    pages: int | None
    pages_per_s: float | None
    pages_per_cpu_s: float | None
    max_rss_mib: float | None
    load_1min: float | None
    failed: str | None = None
    ratios: dict[str, float] = field(default_factory=dict)


def summarize(samples: list[Sample], tool: str, phase: str) -> Summary:
    """Median of the successful samples; a failure is reported, not averaged."""
    mine = [s for s in samples if s.tool == tool and s.phase == phase]
    bad = [s for s in mine if s.returncode != 0]
    if bad or not mine:
        reason = f"exit {bad[0].returncode}, see {bad[0].log}" if bad else "not run"
        return Summary(
            tool, phase, len(mine), None, None, None, None, None, None, None, reason
        )
    wall = statistics.median(s.wall_s for s in mine)
    cpu = statistics.median(s.cpu_s for s in mine)
    pages = int(statistics.median(s.pages for s in mine))
    return Summary(
        tool=tool,
        phase=phase,
        runs=len(mine),
        wall_s=wall,
        cpu_s=cpu,
        pages=pages,
        pages_per_s=pages / wall if wall else None,
        pages_per_cpu_s=pages / cpu if cpu else None,
        max_rss_mib=statistics.median(s.max_rss_kib for s in mine) / 1024,
        load_1min=statistics.median(s.load_1min for s in mine),
    )


def with_ratios(rows: list[Summary], baseline: str) -> list[Summary]:
    """Attach wall, CPU, pages/s and RSS ratios to the baseline's row per phase."""
    base = {r.phase: r for r in rows if r.tool == baseline and r.failed is None}
    result = []
    for row in rows:
        ref = base.get(row.phase)
        ratios: dict[str, float] = {}
        if ref is not None and row.failed is None:
            for key in ("wall_s", "cpu_s", "pages_per_s", "max_rss_mib"):
                mine, theirs = getattr(row, key), getattr(ref, key)
                if mine is not None and theirs:
                    ratios[key] = mine / theirs
        result.append(Summary(**{**asdict(row), "ratios": ratios}))
    return result


def markdown_table(rows: list[Summary], phase: str, baseline: str) -> str:
    """One Markdown table for one phase; ratios are "× <baseline>".

    "load" is the median 1-minute load average when the builds started: on a
    shared 2-core machine it tells whether wall times were inflated by other
    work, in which case the CPU columns are the fairer comparison.
    """
    head = (
        "| tool | runs | wall s | CPU s | pages | pages/s | pages/CPU s "
        f"| peak RSS MiB | wall × {baseline} | CPU × {baseline} "
        f"| pages/s × {baseline} | RSS × {baseline} | load |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
    )
    lines = []
    for r in rows:
        if r.phase != phase:
            continue
        if r.failed:
            lines.append(f"| {r.tool} | {r.runs} | failed: {r.failed} |" + " |" * 10)
            continue
        q = r.ratios
        lines.append(
            f"| {r.tool} | {r.runs} | {r.wall_s:.2f} | {r.cpu_s:.2f} | {r.pages} "
            f"| {r.pages_per_s:.1f} | {r.pages_per_cpu_s:.1f} | {r.max_rss_mib:.0f} "
            f"| {q.get('wall_s', 0):.2f} | {q.get('cpu_s', 0):.2f} "
            f"| {q.get('pages_per_s', 0):.2f} | {q.get('max_rss_mib', 0):.2f} "
            f"| {r.load_1min:.1f} |"
        )
    return head + "\n".join(lines) + "\n"


def hugo_version() -> str | None:
    """``v0.111.3+extended`` from ``hugo version``, or None without hugo."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    out = subprocess.run(
        [hugo, "version"], capture_output=True, text=True, check=False
    ).stdout
    words = out.split()
    return words[1] if len(words) > 1 else out.strip()


def machine_info() -> dict[str, object]:
    """Facts a reader needs to compare results across machines."""
    versions = {}
    for dist in ("pelican", "pelican-i18n-subsites", "markdown", "jinja2", "pagefind"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    versions["hugo"] = hugo_version()
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "commit": commit,
    }


def report(
    rows: list[Summary], args: argparse.Namespace, corpus_counts: dict[str, int]
) -> str:
    """The full Markdown report printed to stdout and saved in results/."""
    info = machine_info()
    parts = [
        f"## Build benchmark: {args.pairs} pairs, median of {args.runs} run(s)\n",
        (
            f"Corpus: {corpus_counts}; machine: {info['nproc']} cores, "
            f"Python {info['python']}, Pelican {info['versions']['pelican']}, "
            f"Hugo {info['versions']['hugo'] or 'not installed'}, "
            f"Pagefind {info['versions']['pagefind']}, commit {info['commit']}.\n"
        ),
        "### Clean build (no output, no cache)\n",
        markdown_table(rows, "clean", args.baseline),
        "### Rebuild after editing one article (content cache on; Hugo: no cache, "
        "the same command again)\n",
        markdown_table(rows, "rebuild", args.baseline),
    ]
    return "\n".join(parts)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; the defaults are the documented benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--tools",
        default=",".join(ALL_TOOLS),
        help="comma-separated subset of: " + ", ".join(ALL_TOOLS),
    )
    parser.add_argument(
        "--photos",
        action="store_true",
        help="3000x2000 photos: one per article, three in every tenth",
    )
    parser.add_argument(
        "--baseline",
        help=f"the tool every ratio is taken to (default: {DEFAULT_BASELINE})",
    )
    parser.add_argument("--work", type=Path, default=BENCH_DIR / "work")
    parser.add_argument("--results", type=Path, default=BENCH_DIR / "results")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = set(names) - set(ALL_TOOLS)
    if unknown or not names:
        parser.error(f"unknown tools: {sorted(unknown)}")
    if "project" in names and not (REPO_ROOT / "pelicanconf.py").exists():
        print("no pelicanconf.py at the repo root: skipping 'project'", file=sys.stderr)
        names.remove("project")
    if args.baseline is None:
        args.baseline = DEFAULT_BASELINE  # ratios stay empty if it is not run
    elif args.baseline not in names:
        parser.error(f"--baseline {args.baseline} is not one of --tools")
    needs_hugo = [name for name in names if name in HUGO_TOOLS]
    if needs_hugo and shutil.which("hugo") is None:
        parser.error(HUGO_MISSING.format(tools=", ".join(needs_hugo)))
    args.tool_names = names
    return args


def generate_apart(corpus: Path, pairs: int, seed: int, photos: bool) -> dict[str, int]:
    """``generate`` in a process of its own. A child started by this process
    begins with this process's peak RSS as its own (Linux carries the high-water
    mark over fork and exec), so ``os.wait4`` would report at least that for
    every build: drawing the photos here put a floor of about 72 MiB under
    every figure of a ``--photos`` run."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as apart:
        return apart.submit(generate, corpus, pairs, seed, photos).result()


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, run every tool round-robin, print and save results."""
    args = parse_args(argv)
    work: Path = args.work.resolve()
    photos = "-photos" if args.photos else ""
    corpus = work / f"corpus-{args.pairs}-{args.seed}{photos}"
    start = time.perf_counter()
    counts = generate_apart(corpus, args.pairs, args.seed, args.photos)
    took = time.perf_counter() - start
    print(f"corpus {counts} generated in {took:.1f}s", file=sys.stderr)

    hugo_content = work / f"hugo-content-{args.pairs}-{args.seed}"
    if set(args.tool_names) & set(HUGO_TOOLS):
        start = time.perf_counter()
        files = convert(corpus, hugo_content)
        took = time.perf_counter() - start
        print(f"{files} Hugo content files converted in {took:.1f}s", file=sys.stderr)

    tools = tools_for(args.tool_names, corpus, hugo_content)
    samples = run_all(tools, work, args.runs)
    rows = [summarize(samples, t.name, p) for p in PHASES for t in tools]
    rows = with_ratios(rows, args.baseline)
    text = report(rows, args, counts)
    print(text)

    args.results.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{args.pairs}p{photos}-{args.runs}r-{time.strftime('%Y%m%d-%H%M%S')}"
    (args.results / f"{stem}.md").write_text(text, encoding="utf-8")
    payload = {
        "args": {k: v for k, v in vars(args).items() if k not in ("work", "results")},
        "corpus": counts,
        "machine": machine_info(),
        "summary": [asdict(r) for r in rows],
        "samples": [asdict(s) for s in samples],
    }
    (args.results / f"{stem}.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(f"saved {args.results / stem}.md and .json", file=sys.stderr)
    return 0 if all(r.failed is None for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
