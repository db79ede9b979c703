"""Lighthouse's four scores for the published site as nginx serves it.

    make lighthouse          (or: .venv/bin/python bench/lighthouse.py)

Not part of `make test`: four audits take a few minutes. The site is deployed
with tools/deploy.py into a temporary target, served by the shipped
deploy/nginx.conf on a free local port (tools/local_nginx.py), and audited
with Lighthouse from bench/lighthouse/ (pinned in its package-lock.json;
`npm ci` there first) in its default mobile configuration, with Debian's
Chromium kept off the network. Prints a table (the README keeps the latest)
and writes each full report to bench/results/lighthouse/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

# tools/local_nginx.py: the shipped server configuration, run privately.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from local_nginx import Server, running_nginx

REPO = Path(__file__).resolve().parent.parent

LIGHTHOUSE = REPO / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = REPO / "bench" / "results" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def deploy(server: Server, output: Path) -> None:
    command = [sys.executable, str(REPO / "tools" / "deploy.py"), "deploy"]
    command += ["--target", str(server.deploy_target), "--output", str(output)]
    env = {**os.environ, "SITEURL": server.url}
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def newest_article(home_url: str) -> str:
    with urllib.request.urlopen(home_url, timeout=10) as answer:
        home = BeautifulSoup(answer.read(), "html.parser")
    return home.select_one(".article-list h2 a")["href"]


def audit(url: str, name: str, profile: Path) -> dict[str, float]:
    report = RESULTS / f"{name}.json"
    flags = [*CHROME_FLAGS, f"--user-data-dir={profile / name}"]
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={' '.join(flags)}",
        "--quiet",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {key: categories[key]["score"] * 100 for key in CATEGORIES}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: (cd bench/lighthouse && npm ci)", file=sys.stderr)
        return 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as temporary,
        running_nginx(Path(temporary)) as server,
    ):
        deploy(server, Path(temporary) / "output")
        pages = {"home (zh)": f"{server.url}/", "home (en)": f"{server.url}/en/"}
        pages["article (zh)"] = newest_article(pages["home (zh)"])
        pages["article (en)"] = newest_article(pages["home (en)"])
        print("| page | " + " | ".join(CATEGORIES) + " |")
        print("|---|" + "---|" * len(CATEGORIES))
        for index, (name, url) in enumerate(pages.items()):
            scores = audit(url, f"page-{index}", Path(temporary))
            cells = " | ".join(f"{scores[key]:.0f}" for key in CATEGORIES)
            print(f"| {name} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
