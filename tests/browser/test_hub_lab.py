"""The hub widget in a real JupyterLab, driven in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, HOSTILE_TITLE
from .hubpage import (
    check_sections_and_cards,
    expected_hub,
    hub_locator,
    matching_ids,
    reset,
    search,
    tid,
    visible_card_ids,
)
from .jupyter import kernel_line, open_notebook, run_all, run_cell

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalog():
    import hubwidgets

    return hubwidgets.load()


@pytest.fixture(scope="module")
def session(browser, lab_server):
    """One page with hub.ipynb run in JupyterLab; dialogs and outside requests are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((lab_server.url, "data:", "blob:"))
            else outside.append(r.url))
    open_notebook(page, lab_server.page_url("hub.ipynb"))
    run_all(page)
    page.wait_for_selector(tid("note-card"), timeout=30_000)
    yield {"page": page, "dialogs": dialogs, "outside": outside, "server": lab_server}
    context.close()


@pytest.fixture
def page(session):
    reset(session["page"])
    return session["page"]


def test_header_sections_and_cards(page, catalog):
    check_sections_and_cards(page, catalog)


def test_collapse_expand_one_and_all_syncs_to_kernel(page, catalog):
    hub = expected_hub(catalog)
    widget = hub_locator(page)
    first = widget.locator(tid("section")).first
    toggle = first.locator(tid("section-toggle"))
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first.locator(tid("note-card"))).to_have_count(0)
    kernel_line(page, 1, f"expanded={hub.n_sections - 1}")
    widget.locator(tid("expand-all")).click()  # some closed: opens all
    expect(widget.locator(tid("note-card"))).to_have_count(sum(s.n_notes for s in hub.sections))
    widget.locator(tid("expand-all")).click()  # all open: closes all
    expect(widget.locator(tid("note-card"))).to_have_count(0)
    kernel_line(page, 1, "expanded=0")


def test_search_narrows_cards_highlights_and_syncs_query(page, catalog):
    widget = hub_locator(page)
    search(page, "rubric")
    expected = matching_ids(catalog, "rubric")
    assert 0 < len(expected) < expected_hub(catalog).n_notes
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected))
    assert set(visible_card_ids(page)) == expected
    total = expected_hub(catalog).n_notes
    expect(widget.locator(tid("result-count"))).to_have_text(f"{len(expected)} of {total} notes match")
    marks = widget.locator(".hw-card mark").all_inner_texts()
    assert marks and all(m.lower().startswith("rubric") for m in marks)
    kernel_line(page, 1, "query='rubric'")


def test_query_set_from_python_updates_the_page(page, catalog):
    widget = hub_locator(page)
    run_cell(page, 2)  # w.query = 'reward'
    expect(widget.locator(tid("search"))).to_have_value("reward")
    expected = matching_ids(catalog, "reward")
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected))
    assert set(visible_card_ids(page)) == expected


def test_view_as_switches_all_four_views_and_syncs(page, catalog):
    hub = expected_hub(catalog)
    widget = hub_locator(page)
    view_as = widget.locator(tid("view-as"))
    assert [b.lower() for b in view_as.locator("button").all_inner_texts()] == [
        "sections", "grid", "table", "graph"]

    widget.locator(tid("view-grid")).click()
    expect(widget.locator(tid("grid"))).to_be_visible()
    expect(widget.locator(tid("note-card"))).to_have_count(hub.n_notes)
    kernel_line(page, 1, "view=grid")

    widget.locator(tid("view-table")).click()
    rows = widget.locator(tid("note-row"))
    expect(rows).to_have_count(hub.n_notes)
    widget.locator(tid("sort-title")).click()
    titles = rows.locator(tid("note-title")).all_inner_texts()
    assert titles == sorted((n.title for n in hub.notes), key=str.lower)
    widget.locator(tid("sort-title")).click()
    expect(widget.locator("th", has=page.locator(tid("sort-title")))).to_have_attribute(
        "aria-sort", "descending")
    assert rows.locator(tid("note-title")).all_inner_texts() == titles[::-1]
    kernel_line(page, 1, "view=table")

    widget.locator(tid("view-graph")).click()
    expect(widget.locator(tid("graph-node"))).to_have_count(hub.n_notes)
    assert widget.locator(".hw-edges line").count() > 0
    fills = set(widget.locator(tid("graph-node")).evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('fill'))"))
    assert len(fills) == sum(1 for s in hub.sections if s.n_notes)  # one colour per section
    kernel_line(page, 1, "view=graph")
    widget.locator(tid("graph-node")).first.click()
    expect(widget.locator(tid("reader"))).to_be_visible()


def test_read_opens_the_reader_and_escape_comes_back(page, catalog):
    widget = hub_locator(page)
    card = widget.locator(tid("note-card")).nth(2)
    note_id = card.get_attribute("data-note-id")
    note = catalog.get(note_id)
    card.locator(tid("read")).click()
    reader = widget.locator(tid("reader"))
    expect(reader).to_be_visible()
    expect(reader.locator(tid("reader-title"))).to_have_text(note.title)
    expect(reader.locator(tid("reader-summary"))).to_have_text(note.summary)
    expect(reader.locator(tid("reader-body"))).to_be_visible()
    expect(widget.locator(tid("note-card")).first).to_be_hidden()
    kernel_line(page, 1, f"selected={note_id} reading=True")  # running a cell moves focus away
    reader.locator(tid("reader-title")).click()
    page.keyboard.press("Escape")
    expect(reader).to_have_count(0)
    expect(widget.locator(f'[data-note-id="{note_id}"] {tid("read")}')).to_be_focused()
    kernel_line(page, 1, "reading=False")


def test_explore_related_lists_nearest_notes_and_opens_them(page, catalog):
    widget = hub_locator(page)
    card = widget.locator(tid("note-card")).first
    note_id = card.get_attribute("data-note-id")
    expected = catalog.related(note_id, k=6)
    card.locator(tid("related")).click()
    expect(card.locator(tid("related"))).to_have_attribute("aria-expanded", "true")
    items = card.locator(tid("related-item"))
    expect(items).to_have_count(len(expected))
    assert items.all_inner_texts() == expected["title"].tolist()
    items.first.click()
    reader = widget.locator(tid("reader"))
    expect(reader.locator(tid("reader-title"))).to_have_text(expected["title"].iloc[0])
    kernel_line(page, 1, f"selected={expected['id'].iloc[0]}")


def test_keyboard_slash_tab_enter_escape(page, catalog):
    widget = hub_locator(page)
    first_toggle = widget.locator(tid("section-toggle")).first
    first_toggle.focus()
    page.keyboard.press("Enter")  # a disclosure button: Enter collapses it
    expect(first_toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(first_toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("/")
    expect(widget.locator(tid("search"))).to_be_focused()
    page.keyboard.type("checklist", delay=20)
    expected = matching_ids(catalog, "checklist")
    expect(widget.locator(tid("note-card"))).to_have_count(len(expected))
    # Tab from the search box reaches the first card's buttons without the mouse.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.testid") == "read":
            break
    assert page.evaluate("() => document.activeElement.dataset.testid") == "read"
    page.keyboard.press("Enter")
    expect(widget.locator(tid("reader"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(widget.locator(tid("reader"))).to_have_count(0)
    expect(widget.locator(f'{tid("note-card")} {tid("read")}').first).to_be_focused()


@pytest.fixture(scope="module")
def hostile(session, lab_server):
    """hostile.ipynb (a catalog whose titles and bodies carry script) run in a second tab."""
    page = session["page"].context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_notebook(page, lab_server.page_url("hostile.ipynb"))
    run_all(page)
    page.wait_for_selector(tid("note-card"), timeout=30_000)
    yield page, dialogs
    page.close()


def test_hostile_titles_are_text_and_nothing_runs(hostile):
    page, dialogs = hostile
    widget = hub_locator(page)
    expect(widget.locator(tid("note-card"))).to_have_count(2)
    titles = widget.locator(tid("note-title")).all_inner_texts()
    assert HOSTILE_TITLE in titles
    expect(widget.locator(tid("hub-title"))).to_have_text("<svg onload=alert(2)> hub")
    assert widget.locator("img, svg[onload], script, iframe, b").count() == 0
    card = widget.locator(f'{tid("note-card")}[data-note-id="hostile"]')
    expect(card.locator(tid("note-summary"))).to_contain_text("<script>window.__pwned")
    card.locator(tid("read")).click()
    body = widget.locator(tid("reader-body"))
    expect(body.locator("h1")).to_have_text("Heading from the body")
    expect(body.locator("strong")).to_have_text("rendered")
    links = body.locator("a[href]")
    hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert set(links.evaluate_all("as => as.map(a => a.rel)")) == {"noopener noreferrer"}
    assert body.locator("script, iframe, style, [onerror], [onclick], [onload]").count() == 0
    sources = widget.locator(tid("sources"))
    expect(sources.locator("a")).to_have_count(1)
    expect(sources).to_contain_text("evil source")
    body.locator("a.hw-wikilink").click()  # [[friendly]] opens the other note
    expect(widget.locator(tid("reader-title"))).to_have_text("A friendly note")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)  # give any injected handler a chance to fire
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None


def test_search_finds_words_only_the_kernel_sees(hostile):
    """'plain' is only in the friendly note's body: the kernel's search adds it."""
    page, _ = hostile
    search(page, "plain")
    widget = hub_locator(page)
    expect(widget.locator(tid("note-card"))).to_have_count(1)
    card = widget.locator(tid("note-card")).first
    expect(card).to_have_attribute("data-note-id", "friendly")
    expect(card).to_contain_text("Matches in the note's text")


def test_front_end_loads_nothing_from_outside_and_opens_no_dialog(session):
    assert session["outside"] == []
    assert session["dialogs"] == []


def test_screenshot_of_the_bundled_hub(page):
    ARTIFACTS.mkdir(exist_ok=True)
    widget = hub_locator(page)
    widget.locator(tid("view-sections")).click()
    page.evaluate("""() => {
      const panel = window.jupyterapp.shell.currentWidget;
      panel.content.activeCellIndex = 0;
      panel.content.node.closest('.jp-WindowedPanel-outer')?.scrollTo(0, 0);
    }""")
    page.mouse.move(0, 0)
    path = ARTIFACTS / "hub-jupyterlab.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
