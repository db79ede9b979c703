"""The Makefile's set-up step: a failed install is tried again by the next make.

Run on a copy of the Makefile with a stand-in for Python whose venv's pip
fails until told to succeed: nothing is installed, nothing reaches the network.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sitetools import REPO

MAKE_INPUTS = [
    "Makefile",
    "constraints.txt",
    "requirements.txt",
    "requirements-dev.txt",
]
# Called as `$(PYTHON) -m venv .venv`: a venv (with its bin/activate, as venv
# makes it first) whose pip fails while there is no pip-works file.
FAKE_PYTHON = """#!/bin/sh
mkdir -p "$3/bin"
touch "$3/bin/activate"
printf '#!/bin/sh\\ntest -e "%s/pip-works"\\n' "$PWD" > "$3/bin/pip"
chmod +x "$3/bin/pip"
"""


def make(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"PYTHON={folder / 'python'}", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_html_retries_a_failed_install(tmp_path) -> None:
    for name in MAKE_INPUTS:
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "python").write_text(FAKE_PYTHON, encoding="utf-8")
    (tmp_path / "python").chmod(0o755)

    failed = make(tmp_path, "html")
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert (tmp_path / ".venv" / "bin" / "pip").is_file()  # the venv was made

    planned = make(tmp_path, "--dry-run", "html")
    assert "pip install" in planned.stdout, planned.stdout

    (tmp_path / "pip-works").touch()
    assert make(tmp_path, ".venv/.installed").returncode == 0
    assert make(tmp_path, "--question", ".venv/.installed").returncode == 0
    assert "pip install" not in make(tmp_path, "--dry-run", "html").stdout
