"""A broken set-up (not a broken article) gets one line naming the file, exit
status 1, and leaves output/ as it was: under `make html` (tools/build.py) and
under plain `pelican -s publishconf.py`, whose DELETE_OUTPUT_DIRECTORY would
otherwise empty output/ before anything is checked.

Each case breaks a copy of the tiny test_data site (content, a copied theme or
settings file) next to a copy of a site built once per session.
"""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitetools import (
    LEFT_NEXT_TO_OUTPUT,
    REPO,
    build_command,
    file_digests,
)

ZH_CATALOG = Path("translations", "zh", "LC_MESSAGES", "messages.po")
EN_CATALOG = Path("translations", "en", "LC_MESSAGES", "messages.po")


@dataclass
class Setup:
    """What a case changed: where to build from, and how to run the build."""

    content: Path
    output: Path
    settings: str = "pelicanconf.py"
    extra: dict[str, str] = field(default_factory=dict)
    preexec: Callable[[], None] | None = None
    wrapper: list[str] = field(default_factory=list)
    # False where the case stops coverage (make test measures every build the
    # tests start) from writing its own data file.
    measured: bool = True


def copied_theme(setup: Setup) -> Path:
    theme = setup.content.parent / "theme"
    shutil.copytree(REPO / "theme", theme)
    setup.extra["THEME"] = f'"{theme}"'
    return theme


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def no_content(setup: Setup) -> str:
    setup.content = setup.content.with_name("no-such-folder")
    return "no-such-folder:1: Content: no such folder"


def settings_file(setup: Setup, tail: str) -> None:
    """A copy of pelicanconf.py next to the content, with ``tail`` appended."""
    path = setup.content.parent / "site_settings.py"
    text = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    text = text.replace(
        'PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO}/plugins"]'
    )
    text = text.replace('THEME = "theme"', f'THEME = "{REPO}/theme"')
    path.write_text(text + tail, encoding="utf-8")
    setup.settings = str(path)


def settings_syntax_error(setup: Setup) -> str:
    settings_file(setup, "SITENAME = (\n")
    lines = (REPO / "pelicanconf.py").read_text(encoding="utf-8").count("\n")
    return f"site_settings.py:{lines + 1}: Settings: '(' was never closed"


def settings_name_error(setup: Setup) -> str:
    settings_file(setup, "TIMEZONE = ZONE\n")
    lines = (REPO / "pelicanconf.py").read_text(encoding="utf-8").count("\n")
    return (
        f"site_settings.py:{lines + 1}: Settings: NameError: name 'ZONE' is not defined"
    )


def append_to_topics(setup: Setup, text: str) -> int:
    """The line the appended text starts on (after a blank one)."""
    topics = setup.content / "topics.toml"
    lines = topics.read_text(encoding="utf-8").count("\n")
    with topics.open("a", encoding="utf-8") as file:
        file.write("\n" + text)
    return lines + 2


def toml_error(setup: Setup) -> str:
    line = append_to_topics(setup, '[sports\nzh = "体育"\n')
    return f"topics.toml:{line}: TOML: Expected ']' at the end of a table declaration"


def topic_without_english_name(setup: Setup) -> str:
    line = append_to_topics(setup, '[sports]\nzh = "体育"\n')
    return f"topics.toml:{line}: sports: no name in en"


def no_topics_file(setup: Setup) -> str:
    (setup.content / "topics.toml").unlink()
    return "topics.toml:1: File: missing (NEWSROOM_TOPICS_FILE names it)"


def catalog_placeholder_error(setup: Setup) -> str:
    catalog = copied_theme(setup) / ZH_CATALOG
    edit(catalog, 'msgstr "%(num)s条以上结果"', 'msgstr "%(count)s条以上结果"')
    line = (
        catalog.read_text(encoding="utf-8")
        .splitlines()
        .index('msgid "%(num)s+ results"')
    )
    return f"messages.po:{line + 1}: msgstr: unknown named placeholder 'count'"


def fuzzy_catalog_entry(setup: Setup) -> str:
    catalog = copied_theme(setup) / ZH_CATALOG
    edit(
        catalog,
        '#, python-format\nmsgid "%(num)s+ results"',
        '#, fuzzy, python-format\nmsgid "%(num)s+ results"',
    )
    line = (
        catalog.read_text(encoding="utf-8")
        .splitlines()
        .index('msgid "%(num)s+ results"')
    )
    return (
        f'messages.po:{line + 1}: msgstr: the translation of "%(num)s+ results"'
        ' is marked fuzzy; review it and delete its "#, fuzzy" line'
    )


def language_without_catalog(setup: Setup) -> str:
    (copied_theme(setup) / EN_CATALOG).unlink()
    return "en/LC_MESSAGES/messages.po:1: File: missing: en is a language of the site"


def full_disk(setup: Setup) -> str:
    """No file may grow past 8 kB (an article page does): the portable
    stand-in for a full disk (the kernel refuses the write with EFBIG where a
    full one says ENOSPC, and both reach the build as the same OSError)."""

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8_000, 8_000))

    setup.preexec = limit_file_size
    setup.measured = False
    return "File too large"


def output_parent_is_a_file(setup: Setup) -> str:
    """As root, permissions do not stop a write: a parent that is not a folder
    does, for root too."""
    parent = setup.output.parent / "not-a-folder"
    parent.write_text("", encoding="utf-8")
    setup.output = parent / "output"
    return "not-a-folder/.output.lock: cannot write the site: Not a directory"


# (break the set-up and return the error line's tail, runs under plain pelican)
CASES: dict[str, tuple[Callable[[Setup], str], bool]] = {
    "missing content folder": (no_content, False),
    "settings syntax error": (settings_syntax_error, False),
    "settings that raise": (settings_name_error, False),
    "topics.toml TOML error": (toml_error, True),
    "topic without a name in one language": (topic_without_english_name, True),
    "topics.toml missing": (no_topics_file, True),
    "catalog placeholder error": (catalog_placeholder_error, True),
    "fuzzy catalog entry": (fuzzy_catalog_entry, True),
    "language without a catalog": (language_without_catalog, True),
    "full disk": (full_disk, True),
    "output parent is not a folder": (output_parent_is_a_file, True),
}
RUNNERS = {"make html": "build.py", "pelican -s publishconf.py": "pelican"}
PARAMS = [
    pytest.param(case, runner, id=f"{name}, {runner_name}")
    for name, (case, plain) in CASES.items()
    for runner_name, runner in RUNNERS.items()
    if plain or runner == "build.py"
]


def run(setup: Setup, runner: str) -> subprocess.CompletedProcess[str]:
    settings = setup.settings
    if runner == "pelican" and settings == "pelicanconf.py":
        settings = "publishconf.py"
    command = build_command(
        setup.content,
        setup.output,
        settings=settings,
        extra=setup.extra,
        atomic=runner == "build.py",
    )
    return subprocess.run(
        [*setup.wrapper, *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=setup.preexec,
        env=None if setup.measured else unmeasured_environment(),
    )


def unmeasured_environment() -> dict[str, str]:
    """The environment without coverage's subprocess hook (coverage.py reads
    these two variables at start-up)."""
    hook = ("COVERAGE_PROCESS_START", "COVERAGE_PROCESS_CONFIG")
    return {name: value for name, value in os.environ.items() if name not in hook}


def assert_one_line_and_site_kept(
    result: subprocess.CompletedProcess[str],
    expected: str,
    workspace: Path,
    previous_site: Path,
) -> None:
    everything = result.stdout + result.stderr
    assert result.returncode == 1, everything
    assert "Traceback" not in everything
    assert [line for line in result.stderr.splitlines() if expected in line], everything
    assert file_digests(workspace / "output") == file_digests(previous_site)
    assert not list(workspace.rglob(".output.building-*"))


@pytest.mark.parametrize(("case", "runner"), PARAMS)
def test_a_broken_setup_is_one_line_and_keeps_the_site(
    workspace, previous_site, case, runner
) -> None:
    setup = Setup(workspace / "content", workspace / "output")
    expected = case(setup)
    result = run(setup, runner)
    assert_one_line_and_site_kept(result, expected, workspace, previous_site)


def can_mount_read_only(folder: Path) -> bool:
    probe = subprocess.run(
        ["unshare", "-m", "mount", "--bind", "-o", "ro", folder, folder],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.parametrize("runner", RUNNERS.values())
def test_a_read_only_output_parent_keeps_the_site(
    workspace, previous_site, runner
) -> None:
    """A real read-only filesystem: in a private mount namespace, the folder
    holding output/ bind-mounted read-only onto itself (root may not write
    there either)."""
    if shutil.which("unshare") is None or not can_mount_read_only(workspace):
        reason = "no mount namespaces here (needs root and unshare)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    setup = Setup(workspace / "content", workspace / "output")
    mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    setup.wrapper = ["unshare", "-m", "sh", "-c", mount, str(workspace)]
    result = run(setup, runner)
    expected = ".output.lock: cannot write the site: Read-only file system"
    assert_one_line_and_site_kept(result, expected, workspace, previous_site)


@pytest.mark.parametrize("runner", RUNNERS.values())
def test_a_build_refuses_while_another_holds_the_lock(
    workspace, previous_site, runner
) -> None:
    with (workspace / ".output.lock").open("a+b") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n".encode())
        lock.flush()
        setup = Setup(workspace / "content", workspace / "output")
        setup.extra["NEWSROOM_LOCK_TIMEOUT"] = "0"
        result = run(setup, runner)
    expected = f".output.lock: another build is running, pid {os.getpid()}"
    assert_one_line_and_site_kept(result, expected, workspace, previous_site)
    assert sorted(p.name for p in workspace.iterdir()) == LEFT_NEXT_TO_OUTPUT


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_plain_pelican_keeps_the_site_on_a_bad_source(
    workspace, previous_site, settings
) -> None:
    """publishconf.py's DELETE_OUTPUT_DIRECTORY used to empty output/ first."""
    (workspace / "content" / "zh" / "2024" / "new.md").write_text(
        "Title: 会议\nDate: 2024-06-01 09:00\nSource: 区政府\nCategory: news\n"
        "Slug: new\n\n",
        encoding="utf-8",
    )
    setup = Setup(workspace / "content", workspace / "output", settings=settings)
    result = run(setup, "pelican")
    expected = "content/zh/2024/new.md:7: Body: empty"
    assert_one_line_and_site_kept(result, expected, workspace, previous_site)


def test_a_publish_build_keeps_only_the_retained_files(workspace) -> None:
    """The fresh folder starts with OUTPUT_RETENTION's entries of the old site,
    as Pelican's clean-up would keep them; anything else old is gone."""
    output = workspace / "output"
    (output / ".well-known").mkdir()
    (output / ".well-known" / "security.txt").write_text("kept", encoding="utf-8")
    (output / "withdrawn.html").write_text("old", encoding="utf-8")
    setup = Setup(workspace / "content", output)
    setup.extra["OUTPUT_RETENTION"] = '[".well-known"]'
    result = run(setup, "pelican")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / ".well-known" / "security.txt").read_text() == "kept"
    assert not (output / "withdrawn.html").exists()
    assert (output / "index.html").is_file()
