"""`make lab`, the README's first command, starts JupyterLab on the tour notebook (as root too)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .browser.jupyter import free_port
from .conftest import REPO

pytestmark = pytest.mark.slow


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_make_lab_serves_the_tour_notebook(tmp_path: Path):
    make = shutil.which("make")
    assert make, "make is needed: the README's two commands are make targets"
    port, token = free_port(), secrets.token_hex(16)
    venv = Path(sys.prefix)  # the test venv has the [lab] extra (test includes it): no reinstall
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"), "BROWSER": "true"}
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        lab = subprocess.Popen(
            [make, "-o", f"{venv}/.installed-lab", "lab", f"VENV={venv}",
             f"LAB_ARGS=--no-browser --port={port} --ServerApp.ip=127.0.0.1 "
             f"--IdentityProvider.token={token}"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and lab.poll() is None:
            try:
                status, body = _get(f"{base}/api/contents/notebooks/00-tour.ipynb?token={token}")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, f"make lab exited {lab.poll()}:\n{log.read_text()[-3000:]}"
        tour = json.loads(body)
        assert tour["type"] == "notebook"
        assert any('hub.show("domain-training")' in "".join(c["source"]) or
                   "hub.show('domain-training')" in "".join(c["source"])
                   for c in tour["content"]["cells"])
        page, _ = _get(f"{base}/lab/tree/notebooks/00-tour.ipynb?token={token}")
        assert page == 200
        assert _get(f"{base}/api/contents/notebooks/00-tour.ipynb")[0] == 403  # the token is needed
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait(timeout=10)
