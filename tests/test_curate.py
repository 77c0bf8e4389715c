"""Curating from Python (issue 13): every edit call, the files it writes, its errors, and that a
refused edit writes nothing; undo gives the files back byte for byte; a file changed on disk is
never overwritten unless forced."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import hubwidgets
from hubwidgets.curate import EditError
from hubwidgets.fsutil import StaleFileError
from hubwidgets.problems import UnknownNameError

NOTES = {f"note-{c}": {"title": f"Note {c.upper()}", "summary": f"About {c}.", "body": f"Body {c}.\n"}
         for c in "abcdef"}
HUB_YAML = """\
# A hub written by hand: comments, an unknown key and quoting must survive edits.
id: topic
title: "A topic"   # the page title
owner: ana
sections:
- title: First
  notes:
  - note-a
  - note-b
- title: 'Second'
  # the notes of the second section
  notes:
  - note-c
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def folder(make_catalog) -> Path:
    return make_catalog(NOTES, raw={"hubs/topic.yaml": HUB_YAML})


@pytest.fixture
def cat(folder):
    return hubwidgets.load(folder, cache=False)


def sections(cat, hub_id: str) -> list[tuple[str, list[str]]]:
    return [(s.title, [n.id for n in s.notes]) for s in cat.hub(hub_id).sections]


def test_new_hub_writes_its_file_and_returns_a_hub(cat, folder):
    h = cat.new_hub("reading-group", title="What should we read next?", description="Weekly picks.")
    text = (folder / "hubs" / "reading-group.yaml").read_text()
    assert "title: What should we read next?" in text and "description: Weekly picks." in text
    assert (h.id, h.title, h.description, h.sections) == ("reading-group", "What should we read next?",
                                                           "Weekly picks.", [])
    assert "reading-group" in cat.hub_ids and "reading-group" in set(cat.hubs["id"])
    assert hubwidgets.load(folder, cache=False).hub("reading-group").title == h.title


def test_hub_edits_in_a_row_on_one_hub_object(cat, folder):
    h = cat.new_hub("reading-group", title="Reading group")
    h.add_section("Week 1")
    h.add("note-a", section="Week 1")
    h.add("note-b", section="Week 1")  # the same object, again
    h.add("note-c", section="Week 1", position=0)
    assert sections(cat, "reading-group") == [("Week 1", ["note-c", "note-a", "note-b"])]
    h.move("note-a", section="Week 2", position=0)  # creates Week 2
    h.add("note-d", section="Week 2", position=0)
    assert sections(cat, "reading-group") == [("Week 1", ["note-c", "note-b"]),
                                              ("Week 2", ["note-d", "note-a"])]
    assert [(s.title, [n.id for n in s.notes]) for s in h.sections] == sections(cat, "reading-group")
    h.remove("note-b")
    h.rename_section("Week 1", "Week one")
    h.add_section("Week 0", position=0)
    assert sections(cat, "reading-group") == [("Week 0", []), ("Week one", ["note-c"]),
                                              ("Week 2", ["note-d", "note-a"])]
    h.remove_section("Week 2")
    assert sections(cat, "reading-group") == [("Week 0", []), ("Week one", ["note-c"])]
    assert "note-b" in cat and "note-a" in cat  # removing from a hub keeps the notes
    fresh = hubwidgets.load(folder, cache=False)
    assert sections(fresh, "reading-group") == sections(cat, "reading-group")
    rows = cat.memberships[cat.memberships["hub"] == "reading-group"]
    assert list(rows["note"]) == ["note-c"]
    assert list(cat.sections[cat.sections["hub"] == "reading-group"]["title"]) == ["Week 0", "Week one"]


def test_a_hand_written_hub_keeps_every_byte_it_did_not_mean_to_change(cat, folder):
    h = cat.hub("topic")
    h.add("note-d", section="Second")
    text = (folder / "hubs" / "topic.yaml").read_text()
    assert text == HUB_YAML.replace("  - note-c\n", "  - note-c\n  - note-d\n")
    h.move("note-a", section="Second", position=0)
    h.rename_section("First", "Opening")
    text = (folder / "hubs" / "topic.yaml").read_text()
    assert text.startswith('# A hub written by hand') and 'title: "A topic"   # the page title' in text
    assert "owner: ana" in text and "  # the notes of the second section\n" in text
    assert sections(cat, "topic") == [("Opening", ["note-b"]), ("Second", ["note-a", "note-c", "note-d"])]
    assert sections(hubwidgets.load(folder, cache=False), "topic") == sections(cat, "topic")


def test_add_of_a_note_already_there(cat, folder):
    h = cat.hub("topic")
    before = snapshot(folder)
    h.add("note-a", section="First")  # already there, no position: nothing to do
    assert snapshot(folder) == before and len(cat.history) == 0
    h.add("note-a", section="First", position=1)  # there: it moves
    assert sections(cat, "topic")[0] == ("First", ["note-b", "note-a"])


def test_new_note_and_update_note(cat, folder):
    n = cat.new_note(title="Does RL narrow exploration?", summary="Maybe.", body="Text *here*.",
                     tags=["rl"])
    assert n.id == "does-rl-narrow-exploration"
    path = folder / "notes" / "does-rl-narrow-exploration.md"
    assert path.read_text().startswith("---\nid: does-rl-narrow-exploration\ntitle: Does RL")
    assert cat.get(n.id).tags == ["rl"] and n.id in set(cat.notes["id"])
    assert list(cat.search("exploration")["id"]) == [n.id]
    before = path.read_text()
    m = cat.update_note(n.id, tags=["rl", "exploration"], summary="Yes, it does.")
    assert (m.tags, m.summary, m.body) == (["rl", "exploration"], "Yes, it does.", "Text *here*.")
    assert path.read_text() == before.replace("summary: Maybe.", "summary: Yes, it does.").replace(
        "- rl\n", "- rl\n- exploration\n")
    cat.update_note(n.id, body="New body.", title="Does RL narrow it?")
    fresh = hubwidgets.load(folder, cache=False).get(n.id)
    assert (fresh.title, fresh.body, fresh.tags) == ("Does RL narrow it?", "New body.", ["rl", "exploration"])
    assert list(cat.search("narrow")["id"]) == [n.id]
    assert cat.notes.set_index("id").loc[n.id, "title"] == "Does RL narrow it?"


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda c: c.new_hub("Not A Slug", title="x"), EditError, "not a slug"),
    (lambda c: c.new_hub("ok", title="  "), EditError, "non-empty"),
    (lambda c: c.new_hub("topic", title="x"), EditError, "exists already"),
    (lambda c: c.new_note(title=""), EditError, "non-empty"),
    (lambda c: c.new_note(title="Note A", id="note-a"), EditError, "exists already"),
    (lambda c: c.new_note(title="x", id="Bad id"), EditError, "not a slug"),
    (lambda c: c.new_note(title="x", tags="rl"), EditError, "tags"),
    (lambda c: c.update_note("note-x"), UnknownNameError, "Did you mean"),
    (lambda c: c.update_note("note-a", title=""), EditError, "non-empty"),
    (lambda c: c.hub("topic").add("note-zz", section="First"), UnknownNameError, "Did you mean"),
    (lambda c: c.hub("topic").add("note-d"), EditError, "name a section"),
    (lambda c: c.hub("topic").add("note-d", section="First", position=-1), EditError, "position"),
    (lambda c: c.hub("topic").remove("note-d"), UnknownNameError, "not in hub"),
    (lambda c: c.hub("topic").remove("note-a", section="Second"), UnknownNameError, "not in section"),
    (lambda c: c.hub("topic").remove("note-a", section="Frist"), UnknownNameError, "Did you mean 'First'"),
    (lambda c: c.hub("topic").move("note-d", section="First"), UnknownNameError, "not in hub"),
    (lambda c: c.hub("topic").rename_section("Nope", "x"), UnknownNameError, "no section"),
    (lambda c: c.hub("topic").rename_section("First", "Second"), EditError, "already"),
    (lambda c: c.hub("topic").rename_section("First", ""), EditError, "non-empty"),
    (lambda c: c.hub("topic").remove_section("Nope"), UnknownNameError, "no section"),
    (lambda c: c.hub("topic").add_section("First"), EditError, "already"),
    (lambda c: c.undo(), EditError, "nothing to undo"),
    (lambda c: c.new_note(title="a\x00b"), EditError, "control characters"),
    (lambda c: c.hub("topic").add_section("two\nlines"), EditError, "one line"),
    (lambda c: c.update_note("note-a", body="nul \x00 inside"), EditError, "NUL"),
])
def test_bad_arguments_raise_and_write_nothing(cat, folder, call, error, words):
    before = snapshot(folder)
    with pytest.raises(error, match=words):
        call(cat)
    assert snapshot(folder) == before
    assert len(cat.history) == 0


def test_undo_restores_every_file_byte_for_byte(cat, folder):
    before = snapshot(folder)
    h = cat.new_hub("rg", title="RG")
    h.add("note-a", section="One")
    cat.hub("topic").move("note-b", section="Second", position=0)
    n = cat.new_note(title="Fresh", body="x")
    cat.update_note("note-c", tags=["t"], body="Changed.")
    assert [e.description.split(" ")[0] for e in cat.history] == ["new", "add", "move", "new", "update"]
    undone = cat.undo()
    assert undone.description == "update note 'note-c'"
    assert cat.get("note-c").body == "Body c." and cat.get("note-c").tags == []
    cat.undo()
    assert n.id not in cat and not (folder / "notes" / "fresh.md").exists()
    while len(cat.history):
        cat.undo()
    assert snapshot(folder) == before
    assert "rg" not in cat.hub_ids and sections(cat, "topic") == [("First", ["note-a", "note-b"]),
                                                                   ("Second", ["note-c"])]


def test_a_file_changed_on_disk_is_not_overwritten(cat, folder):
    hub_file = folder / "hubs" / "topic.yaml"
    time.sleep(0.01)
    hub_file.write_text(HUB_YAML + "# edited in an editor\n")
    with pytest.raises(StaleFileError, match=r"topic\.yaml"):
        cat.hub("topic").add("note-d", section="First")
    assert hub_file.read_text().endswith("# edited in an editor\n")
    cat.reload()
    cat.hub("topic").add("note-d", section="First")
    assert hub_file.read_text().endswith("# edited in an editor\n")
    assert "  - note-d\n" in hub_file.read_text()


def test_force_overwrites_and_undo_refuses_after_a_change_on_disk(cat, folder):
    note = folder / "notes" / "note-a.md"
    cat.update_note("note-a", tags=["x"])
    time.sleep(0.01)
    note.write_text(note.read_text() + "More.\n")
    with pytest.raises(StaleFileError, match=r"note-a\.md"):
        cat.undo()
    with pytest.raises(StaleFileError):
        cat.update_note("note-a", tags=["y"])
    cat.update_note("note-a", tags=["y"], force=True)
    assert "More." in note.read_text() and cat.get("note-a").tags == ["y"]


def test_subscribers_hear_every_edit_undo_and_reload(cat, folder):
    heard = []
    unsubscribe = cat.subscribe(heard.append)
    cat.update_note("note-a", tags=["t"])
    cat.hub("topic").add("note-d", section="First")
    cat.undo()
    (folder / "notes" / "note-z.md").write_text("---\nid: note-z\ntitle: Z\n---\n")
    cat.reload()
    assert [(c.notes, c.removed, c.hubs) for c in heard] == [
        (["note-a"], [], []), ([], [], ["topic"]), ([], [], ["topic"]), (["note-z"], [], [])]
    unsubscribe()
    cat.update_note("note-a", tags=[])
    assert len(heard) == 4


def test_the_bundled_catalog_edits_without_touching_other_bytes(tmp_path):
    import shutil

    from hubwidgets.datadir import bundled_data_dir

    root = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), root)
    before = snapshot(root)
    cat = hubwidgets.load(root, cache=False)
    first = cat.hub("domain-training").sections[0]
    nid = first.notes[0].id
    cat.hub("domain-training").move(nid, section=cat.hub("domain-training").sections[1].title)
    cat.update_note(nid, tags=["moved"])
    after = snapshot(root)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"hubs/domain-training.yaml", f"notes/{nid}.md"}
    old, new = before[f"notes/{nid}.md"].decode(), after[f"notes/{nid}.md"].decode()
    assert new.replace("tags:\n- moved\n", "") == old
    while len(cat.history):
        cat.undo()
    assert snapshot(root) == before


def test_the_bundled_catalog_itself_is_not_edited():
    cat = hubwidgets.load()
    before = snapshot(cat.root)
    with pytest.raises(hubwidgets.EditError, match="bundled"):
        cat.update_note(cat.note_ids[0], tags=["x"])
    with pytest.raises(hubwidgets.EditError, match="bundled"):
        cat.new_hub("mine", title="Mine")
    assert snapshot(cat.root) == before and len(cat.history) == 0


def test_the_errors_and_the_change_are_public_names():
    assert issubclass(hubwidgets.StaleFileError, RuntimeError)
    assert issubclass(hubwidgets.EditError, ValueError)
    assert not hubwidgets.CatalogChange() and hubwidgets.CatalogChange(notes=["a"])


def test_a_note_whose_id_was_told_apart_from_a_duplicate_is_edited(make_catalog):
    root = make_catalog(raw={"notes/x.md": "---\nid: dup\ntitle: X\n---\n",
                             "notes/y.md": "---\nid: dup\ntitle: Y\n---\n"})
    cat = hubwidgets.load(root, cache=False)
    assert cat.get("dup-2").path == "notes/y.md"
    cat.update_note("dup-2", tags=["second"])
    assert (root / "notes" / "y.md").read_text() == "---\nid: dup\ntitle: Y\ntags:\n- second\n---\n"
    assert cat.get("dup-2").tags == ["second"] and cat.get("dup").tags == []
    assert hubwidgets.load(root, cache=False).get("dup-2").tags == ["second"]


def test_entries_the_hub_reader_skips_stay_in_the_file(make_catalog):
    root = make_catalog(NOTES, raw={"hubs/odd.yaml": (
        "title: Odd\nsections:\n- title: S\n  notes:\n  - note-a\n  - Not An Id\n  - note-a\n  - note-b\n")})
    cat = hubwidgets.load(root, cache=False)
    h = cat.hub("odd")
    h.add("note-c", section="S", position=1)
    h.remove("note-a")
    assert (root / "hubs" / "odd.yaml").read_text() == (
        "title: Odd\nsections:\n- title: S\n  notes:\n  - Not An Id\n  - note-c\n  - note-b\n")
    assert sections(cat, "odd") == [("S", ["note-c", "note-b"])]


def test_a_list_of_notes_is_added_as_one_edit(cat, folder):
    before = snapshot(folder)
    h = cat.hub("topic")
    h.add(["note-d", "note-e", "note-a"], section="Saved search")  # a new section, in order
    assert sections(cat, "topic")[-1] == ("Saved search", ["note-d", "note-e", "note-a"])
    h.add(["note-f", "note-b"], section="First", position=0)  # note-b is there: it moves
    assert sections(cat, "topic")[0] == ("First", ["note-f", "note-b", "note-a"])
    assert [e.description for e in cat.history] == ["add 3 notes (hub 'topic')", "add 2 notes (hub 'topic')"]
    with pytest.raises(UnknownNameError, match="note-zz"):
        h.add(["note-c", "note-zz"], section="First")
    cat.undo()
    cat.undo()
    assert snapshot(folder) == before


def test_the_bundled_catalog_is_read_only_and_says_how_to_edit_a_copy():
    cat = hubwidgets.load()
    assert cat.read_only is True
    with pytest.raises(hubwidgets.EditError, match=r"copy_to\("):
        cat.hub(cat.hub_ids[0]).add_section("Mine")
    assert hubwidgets.load(cat.root).read_only is True  # the same folder named by its path


def test_copy_to_gives_an_editable_copy_with_the_same_files(tmp_path):
    bundled = hubwidgets.load()
    mine = bundled.copy_to(tmp_path / "mine")
    assert mine.read_only is False and mine.root == tmp_path / "mine"
    assert snapshot(mine.root) == {k: v for k, v in snapshot(bundled.root).items()
                                   if "__pycache__" not in k}
    assert mine.note_ids == bundled.note_ids and mine.hub_ids == bundled.hub_ids
    before = snapshot(bundled.root)
    mine.new_hub("mine", title="Mine", sections=["Notes"]).add(mine.note_ids[0], section="Notes")
    assert (mine.root / "hubs" / "mine.yaml").is_file() and snapshot(bundled.root) == before
    with pytest.raises(EditError, match="exists already"):
        bundled.copy_to(tmp_path / "mine")
