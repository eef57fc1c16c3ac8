"""`make test` brings what it needs: without Chromium and without a way to install it, it stops at once
with the one command to run, never with a run of browser-test errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_without_chromium_root_or_sudo_make_stops_with_the_command_to_run(tmp_path):
    fake(tmp_path, "id", "echo 1000")  # not root
    fake(tmp_path, "sudo", "exit 1")  # no passwordless sudo
    fake(tmp_path, "apt-get", "echo apt-get must not run >&2; exit 3")
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["make", "-s", "browser", "CHROMIUM=/nonexistent/chromium"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines == [
        "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium', then make test again."
    ]
    assert "apt-get must not run" not in done.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_with_chromium_present_make_does_not_try_to_install_it(tmp_path):
    chromium = tmp_path / "chromium"
    fake(tmp_path, "apt-get", "echo apt-get must not run; exit 3")
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["make", "-s", "browser", f"CHROMIUM={chromium}"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "apt-get must not run" not in done.stdout
