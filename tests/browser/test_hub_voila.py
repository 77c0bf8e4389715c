"""The hub served as a Voila app (``notebooks/hub-app.ipynb``), in headless Chromium.

Voila runs the notebook in its own kernel, strips the code cells and renders the outputs with
the JupyterLab widget manager, so the hub's custom messages (note bodies, related notes, the
graph) travel as in JupyterLab. The server serves a folder holding the repository's app
notebook (copied unchanged) and a notebook showing the payload hub of tests/corpus.
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
from .hosts import start_voila
from .hubpage import check_sections_and_cards, hub_locator, tid
from .jupyter import write_notebook
from .test_hostile_browser import Watch

pytestmark = pytest.mark.browser

APP = REPO / "notebooks" / "hub-app.ipynb"


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory):
    return payload_catalog(tmp_path_factory.mktemp("payload-catalog") / "data")


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory, payload_data):
    chromium_or_skip()
    root = tmp_path_factory.mktemp("voila-root")
    shutil.copy(APP, root / APP.name)
    write_notebook(root / "payloads.ipynb", [
        f"import hubwidgets\ncat = hubwidgets.load({str(payload_data)!r}, cache=False)\n"
        f"cat.show({PAYLOAD_HUB!r})"])
    server = start_voila(root, tmp_path_factory.mktemp("voila-home"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(browser, voila_server):
    """notebooks/hub-app.ipynb as a Voila app; dialogs and outside requests recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, voila_server.url)
    open_app(page, voila_server.page_url(APP.name))
    yield page, watch
    context.close()


def test_voila_renders_the_bundled_hub_without_code(app, catalog):
    page, _ = app
    check_sections_and_cards(page, catalog)
    expect(page.get_by_text("How do domain training techniques").first).to_be_visible()  # Markdown
    assert page.get_by_text("hub.show(").count() == 0  # strip_sources: no code cell reaches the page
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    hub_locator(page).screenshot(path=str(ARTIFACTS / "hub-voila.png"))


def test_typing_narrows_the_cards(app, catalog):
    page, _ = app
    check_search_narrows_cards(page, catalog, "reward")


def test_reader_related_and_views_work_through_custom_messages(app, catalog):
    page, watch = app
    check_reader_and_related(page, catalog)
    page.keyboard.press("Escape")
    widget = hub_locator(page)
    expect(widget.locator(tid("reader"))).to_have_count(0)
    widget.locator(tid("search")).fill("")
    check_views(page, catalog)
    own = drop_host_requests(watch, "voila")
    assert all("fontawesome" in u for u in own), own  # Voila's template, before the widget loads
    watch.check(widget)


def test_payload_hub_shows_as_text_and_runs_nothing_in_voila(browser, voila_server, payload_data):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page, voila_server.url)
    try:
        open_app(page, voila_server.page_url("payloads.ipynb"))
        watch.navigations.clear()
        drop_host_requests(watch, "voila")
        check_payloads_are_text(page, watch, Catalog.load(payload_data, cache=False))
        assert watch.navigations == []
    finally:
        context.close()
