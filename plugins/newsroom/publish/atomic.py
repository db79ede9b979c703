"""Whatever command runs the build, the site is replaced only by a complete one.

Pelican writes straight into its output folder, and with
``DELETE_OUTPUT_DIRECTORY`` (publishconf.py) it empties it before reading a
single source: a bad source or a failure half-way would leave no site, or half
a site. So every run (`make html`, `make publish`, plain `pelican`, each
rebuild of `pelican --autoreload`) goes like this, under the build lock
(build_lock.py):

1. Pelican is pointed at a fresh sibling of output/ (same filesystem, so the
   swap is a rename), holding only the ``OUTPUT_RETENTION`` entries of the
   old site; Pelican's clean-up, if on, empties that folder, not output/.
2. On success the two folders are exchanged with Linux's
   ``renameat2(RENAME_EXCHANGE)``: at every instant output/ is either the
   complete old site or the complete new one. Where the exchange is not
   available, the old folder is renamed aside and the new one renamed in: an
   instant without output/, never a half-written one.
3. On any failure the fresh folder is removed and output/ is as it was.

One kind of run writes in place: the preview's (`make serve`, with Pelican's
content cache loaded and saved, and no clean-up asked for). Its rebuilds
render only the pages whose inputs changed (render/page_keys.py) and find the
others where they were; a fresh folder would make every rebuild a full one.
A bad source still changes nothing there, since every check runs before the
first page is written; an edit saved during such a rebuild makes it run again
(rerun.py).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican

from ..build_errors import BuildError, BuildFailed, os_error_line, shown_path
from ..index.indexing import IndexingFailed, stop_search_index
from ..read.reader_cache import release_memoized_content
from ..render.split import RenderingFailed
from ..settings import LOCK_TIMEOUT, SettingsError, get_setting
from ..site.newsroom import load_site
from ..validate.errors import SourceErrors
from .build_lock import BuildLock
from .quick_preview import QuickPreview
from .rerun import run_until_settled

# What stops a build for a reason the person running it can fix: shown as
# one line, without a traceback.
FAILURES = (
    BuildError,
    SettingsError,
    SourceErrors,
    OSError,
    RenderingFailed,
    IndexingFailed,
)
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def building_prefix(output: Path) -> str:
    return f".{output.name}.building-"


def builds_in_place(settings: Mapping[str, Any]) -> bool:
    return bool(
        settings["LOAD_CONTENT_CACHE"]
        and settings["CACHE_CONTENT"]
        and not settings["DELETE_OUTPUT_DIRECTORY"]
    )


def remove_leftovers(output: Path) -> None:
    """Folders of builds that were killed. Only called under the build lock,
    so none of them belongs to a build still running."""
    for leftover in output.parent.glob(building_prefix(output) + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def fresh_folder(output: Path, retention: list[str]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=building_prefix(output), dir=output.parent))
    # mkdtemp makes a private folder; the site must be as readable as before.
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    for name in retention:
        kept = output / name
        if kept.is_dir():
            shutil.copytree(kept, folder / name, symlinks=True)
        elif kept.exists() or kept.is_symlink():
            shutil.copy2(kept, folder / name, follow_symlinks=False)
    return folder


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two directories; False where the kernel cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    result = renameat2(
        AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def swap_into_place(built: Path, output: Path) -> None:
    if not output.exists():
        built.rename(output)
        return
    if not exchange(built, output):
        aside = built.with_name(built.name + "-old")
        output.rename(aside)
        built.rename(output)
        built = aside
    shutil.rmtree(built)  # now the previous site


def failure_line(output: Path, error: BaseException) -> str:
    if isinstance(error, OSError):
        return os_error_line(output, "cannot write the site", error)
    if isinstance(error, RenderingFailed | IndexingFailed):
        # The other process's traceback: its last line says what went wrong.
        last = str(error).strip().splitlines()[-1:] or ["?"]
        return f"{shown_path(output)}: {error.doing} failed: {last[0]}"
    return str(error)


def guard_runs(pelican: Pelican, before_run: Callable[[Pelican], None]) -> None:
    """Every later ``pelican.run()`` runs locked and atomically (see above);
    ``before_run`` loads what the run reads besides the sources. Pelican has no
    signal for a run that failed, and the lock must be released and the fresh
    folder removed however the run ends: so the run itself is wrapped."""
    pelican_run = pelican.run
    output = Path(pelican.output_path).absolute()
    preview = QuickPreview()

    def run() -> None:
        try:
            pelican_run()
        finally:
            # A failed run's indexing process stops before its folder goes.
            stop_search_index(pelican.settings)
            release_memoized_content()

    def guarded_run() -> None:
        atomic = not builds_in_place(pelican.settings)
        kept = f"Build failed: {shown_path(output)}/ was left unchanged."
        unchanged = [kept] if atomic else []
        try:
            timeout = get_setting(LOCK_TIMEOUT, pelican.settings)
            with BuildLock(output, float(timeout)):
                before_run(pelican)
                if atomic:
                    run_atomically(pelican, run, output)
                else:
                    watched = [pelican.settings["PATH"], pelican.settings["THEME"]]
                    run_until_settled(preview.around(run), watched)
        except FAILURES as error:
            raise report(failure_line(output, error), *unchanged) from error
        except BaseException:
            report(*unchanged)  # Ctrl-C, or a bug: its traceback follows
            raise

    pelican.run = guarded_run  # type: ignore[method-assign]


def guard_every_run(pelican: Pelican) -> None:
    # initialized: sent once per Pelican instance, before its first run. Each
    # run from then on (every --autoreload rebuild too) loads the languages,
    # topics and settings afresh, so the preview never shows old ones.
    guard_runs(pelican, load_site)


def run_atomically(pelican: Pelican, run: Callable[[], None], output: Path) -> None:
    started_in = os.getpid()
    remove_leftovers(output)
    building = fresh_folder(output, pelican.output_retention)
    # Both: the generators and the writer take Pelican's attribute, plugins
    # such as pelican-precompress the setting.
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(building)
    try:
        run()
        swap_into_place(building, output)
    except BaseException:
        # Not in a forked rendering process: only the build itself cleans up.
        if os.getpid() == started_in:
            shutil.rmtree(building, ignore_errors=True)
        raise
    finally:
        pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(output)
    print(f"Published to {shown_path(output)}/.")


def report(*lines: str) -> BuildFailed:
    for line in lines:
        print(line, file=sys.stderr)
    return BuildFailed(lines[0] if lines else "")
