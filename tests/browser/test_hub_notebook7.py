"""The hub widget in Notebook 7 (a different page shell from JupyterLab), in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, RESET_CELL
from .hubpage import (
    check_sections_and_cards,
    expected_hub,
    hub_locator,
    matching_ids,
    reset,
    search,
    search_done,
    tid,
    visible_card_ids,
)
from .jupyter import kernel_line, notebook_session, run_cell

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session(browser, notebook_server):
    with notebook_session(browser, notebook_server.page_url("hub.ipynb"), f'{tid("hub")} {tid("note-card")}',
                          then=RESET_CELL, width=1100) as session:
        yield session


@pytest.fixture
def page(session):
    reset(session["page"])
    return session["page"]


def test_sections_and_cards(page, catalog):
    check_sections_and_cards(page, catalog)


def test_search_syncs_both_ways(page, catalog):
    widget = hub_locator(page)
    search(page, "synthetic")
    expected = matching_ids(catalog, "synthetic")
    assert 0 < len(expected) < expected_hub(catalog).n_notes
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected))
    assert set(visible_card_ids(page)) == expected
    kernel_line(page, 1, "query='synthetic'")
    run_cell(page, 2)  # w.query = 'reward'
    expect(widget.locator(tid("search"))).to_have_value("reward")
    search_done(page)
    expect(widget.locator(tid("note-card"))).to_have_count(len(matching_ids(catalog, "reward")))


def test_views_and_reader(page, catalog):
    hub = expected_hub(catalog)
    widget = hub_locator(page)
    widget.locator(tid("view-table")).click()
    expect(widget.locator(tid("note-row"))).to_have_count(hub.n_notes)
    widget.locator(tid("view-grid")).click()
    expect(widget.locator(tid("note-card"))).to_have_count(hub.n_notes)
    kernel_line(page, 1, "view=grid")
    card = widget.locator(tid("note-card")).first
    note = catalog.get(card.get_attribute("data-note-id"))
    card.locator(tid("read")).click()
    expect(widget.locator(tid("reader-title"))).to_have_text(note.title)
    page.keyboard.press("Escape")
    expect(widget.locator(tid("reader"))).to_have_count(0)
    expect(card.locator(tid("read"))).to_be_focused()


def test_screenshot_and_no_dialogs(session, page):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "hub-notebook7.png"
    page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert session["dialogs"] == []
