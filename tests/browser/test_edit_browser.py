"""Curating a hub from the widget in a real JupyterLab (issue 13): add, move, save a search as a
section, undo back to the original bytes, and a note file edited on disk showing live.

One server for the module; the catalog is a copy of ``data/`` in the server's temporary root, and
every expectation is read back from the files with ``hubwidgets.load``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import hubwidgets

from .conftest import ARTIFACTS, REPO, chromium_or_skip
from .hubpage import HUB, hub_locator, search, tid
from .jupyter import (
    Server,
    kernel_line,
    open_notebook,
    run_all_and_wait,
    run_cell,
    start_server,
    write_notebook,
)

EDIT_TIMEOUT = 20_000  # ms: a loaded machine (six engineers, two cores) is slow, the kernel is fast


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[tuple[Server, Path, dict[str, bytes]]]:
    chromium_or_skip()
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("jupyter-root")
    copy = root / "catalog"
    shutil.copytree(REPO / "data", copy)
    write_notebook(root / "edit.ipynb", [
        f"import hubwidgets\ncat = hubwidgets.load({str(copy)!r}, cache=False)\nw = cat.show({HUB!r})\nw",
        "cat.watch()",
        f"cat.hub({HUB!r}).add_section('Added from Python')",
        "cat.undo()",
    ])
    server = start_server("lab", root, home)
    yield server, copy, snapshot(copy)
    server.stop()


@pytest.fixture(scope="module")
def page(lab, browser) -> Iterator[Page]:
    server, _copy, _original = lab
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    open_notebook(page, server.page_url("edit.ipynb"))
    run_all_and_wait(page, f"{tid('hub')} {tid('edit-row')}")
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "edit-lab.png"))
    page.close()


def section(page: Page, title: str):
    """The section of the hub titled ``title`` (exact)."""
    exact = page.locator(".hw-section-title", has_text=re.compile(f"^{re.escape(title)}$"))
    return hub_locator(page).locator(tid("section")).filter(has=exact).first


def card_ids(block) -> list[str]:
    return block.locator(tid("note-card")).evaluate_all("cards => cards.map(c => c.dataset.noteId)")


SCROLL_TOP = """() => {
  let node = document.querySelector('[data-testid=hub]');
  const scrolls = (n) => n.scrollHeight > n.clientHeight
    && /(auto|scroll)/.test(getComputedStyle(n).overflowY);
  while (node && !scrolls(node)) {
    node = node.parentElement;
  }
  return node ? node.scrollTop : window.scrollY;
}"""


def scroll_top(page: Page) -> float:
    """How far the notebook (the widget's scrolling ancestor) is scrolled."""
    return page.evaluate(SCROLL_TOP)


def status_says(page: Page, text: str) -> None:
    widget = hub_locator(page)
    expect(widget.locator(tid("edit-error"))).to_be_hidden()
    expect(widget.locator(tid("edit-status"))).to_contain_text(text, timeout=EDIT_TIMEOUT)


def test_add_a_note_to_another_section_from_the_card_menu(lab, page):
    _server, copy, _original = lab
    hub = hubwidgets.load(copy, cache=False).hub(HUB)
    first, second = hub.sections[0], hub.sections[1]
    note = first.notes[0].id
    widget = hub_locator(page)
    card = section(page, first.title).locator(f"{tid('note-card')}[data-note-id='{note}']")
    opener = card.locator(tid("add-to-hub"))
    opener.click()
    menu = widget.locator(tid("add-menu"))
    expect(menu).to_be_visible()
    # Keyboard: the menu opened with focus on its first item; walk down to the second section.
    target = menu.locator(f"{tid('add-target')}[data-hub='{HUB}'][data-section='{second.title}']")
    for _ in range(10):
        if target.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(menu).to_have_count(0)
    status_says(page, second.title)
    expect(section(page, second.title).locator(f"{tid('note-card')}[data-note-id='{note}']")).to_have_count(1)
    assert opener.evaluate("b => b === document.activeElement"), "focus went back to Add to hub…"
    fresh = hubwidgets.load(copy, cache=False).hub(HUB)
    assert [n.id for n in fresh.sections[1].notes] == [n.id for n in second.notes] + [note]


def test_move_a_note_down_its_section(lab, page):
    _server, copy, _original = lab
    sec = hubwidgets.load(copy, cache=False).hub(HUB).sections[1]
    ids = [n.id for n in sec.notes]
    block = section(page, sec.title)
    button = block.locator(f"{tid('note-card')}[data-note-id='{ids[0]}'] {tid('move-down')}")
    button.scroll_into_view_if_needed()
    before = scroll_top(page)
    button.click()
    expected = [ids[1], ids[0], *ids[2:]]
    first_card = block.locator(tid("note-card")).first
    expect(first_card).to_have_attribute("data-note-id", ids[1], timeout=EDIT_TIMEOUT)
    assert card_ids(block) == expected
    assert abs(scroll_top(page) - before) < 5, "the notebook keeps its scroll position"
    focused = page.evaluate("() => [document.activeElement.dataset.testid,"
                            " document.activeElement.closest('[data-note-id]').dataset.noteId]")
    assert focused == ["move-down", ids[0]], "focus stays on the moved note's button"
    assert [n.id for n in hubwidgets.load(copy, cache=False).hub(HUB).sections[1].notes] == expected


def test_save_a_search_as_a_section(lab, page):
    _server, copy, _original = lab
    cat = hubwidgets.load(copy, cache=False)
    in_hub = {n.id for n in cat.hub(HUB).notes}
    expected = [nid for nid in cat.search_ids("reward") if nid in in_hub]
    assert expected
    search(page, "reward")
    widget = hub_locator(page)
    widget.locator(tid("save-search")).click()
    title = widget.locator(tid("save-search-title"))
    expect(title).to_have_value("reward")
    title.fill("Saved: rewards")
    title.press("Enter")
    status_says(page, "Saved: rewards")
    block = section(page, "Saved: rewards")
    expect(block.locator(tid("note-card"))).to_have_count(len(expected), timeout=EDIT_TIMEOUT)
    assert card_ids(block) == expected
    assert widget.locator(tid("search")).input_value() == "reward"  # the query stays
    fresh = hubwidgets.load(copy, cache=False).hub(HUB)
    assert fresh.sections[-1].title == "Saved: rewards"
    assert [n.id for n in fresh.sections[-1].notes] == expected
    widget.locator(tid("search")).fill("")


def test_edit_tags_in_the_reader(lab, page):
    _server, copy, _original = lab
    note = hubwidgets.load(copy, cache=False).hub(HUB).sections[2].notes[0]
    widget = hub_locator(page)
    widget.locator(f"{tid('note-card')}[data-note-id='{note.id}'] {tid('read')}").first.click()
    reader = widget.locator(tid("reader"))
    expect(reader).to_have_attribute("data-note-id", note.id)
    reader.locator(tid("edit-tags")).click()
    box = widget.locator(tid("tags-input"))
    expect(box).to_have_value(", ".join(note.tags))
    box.fill("rl, exploration")
    box.press("Enter")
    expect(reader.locator(".hw-tag")).to_have_text(["rl", "exploration"], timeout=EDIT_TIMEOUT)
    assert list(hubwidgets.load(copy, cache=False).get(note.id).tags) == ["rl", "exploration"]
    assert reader.locator(tid("edit-tags")).evaluate("b => b === document.activeElement")
    widget.locator(tid("reader-close")).click()
    expect(reader).to_have_count(0)


def test_drag_a_card_onto_another_section(lab, page):
    _server, copy, _original = lab
    hub = hubwidgets.load(copy, cache=False).hub(HUB)
    source, target = hub.sections[3], hub.sections[4]
    note = source.notes[0].id
    card = section(page, source.title).locator(f"{tid('note-card')}[data-note-id='{note}']")
    heading = section(page, target.title).locator(tid("section-toggle"))
    heading.scroll_into_view_if_needed()
    card.scroll_into_view_if_needed()  # both on screen: a drag cannot scroll the notebook on its way
    start, end = card.bounding_box(), heading.bounding_box()
    assert start and end and abs(end["y"] - start["y"]) < 900
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + 20)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()
    moved = section(page, target.title).locator(f"{tid('note-card')}[data-note-id='{note}']")
    expect(moved).to_have_count(1, timeout=EDIT_TIMEOUT)
    expect(section(page, source.title).locator(f"{tid('note-card')}[data-note-id='{note}']")).to_have_count(0)
    fresh = hubwidgets.load(copy, cache=False).hub(HUB)
    assert [n.id for n in fresh.sections[4].notes] == [n.id for n in target.notes] + [note]
    assert note not in [n.id for n in fresh.sections[3].notes]


def test_an_edit_and_an_undo_from_python_show_in_the_open_widget(lab, page):
    widget = hub_locator(page)
    run_cell(page, 2)
    expect(section(page, "Added from Python")).to_have_count(1, timeout=EDIT_TIMEOUT)
    expect(widget.locator(tid("undo"))).to_have_attribute("aria-disabled", "false")
    run_cell(page, 3)
    expect(section(page, "Added from Python")).to_have_count(0, timeout=EDIT_TIMEOUT)


def test_undo_everything_gives_the_original_bytes_back(lab, page):
    _server, copy, original = lab
    assert snapshot(copy) != original
    widget = hub_locator(page)
    undo = widget.locator(tid("undo"))
    # Ctrl+Z from a card (not from a text field) undoes too.
    widget.locator(tid("read")).first.focus()
    before = snapshot(copy)
    page.keyboard.press("Control+z")
    deadline_checks = 0
    while snapshot(copy) == before and deadline_checks < 100:
        page.wait_for_timeout(100)
        deadline_checks += 1
    assert snapshot(copy) != before, "Ctrl+Z in the widget undid the last edit"
    for _ in range(200):
        if undo.get_attribute("aria-disabled") == "true":
            break
        status = widget.locator(tid("edit-status"))
        undo.click()
        expect(status).to_have_text("Undone.", timeout=EDIT_TIMEOUT)
        status.evaluate("s => { s.textContent = '' }")
    expect(undo).to_have_attribute("aria-disabled", "true", timeout=EDIT_TIMEOUT)
    assert snapshot(copy) == original
    titles = widget.locator(f"{tid('section')} .hw-section-title").all_inner_texts()
    assert titles == [s.title for s in hubwidgets.load(copy, cache=False).hub(HUB).sections]


def test_a_note_file_edited_on_disk_shows_live(lab, page):
    _server, copy, original = lab
    note = hubwidgets.load(copy, cache=False).hub(HUB).sections[0].notes[0]
    path = copy / "notes" / f"{note.id}.md"
    text = path.read_text(encoding="utf-8")
    assert f"title: {note.title}" in text or note.title in text
    new_title = "Edited in another editor, does it show live?"  # (": " would break the YAML)
    path.write_text(text.replace(note.title, new_title, 1), encoding="utf-8")
    card = hub_locator(page).locator(f"{tid('note-card')}[data-note-id='{note.id}'] {tid('note-title')}")
    card = card.first
    expect(card).to_have_text(new_title, timeout=5_000)
    path.write_bytes(original[f"notes/{note.id}.md"])
    expect(card).to_have_text(note.title, timeout=5_000)


PLAN = {"Week 1": 4, "Week 2": 3, "Week 3": 3}  # the done-when: 10 notes in 3 sections


@pytest.fixture(scope="module")
def index_page(lab, browser, tmp_path_factory) -> Iterator[tuple[Page, Path, dict[str, bytes]]]:
    """A second notebook on its own copy: a new, empty hub and the index of every note."""
    server, _copy, _original = lab
    copy = server.root / "catalog2"
    shutil.copytree(REPO / "data", copy)
    original = snapshot(copy)
    write_notebook(server.root / "build.ipynb", [
        f"import hubwidgets\ncat = hubwidgets.load({str(copy)!r}, cache=False)\n"
        "cat.new_hub('reading-group', title='What should we read next?', description='Ten notes.')\n"
        "cat.show()",
    ])
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    open_notebook(page, server.page_url("build.ipynb") + "?reset")  # not the other tab, restored
    run_all_and_wait(page, f"{tid('hub')} {tid('edit-row')}")
    yield page, copy, original
    page.close()


def test_build_a_hub_of_ten_notes_in_three_sections_from_the_widget(index_page):
    page, copy, original = index_page
    cat = hubwidgets.load(copy, cache=False)
    notes = [n.id for n in cat.hub(HUB).notes][:sum(PLAN.values())]
    widget = hub_locator(page)
    source = widget.locator(f"{tid('section')}[data-key='hub:{HUB}']")
    target = widget.locator(f"{tid('section')}[data-key='hub:reading-group']")
    expected: dict[str, list[str]] = {}
    queue = iter(notes)
    for title, count in PLAN.items():
        for _ in range(count):
            note = next(queue)
            source.locator(f"{tid('note-card')}[data-note-id='{note}'] {tid('add-to-hub')}").click()
            menu = widget.locator(tid("add-menu"))
            if title in expected:
                menu.locator(f"{tid('add-target')}[data-hub='reading-group'][data-section='{title}']").click()
            else:  # a new section, typed into the menu's one-line form
                menu.locator(f"{tid('add-new-section')}[data-hub='reading-group']").click()
                box = widget.locator(tid("new-section-title"))
                box.fill(title)
                box.press("Enter")
            expected.setdefault(title, []).append(note)
            expect(target.locator(tid("note-card"))).to_have_count(sum(map(len, expected.values())),
                                                                   timeout=EDIT_TIMEOUT)
    fresh = hubwidgets.load(copy, cache=False)
    hub = fresh.hub("reading-group")
    assert hub.title == "What should we read next?"
    assert {s.title: [n.id for n in s.notes] for s in hub.sections} == expected
    after = snapshot(copy)
    # Only the new hub's file was written; every note and the bundled hub read back byte for byte.
    assert {k for k in after if after[k] != original.get(k)} == {"hubs/reading-group.yaml"}
    assert fresh.problems.empty or not (fresh.problems["severity"] == "error").any()
    assert card_ids(target) == [nid for ids in expected.values() for nid in ids]


def test_the_html_export_shows_the_hub_without_edit_controls(lab, browser, tmp_path):
    _server, copy, _original = lab
    cat = hubwidgets.load(copy, cache=False)
    out = cat.export_html(HUB, tmp_path / "hub.html")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(out.as_uri())
        expect(page.locator(tid("note-card"))).to_have_count(cat.hub(HUB).n_notes)
        assert page.locator(tid("edit-row")).count() == 0
        expect(page.locator(tid("edit-bar"))).to_be_hidden()
        for name in ("add-to-hub", "move-up", "remove-from-section", "edit-tags", "save-search", "undo"):
            assert page.locator(f"{tid(name)}:visible").count() == 0, name
        assert errors == []
    finally:
        page.close()


NEW_HUB_TITLE = "What should we read next?"


@pytest.fixture(scope="module")
def fresh_index(lab, browser) -> Iterator[tuple[Page, Path, dict[str, bytes]]]:
    """A third notebook on its own copy, watched: the index of every note and nothing made yet."""
    server, _copy, _original = lab
    copy = server.root / "catalog3"
    shutil.copytree(REPO / "data", copy)
    original = snapshot(copy)
    dump = server.root / "kernel-says.json"
    write_notebook(server.root / "newhub.ipynb", [
        f"import hubwidgets\ncat = hubwidgets.load({str(copy)!r}, cache=False)\ncat.watch()\ncat.show()",
        "import json\nhub = cat.hub(cat.hub_ids[-1])\n"
        "said = {'hub': [hub.id, hub.title, hub.description,\n"
        "                [[s.title, [n.id for n in s.notes]] for s in hub.sections]],\n"
        "        'memberships': json.loads(cat.memberships.to_json(orient='records')),\n"
        "        'notes': json.loads(cat.notes[['id', 'title', 'summary']].to_json(orient='records'))}\n"
        f"open({str(dump)!r}, 'w').write(json.dumps(said))\nprint('dumped', len(said['memberships']))",
    ])
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    open_notebook(page, server.page_url("newhub.ipynb") + "?reset")
    run_all_and_wait(page, f"{tid('hub')} {tid('edit-row')}")
    yield page, copy, original
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "new-hub-lab.png"))
    page.close()


def test_new_hub_from_the_widget_alone_ten_notes_three_sections_live_and_exact(fresh_index):
    """Issue 13's done-when from the widget: "New hub…" on a card of the index, nine more notes
    through the menus, the hub opened from the widget, a member's file edited on disk shows live,
    and every file reads back exactly (the new hub as the kernel's catalog says, the rest as
    before)."""
    page, copy, original = fresh_index
    members = dict.fromkeys(n.id for n in hubwidgets.load(copy, cache=False).hub(HUB).notes)
    notes = list(members)[:sum(PLAN.values())]
    widget = hub_locator(page)
    source = widget.locator(f"{tid('section')}[data-key='hub:{HUB}']")
    assert widget.get_attribute("data-kind") == "index"

    # 1. "New hub…" from the first note's card, keyboard only once the menu is open.
    opener = source.locator(f"{tid('note-card')}[data-note-id='{notes[0]}'] {tid('add-to-hub')}").first
    opener.click()
    menu = widget.locator(tid("add-menu"))
    item = menu.locator(tid("new-hub"))
    page.keyboard.press("End")
    assert item.evaluate("b => b === document.activeElement"), "New hub… is the menu's last item"
    page.keyboard.press("Enter")
    title = widget.locator(tid("new-hub-title"))
    expect(title).to_be_focused()
    widget.locator(tid("new-hub-submit")).click()  # an empty title: one line, nothing sent
    expect(widget.locator(tid("new-hub-error"))).to_have_text("A new hub needs a title.")
    assert snapshot(copy) == original
    page.keyboard.type(NEW_HUB_TITLE)
    expect(widget.locator(tid("new-hub-error"))).to_be_hidden()
    page.keyboard.press("Tab")
    page.keyboard.type("Ten notes for the reading group.")
    section_box = widget.locator(tid("new-hub-section"))
    expect(section_box).to_have_value("Notes")
    section_box.fill("Week 1")
    ARTIFACTS.mkdir(exist_ok=True)
    widget.locator(tid("new-hub-form")).screenshot(path=str(ARTIFACTS / "new-hub-form.png"))
    section_box.press("Enter")
    status_says(page, "Created hub")
    offer = widget.locator(f"{tid('edit-status')} {tid('open-new-hub')}")
    expect(offer).to_be_focused()
    hub_id = offer.get_attribute("data-hub-id")
    assert hub_id == "what-should-we-read-next"
    # The new hub shows at once in the index's hub bar and in every card's Add to hub… menu.
    expect(widget.locator(f"{tid('open-hub')}[data-hub-id='{hub_id}']")).to_have_count(1)
    target = widget.locator(f"{tid('section')}[data-key='hub:{hub_id}']")
    expect(target.locator(tid("note-card"))).to_have_count(1, timeout=EDIT_TIMEOUT)

    # 2. "Open hub" from the success line shows it; "← All notes" comes back.
    page.keyboard.press("Enter")
    expect(widget).to_have_attribute("data-kind", "hub", timeout=EDIT_TIMEOUT)
    expect(widget).to_have_attribute("aria-label", NEW_HUB_TITLE)
    expect(widget.locator(tid("note-card"))).to_have_count(1)
    widget.locator(tid("to-index")).click()
    expect(widget).to_have_attribute("data-kind", "index", timeout=EDIT_TIMEOUT)

    # 3. Nine more notes through the menus: Week 1 chosen, Week 2 and 3 typed as new sections.
    expected: dict[str, list[str]] = {"Week 1": [notes[0]]}
    queue = iter(notes[1:])
    for section_title, count in PLAN.items():
        for _ in range(count - len(expected.get(section_title, []))):
            note = next(queue)
            source.locator(f"{tid('note-card')}[data-note-id='{note}'] {tid('add-to-hub')}").first.click()
            if section_title in expected:
                menu.locator(f"{tid('add-target')}[data-hub='{hub_id}'][data-section='{section_title}']").click()
            else:
                menu.locator(f"{tid('add-new-section')}[data-hub='{hub_id}']").click()
                box = widget.locator(tid("new-section-title"))
                box.fill(section_title)
                box.press("Enter")
            expected.setdefault(section_title, []).append(note)
            expect(target.locator(tid("note-card"))).to_have_count(sum(map(len, expected.values())),
                                                                   timeout=EDIT_TIMEOUT)
    assert sum(map(len, expected.values())) == 10 and len(expected) == 3

    # 4. Open the hub from the index's hub bar; edit a member's file on disk: it shows live.
    widget.locator(f"{tid('open-hub')}[data-hub-id='{hub_id}']").click()
    expect(widget).to_have_attribute("data-kind", "hub", timeout=EDIT_TIMEOUT)
    titles = widget.locator(f"{tid('section')} .hw-section-title")
    expect(titles).to_have_text(list(expected), timeout=EDIT_TIMEOUT)
    assert card_ids(widget) == [nid for ids in expected.values() for nid in ids]
    member = hubwidgets.load(copy, cache=False).get(expected["Week 2"][0])
    path = copy / member.path
    new_title = "Edited in an editor while its hub is open"
    path.write_text(path.read_text(encoding="utf-8").replace(member.title, new_title, 1), encoding="utf-8")
    edited = path.read_bytes()
    card = widget.locator(f"{tid('note-card')}[data-note-id='{member.id}'] {tid('note-title')}").first
    expect(card).to_have_text(new_title, timeout=5_000)

    # 5. Every file reads back exactly: the new hub as the kernel's catalog holds it, the rest as before.
    kernel_line(page, 1, "dumped")
    said = json.loads((copy.parent / "kernel-says.json").read_text(encoding="utf-8"))
    fresh = hubwidgets.load(copy, cache=False)
    hub = fresh.hub(hub_id)
    sections = [[s.title, [n.id for n in s.notes]] for s in hub.sections]
    assert said["hub"] == [hub_id, NEW_HUB_TITLE, "Ten notes for the reading group.", sections]
    assert sections == [[t, ids] for t, ids in expected.items()]
    assert said["memberships"] == json.loads(fresh.memberships.to_json(orient="records"))
    assert said["notes"] == json.loads(fresh.notes[["id", "title", "summary"]].to_json(orient="records"))
    assert fresh.get(member.id).title == new_title
    after = snapshot(copy)
    rel = path.relative_to(copy).as_posix()
    assert {k for k in after if after[k] != original.get(k)} == {f"hubs/{hub_id}.yaml", rel}
    assert after[rel] == edited  # the kernel never wrote over the editor's change
