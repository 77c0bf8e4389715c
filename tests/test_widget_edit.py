"""Editing from the widget (widgets/edits.py, widgets/hub.py): the page's ``edit`` messages applied
to a copy of the bundled catalog, and the widget following edits made from Python and undone.

Every test edits a copy of ``data/`` in ``tmp_path``; the repository's data is never written.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from hubwidgets import load
from hubwidgets.widgets import HubWidget
from hubwidgets.widgets.edits import clean_tags, editing_trait

REPO = Path(__file__).resolve().parent.parent
HUB = "domain-training"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a catalog folder, as bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    return root


@pytest.fixture
def cat(copy: Path):
    return load(copy, cache=False)


def edit(widget: HubWidget, sent: list[dict], **message) -> dict:
    """Deliver an edit message as the page would; return the widget's answer."""
    request = f"r{len(sent)}"
    data = {"method": "custom", "content": {"type": "edit", "request": request, **message}}
    widget._handle_msg({"content": {"data": data}, "buffers": []})
    answers = [m for m in sent if m.get("request") == request]
    assert len(answers) == 1, sent
    return answers[0]


@pytest.fixture
def shown(cat, monkeypatch):
    """The bundled hub shown from the copy, with what it sends to the page recorded."""
    w = cat.show(HUB)
    sent: list[dict] = []
    monkeypatch.setattr(w, "send", lambda content, buffers=None: sent.append(content))
    return w, sent


def section_ids(widget: HubWidget, title: str) -> list[str]:
    """The note ids a section of the widget's state lists, in order."""
    rows = widget.state["notes"]
    sec = next(s for s in widget.state["sections"] if s["title"] == title)
    return [rows[p]["id"] for p in sec["notes"]]


def titles(widget: HubWidget) -> list[str]:
    return [s["title"] for s in widget.state["sections"]]


def test_the_widget_offers_editing_with_every_hub_and_section(cat):
    w = cat.show(HUB)
    ed = w.editing
    assert ed["enabled"] is True and ed["undo"] is False
    assert [h["id"] for h in ed["hubs"]] == cat.hub_ids
    assert ed["hubs"][0]["sections"] == [s.title for s in cat.hub(HUB).sections]


def test_add_to_a_new_section_writes_the_hub_file_and_the_view_follows(cat, copy, shown):
    w, sent = shown
    note = cat.hub(HUB).sections[0].notes[0].id
    before = snapshot(copy)
    answer = edit(w, sent, op="add", note=note, section="Reading group")
    assert answer["ok"] is True, answer
    assert "Reading group" in answer["message"]
    assert titles(w)[-1] == "Reading group" and section_ids(w, "Reading group") == [note]
    assert w.state["sections"][-1]["key"] in w.expanded  # a new section opens
    changed = {k for k, v in snapshot(copy).items() if before.get(k) != v}
    assert changed == {f"hubs/{HUB}.yaml"}
    fresh = load(copy, cache=False).hub(HUB)  # the file reads back as the view shows it
    assert [n.id for n in fresh.sections[-1].notes] == [note]
    assert w.editing["undo"] is True
    again = edit(w, sent, op="add", note=note, section="Reading group")
    assert again["ok"] and "already" in again["message"]
    assert section_ids(w, "Reading group") == [note]


def test_move_up_and_to_another_section(cat, shown):
    w, sent = shown
    first = cat.hub(HUB).sections[1]
    a, b = (n.id for n in first.notes[:2])
    assert edit(w, sent, op="move", note=b, section=first.title, position=0, **{"from": first.title})["ok"]
    assert section_ids(w, first.title)[:2] == [b, a]
    target = cat.hub(HUB).sections[0].title
    answer = edit(w, sent, op="move", note=a, section=target, position=0)
    assert answer["ok"], answer
    assert section_ids(w, target)[0] == a
    assert a not in section_ids(w, first.title)


def test_moves_of_a_note_listed_in_two_sections_keep_its_other_section(cat, shown):
    w, sent = shown
    hub = cat.hub(HUB)
    one, two, three = (s.title for s in hub.sections[:3])
    note = hub.sections[0].notes[0].id
    assert edit(w, sent, op="add", note=note, section=two)["ok"]  # now in one and two
    last = len(section_ids(w, two)) - 1
    assert edit(w, sent, op="move", note=note, section=two, position=0, **{"from": two})["ok"]
    assert section_ids(w, two)[0] == note and note in section_ids(w, one)
    assert len(section_ids(w, two)) == last + 1
    assert edit(w, sent, op="move", note=note, section=three, position=1, **{"from": one})["ok"]
    assert note not in section_ids(w, one)
    assert section_ids(w, two)[0] == note and section_ids(w, three)[1] == note
    answer = edit(w, sent, op="undo")  # one undo takes back the remove-and-add of that move
    assert answer["ok"] and note in section_ids(w, one) and note not in section_ids(w, three)


def test_remove_from_section_keeps_the_note(cat, copy, shown):
    w, sent = shown
    sec = cat.hub(HUB).sections[0]
    note = sec.notes[0].id
    assert edit(w, sent, op="remove", note=note, section=sec.title)["ok"]
    assert note not in section_ids(w, sec.title)
    assert (copy / "notes" / f"{note}.md").exists()
    assert note in cat


def test_tags_and_add_section(cat, copy, shown):
    w, sent = shown
    note = cat.hub(HUB).notes[0].id
    answer = edit(w, sent, op="tags", note=note, tags=[" rl ", "exploration", "rl", ""])
    assert answer["ok"], answer
    assert list(cat.get(note).tags) == ["rl", "exploration"]
    assert list(load(copy, cache=False).get(note).tags) == ["rl", "exploration"]
    row = next(r for r in w.state["notes"] if r["id"] == note)
    assert row["tags"] == ["rl", "exploration"]
    assert edit(w, sent, op="add-section", title="Planned")["ok"]
    assert titles(w)[-1] == "Planned"


def test_save_search_as_section_holds_what_the_query_shows(cat, shown):
    w, sent = shown
    w.query = "reward"
    expected = list(w.search_hits["ids"])
    assert expected, "the bundled hub has notes about rewards"
    answer = edit(w, sent, op="save-search", query="reward", title="About rewards")
    assert answer["ok"], answer
    assert section_ids(w, "About rewards") == expected
    assert w.query == "reward"  # the query stays


def test_one_undo_takes_back_a_whole_saved_search(cat, copy, shown):
    w, sent = shown
    before = snapshot(copy)
    assert edit(w, sent, op="save-search", query="reward", title="About rewards")["ok"]
    answer = edit(w, sent, op="undo")
    assert answer["ok"], answer
    assert "About rewards" not in titles(w)
    assert snapshot(copy) == before
    assert w.editing["undo"] is False  # the saved search was one edit


def test_undo_from_the_page_gives_the_original_bytes_back(cat, copy, shown):
    w, sent = shown
    before = snapshot(copy)
    hub = cat.hub(HUB)
    note = hub.sections[0].notes[0].id
    for message in ({"op": "add", "note": note, "section": "Week 1"},
                    {"op": "move", "note": hub.sections[1].notes[1].id, "section": hub.sections[1].title,
                     "position": 0},
                    {"op": "tags", "note": note, "tags": ["x"]},
                    {"op": "save-search", "query": "reward", "title": "Rewards"}):
        assert edit(w, sent, **message)["ok"], message
    assert snapshot(copy) != before
    for _ in range(100):
        if not w.editing["undo"]:
            break
        assert edit(w, sent, op="undo")["ok"]
    assert snapshot(copy) == before
    assert titles(w) == [s.title for s in load(copy, cache=False).hub(HUB).sections]
    answer = edit(w, sent, op="undo")
    assert answer["ok"] is False and "nothing to undo" in answer["error"].lower()


def test_errors_come_back_as_one_line_and_write_nothing(cat, copy, shown):
    w, sent = shown
    before = snapshot(copy)
    section = cat.hub(HUB).sections[0].title
    for message, word in (({"op": "add", "note": "no-such-note", "section": section}, "no-such-note"),
                          ({"op": "move", "note": cat.hub(HUB).notes[0].id, "section": ""}, "section"),
                          ({"op": "explode"}, "explode"),
                          ({"op": "tags", "note": cat.hub(HUB).notes[0].id, "tags": "a"}, ""),
                          ({"op": "save-search", "query": "zzzzqqqq-nothing"}, "zzzzqqqq")):
        answer = edit(w, sent, **message)
        if message["op"] == "tags":  # a string of tags is read as a comma-separated line
            assert answer["ok"], answer
            before = snapshot(copy)
            continue
        assert answer["ok"] is False, message
        assert "\n" not in answer["error"] and word in answer["error"]
        assert snapshot(copy) == before, message


def test_a_stale_file_is_refused_with_its_name(cat, copy, shown):
    w, sent = shown
    hub_file = copy / "hubs" / f"{HUB}.yaml"
    hub_file.write_bytes(hub_file.read_bytes() + b"# edited elsewhere\n")
    edited = hub_file.read_bytes()
    answer = edit(w, sent, op="add-section", title="Late")
    assert answer["ok"] is False
    assert f"{HUB}.yaml" in answer["error"]
    assert hub_file.read_bytes() == edited


def test_a_python_edit_shows_in_the_open_widget_keeping_query_view_and_reader(cat):
    w = cat.show(HUB, view="grid", query="reward")
    hub = cat.hub(HUB)
    reading = hub.notes[3].id
    w.open_note(reading)
    closed = w.state["sections"][0]["key"]
    w.expanded = [k for k in w.expanded if k != closed]
    revision = w.revision
    hub.add(hub.notes[0].id, section="Week 1", position=None)
    assert titles(w)[-1] == "Week 1"
    assert (w.view, w.query, w.selected, w.reading) == ("grid", "reward", reading, True)
    assert w.state["sections"][0]["key"] not in w.expanded  # a closed section stays closed
    assert w.revision > revision
    assert w.editing["undo"] is True
    cat.undo()
    assert "Week 1" not in titles(w)
    assert w.editing["undo"] is False


def test_two_widgets_of_one_catalog_both_follow_an_edit(cat, shown):
    w, sent = shown
    other = cat.show(HUB)
    assert edit(w, sent, op="add-section", title="Shared")["ok"]
    assert titles(other)[-1] == "Shared"


def test_a_closed_or_dropped_widget_stops_following_its_catalog(cat):
    w = cat.show(HUB)
    w.close()
    cat.hub(HUB).add_section("After close")
    assert "After close" not in titles(w)
    dropped = cat.show(HUB)
    dropped.close()  # ipywidgets keeps open widgets in a registry; closed ones are free to go
    del dropped
    gc.collect()
    cat.hub(HUB).add_section("After drop")  # no callback to a dead widget, no error
    assert "After drop" in [s.title for s in cat.hub(HUB).sections]


def test_the_index_view_offers_add_to_hub(cat):
    w = cat.show()
    assert w.state["kind"] == "index" and w.editing["enabled"] is True


def test_editing_is_not_offered_without_the_editing_api(bundled):
    class ReadOnly:
        hub_ids = bundled.hub_ids

    assert editing_trait(ReadOnly(), "hub") == {}  # type: ignore[arg-type]


def test_clean_tags():
    assert clean_tags(["a", " b ", "", "a"]) == ["a", "b"]
    assert clean_tags("a, b,,c") == ["a", "b", "c"]
    with pytest.raises(ValueError):
        clean_tags([1])


def test_the_html_export_has_no_editing_trait(cat):
    from hubwidgets.export import hub_page_data

    assert "editing" not in hub_page_data(cat, HUB)["traits"]


def test_a_hub_deleted_on_disk_keeps_its_last_view_and_says_so(cat, copy):
    w = cat.show(HUB, query="reward")
    shown = w.state
    (copy / "hubs" / f"{HUB}.yaml").unlink()
    cat.reload()
    assert w.state == shown and w.query == "reward"
    assert HUB in w.editing["gone"]


def test_a_note_deleted_on_disk_leaves_the_reader(cat, copy):
    w = cat.show(HUB)
    note = cat.hub(HUB).notes[0]
    w.open_note(note.id)
    (copy / "notes" / f"{note.id}.md").unlink()
    cat.reload()
    assert note.id not in [r["id"] for r in w.state["notes"]]
    assert (w.selected, w.reading) == ("", False)


def test_a_folder_that_cannot_be_written_offers_no_editing(cat, copy, monkeypatch):
    import os

    real = os.access
    refuse = str(copy)
    monkeypatch.setattr(os, "access", lambda path, mode: str(path) != refuse and real(path, mode))
    assert cat.show(HUB).editing == {}


def test_a_view_that_cannot_follow_does_not_break_the_edit(cat, monkeypatch):
    import hubwidgets.widgets.hub as hub_module

    w = cat.show(HUB)
    monkeypatch.setattr(hub_module, "hub_state", lambda *a, **k: 1 / 0)
    cat.hub(HUB).add_section("Still written")  # the edit itself succeeds
    assert "Still written" in [s.title for s in load(cat.root, cache=False).hub(HUB).sections]
    assert "ZeroDivisionError" in w.editing["error"]


def test_new_hub_from_the_page_creates_it_with_the_note_and_every_view_lists_it(cat, copy, shown):
    w, sent = shown
    index = cat.show()
    note = cat.note_ids[3]
    before = snapshot(copy)
    answer = edit(w, sent, op="new-hub", note=note, id=note, title="Reading group: week 1!",
                  description="What we read.", section="Week 1")
    assert answer["ok"] is True and answer["hub"] == "reading-group-week-1", answer
    assert "Reading group: week 1!" in answer["message"]
    changed = {k for k, v in snapshot(copy).items() if before.get(k) != v}
    assert changed == {"hubs/reading-group-week-1.yaml"}
    fresh = load(copy, cache=False).hub("reading-group-week-1")
    assert (fresh.title, fresh.description) == ("Reading group: week 1!", "What we read.")
    assert [(s.title, [n.id for n in s.notes]) for s in fresh.sections] == [("Week 1", [note])]
    for view in (w, index):  # every open view: its hub menus and the index's hub list
        assert {"id": "reading-group-week-1", "title": "Reading group: week 1!"} in view.hub_list
        assert "reading-group-week-1" in [h["id"] for h in view.editing["hubs"]]
    assert w.hub_id == HUB  # the view stays; the page offers to open the new hub
    undone = edit(w, sent, op="undo")  # one Undo from the page takes back the hub and the note
    assert undone["ok"] and "2 steps" in undone["message"]
    assert snapshot(copy) == before
    assert "reading-group-week-1" not in [h["id"] for h in index.hub_list]


def test_new_hub_ids_are_unique_slugs_and_the_section_defaults_to_notes(cat, copy, shown):
    w, sent = shown
    first = edit(w, sent, op="new-hub", note=cat.note_ids[0], title="Reading group")
    second = edit(w, sent, op="new-hub", note=cat.note_ids[1], title="Reading group!")
    assert (first["hub"], second["hub"]) == ("reading-group", "reading-group-2"), (first, second)
    assert [s.title for s in cat.hub("reading-group-2").sections] == ["Notes"]
    (copy / "hubs" / "on-disk.yaml").write_text("title: Not read yet\nsections: []\n")
    third = edit(w, sent, op="new-hub", note=cat.note_ids[0], title="On disk")
    assert third["hub"] == "on-disk-2"  # a file the catalog has not read yet is not overwritten


def test_new_hub_errors_are_one_line_and_write_nothing(cat, copy, shown):
    w, sent = shown
    before = snapshot(copy)
    taken = cat.hub(HUB).title.upper()
    for message, expect in [({"title": "  "}, "title"),
                            ({"title": taken}, "exists already"),
                            ({"title": "!!!"}, "letters"), ({"title": "Fine", "note": "no-such"}, "no-such")]:
        answer = edit(w, sent, op="new-hub", **{"note": cat.note_ids[0], **message})
        assert answer["ok"] is False and expect in answer["error"], answer
        assert "\n" not in answer["error"]
    assert snapshot(copy) == before and len(cat.history) == 0


def test_the_bundled_catalog_offers_no_editing():
    import hubwidgets

    for cat in (hubwidgets.load(), hubwidgets.hub):
        w = cat.show()
        assert w.editing == {}
        w.close()


def test_hub_list_follows_hubs_made_from_python_and_deleted_on_disk(cat, copy):
    w = cat.show()
    cat.new_hub("from-python", title="From Python")
    assert w.hub_list[-1] == {"id": "from-python", "title": "From Python"}
    (copy / "hubs" / "from-python.yaml").unlink()
    cat.reload()
    assert [h["id"] for h in w.hub_list] == cat.hub_ids and "from-python" not in cat.hub_ids
