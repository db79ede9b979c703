"""Photos encoded per second: the build's encoder on every core, against Pillow
doing the same work on one core.

``python bench/photo_throughput.py --photos 24``: generates that many of the
benchmark's deterministic 3000x2000 photos (bench/generate.py), then encodes
them with ``newsroom.media.derivatives``, first one after another in this
process (Pillow alone, one core), then as a build does (``encode_all``, one
process per core), each into a fresh cache. The ratio is bounded by the cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from generate import photo
from newsroom.media.derivatives import PhotoCache, encode, encode_all, photo_key
from newsroom.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=24)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="photo-bench-") as temporary:
        root = Path(temporary)
        jobs = []
        for index in range(args.photos):
            path = root / f"photo-{index}.jpg"
            photo(index, 0).save(path, quality=85)
            jobs.append((str(path), photo_key(path.read_bytes())))
        limits = get_settings({"NEWSROOM_LANGUAGES": []})  # the defaults
        start = time.perf_counter()
        for source, key in jobs:
            encode(source, key, str(root / "single"), limits.photo_max_pixels)
        single = time.perf_counter() - start
        start = time.perf_counter()
        encode_all(jobs, PhotoCache(root / "pool"), limits, args.workers)
        pooled = time.perf_counter() - start
    print(
        f"{args.photos} photos 3000x2000: Pillow on 1 core "
        f"{args.photos / single:.2f} photos/s; the build on {args.workers} cores "
        f"{args.photos / pooled:.2f} photos/s ({single / pooled:.2f}x); "
        f"load {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
