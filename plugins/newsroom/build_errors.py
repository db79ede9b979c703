"""Problems that stop a build, shown as one line each, without a traceback.

A broken topics file, a catalog with a bad placeholder, a full disk or another
build holding the lock are the editor's or the operator's to fix, not a bug of
the code: the line names the file (``file:line: Field: message``) and says
what is wrong. Pelican's own ``main`` logs any exception with its traceback,
and ``--autoreload`` logs it again as a warning; once the plugin has printed
the line, ``HideReportedFailures`` keeps both records out of the log.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path


class BuildError(Exception):
    """One problem, its message the whole line to show."""


class BuildFailed(Exception):
    """Raised once the reason is printed; Pelican exits with this status."""

    exitcode = 1


def shown_path(path: Path | str) -> str:
    """A path as the person running the build typed it: relative to the
    current folder when it is inside it."""
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def os_error_line(path: Path | str, doing: str, error: OSError) -> str:
    """``output: cannot write the site: No space left on device``; the file the
    system names, when it names one, comes first."""
    target = shown_path(error.filename) if error.filename else shown_path(path)
    reason = error.strerror or os.strerror(error.errno or 0) or str(error)
    return f"{target}: {doing}: {reason}"


class HideReportedFailures(logging.Filter):
    """Drops Pelican's log records of a failure the plugin already printed."""

    def filter(self, record: logging.LogRecord) -> bool:
        values = list(record.args) if isinstance(record.args, tuple) else []
        if record.exc_info:
            values.append(record.exc_info[1])
        return not any(isinstance(value, BuildFailed) for value in values)


def hide_reported_failures(logger: logging.Logger) -> None:
    """Once per process, even when --autoreload registers the plugin again."""
    if not any(isinstance(known, HideReportedFailures) for known in logger.filters):
        logger.addFilter(HideReportedFailures())
