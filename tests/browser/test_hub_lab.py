"""The hub widget in a real JupyterLab, driven in headless Chromium."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, HOSTILE_TITLE, REPO, RESET_CELL
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
from .jupyter import (
    KERNEL_IDLE,
    kernel_line,
    notebook_session,
    open_notebook,
    run_all_and_wait,
    run_cell,
    write_notebook,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session(browser, lab_server):
    """One page with hub.ipynb run in JupyterLab; dialogs and requests are recorded."""
    with notebook_session(browser, lab_server.page_url("hub.ipynb"), f'{tid("hub")} {tid("note-card")}',
                          then=RESET_CELL) as session:
        yield {**session, "server": lab_server}


@pytest.fixture
def page(session):
    reset(session["page"])
    return session["page"]


def test_header_sections_and_cards(page, catalog):
    check_sections_and_cards(page, catalog)


def test_screenshot_of_the_bundled_hub(page):
    ARTIFACTS.mkdir(exist_ok=True)
    widget = hub_locator(page)
    widget.locator(tid("view-sections")).click()
    page.evaluate("""() => {
      const panel = window.jupyterapp.shell.currentWidget;
      panel.content.activeCellIndex = 0;
      for (const node of [panel.content.node, ...panel.node.querySelectorAll('.jp-WindowedPanel-outer')]) {
        node.scrollTop = 0;
      }
    }""")
    page.mouse.move(0, 0)
    path = ARTIFACTS / "hub-jupyterlab.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_the_bundled_catalog_offers_no_edit_controls(page, catalog):
    """``from hubwidgets import hub`` is the installation's catalog: read-only, so neither the hub,
    the single note nor the index offers editing (issue 13)."""
    widgets = page.locator(tid("hub"))
    expect(widgets).to_have_count(3)  # the hub, one note, the index of every note
    expect(widgets.locator(tid("note-card")).first).to_be_visible()
    for name in ("edit-row", "add-to-hub", "move-up", "remove-from-section", "edit-tags", "new-hub"):
        assert widgets.locator(tid(name)).count() == 0, name
    for bar in widgets.locator(tid("edit-bar")).all():
        expect(bar).to_be_hidden()
    assert catalog.read_only


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


def test_search_lists_only_matching_sections_and_clearing_restores_them_in_order(page, catalog):
    hub = expected_hub(catalog)
    widget = hub_locator(page)
    sections = widget.locator(tid("section"))
    # Headings are kept between keystrokes (only counts and which are listed change): mark them.
    sections.evaluate_all("els => els.forEach(e => { e.hwMark = e.dataset.key; })")
    search(page, "rubric")
    expected = matching_ids(catalog, "rubric")
    hits = [(s, sum(n.id in expected for n in s.notes)) for s in hub.sections]
    hits = [(s, k) for s, k in hits if k]
    assert 0 < len(hits) < hub.n_sections
    expect(sections).to_have_count(len(hits))
    assert sections.locator(".hw-section-title").all_inner_texts() == [s.title for s, _ in hits]
    assert sections.locator(tid("section-count")).all_inner_texts() == [
        f"{k} of {s.n_notes} match" for s, k in hits]

    widget.locator(tid("search")).fill("")
    search_done(page)
    check_sections_and_cards(page, catalog)
    kept = sections.evaluate_all("els => els.map(e => e.hwMark === e.dataset.key)")
    assert kept == [True] * hub.n_sections


def test_query_set_from_python_updates_the_page(page, catalog):
    widget = hub_locator(page)
    run_cell(page, 2)  # w.query = 'reward'
    expect(widget.locator(tid("search"))).to_have_value("reward")
    search_done(page)
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
    sort_header = widget.locator("th", has=page.locator(tid("sort-title")))
    widget.locator(tid("sort-title")).click()
    expect(sort_header).to_have_attribute("aria-sort", "ascending")
    titles = sorted((n.title for n in hub.notes), key=str.lower)
    # Waits while the rows are still being built (a loaded machine once read 12 of 31).
    expect(rows.locator(tid("note-title"))).to_have_text(titles)
    widget.locator(tid("sort-title")).click()
    expect(widget.locator("th", has=page.locator(tid("sort-title")))).to_have_attribute(
        "aria-sort", "descending")
    expect(rows.locator(tid("note-title"))).to_have_text(titles[::-1])
    kernel_line(page, 1, "view=table")

    widget.locator(tid("view-graph")).click()
    expect(widget.locator(tid("graph-node"))).to_have_count(hub.n_notes)
    assert widget.locator(".hw-edges line").count() > 0
    fills = set(widget.locator(tid("graph-node")).evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('fill'))"))
    first_section = {}
    for i, section in enumerate(hub.sections):
        for n in section.notes:
            first_section.setdefault(n.id, i)
    assert len(fills) == len(set(first_section.values()))  # one colour per section
    kernel_line(page, 1, "view=graph")
    widget.locator(tid("graph-node")).first.click()
    expect(widget.locator(tid("reader"))).to_be_visible()


def test_view_selected_and_expanded_set_from_python_update_the_page(page, catalog):
    widget = hub_locator(page)
    note = expected_hub(catalog).notes[1]
    run_cell(page, 6)  # w.view = 'table'; w.selected = ...; w.expanded = []
    expect(widget.locator(tid("table"))).to_be_visible()
    expect(widget.locator(tid("view-table"))).to_have_attribute("aria-pressed", "true")
    row = widget.locator(f'{tid("note-row")}[data-note-id="{note.id}"]')
    expect(row).to_have_attribute("aria-current", "true")
    widget.locator(tid("view-sections")).click()
    expect(widget.locator(tid("section-toggle") + "[aria-expanded=true]")).to_have_count(0)


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
    search_done(page)
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
    run_all_and_wait(page, tid("note-card"))
    yield page, dialogs
    page.close()


def test_typing_in_search_leaves_the_reader_and_keeps_focus(page, catalog):
    widget = hub_locator(page)
    widget.locator(tid("read")).first.click()
    expect(widget.locator(tid("reader"))).to_be_visible()
    widget.locator(tid("search")).click()
    page.keyboard.type("rubric", delay=20)
    search_done(page)
    expect(widget.locator(tid("reader"))).to_have_count(0)
    expect(widget.locator(tid("search"))).to_be_focused()
    expect(widget.locator(tid("search"))).to_have_value("rubric")
    expect(widget.locator(tid("note-card"))).to_have_count(len(matching_ids(catalog, "rubric")))


def test_one_note_and_all_notes_widgets(session, catalog):
    page = session["page"]
    note = expected_hub(catalog).notes[0]
    single = page.locator(f'{tid("hub")}[data-kind=note]')
    expect(single.locator(tid("reader-title"))).to_have_text(note.title)
    header = single.locator(tid("hub-header"))
    expect(header).not_to_contain_text("null")  # absent header parts once printed as "nullnull"
    hub_title = expected_hub(catalog).title
    expect(header.locator(tid("hub-counts"))).to_have_text(f"In {hub_title}")
    single.locator(tid("reader-close")).click()
    expect(single.locator(tid("note-card"))).to_have_count(1)
    expect(single.locator(tid("note-title"))).to_have_text(note.title)
    index = page.locator(f'{tid("hub")}[data-kind=index]')
    expect(index.locator(tid("section"))).to_have_count(len(catalog.hub_ids) + (
        1 if set(catalog.note_ids) - {n.id for h in catalog.hub_ids for n in catalog.hub(h).notes} else 0))
    expect(index.locator(tid("note-card"))).to_have_count(len(catalog))
    expect(index.locator(tid("hub-counts"))).to_contain_text(f"{len(catalog)} notes")


def test_convert_to_notebook_links_the_written_notebook(page, lab_server):
    widget = hub_locator(page)
    card = widget.locator(tid("note-card")).first
    note_id = card.get_attribute("data-note-id")
    card.locator(tid("read")).click()
    widget.locator(tid("convert")).click()
    status = widget.locator(tid("convert-status"))
    expect(status).not_to_have_text(re.compile(r"^(|Converting…)$"), timeout=30_000)
    link = status.locator(tid("notebook-link"))
    expect(link).to_have_attribute("href", re.compile(r"/lab/tree/notebooks/.+\.ipynb$"))
    written = list((lab_server.root / "notebooks").rglob("*.ipynb"))
    assert any(note_id in p.name for p in written), written
    other = page.context.new_page()
    other.goto(lab_server.url + link.get_attribute("href"))
    other.wait_for_selector(".jp-Notebook", timeout=30_000)
    other.close()


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
    """'plain' is only in the friendly note's body: the kernel's search adds it, with a snippet."""
    page, _ = hostile
    search(page, "plain")
    widget = hub_locator(page)
    expect(widget).to_have_attribute("data-search-state", "done", timeout=30_000)  # kernel answered
    expect(widget.locator(tid("note-card"))).to_have_count(1)
    card = widget.locator(tid("note-card")).first
    expect(card).to_have_attribute("data-note-id", "friendly")
    snippet = card.locator(tid("snippet"))  # why it matched: the body's passage, the word marked
    expect(snippet).to_contain_text("body of the friendly note")
    expect(snippet.locator("mark").first).to_have_text(re.compile(r"^plain$", re.IGNORECASE))


def test_front_end_loads_nothing_from_outside_and_opens_no_dialog(session):
    outside = [u for u in session["requests"]
               if not u.startswith((session["server"].url, "data:", "blob:"))]
    assert outside == []
    assert session["dialogs"] == []


def _luminance(page, selector: str) -> float:
    rgb = page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_follows_the_dark_theme_and_fits_narrow_cells(page):
    card = f"{tid('hub')} {tid('note-card')}"
    assert _luminance(page, card) > 0.8
    change = "t => window.jupyterapp.commands.execute('apputils:change-theme', {theme: t})"
    page.evaluate(change, "JupyterLab Dark")
    try:
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
        page.wait_for_function(
            "sel => { const c = getComputedStyle(document.querySelector(sel)).backgroundColor;"
            " const [r, g, b] = c.match(/[0-9]+/g).map(Number); return r + g + b < 200; }", arg=card)
        assert _luminance(page, card) < 0.3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "hub-jupyterlab-dark.png"))
        title = page.eval_on_selector(f"{tid('hub')} {tid('note-title')}", "e => getComputedStyle(e).color")
        assert sum(int(v) for v in title[title.index("(") + 1:title.index(")")].split(",")[:3]) > 450
    finally:
        page.evaluate(change, "JupyterLab Light")
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'true'")
    page.set_viewport_size({"width": 520, "height": 900})
    try:
        overflow = page.eval_on_selector(tid("hub"), "e => e.scrollWidth - e.clientWidth")
        assert overflow <= 1
        for view in ("grid", "table"):
            hub_locator(page).locator(tid(f"view-{view}")).click()
            assert page.eval_on_selector(tid("hub"), "e => e.scrollWidth - e.clientWidth") <= 1, view
        page.wait_for_function(SUMMARY_SHOWN, arg=False)  # a narrow table keeps title and section
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(SUMMARY_SHOWN, arg=True)
    # The hub's own width decides, not the window's (a side panel, a narrow output area).
    page.eval_on_selector(tid("hub"), "e => { e.parentElement.style.width = '480px'; }")
    try:
        page.wait_for_function(SUMMARY_SHOWN, arg=False)
    finally:
        page.eval_on_selector(tid("hub"), "e => { e.parentElement.style.width = ''; }")
    page.wait_for_function(SUMMARY_SHOWN, arg=True)


SUMMARY_SHOWN = """shown => {
  const th = document.querySelector('[data-testid=hub] [data-testid=table] th.hw-col-summary');
  return th !== null && (getComputedStyle(th).display !== 'none') === shown;
}"""


# -- 10,000 notes in 50 sections ------------------------------------------------------------------
BIG_NOTES, BIG_SECTIONS = 10_000, 50


@pytest.fixture(scope="module")
def big(session, lab_server):
    """A synthetic hub of 10,000 notes (benchmarks/synth.py) shown in a third tab."""
    from benchmarks.synth import make_catalog

    data = make_catalog(lab_server.root / "big-catalog", BIG_NOTES, BIG_SECTIONS, seed=1,
                        related_json=True)
    write_notebook(lab_server.root / "big.ipynb",
                   [f"import hubwidgets\ncat = hubwidgets.load({str(data)!r})",
                    "w = cat.show('synthetic')\nw"])
    page = session["page"].context.new_page()
    open_notebook(page, lab_server.page_url("big.ipynb"))
    run_cell(page, 0)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    start = time.perf_counter()
    run_cell(page, 1)
    page.wait_for_selector(tid("section-toggle"), timeout=60_000)
    yield page, time.perf_counter() - start
    page.close()


def test_big_hub_renders_fast_with_collapsed_sections(big):
    page, seconds = big
    widget = hub_locator(page)
    assert seconds < 10, f"10,000-note hub took {seconds:.1f} s to appear"
    expect(widget.locator(tid("section"))).to_have_count(BIG_SECTIONS)
    assert widget.locator(tid("note-card")).count() == 0  # collapsed sections build no cards
    expect(widget.locator(tid("result-count"))).to_have_text(f"{BIG_NOTES} notes")


def _page_sizes() -> tuple[int, int]:
    """How many cards the front end builds first, then per "Show more" (read from hub.js)."""
    js = (REPO / "src" / "hubwidgets" / "static" / "hub.js").read_text()
    first, page = (int(re.search(rf"const {name} = (\d+);", js).group(1)) for name in ("FIRST", "PAGE"))
    return first, page


def test_big_hub_builds_long_lists_incrementally(big):
    page, _ = big
    first, more = _page_sizes()
    widget = hub_locator(page)
    counts = [int(t.split()[0]) for t in widget.locator(tid("section-count")).all_inner_texts()]
    largest = max(range(len(counts)), key=counts.__getitem__)
    assert counts[largest] > first
    widget.locator(tid("section-toggle")).nth(largest).click()
    section = widget.locator(tid("section")).nth(largest)
    expect(section.locator(tid("note-card"))).to_have_count(first)
    section.locator(tid("show-more")).click()
    # A page more at least (scrolling can load the next one too), in order, no repeats.
    grown = at_least(section.locator(tid("note-card")), min(first + more, counts[largest]))
    assert grown == counts[largest] or (grown - first) % more == 0
    widget.locator(tid("view-grid")).click()
    expect(widget.locator(tid("note-card"))).to_have_count(first)
    expect(widget.locator(tid("show-more"))).to_have_count(1)
    widget.locator(tid("show-more")).scroll_into_view_if_needed()  # scrolling to the end loads more
    at_least(widget.locator(tid("note-card")), first + more)
    ids = widget.locator(tid("note-card")).evaluate_all("cs => cs.map(c => c.dataset.noteId)")
    assert ids == sorted(set(ids))  # synthetic ids follow hub order: pages arrive in order, once
    widget.locator(tid("view-table")).click()
    rows = widget.locator(tid("note-row"))
    expect(rows).to_have_count(first)
    widget.locator(tid("show-more")).click()
    at_least(rows, first + more)
    ids = rows.evaluate_all("rs => rs.map(r => r.dataset.noteId)")
    assert ids == sorted(set(ids))


def at_least(locator, n: int, timeout: float = 10.0) -> int:
    """Wait until ``locator`` matches at least ``n`` elements; returns the count."""
    deadline = time.monotonic() + timeout
    while (count := locator.count()) < n:
        assert time.monotonic() < deadline, f"{count} < {n}"
        time.sleep(0.1)
    return count


def test_big_hub_graph_lays_out_in_the_kernel_and_draws(big):
    page, _ = big
    widget = hub_locator(page)
    start = time.perf_counter()
    widget.locator(tid("view-graph")).click()
    expect(widget.locator(tid("graph-node"))).to_have_count(BIG_NOTES, timeout=60_000)
    assert time.perf_counter() - start < 20
    assert widget.locator(".hw-edges line").count() > 0


def test_big_hub_search_answers_each_keystroke_quickly(big):
    """From the key event to the first frame after the list and count updated (median)."""
    from benchmarks.bench_browser import KEY_PROBE

    page, _ = big
    widget = hub_locator(page)
    widget.locator(tid("view-sections")).click()
    page.evaluate(KEY_PROBE)
    widget.locator(tid("search")).click()
    page.keyboard.type("reward", delay=30)
    page.wait_for_function("() => window.__hwKeys.length >= 6")
    timings = page.evaluate("() => window.__hwKeys")
    expect(widget).to_have_attribute("data-search-state", "done", timeout=30_000)
    shown = widget.locator(tid("result-count")).inner_text()
    assert shown.endswith(f"of {BIG_NOTES} notes match")
    assert sorted(timings)[len(timings) // 2] < 250, timings
