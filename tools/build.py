"""Build the site into a temporary folder and swap it in only if the build succeeded.

Used by `make html`, `make publish` and `make translations`; takes Pelican's own
arguments (content folder, -s settings, -o output, -e overrides). Pelican writes
straight into its output folder, so a build that fails (or is killed) half-way
would leave a half-written site. Here Pelican writes into a fresh sibling of
output/ (same filesystem, so renames are atomic) and the two folders are then
exchanged with Linux's renameat2(RENAME_EXCHANGE): at every instant output/
is either the complete old site or the complete new one. Where the exchange
is not available, the old folder is renamed aside and the new one renamed in:
two renames, with an instant in between where output/ is missing but never
half-written.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from pelican import LOG_HANDLERS, get_instance, parse_arguments
from pelican.log import init as init_logging

# The plugin, as Pelican will load it (it reuses a module already imported).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from newsroom.validate.errors import SourceErrors

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def building_prefix(output: Path) -> str:
    return f".{output.name}.building-"


def remove_leftovers(output: Path) -> None:
    """Temporary folders of builds that were killed; one build runs at a time."""
    for leftover in output.parent.glob(building_prefix(output) + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


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


def readable_by_all(folder: Path) -> None:
    """mkdtemp makes a private folder; the site must be as readable as before."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def give_up(building: Path, output: Path, reason: str, status: int) -> int:
    shutil.rmtree(building, ignore_errors=True)
    if reason:
        print(reason, file=sys.stderr)
    print(f"Build failed: {output.name}/ was left unchanged.", file=sys.stderr)
    return status


def build(argv: list[str]) -> int:
    args = parse_arguments(argv)
    output = Path(args.output or "output").resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    building = Path(tempfile.mkdtemp(prefix=building_prefix(output), dir=output.parent))
    readable_by_all(building)
    args.output = str(building)
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        handler=LOG_HANDLERS[args.log_handler],
        name="pelican",
    )
    try:
        pelican, _ = get_instance(args)
        pelican.run()
    except SourceErrors as error:
        return give_up(building, output, str(error), 1)
    except KeyboardInterrupt:
        return give_up(building, output, "Interrupted.", 130)
    except Exception:  # noqa: BLE001 - whatever failed, output/ must stay as it was
        traceback.print_exc()
        return give_up(building, output, "", 1)
    swap_into_place(building, output)
    print(f"Published to {output.name}/.")
    return 0


if __name__ == "__main__":
    sys.exit(build(sys.argv[1:]))
