"""Run Pelican as `make html`, `make publish` and `make translations` do.

Takes Pelican's own arguments (content folder, -s settings, -o output, -e
overrides). The plugin makes every run safe, plain `pelican` included: the
build lock, the fresh folder swapped in only on success
(plugins/newsroom/publish/). What this adds is for the problems found before
Pelican loads the plugin, where Pelican itself would print a traceback: a
missing content folder or settings file, a settings file that does not run.
Each becomes one line naming the file, and exit status 1.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from pelican import DEFAULT_CONFIG_NAME, LOG_HANDLERS, get_instance, parse_arguments
from pelican.log import init as init_logging

# The plugin, as Pelican will load it (it reuses a module already imported).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from newsroom.build_errors import BuildFailed, shown_path


def settings_problem(settings: str, content: str | None) -> str | None:
    if not Path(settings).is_file():
        return f"{shown_path(settings)}:1: Settings: no such file"
    if content is not None and not Path(content).is_dir():
        return f"{shown_path(content)}:1: Content: no such folder"
    return None


def settings_error_line(settings: str, error: Exception) -> str:
    """A settings file that raised while Pelican ran it: where, and what."""
    if isinstance(error, SyntaxError):
        where = shown_path(error.filename or settings)
        return f"{where}:{error.lineno}: Settings: {error.msg}"
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve() == Path(settings).resolve()
    ]
    line = frames[-1].lineno if frames else 1
    return f"{shown_path(settings)}:{line}: Settings: {type(error).__name__}: {error}"


def build(argv: list[str]) -> int:
    args = parse_arguments(argv)
    settings = args.settings or DEFAULT_CONFIG_NAME
    if problem := settings_problem(settings, args.path):
        print(problem, file=sys.stderr)
        return 1
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        handler=LOG_HANDLERS[args.log_handler],
        name="pelican",
    )
    try:
        pelican, _ = get_instance(args)
    except Exception as error:  # noqa: BLE001 - the settings file is the editor's code
        print(settings_error_line(settings, error), file=sys.stderr)
        return 1
    try:
        pelican.run()
    except BuildFailed:
        return 1  # the plugin printed why, and that output/ was left unchanged
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(build(sys.argv[1:]))
