"""Deploy the publish build into a new release folder, switch, roll back.

    tools/deploy.py deploy --target DIR_OR_USER@HOST:DIR [--keep 5]
    tools/deploy.py rollback --target ...
    tools/deploy.py nginx-config [--settings publishconf.py]

The target holds ``releases/<UTC time>/``, one complete site each, and the
symlink ``current`` that the server's root names (deploy/nginx.conf). A deploy
builds with publishconf.py (tools/build.py, so a bad source stops it before
anything is uploaded), uploads with rsync into a new release (files unchanged
since the last release are hard links to it), copies in the hashed assets of
the release being replaced (a page a reader loaded just before the switch
still finds its stylesheet), then renames a new symlink over ``current``: one
rename(2), so every request sees the old release or the new one, whole. A
failed upload removes its folder and never touches ``current``. The last
``--keep`` releases stay, so ``rollback`` can switch back to the one before.

A remote target is reached with rsync and ssh (the same shell commands that
run in a local target run there).
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# The plugin, which knows the server's configuration.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from newsroom.publish.nginx import CURRENT_RELEASE, nginx_config

REPO = Path(__file__).resolve().parent.parent

RELEASES = "releases"
NEXT_LINK = "current.next"
RELEASE_NAME = re.compile(r"^\d{8}T\d{12}Z$")
NGINX_CONFIG = REPO / "deploy" / "nginx.conf"


class DeployError(RuntimeError):
    """A deploy or rollback that stopped; ``current`` is as it was."""


@dataclass(frozen=True)
class Target:
    """A deploy folder here, or ``user@host:folder`` over ssh."""

    host: str | None
    folder: str

    @classmethod
    def parse(cls, spec: str) -> Target:
        if not spec:
            raise DeployError(
                "no target: make deploy DEPLOY_TARGET=folder or user@host:folder"
            )
        host, colon, folder = spec.partition(":")
        if colon and "/" not in host:
            return cls(host, folder)
        return cls(None, str(Path(spec).resolve()))

    def rsync_destination(self, release: str) -> str:
        path = f"{self.folder}/{RELEASES}/{release}/"
        return f"{self.host}:{path}" if self.host else path

    def shell(self, command: str) -> str:
        """Run ``command`` in the target folder; its output, or DeployError."""
        script = f"cd {shlex.quote(self.folder)} && {command}"
        argv = ["ssh", self.host, script] if self.host else ["sh", "-c", script]
        result = subprocess.run(argv, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DeployError(f"{command}: {result.stderr.strip()}")
        return result.stdout

    def releases(self) -> list[str]:
        """Release folders, oldest first (their names sort by time)."""
        listing = self.shell(f"mkdir -p {RELEASES} && ls -1 {RELEASES}")
        return sorted(name for name in listing.split() if RELEASE_NAME.match(name))

    def current(self) -> str | None:
        link = self.shell(f"readlink {CURRENT_RELEASE} || true").strip()
        return link.rpartition("/")[2] or None

    def switch(self, release: str) -> None:
        """One rename over ``current``: atomic for every reader."""
        link = f"ln -sfn {RELEASES}/{release} {NEXT_LINK}"
        self.shell(f"{link} && mv -T {NEXT_LINK} {CURRENT_RELEASE}")
        print(f"{CURRENT_RELEASE} -> {RELEASES}/{release}", flush=True)


def release_name() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def build(content: str, output: str) -> None:
    command = [sys.executable, str(REPO / "tools" / "build.py"), content]
    command += ["-s", str(REPO / "publishconf.py"), "-o", output]
    if subprocess.run(command, cwd=REPO, check=False).returncode != 0:
        raise DeployError("the build failed: nothing was uploaded")


def upload(target: Target, output: str, release: str, previous: str | None) -> None:
    command = ["rsync", "--archive"]
    if previous is not None:
        # Relative to the new release folder: its sibling.
        command.append(f"--link-dest=../{previous}/")
    command += [f"{output.rstrip('/')}/", target.rsync_destination(release)]
    print(f"Uploading {output} to {target.rsync_destination(release)}", flush=True)
    if subprocess.run(command, check=False, stdout=subprocess.DEVNULL).returncode != 0:
        target.shell(f"rm -rf {RELEASES}/{release}")
        raise DeployError(f"the upload failed: {CURRENT_RELEASE} was left unchanged")


def keep_previous_assets(target: Target, release: str, previous: str) -> None:
    """Hard links to the old release's theme files the new one lacks: its
    hashed names, which pages already open in a browser may still ask for."""
    old, new = f"{RELEASES}/{previous}/theme", f"{RELEASES}/{release}/theme"
    # rsync rather than `cp -n`, whose exit status differs between coreutils
    # versions when it skips a file; --link-dest is relative to the new folder.
    copy = f"rsync -a --ignore-existing --link-dest=../../{previous}/theme/"
    target.shell(f"if [ -d {old} ]; then {copy} {old}/ {new}/; fi")


def prune(target: Target, keep: int) -> None:
    releases = target.releases()
    current = target.current()
    old = [name for name in releases[:-keep] if name != current]
    for name in old:
        target.shell(f"rm -rf {RELEASES}/{name}")
    if old:
        kept = len(releases) - len(old)
        print(f"Removed {len(old)} old release(s); {kept} kept", flush=True)


def deploy(spec: str, content: str, output: str, keep: int) -> None:
    target = Target.parse(spec)
    if target.host is None:
        Path(target.folder).mkdir(parents=True, exist_ok=True)
    build(content, output)
    previous = target.current()
    release = release_name()
    target.shell(f"mkdir -p {RELEASES}")
    upload(target, output, release, previous)
    if previous is not None:
        keep_previous_assets(target, release, previous)
    target.switch(release)
    prune(target, max(keep, 2))


def rollback(spec: str) -> None:
    target = Target.parse(spec)
    releases, current = target.releases(), target.current()
    if current not in releases:
        raise DeployError(f"{CURRENT_RELEASE} names no release in {spec}/{RELEASES}")
    index = releases.index(current)
    if index == 0:
        raise DeployError(f"no release before {current} to roll back to")
    target.switch(releases[index - 1])


def write_nginx_config(settings_file: str, destination: Path) -> None:
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(nginx_config(settings), encoding="utf-8")
    print(f"Wrote {destination}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    deploying = commands.add_parser("deploy")
    deploying.add_argument("--target", required=True)
    deploying.add_argument("--content", default="content")
    deploying.add_argument("--output", default="output")
    deploying.add_argument("--keep", type=int, default=5)
    commands.add_parser("rollback").add_argument("--target", required=True)
    config = commands.add_parser("nginx-config")
    config.add_argument("--settings", default=str(REPO / "publishconf.py"))
    config.add_argument("--output", type=Path, default=NGINX_CONFIG)
    args = parser.parse_args(argv)
    try:
        if args.command == "deploy":
            deploy(args.target, args.content, args.output, args.keep)
        elif args.command == "rollback":
            rollback(args.target)
        else:
            write_nginx_config(args.settings, args.output)
    except DeployError as error:
        print(f"Deploy stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
