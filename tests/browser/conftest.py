"""Browser fixtures: a real JupyterLab / Notebook 7 server and headless Debian Chromium.

One server per test module (see /work/shared/TESTING.md): a temporary root folder
with the test notebooks, a free port on 127.0.0.1, isolated Jupyter config and
settings, torn down at the end. Tests skip only when ``/usr/bin/chromium`` is
missing and ``CI`` is not ``"true"``; on CI a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .jupyter import Server, start_server, write_notebook

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"



def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def chromium_or_skip() -> str:
    """The Chromium binary; skip locally when it is missing, fail on CI."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing and CI=true: install Debian's chromium package")
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package); set CI=true to fail instead")


def write_hostile_catalog(root: Path) -> Path:
    """A catalog whose note titles, summaries and bodies try to run script."""
    import yaml

    notes = {
        "hostile": {
            "title": HOSTILE_TITLE,
            "summary": "<script>window.__pwned = 'summary'</script> rewards <b>bold</b>",
            "related": ["friendly"],
            "sources": [{"title": "evil source", "url": "javascript:window.__pwned='source'"},
                        {"title": "good source", "url": "https://example.org/paper"}],
            "body": ("# Heading from the body\n\nA **rendered** paragraph with [a safe link](https://example.org)"
                     " and [a bad one](javascript:window.__pwned='link').\n\n"
                     "<img src=x onerror=\"window.__pwned='img'\">\n\n"
                     "<script>window.__pwned = 'script'</script>\n\n"
                     "<iframe src=\"https://example.org\"></iframe>\n\n"
                     "<a href=\"https://example.org\" onclick=\"window.__pwned='click'\">click me</a>\n\n"
                     "See also [[friendly]].\n"),
        },
        "friendly": {"title": "A friendly note", "summary": "Nothing to see here.",
                     "body": "Plain *Markdown* body of the friendly note."},
    }
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "hubs").mkdir(parents=True, exist_ok=True)
    for nid, fields in notes.items():
        fields = dict(fields)
        body = fields.pop("body")
        front = yaml.safe_dump({"id": nid, **fields}, sort_keys=False, allow_unicode=True)
        (root / "notes" / f"{nid}.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    hub = {"id": "hostile", "title": "<svg onload=alert(2)> hub", "description": "<b>not bold</b>",
           "sections": [{"title": "<i>Section</i>", "notes": ["hostile", "friendly"]}]}
    (root / "hubs" / "hostile.yaml").write_text(yaml.safe_dump(hub, sort_keys=False), encoding="utf-8")
    return root


HUB_CELLS = [
    "from hubwidgets import hub\nw = hub.show('domain-training')\nw",
    "print('KERNEL', 'query=%r' % w.query, 'view=%s' % w.view, 'selected=%s' % w.selected, "
    "'reading=%s' % w.reading, 'expanded=%d' % len(w.expanded))",
    "w.query = 'reward'",
    "w.query = ''\nw.view = 'sections'\nw.reading = False\nw.selected = ''\nw.expand_all()",
    "hub.note(hub.hub('domain-training').notes[0].id)",
    "hub.show()",
    "w.view = 'table'\nw.selected = hub.hub('domain-training').notes[1].id\nw.expanded = []",
]


RESET_CELL = 3  # puts w back to its defaults after "Run All" ran the cells that change it


def hostile_cells(catalog: Path) -> list[str]:
    return [f"import hubwidgets\ncat = hubwidgets.load({str(catalog)!r})\ncat.show('hostile')"]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Headless Debian Chromium driven by Playwright."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, headless=True,
                                      args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def make_root(tmp_path_factory) -> tuple[Path, Path]:
    """A server root with the hub notebook, a hostile catalog and its notebook."""
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("jupyter-root")
    write_notebook(root / "hub.ipynb", HUB_CELLS)
    catalog = write_hostile_catalog(root / "hostile-catalog")
    write_notebook(root / "hostile.ipynb", hostile_cells(catalog))
    return root, home


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory) -> Iterator[Server]:
    """JupyterLab for one test module."""
    chromium_or_skip()
    root, home = make_root(tmp_path_factory)
    server = start_server("lab", root, home)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def notebook_server(tmp_path_factory) -> Iterator[Server]:
    """Notebook 7 for one test module."""
    chromium_or_skip()
    root, home = make_root(tmp_path_factory)
    server = start_server("notebook", root, home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def catalog():
    """The bundled catalog, as the notebooks under test load it (read-only)."""
    import hubwidgets

    return hubwidgets.load()
