from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
NOW = "2026-11-20T12:00:00+07:00"  # fixed "today" for every build in the tests


def run_script(name: str, *args: str, root: Path, now: str = NOW):
    env = {**os.environ, "KRIYA_NOW": now}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


KRIYA = Path(sys.executable).parent / "kriya"  # the console script pip installed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(root: Path) -> tuple[subprocess.Popen, int]:
    """`kriya serve` on `root`, as `make serve` runs it, on a free port (its output piped)."""
    port = free_port()
    server = subprocess.Popen(
        [str(KRIYA), "serve", "--port", str(port)],
        cwd=root,
        env={**os.environ, "KRIYA_NOW": NOW},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, port


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A private copy of the small fixture site, safe to modify."""
    target = tmp_path / "site-src"
    shutil.copytree(FIXTURE_SITE, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site built once with scripts/build.py; returns the site/ folder."""
    source = tmp_path_factory.mktemp("built") / "src"
    shutil.copytree(FIXTURE_SITE, source)
    result = run_script("build.py", root=source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return source / "site"


# Debian's Chromium; GitHub's runners set KRIYA_CHROMIUM to their preinstalled Chrome.
CHROMIUM = os.environ.get("KRIYA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium missing: apt-get install chromium (see .ci/run)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL ('.../') of the built fixture site served on loopback."""
    from serve import serve_folder

    with serve_folder(built_site) as base:
        yield base
