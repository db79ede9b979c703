"""`make deploy` and `make rollback` against a private nginx serving the
shipped configuration: readers never see a failed response or a mix of two
releases, rollback serves the previous release, a failed upload changes nothing."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import deploy as deploy_tool
from local_nginx import Server, running_nginx
from nginxtools import fetch, make, require_nginx
from sitetools import REPO, read_source

SECOND_EDITION = "（第二版）"
NEWEST_ARTICLE = Path("zh/2026/government-services-conference-2026.md")
# The reader's loop: bounded in requests and in time.
MAX_REQUESTS = 20000
PAUSE_SECONDS = 0.005
MAX_SECONDS = 180
REQUESTS_AFTER_SWITCH = 20


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    require_nginx()
    with running_nginx(tmp_path) as running:
        yield running


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(REPO / "content", copy)
    return copy


def deploy(server: Server, content: Path, output: Path) -> None:
    result = make("deploy", server, CONTENT=content, OUTPUT=output)
    assert result.returncode == 0, result.stdout + result.stderr


class Reader(threading.Thread):
    """Fetches the home page and the newest article in turn, recording for
    each answer its status, whether it is a whole page, and its release."""

    def __init__(self, base: str, paths: list[str]) -> None:
        super().__init__(daemon=True)
        self.base, self.paths = base, paths
        self.answers: list[tuple[str, int, bool, bool]] = []
        self.stop_after: int | None = None

    def run(self) -> None:
        started = time.monotonic()
        while (
            len(self.answers) < MAX_REQUESTS
            and time.monotonic() - started < MAX_SECONDS
        ):
            if self.stop_after is not None and len(self.answers) >= self.stop_after:
                return
            path = self.paths[len(self.answers) % len(self.paths)]
            answer = fetch(self.base + path)
            text = answer.body.decode("utf-8", "replace")
            whole = text.rstrip().endswith("</html>")
            self.answers.append((path, answer.status, whole, SECOND_EDITION in text))
            time.sleep(PAUSE_SECONDS)


def test_readers_see_one_release_then_the_next_and_rollback_restores_it(
    server: Server, content: Path, tmp_path: Path
) -> None:
    deploy(server, content, tmp_path / "output")
    source = content / NEWEST_ARTICLE
    article_url = read_source(source, content).url
    text = source.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    source.write_text(text.replace(title, title + SECOND_EDITION, 1), encoding="utf-8")

    reader = Reader(server.url, ["/", article_url])
    reader.start()
    deploy(server, content, tmp_path / "output")
    reader.stop_after = len(reader.answers) + REQUESTS_AFTER_SWITCH
    reader.join()

    failed = [answer for answer in reader.answers if answer[1] != 200 or not answer[2]]
    assert not failed, failed[:5]
    editions = [second for *_, second in reader.answers]
    assert editions[0] is False, "the first release was served"
    assert editions[-1] is True, "the second release was served after the switch"
    switch = editions.index(True)
    assert all(editions[switch:]), "once switched, never a page of the old release"

    rolled_back = make("rollback", server)
    assert rolled_back.returncode == 0, rolled_back.stderr
    for path in ("/", article_url):
        page = fetch(server.url + path)
        assert page.status == 200
        assert SECOND_EDITION not in page.body.decode("utf-8"), path


def test_a_failed_upload_leaves_current_and_removes_its_release(
    server: Server, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    releases = server.deploy_target / "releases"
    releases.mkdir(parents=True)
    (releases / "20260101T000000000000Z").mkdir()
    (server.deploy_target / "current").symlink_to("releases/20260101T000000000000Z")
    broken_rsync = tmp_path / "bin" / "rsync"
    broken_rsync.parent.mkdir()
    broken_rsync.write_text("#!/bin/sh\necho 'rsync: connection lost' >&2\nexit 12\n")
    broken_rsync.chmod(0o755)
    monkeypatch.setenv("PATH", f"{broken_rsync.parent}:{os.environ['PATH']}")
    result = make("deploy", server, CONTENT=content, OUTPUT=tmp_path / "output")
    assert result.returncode != 0
    assert "the upload failed" in result.stderr
    assert (server.deploy_target / "current").readlink() == Path(
        "releases/20260101T000000000000Z"
    )
    assert [p.name for p in releases.iterdir()] == ["20260101T000000000000Z"]


def fake_releases(target: Path, names: list[str], current: str) -> None:
    for name in names:
        (target / "releases" / name / "theme").mkdir(parents=True)
    (target / "current").symlink_to(f"releases/{current}")


RELEASE_NAMES = [f"2026010{day}T000000000000Z" for day in range(1, 8)]


def test_old_releases_are_pruned_but_never_the_current_one(tmp_path: Path) -> None:
    fake_releases(tmp_path, RELEASE_NAMES, current=RELEASE_NAMES[1])
    deploy_tool.prune(deploy_tool.Target.parse(str(tmp_path)), keep=3)
    kept = sorted(p.name for p in (tmp_path / "releases").iterdir())
    assert kept == [RELEASE_NAMES[1], *RELEASE_NAMES[-3:]]


def test_rollback_goes_back_one_release_and_no_further(tmp_path: Path) -> None:
    fake_releases(tmp_path, RELEASE_NAMES[:2], current=RELEASE_NAMES[1])
    deploy_tool.rollback(str(tmp_path))
    assert (tmp_path / "current").readlink() == Path("releases", RELEASE_NAMES[0])
    with pytest.raises(deploy_tool.DeployError, match="no release before"):
        deploy_tool.rollback(str(tmp_path))


def test_a_new_release_keeps_the_hashed_assets_of_the_one_it_replaces(
    tmp_path: Path,
) -> None:
    old, new = RELEASE_NAMES[:2]
    fake_releases(tmp_path, [old, new], current=old)
    (tmp_path / "releases" / old / "theme" / "site.0123456789ab.css").write_text("old")
    (tmp_path / "releases" / new / "theme" / "site.css").write_text("new")
    deploy_tool.keep_previous_assets(deploy_tool.Target.parse(str(tmp_path)), new, old)
    theme = tmp_path / "releases" / new / "theme"
    assert (theme / "site.0123456789ab.css").read_text() == "old"
    assert (theme / "site.css").read_text() == "new"
