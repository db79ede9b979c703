"""A Pelican plugin for profiling: the time and peak memory at each stage.

`pelican <content> -s bench/confs/timeline.py` builds with it. Each line
is printed to stderr when a signal arrives: seconds since the plugins were
loaded, the peak RSS of this process so far, and of its reaped children
(the Markdown workers, the second renderer, the search index's copy).
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

import blinker
from pelican import signals

STARTED = time.perf_counter()
STAGES = {
    "initialized": "Pelican set up, settings read",
    "article_generator_init": "reading starts",
    "article_generator_finalized": "articles read, linked",
    "all_generators_finalized": "all read and checked",
    "newsroom_writing_started": "first page: rendering (and indexing) start",
    "finalized": "every page written, index finished",
}


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def mark(name: str) -> None:
    seconds = time.perf_counter() - STARTED
    own, children = peak_mib(resource.RUSAGE_SELF), peak_mib(resource.RUSAGE_CHILDREN)
    peaks = f"peak {own:6.0f} MiB (children {children:5.0f})"
    print(f"{seconds:7.2f} s  {peaks}  {STAGES[name]}", file=sys.stderr)


def handler(name: str) -> Any:
    def on_signal(*_args: Any, **_kwargs: Any) -> None:
        mark(name)

    on_signal.__name__ = f"timeline_{name}"
    return on_signal


HANDLERS = {name: handler(name) for name in STAGES}


def register() -> None:
    for name, on_signal in HANDLERS.items():
        signal = getattr(signals, name, None) or blinker.signal(name)
        signal.connect(on_signal)
