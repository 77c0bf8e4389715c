"""marimo and Voila servers for browser tests: started on 127.0.0.1 on a free port, stopped at the end.

The JupyterLab / Notebook 7 servers live in ``jupyter.py``; these are the other hosts the hub runs
in. Each serves one folder, so one server per test module shows both the bundled hub and the
payload hub.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .jupyter import REPO, free_port

BIN = Path(sys.executable).parent


@dataclass
class HostServer:
    """A running marimo or Voila server serving one folder."""

    kind: str  # "marimo" or "voila"
    port: int
    root: Path
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, name: str) -> str:
        """Where the app made from file ``name`` (in the served folder) opens."""
        if self.kind == "marimo":
            return f"{self.url}/?file={name}"
        return f"{self.url}/voila/render/{name}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "JUPYTER_PLATFORM_DIRS": "1",
            "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "HOME": str(home),  # marimo keeps its config and recent files under ~
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}


def start_marimo(root: Path, home: Path) -> HostServer:
    """``marimo run FOLDER``: every app in ``root``, read-only, no token, no browser."""
    port = free_port()
    cmd = [str(BIN / "marimo"), "-y", "run", str(root), "--headless", "--host", "127.0.0.1",
           "--port", str(port), "--no-token", "--no-sandbox"]
    return _start("marimo", cmd, port, root, home, health="/health")


def start_voila(root: Path, home: Path) -> HostServer:
    """``voila`` over ``root``: notebooks render at /voila/render/NAME, code cells stripped."""
    port = free_port()
    cmd = [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--Voila.root_dir={root}", "--strip_sources=True", "--show_tracebacks=True"]
    return _start("voila", cmd, port, root, home, health="/")


def _start(kind: str, cmd: list[str], port: int, root: Path, home: Path, health: str) -> HostServer:
    log = home / f"{kind}-server.log"
    process = subprocess.Popen(cmd, env=_env(home), stdout=log.open("w"), stderr=subprocess.STDOUT,
                               cwd=root)
    server = HostServer(kind, port, root, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{kind} exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}{health}", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"{kind} did not answer within 60 s:\n{log.read_text()[-3000:]}")
