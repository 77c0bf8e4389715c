"""Jupyter servers for browser tests and benchmarks, and driving a notebook through the page.

Shared by ``tests/browser`` and ``benchmarks/bench_browser.py`` (Playwright, sync API).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from playwright.sync_api import Browser, Page, expect

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_notebook(path: Path, cells: list[str]) -> Path:
    """A notebook of code cells (with cell ids), validated against the schema."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path


@dataclass
class Server:
    """A running Jupyter server: its URL and root folder."""

    kind: str  # "lab" or "notebook"
    port: int
    root: Path
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}" if self.kind == "lab" else f"{self.url}/notebooks/{notebook}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_server(kind: str, root: Path, home: Path) -> Server:
    """Start ``jupyter lab`` or ``jupyter notebook`` on a free port and wait until it answers."""
    port = free_port()
    settings = home / "lab-settings"
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    app = "LabApp" if kind == "lab" else "JupyterNotebookApp"
    cmd = [sys.executable, "-m", "jupyter", kind, "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
           "--ServerApp.disable_check_xsrf=True", f"--{app}.expose_app_in_browser=True",
           *(["--LabApp.news_url=None"] if kind == "lab" else []),
           f"--ServerApp.root_dir={root}", "--allow-root"]
    log = home / f"{kind}-server.log"
    process = subprocess.Popen(cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=root)
    server = Server(kind, port, root, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter {kind} exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/status", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"jupyter {kind} did not answer within 60 s:\n{log.read_text()[-3000:]}")



KERNEL_IDLE = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

RUN_CELL = """async (index) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  panel.content.activeCellIndex = index;
  panel.content.deselectAll();
  await app.commands.execute('notebook:run-cell');
}"""


def open_notebook(page: Page, url: str, timeout: float = 120_000) -> None:
    """Open a notebook and wait until its kernel is connected and idle."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=timeout)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout)


def run_all(page: Page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


ALL_EXECUTED = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  return cells.every((cell) => cell.model.type !== 'code' || cell.model.executionCount !== null);
}"""


def run_all_and_wait(page: Page, selector: str, then: int | None = None, timeout: float = 120_000) -> None:
    """Run every cell, optionally run cell ``then`` again, and wait for ``selector``.

    On failure, the cells' error outputs are in the message.
    """
    run_all(page)
    try:
        page.wait_for_function(ALL_EXECUTED, timeout=timeout)
        if then is not None:
            run_cell(page, then)
        page.wait_for_selector(selector, timeout=timeout)
    except Exception as exc:
        errors = page.locator(".jp-OutputArea-output[data-mime-type*=error], .jp-RenderedText[data-mime-type"
                              "='application/vnd.jupyter.stderr']").all_inner_texts()
        raise AssertionError(f"{selector} never appeared; cell errors: {errors[-3:]}") from exc


def run_cell(page: Page, index: int) -> None:
    """Run one cell (by position) the way Shift+Enter would, without moving to the next."""
    page.evaluate(RUN_CELL, index)


def cell_output(page: Page, index: int):
    """Locator of a cell's output area (pinned by index)."""
    return page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea-output")


def kernel_line(page: Page, index: int, expected: str, timeout: float = 20_000) -> str:
    """Run a printing cell until its output contains ``expected`` (page -> kernel sync is async)."""
    output = cell_output(page, index).first
    deadline = time.monotonic() + timeout / 1000
    while True:
        run_cell(page, index)
        try:
            expect(output).to_contain_text(expected, timeout=1_500)
            return output.inner_text()
        except AssertionError:
            if time.monotonic() > deadline:
                raise


@contextmanager
def notebook_session(browser: Browser, url: str, ready: str, *, then: int | None = None,
                     width: int = 1280, height: int = 900) -> Iterator[dict]:
    """A page with the notebook at ``url`` opened and run until ``ready`` shows (then cell
    ``then`` run again); yields ``{"page", "dialogs", "requests"}``: every dialog the page opened
    (dismissed) and every URL it requested, for the tests to check. The context closes after."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    try:
        open_notebook(page, url)
        run_all_and_wait(page, ready, then=then)
        yield {"page": page, "dialogs": dialogs, "requests": requests}
    finally:
        context.close()
