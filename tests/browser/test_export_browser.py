"""The exported HTML page in headless Chromium, with every network request blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import hubwidgets

from .conftest import ARTIFACTS, HOSTILE_TITLE, write_hostile_catalog
from .hubpage import matching_ids, tid


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    blocked, dialogs, errors = [], [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.blocked, page.dialogs, page.errors = blocked, dialogs, errors
    yield page
    context.close()


def test_exported_hub_works_offline(offline_page, tmp_path, bundled):
    page = offline_page
    out = bundled.export_html("domain-training", tmp_path / "hub.html")
    page.goto(out.as_uri())
    hub = bundled.hub("domain-training")
    expect(page.locator(tid("note-card"))).to_have_count(hub.n_notes)
    titles = page.locator(tid("section")).locator(".hw-section-title").all_inner_texts()
    assert titles == [s.title for s in hub.sections]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hub-export.png"))

    # collapse / expand a section
    toggle = page.locator(tid("section-toggle")).first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # search: the same notes as the kernel's search, bodies included
    box = page.locator(tid("search"))
    box.press_sequentially("reward", delay=20)
    expected = matching_ids(bundled, "reward")
    expect(page.locator(tid("note-card"))).to_have_count(len(expected))
    shown = page.locator(tid("note-card")).evaluate_all("cs => cs.map(c => c.dataset.noteId)")
    assert set(shown) == expected
    box.fill("")

    # view as grid, table, graph
    for view, testid in (("grid", "note-card"), ("table", "note-row"), ("graph", "graph-node")):
        page.locator(tid(f"view-{view}")).click()
        expect(page.locator(tid(testid))).to_have_count(hub.n_notes)
    page.locator(tid("view-sections")).click()

    # the reader shows the rendered body
    with_body = [n for n in hub.notes if n.body.strip()]
    note = with_body[0] if with_body else hub.notes[0]
    page.locator(f"{tid('note-card')}[data-note-id='{note.id}'] {tid('read')}").click()
    reader = page.locator(tid("reader"))
    expect(reader).to_contain_text(note.title)
    if note.body.strip():
        expect(reader.locator(tid("reader-body"))).not_to_be_empty()
    page.keyboard.press("Escape")
    expect(reader).to_have_count(0)

    assert page.blocked == [] and page.errors == [] and page.dialogs == []


def test_exported_hostile_hub_runs_nothing(offline_page, tmp_path):
    page = offline_page
    catalog = hubwidgets.load(write_hostile_catalog(tmp_path / "hostile"))
    out = catalog.export_html("hostile", tmp_path / "hostile.html")
    page.goto(out.as_uri())
    expect(page.locator(tid("note-title")).filter(has_text=HOSTILE_TITLE)).to_have_count(1)
    page.locator(f"{tid('note-card')}[data-note-id='hostile'] {tid('read')}").click()
    expect(page.locator(tid("reader"))).to_contain_text("Heading from the body")
    for view in ("grid", "table", "graph"):
        page.locator(tid(f"view-{view}")).click()
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == [] and page.blocked == []
