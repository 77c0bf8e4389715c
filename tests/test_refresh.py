"""reload(): what changed on disk (edited, added, renamed, deleted, broken) reaches the catalog,
its DataFrames and search; only changed files are read; a broken file is a problem row while the
last good version of its note stays."""

from __future__ import annotations

import time

import pytest

import hubwidgets
from hubwidgets import refresh

from .test_curate import HUB_YAML, NOTES, sections


@pytest.fixture
def folder(make_catalog):
    return make_catalog(NOTES, raw={"hubs/topic.yaml": HUB_YAML})


@pytest.fixture
def cat(folder):
    return hubwidgets.load(folder, cache=False)


def _touch_later() -> None:
    time.sleep(0.01)  # a rewrite gets another modification time than the first write


def test_nothing_changed_nothing_read(cat, monkeypatch):
    read = []
    real = refresh._read
    monkeypatch.setattr(refresh, "_read", lambda *a: read.append(a[1]) or real(*a))
    change = cat.reload()
    assert not change and read == []


def test_an_edited_note_and_only_it_is_read_again(cat, folder, monkeypatch):
    assert list(cat.search("zebra")["id"]) == []
    _touch_later()
    (folder / "notes" / "note-b.md").write_text("---\nid: note-b\ntitle: Zebra B\n---\nStripes.\n")
    read = []
    real = refresh._read
    monkeypatch.setattr(refresh, "_read", lambda *a: read.append(a[1]) or real(*a))
    change = cat.reload()
    assert read == ["notes/note-b.md"]
    assert (change.notes, change.removed, change.hubs, change.problems) == (["note-b"], [], [], [])
    assert cat.get("note-b").title == "Zebra B" and list(cat.search("zebra")["id"]) == ["note-b"]
    assert cat.notes.set_index("id").loc["note-b", "body"] == "Stripes."


def test_added_renamed_and_deleted_files(cat, folder):
    (folder / "notes" / "note-g.md").write_text("---\nid: note-g\ntitle: G\n---\n")
    (folder / "notes" / "note-a.md").rename(folder / "notes" / "renamed-a.md")  # id stays note-a
    (folder / "notes" / "note-c.md").unlink()
    change = cat.reload()
    assert sorted(change.notes) == ["note-a", "note-g"] and change.removed == ["note-c"]
    assert cat.get("note-a").path == "notes/renamed-a.md" and "note-c" not in cat
    fresh = hubwidgets.load(folder, cache=False)
    assert list(cat.notes["id"]) == list(fresh.notes["id"])
    assert sections(cat, "topic") == sections(fresh, "topic")
    assert sorted(map(str, cat.problem_list)) == sorted(map(str, fresh.problem_list))


def test_a_broken_file_is_a_problem_and_its_last_good_version_stays(cat, folder):
    _touch_later()
    (folder / "notes" / "note-d.md").write_text("---\nid: note-d\ntitle: [unclosed\n---\nHalf")
    change = cat.reload()
    assert change.problems == ["notes/note-d.md"] and change.removed == []
    assert cat.get("note-d").title == "Note D" and len(cat) == 6
    assert "notes/note-d.md" in set(cat.problems[cat.problems["severity"] == "error"]["file"])
    _touch_later()
    (folder / "notes" / "note-d.md").write_text("---\nid: note-d\ntitle: Fixed D\n---\n")
    change = cat.reload()
    assert change.notes == ["note-d"] and cat.get("note-d").title == "Fixed D"
    assert "notes/note-d.md" not in set(cat.problems[cat.problems["severity"] == "error"]["file"])


def test_a_hub_file_changed_on_disk(cat, folder):
    _touch_later()
    (folder / "hubs" / "topic.yaml").write_text(HUB_YAML.replace("  - note-c\n", "  - note-c\n  - note-f\n"))
    (folder / "hubs" / "new.yaml").write_text("title: New\nsections:\n- title: S\n  notes: [note-e]\n")
    change = cat.reload()
    assert sorted(change.hubs) == ["new", "topic"]
    assert sections(cat, "topic")[1] == ("Second", ["note-c", "note-f"])
    assert sections(cat, "new") == [("S", ["note-e"])] and "new" in set(cat.hubs["id"])
    (folder / "hubs" / "new.yaml").unlink()
    assert cat.reload().hubs == ["new"] and "new" not in cat.hub_ids


def test_own_edits_are_not_changes_on_reload(cat):
    cat.update_note("note-a", tags=["x"])
    cat.hub("topic").add("note-e", section="First")
    assert not cat.reload()


def test_a_map_of_content_follows_notes_added_later(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    (root / "Map.md").write_text("---\nhub: true\n---\n## One\n\n- [[Later]]\n")
    cat = hubwidgets.load(root, cache=False)
    assert sections(cat, "map") == [("One", [])]
    (root / "Later.md").write_text("Came later.\n")
    change = cat.reload()
    assert change.notes == ["later"] and change.hubs == ["map"]
    assert sections(cat, "map") == [("One", ["later"])]
