"""The shipped deploy/nginx.conf, run privately: an nginx on 127.0.0.1.

For the tests and the Lighthouse run (bench/lighthouse.py), and for anyone who
wants to see the publish build as the server will serve it.

The server block is used as shipped, but for its ``listen`` lines (a free
local port) and its ``root`` (the ``current`` link of a temporary deploy
target); around it goes a minimal main configuration with its own pid, logs
and temporary folders, in the foreground, loading Debian's brotli_static
module. nginx is started before the first deploy: the site must be built
with its address as SITEURL, and a root that does not exist yet is fine.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SHIPPED_CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
STARTUP_SECONDS = 10


class NginxMissingError(RuntimeError):
    """nginx or its brotli module is not installed."""


@dataclass(frozen=True)
class Server:
    url: str
    deploy_target: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_config(port: int, root: Path) -> str:
    """The shipped server block, on a local port, serving ``root``."""
    shipped = SHIPPED_CONFIG.read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(\s*)listen \S+;$", "", shipped)
    config = config.replace("server {", f"server {{\n    listen 127.0.0.1:{port};", 1)
    config, count = re.subn(r"(?m)^(\s*)root .*;$", rf"\1root {root};", config)
    assert count == 1, "deploy/nginx.conf has no root line"
    return config


def main_config(folder: Path, port: int, root: Path) -> str:
    (folder / "site.conf").write_text(site_config(port, root), encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""load_module {BROTLI_MODULE};
{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    {temp}
    include {folder / "site.conf"};
}}
"""


def check_installed() -> str:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).is_file() or not BROTLI_MODULE.is_file():
        raise NginxMissingError(
            "nginx or its brotli module is missing: "
            "apt-get install nginx libnginx-mod-http-brotli-static"
        )
    return nginx


def wait_until_listening(
    port: int, process: subprocess.Popen[bytes], log: Path
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx ended: {log.read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on {port} in {STARTUP_SECONDS} s")


@contextmanager
def running_nginx(folder: Path) -> Iterator[Server]:
    """nginx serving ``folder``/deploy/current until the block ends."""
    nginx = check_installed()
    deploy_target = folder / "deploy"
    deploy_target.mkdir(parents=True)
    for attempt in range(3):  # another process may take the port first
        port = free_port()
        conf_folder = folder / f"nginx-{attempt}"
        conf_folder.mkdir()
        conf = conf_folder / "nginx.conf"
        conf.write_text(main_config(conf_folder, port, deploy_target / "current"))
        log = conf_folder / "error.log"
        command = [nginx, "-p", str(conf_folder), "-e", str(log), "-c", str(conf)]
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        try:
            wait_until_listening(port, process, log)
        except RuntimeError:
            process.kill()
            process.wait()
            if attempt == 2:
                raise
            continue
        try:
            yield Server(f"http://127.0.0.1:{port}", deploy_target)
        finally:
            process.terminate()
            process.wait(timeout=10)
        return
