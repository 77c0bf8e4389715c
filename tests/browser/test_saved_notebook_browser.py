"""An executed notebook, converted by `jupyter nbconvert --to html`, opened offline in Chromium.

Both routes a user meets: widget state stored (nbclient's default: nbconvert then writes only the
widget view, which is blank offline) and not stored (nbconvert writes the ``text/html`` fallback).
Either way the page must show every hub readably, as it was when the notebook was saved: the query,
the view and the open sections set from Python after the hub was displayed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, REPO
from .hubpage import HUB, matching_ids, tid
from .jupyter import write_notebook
from .test_export_browser import offline_page  # noqa: F401  (the page with the network cut)

SAVED_CELLS = [
    f"from hubwidgets import hub\nw = hub.show({HUB!r})\nw",
    f"s = hub.show({HUB!r})\ns",
    f"t = hub.show({HUB!r}, view='table')\nt",
    # set after display: the saved page must show these, not the state the hubs opened with
    "w.query = 'reward'\nw.view = 'grid'\ns.expanded = [s.state['sections'][1]['key']]",
]


def nbconvert(*args: str, cwd: Path) -> None:
    """`jupyter nbconvert ...` as a user runs it, with this checkout's package in the kernel."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def executed_html(notebook: Path, store_widget_state: bool) -> Path:
    """Execute ``notebook`` (nbclient, through nbconvert), then convert the result to HTML."""
    executed = notebook.with_name(f"{notebook.stem}-run.ipynb")
    nbconvert("--to", "notebook", "--execute", str(notebook), "--output", executed.name,
              f"--ExecutePreprocessor.store_widget_state={store_widget_state}",
              "--ExecutePreprocessor.timeout=300", cwd=notebook.parent)
    nbconvert("--to", "html", str(executed), cwd=notebook.parent)
    return executed.with_suffix(".html")


def visible_hubs(page):
    return page.locator(f"{tid('static-hub')}:visible")


@pytest.mark.parametrize("store_widget_state", [True, False], ids=["widget-state", "no-widget-state"])
def test_saved_notebook_shows_each_hub_offline_as_saved(offline_page, tmp_path, bundled,  # noqa: F811
                                                        store_widget_state):
    page = offline_page
    notebook = tmp_path / "saved.ipynb"
    write_notebook(notebook, SAVED_CELLS)
    html = executed_html(notebook, store_widget_state)
    text = html.read_text(encoding="utf-8")
    # the route is the one we meant: the widget view is only written when its state was stored
    assert ('type="application/vnd.jupyter.widget-state+json"' in text) is store_widget_state
    page.goto(html.as_uri())
    hub = bundled.hub(HUB)

    hubs = visible_hubs(page)
    expect(hubs).to_have_count(3)  # one picture per hub, the stale fallbacks hidden
    assert page.locator(".hw-fallback:visible").count() == 0

    # w: query and view set from Python after it was shown
    searched = hubs.nth(0)
    expect(searched).to_have_attribute("data-view", "grid")
    expect(searched.locator(tid("static-facts"))).to_contain_text("“reward”")
    shown = searched.locator(tid("static-card")).evaluate_all("cs => cs.map(c => c.dataset.noteId)")
    assert set(shown) == matching_ids(bundled, "reward") and len(shown) == len(set(shown))

    # s: every section in order, only the one left open in Python is open
    sections = hubs.nth(1).locator(tid("static-section"))
    expect(sections).to_have_count(hub.n_sections)
    titles = sections.locator(tid("static-section-title")).all_inner_texts()
    assert titles == [s.title for s in hub.sections]
    is_open = sections.evaluate_all("ds => ds.map(d => d.open)")
    assert is_open == [i == 1 for i in range(hub.n_sections)]
    expect(hubs.nth(1).locator(f"{tid('static-card')}:visible")).to_have_count(hub.sections[1].n_notes)

    # t: the table view, every note a row
    expect(hubs.nth(2)).to_have_attribute("data-view", "table")
    expect(hubs.nth(2).locator(f"tr{tid('static-card')}")).to_have_count(hub.n_notes)

    ARTIFACTS.mkdir(exist_ok=True)
    route = "widget-state" if store_widget_state else "no-widget-state"
    page.screenshot(path=str(ARTIFACTS / f"saved-notebook-{route}.png"), full_page=True)
    assert all(url.startswith(("http:", "https:")) for url in page.blocked)  # CDNs only, refused
    assert page.dialogs == []


def test_tour_notebook_exported_offline_shows_its_hubs(offline_page, tmp_path, bundled):  # noqa: F811
    page = offline_page
    tour = tmp_path / "00-tour.ipynb"
    shutil.copy(REPO / "notebooks" / "00-tour.ipynb", tour)
    html = executed_html(tour, store_widget_state=True)
    page.goto(html.as_uri())
    hubs = visible_hubs(page)
    expect(hubs).to_have_count(3)  # the bundled hub twice, then the reader's own folder
    expect(hubs.nth(2).locator("h3")).to_have_text("How do I organise my notes?")
    expect(hubs.nth(2).locator(tid("static-card"))).to_have_count(2)
    # the notebook ends with w searched for "reward" in the grid: both outputs show that state
    for i in range(2):
        expect(hubs.nth(i)).to_have_attribute("data-view", "grid")
        expect(hubs.nth(i).locator(tid("static-card"))).to_have_count(len(matching_ids(bundled, "reward")))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tour-offline.png"), full_page=True)
    assert page.dialogs == []
