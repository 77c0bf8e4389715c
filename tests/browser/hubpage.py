"""What a hub looks like in the page: shared checks for the JupyterLab and Notebook 7 tests.

Expected figures come from the catalog itself (``hubwidgets.load()``), never from
numbers typed into the tests.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

HUB = "domain-training"


def tid(name: str) -> str:
    return f"[data-testid={name}]"


def hub_locator(page: Page):
    return page.locator(tid("hub")).first


def expected_hub(catalog):
    return catalog.hub(HUB)


def matching_ids(catalog, query: str) -> set[str]:
    """Notes of the hub the kernel's search finds: the page must show exactly these."""
    ids = {n.id for n in expected_hub(catalog).notes}
    return {nid for nid in catalog.search_ids(query) if nid in ids}


def visible_card_ids(page: Page) -> list[str]:
    return hub_locator(page).locator(tid("note-card")).evaluate_all(
        "cards => cards.map(c => c.dataset.noteId)")


def check_sections_and_cards(page: Page, catalog) -> None:
    """Every section in order with its count, every card, the header figures."""
    hub = expected_hub(catalog)
    widget = hub_locator(page)
    header = widget.locator(tid("hub-header"))
    expect(header).to_contain_text(hub.title)
    counts = header.locator(tid("hub-counts"))
    expect(counts).to_contain_text("Topic Hub")
    if hub.declared_notes not in (None, hub.n_notes):
        expect(counts).to_contain_text(f"{hub.n_notes} of {hub.declared_notes} declared notes")
    else:
        expect(counts).to_contain_text(f"{hub.n_notes} linked notes")
    sections = widget.locator(tid("section"))
    expect(sections).to_have_count(hub.n_sections)
    titles = sections.locator(".hw-section-title").all_inner_texts()
    assert titles == [s.title for s in hub.sections]
    cards_in_sections = sum(s.n_notes for s in hub.sections)
    expect(widget.locator(tid("note-card"))).to_have_count(cards_in_sections)
    for i, section in enumerate(hub.sections):
        block = sections.nth(i)
        expect(block.locator(tid("note-card"))).to_have_count(section.n_notes)
        if section.n_notes == 0 and section.declared_notes:
            word = "note" if section.declared_notes == 1 else "notes"
            expect(block.locator(tid("section-count"))).to_have_text(
                f"{section.declared_notes} {word} declared, none available")
    assert set(visible_card_ids(page)) == {n.id for n in hub.notes}


def search(page: Page, text: str) -> None:
    """Type into the search box, then wait until the kernel's matches are merged in."""
    box = hub_locator(page).locator(tid("search"))
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=20)
    search_done(page)


def search_done(page: Page, timeout: float = 30_000) -> None:
    """Wait until the hub shows the kernel's search results for its current query."""
    expect(hub_locator(page)).to_have_attribute("data-search-state", "done", timeout=timeout)


def reset(page: Page) -> None:
    """Back to the sections view, no query, no reader, every section open."""
    widget = hub_locator(page)
    if widget.locator(tid("reader")).count():
        widget.locator(tid("reader-close")).click()
    for button in widget.locator(tid("related") + "[aria-expanded=true]").all():
        button.click()
    box = widget.locator(tid("search"))
    if box.input_value():
        box.fill("")
    widget.locator(tid("view-sections")).click()
    toggle = widget.locator(tid("expand-all"))
    if toggle.inner_text() == "Expand all":
        toggle.click()
    expect(widget.locator(tid("section-toggle") + "[aria-expanded=false]")).to_have_count(0)
