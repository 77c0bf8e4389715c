"""Driving a notebook in JupyterLab / Notebook 7 through the page (Playwright, sync API)."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

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


def open_notebook(page: Page, url: str, timeout: float = 60_000) -> None:
    """Open a notebook and wait until its kernel is connected and idle."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=timeout)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout)


def run_all(page: Page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


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
