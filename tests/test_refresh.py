"""reload(): what changed on disk (edited, added, renamed, deleted, broken) reaches the catalog,
its DataFrames and search; only changed files are read; a broken file is a problem row while the
last good version of its note stays."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# -- the search index follows every change in place --------------------------------------------
WORD = st.sampled_from(["alpha", "beta", "gamma", "rubric", "rubrics", "zebra", "note", "body"])
TEXT = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
TAG = st.lists(st.sampled_from(["x", "y", "x/z"]), max_size=2, unique=True)
NOTE_AT = st.integers(0, 20)
SEARCH_OPS = st.one_of(
    st.tuples(st.just("update_note"), NOTE_AT, st.none() | TEXT, st.none() | TAG, st.none() | TEXT),
    st.tuples(st.just("new_note"), TEXT, TAG),
    st.tuples(st.just("delete_on_disk"), NOTE_AT),
    st.tuples(st.just("edit_on_disk"), NOTE_AT, TEXT),
    st.tuples(st.just("add_on_disk"), st.sampled_from("abcdefghij"), TEXT),
)
# Filters score nothing: their results are in catalog order, which the index must keep in step.
ORDERED = ["tag:x", "tag:y", "folder:notes", "path:notes/n", "hub:topic", 'section:"first"',
           "tag:x OR tag:y"]
SCORED = ["alpha", "rubric", "rub", "zebr", "rubrik", "note", '"alpha beta"', "alpha OR zebra",
          "note -alpha", "title:gamma", "(alpha OR beta) -tag:x", "a", "body"]


def _search_op(cat, root, op: tuple) -> None:
    kind, *args = op
    ids = cat.note_ids
    if kind == "update_note" and ids:
        cat.update_note(ids[args[0] % len(ids)], title=args[1], tags=args[2], body=args[3])
    elif kind == "new_note":
        if args[0].title().replace(" ", "-").lower() not in cat:
            cat.new_note(title=args[0].title(), tags=args[1], body=args[0])
    elif kind == "delete_on_disk" and ids:
        (root / cat.get(ids[args[0] % len(ids)]).path).unlink()
    elif kind == "edit_on_disk" and ids:
        _touch_later()
        note = cat.get(ids[args[0] % len(ids)])
        (root / note.path).write_text(f"---\nid: {note.id}\ntitle: {args[1]}\ntags: [x]\n---\n"
                                      f"{args[1]} edited\n", encoding="utf-8")
    elif kind == "add_on_disk":
        (root / "notes" / f"n{args[0]}.md").write_text(
            f"---\nid: n{args[0]}\ntitle: Disk {args[1]}\n---\n{args[1]}\n", encoding="utf-8")
    if kind.endswith("_on_disk"):
        cat.reload()


def _rows(df) -> list[tuple]:
    return sorted(zip(df["id"], df["title"], df["summary"], df["snippet"], strict=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(SEARCH_OPS, min_size=1, max_size=10))
def test_search_follows_any_edits_in_place(ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "notes").mkdir()
        (root / "hubs").mkdir()
        for i, (nid, fields) in enumerate(NOTES.items()):
            (root / "notes" / f"{nid}.md").write_text(
                f"---\nid: {nid}\ntitle: {fields['title']} alpha\ntags: [{'x' if i % 2 else 'y'}]\n"
                f"summary: {fields['summary']}\n---\nrubric {'beta ' * i}{fields['body']}",
                encoding="utf-8")
        (root / "hubs" / "topic.yaml").write_text(HUB_YAML, encoding="utf-8")
        cat = hubwidgets.load(root, cache=False)
        cat.search("alpha")  # the index is built
        search, index = cat._search, cat._index
        for op in ops:
            _search_op(cat, root, op)
        cat.reload()
        assert cat._search is search and cat._index is index  # updated in place, not rebuilt
        fresh = hubwidgets.load(root, cache=False)
        assert cat.note_ids == fresh.note_ids
        for query in ORDERED:
            assert cat.search(query)["id"].tolist() == fresh.search(query)["id"].tolist(), query
        for query in SCORED:
            mine, theirs = cat.search(query), fresh.search(query)
            # Word statistics (idf, average lengths) stay those of the last full build, so equal
            # scores may differ in the last digits: the same rows, whatever their order.
            assert _rows(mine) == _rows(theirs), query
            assert cat.search_ids(query) == mine["id"].tolist()
        assert cat.search("rubric", hub="topic")["id"].tolist() == [
            i for i in cat.search("rubric")["id"] if i in {n.id for n in cat.hub("topic").notes}]


def test_an_unbuilt_index_stays_unbuilt(cat, folder):
    cat.update_note("note-a", title="Zebra A")
    (folder / "notes" / "note-b.md").unlink()
    cat.reload()
    assert "_index" not in cat.__dict__ and "_search" not in cat.__dict__
    assert cat.search("zebra")["id"].tolist() == ["note-a"]


def test_many_changes_rebuild_the_index_whole(cat, monkeypatch):
    monkeypatch.setattr(refresh, "REBUILD_MIN", 2)
    cat.search("note")
    first = cat._index
    cat.update_note("note-a", title="Zebra A")
    cat.update_note("note-b", title="Zebra B")
    assert cat._index is first
    cat.update_note("note-c", title="Zebra C")  # a third re-indexed note: past the limit
    assert "_index" not in cat.__dict__
    assert cat.search("zebra")["id"].tolist() == ["note-a", "note-b", "note-c"]
    assert not cat._index.overlay


def test_a_file_claiming_a_taken_id_reloads_as_a_fresh_load_reads_it(cat, folder):
    """Duplicate ids after reload(): the same renamed id and the same problem rows as load()."""
    _touch_later()
    (folder / "notes" / "zz-copy.md").write_text("---\nid: note-a\ntitle: A copy\n---\nCopied.\n")
    (folder / "hubs" / "zz-topic.yaml").write_text(HUB_YAML)
    cat.reload()
    fresh = hubwidgets.load(folder, cache=False)
    assert cat.get("note-a-2").title == fresh.get("note-a-2").title == "A copy"

    def duplicates(c):
        rows = c.problems[c.problems["code"] == "duplicate-id"]
        return sorted(map(tuple, rows.astype(str).values.tolist()))

    assert len(duplicates(cat)) == 2 and duplicates(cat) == duplicates(fresh)
