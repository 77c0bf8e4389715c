"""The hub in marimo (``marimo run``), in headless Chromium: ``mo.ui.anywidget(hub.show(...))``.

The server serves a folder holding ``notebooks/hub_marimo.py`` (the app shipped in the
repository, copied unchanged) and an app showing the payload hub of tests/corpus. marimo
renders the widget in a shadow root and carries custom messages (note bodies, related notes,
the graph) on its own websocket; a reactive cell shows what Python sees of the widget.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from hubwidgets.catalog import Catalog

from ..corpus import payload_catalog
from .conftest import ARTIFACTS, REPO, chromium_or_skip
from .hostpage import (
    PAYLOAD_HUB,
    check_payloads_are_text,
    check_reader_and_related,
    check_search_narrows_cards,
    check_views,
    drop_host_requests,
    open_app,
)
from .hosts import start_marimo
from .hubpage import check_sections_and_cards, hub_locator, tid
from .test_hostile_browser import Watch

pytestmark = pytest.mark.browser

APP = REPO / "notebooks" / "hub_marimo.py"

PAYLOAD_APP = '''import marimo

app = marimo.App(width="full")


@app.cell
def _():
    import marimo as mo

    import hubwidgets

    cat = hubwidgets.load({data!r}, cache=False)
    widget = mo.ui.anywidget(cat.show({hub!r}))
    widget
    return cat, mo, widget


@app.cell
def _(cat, mo, widget):
    _id = widget.value["selected"]
    mo.plain_text("selected: " + (cat.get(_id).title if _id else "(none)"))
    return
'''


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory):
    return payload_catalog(tmp_path_factory.mktemp("payload-catalog") / "data")


@pytest.fixture(scope="module")
def marimo_server(tmp_path_factory, payload_data):
    chromium_or_skip()
    root = tmp_path_factory.mktemp("marimo-root")
    shutil.copy(APP, root / APP.name)
    (root / "payloads_marimo.py").write_text(
        PAYLOAD_APP.format(data=str(payload_data), hub=PAYLOAD_HUB), encoding="utf-8")
    server = start_marimo(root, tmp_path_factory.mktemp("marimo-home"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(browser, marimo_server):
    """notebooks/hub_marimo.py, run by marimo; dialogs and outside requests recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, marimo_server.url)
    open_app(page, marimo_server.page_url(APP.name))
    yield page, watch
    context.close()


def python_sees(page, text: str) -> None:
    """The reactive cell under the hub (re-run by marimo on every change) shows ``text``."""
    expect(page.get_by_text("query:").first).to_contain_text(text, timeout=20_000)


def test_marimo_renders_the_bundled_hub_with_every_section_and_card(app, catalog):
    page, _ = app
    check_sections_and_cards(page, catalog)
    python_sees(page, "query:    ''")
    assert page.get_by_text("hub.show(").count() == 0  # marimo run sends no code
    ARTIFACTS.mkdir(exist_ok=True)
    hub_locator(page).screenshot(path=str(ARTIFACTS / "hub-marimo.png"))


def test_typing_narrows_the_cards_and_python_sees_the_query(app, catalog):
    page, _ = app
    check_search_narrows_cards(page, catalog, "reward")
    python_sees(page, "query:    'reward'")


def test_reader_related_and_views_work_through_custom_messages(app, catalog):
    page, watch = app
    note_id = check_reader_and_related(page, catalog)  # body and related: kernel replies
    python_sees(page, f"selected: {catalog.get(note_id).title}")
    python_sees(page, "reading:  True")
    page.keyboard.press("Escape")
    widget = hub_locator(page)
    expect(widget.locator(tid("reader"))).to_have_count(0)
    python_sees(page, "reading:  False")
    widget.locator(tid("search")).fill("")
    check_views(page, catalog)
    python_sees(page, "view:     sections")
    drop_host_requests(watch, "marimo")
    watch.check(widget)


def test_payload_hub_shows_as_text_and_runs_nothing_in_marimo(browser, marimo_server, payload_data):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, marimo_server.url)
    try:
        open_app(page, marimo_server.page_url("payloads_marimo.py"))
        watch.navigations.clear()
        cat = Catalog.load(payload_data, cache=False)
        check_payloads_are_text(page, watch, cat)
        first = cat.hub(PAYLOAD_HUB).notes[0]
        hub_locator(page).locator(f'{tid("note-card")}[data-note-id="{first.id}"] {tid("read")}').click()
        # Python's view of the hostile selection, printed by the reactive cell, is text too
        printed = page.get_by_text("selected: ").first
        expect(printed).to_have_text(f"selected: {first.title}", timeout=20_000)
        watch.check(printed)
        assert watch.navigations == []
    finally:
        context.close()
