"""Checks shared by the marimo and Voila browser tests: the bundled hub and the payload hub.

The hub is the same widget in every host; these drive it the way a reader does (type, click,
press Escape) and compare with the catalog itself.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from hubwidgets.catalog import Catalog

from .hubpage import expected_hub, hub_locator, matching_ids, search, tid, visible_card_ids
from .test_hostile_browser import Watch

PAYLOAD_HUB = "hostile"
# What each host needs of the network before the widget renders (its own template, not the hub).
HOST_OWN_REQUESTS = {
    "voila": ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@",),
    "marimo": (),
}


def open_app(page: Page, url: str, timeout: float = 120_000) -> None:
    """Open an app page and wait until the hub has drawn its cards."""
    page.goto(url)
    page.wait_for_selector(f'{tid("hub")} {tid("note-card")}', timeout=timeout)


def check_search_narrows_cards(page: Page, catalog, query: str = "reward") -> set[str]:
    """Type a query: exactly the notes the kernel's search finds stay, as cards."""
    expected = matching_ids(catalog, query)
    assert 0 < len(expected) < expected_hub(catalog).n_notes
    search(page, query)
    widget = hub_locator(page)
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected))
    assert set(visible_card_ids(page)) == expected
    expect(widget.locator(tid("result-count"))).to_have_text(
        f"{len(expected)} of {expected_hub(catalog).n_notes} notes match")
    return expected


def check_reader_and_related(page: Page, catalog) -> str:
    """Open the first note with a body: its rendered body (a kernel reply) and related notes."""
    widget = hub_locator(page)
    ids = visible_card_ids(page)
    note_id = next(nid for nid in ids if catalog.get(nid).body.strip())
    note = catalog.get(note_id)
    widget.locator(f'{tid("note-card")}[data-note-id="{note_id}"] {tid("read")}').click()
    reader = widget.locator(tid("reader"))
    expect(reader.locator(tid("reader-title"))).to_have_text(note.title)
    body = reader.locator(tid("reader-body"))
    expect(body).not_to_be_empty(timeout=20_000)
    expect(body).not_to_contain_text("no text beyond its summary")
    related = catalog.related(note_id, k=6)
    items = reader.locator(tid("reader-related")).locator(tid("related-item"))
    expect(items).to_have_count(len(related), timeout=20_000)
    assert items.all_inner_texts() == related["title"].tolist()
    return note_id


def check_views(page: Page, catalog) -> None:
    """Grid, table and graph (laid out in the kernel) show every note; back to sections."""
    widget = hub_locator(page)
    n = expected_hub(catalog).n_notes
    for view, item in (("grid", "note-card"), ("table", "note-row"), ("graph", "graph-node")):
        widget.locator(tid(f"view-{view}")).click()
        expect(widget.locator(tid(f"view-{view}"))).to_have_attribute("aria-pressed", "true")
        expect(widget.locator(tid(item))).to_have_count(n, timeout=30_000)
    widget.locator(tid("view-sections")).click()
    expect(widget.locator(tid("section"))).to_have_count(expected_hub(catalog).n_sections)


def _texts(locator) -> list[str]:
    return [" ".join(t.split()) for t in locator.all_text_contents()]


def check_payloads_are_text(page: Page, watch: Watch, cat: Catalog) -> None:
    """Every payload title, summary and section name shows as text; the reader of the note whose
    body holds every payload, its sources and related list run nothing."""
    hub = cat.hub(PAYLOAD_HUB)
    notes = hub.notes
    widget = hub_locator(page)
    expect(widget.locator(tid("hub-title"))).to_have_text(hub.title)
    assert _texts(widget.locator(tid("section")).locator(".hw-section-title")) == [
        s.title for s in hub.sections]
    assert _texts(widget.locator(tid("note-title"))) == [n.title for n in notes]
    assert _texts(widget.locator(tid("note-summary"))) == [n.summary for n in notes if n.summary]
    watch.check(widget)
    first = notes[0]
    widget.locator(f'{tid("note-card")}[data-note-id="{first.id}"] {tid("read")}').click()
    reader = widget.locator(tid("reader"))
    expect(reader.locator(tid("reader-title"))).to_have_text(first.title)
    expect(reader.locator(tid("reader-body"))).not_to_be_empty(timeout=20_000)
    sources = reader.locator(tid("sources"))
    for s in first.sources:
        expect(sources).to_contain_text(s["title"])
    expect(reader.locator(tid("reader-related")).locator(tid("related-item")).first).to_contain_text(
        notes[1].title, timeout=20_000)
    watch.check(widget)
    page.keyboard.press("Escape")
    expect(widget.locator(tid("reader"))).to_have_count(0)
    widget.locator(tid("view-graph")).click()
    expect(widget.locator(tid("graph-node"))).to_have_count(len(notes), timeout=30_000)
    watch.check(widget)
    widget.locator(tid("view-sections")).click()


def drop_host_requests(watch: Watch, kind: str) -> list[str]:
    """Forget the requests the host's own page template makes; return them for the report."""
    own = [u for u in watch.requests if u.startswith(HOST_OWN_REQUESTS[kind])]
    watch.requests[:] = [u for u in watch.requests if u not in own]
    return own
