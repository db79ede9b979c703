"""Helpers of the tests that talk to nginx running the shipped configuration
(tools/local_nginx.py starts it)."""

from __future__ import annotations

import os
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from local_nginx import NginxMissingError, Server, check_installed
from sitetools import REPO


@dataclass(frozen=True)
class ServedSite:
    """A deployed site and what its deploy printed."""

    server: Server
    deploy_output: str

    @property
    def url(self) -> str:
        return self.server.url


def require_nginx() -> None:
    """A missing nginx skips the test, and fails it under CI."""
    try:
        check_installed()
    except NginxMissingError as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(str(missing))
        pytest.skip(str(missing))


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, **headers: str) -> Response:
    """One GET, bodies as sent (urllib never decompresses); errors are answers."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return Response(answer.status, dict(answer.headers), answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, dict(error.headers), error.read())


def make(target: str, server: Server, **variables: str | Path) -> CompletedProcess[str]:
    """``make deploy`` or ``make rollback`` into the server's deploy target, the
    site built for the server's address."""
    command = ["make", "--no-print-directory", target]
    variables = {"DEPLOY_TARGET": server.deploy_target, **variables}
    command += [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "SITEURL": server.url},
        capture_output=True,
        text=True,
        check=False,
    )
