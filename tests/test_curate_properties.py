"""Properties of curating (issue 13): any sequence of edits leaves files that a fresh load() reads
as the very catalog the edits left in memory (DataFrames equal), a refused edit writes nothing,
and undoing every edit gives the original bytes back. In hubwidgets' own format and in a vault."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import hubwidgets
from hubwidgets.curate import EditError
from hubwidgets.problems import UnknownNameError

from .corpus.vaults import write_vault
from .test_curate import HUB_YAML, NOTES, snapshot

FRAMES = ("notes", "hubs", "sections", "memberships", "links")
REPO = Path(__file__).resolve().parent.parent


def _own(root: Path) -> tuple[Path, str, list[str]]:
    (root / "notes").mkdir(parents=True)
    (root / "hubs").mkdir()
    for nid, fields in NOTES.items():
        (root / "notes" / f"{nid}.md").write_text(
            f"---\nid: {nid}\ntitle: {fields['title']}\n# a comment\nsummary: '{fields['summary']}'\n---\n"
            f"\n{fields['body']}", encoding="utf-8")
    (root / "hubs" / "topic.yaml").write_text(HUB_YAML, encoding="utf-8")
    return root, "topic", list(NOTES)


def _vault(root: Path) -> tuple[Path, str, list[str]]:
    write_vault(root, big=False)
    return root, "research-moc", ["rubrics", "reward-models", "papers-rubrics", "cycle-a", "cycle-b",
                                  "fenced", "only-front"]


WORD = st.text("abcdefghij ", min_size=1, max_size=8).filter(lambda t: t.strip())
SECTION = st.sampled_from(["First", "Second", "Rewards", "Papers", "Week 1", "Week 2"])
OP = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 6), SECTION, st.none() | st.integers(0, 3)),
    st.tuples(st.just("move"), st.integers(0, 6), SECTION, st.none() | st.integers(0, 3)),
    st.tuples(st.just("remove"), st.integers(0, 6), st.none() | SECTION),
    st.tuples(st.just("add_section"), SECTION, st.none() | st.integers(0, 3)),
    st.tuples(st.just("rename_section"), SECTION, SECTION),
    st.tuples(st.just("remove_section"), SECTION),
    st.tuples(st.just("update_note"), st.integers(0, 6), st.none() | WORD,
              st.none() | st.lists(WORD.map(str.strip).map(lambda w: w.replace(" ", "-")), max_size=3),
              st.none() | WORD),
    st.tuples(st.just("new_note"), WORD),
)


def _run(cat, hub_id: str, ids: list[str], op: tuple) -> None:
    kind, *args = op
    h = cat.hub(hub_id)
    if kind == "add":
        h.add(ids[args[0] % len(ids)], section=args[1], position=args[2])
    elif kind == "move":
        h.move(ids[args[0] % len(ids)], section=args[1], position=args[2])
    elif kind == "remove":
        h.remove(ids[args[0] % len(ids)], section=args[1])
    elif kind == "add_section":
        h.add_section(args[0], position=args[1])
    elif kind == "rename_section":
        h.rename_section(args[0], args[1])
    elif kind == "remove_section":
        h.remove_section(args[0])
    elif kind == "update_note":
        cat.update_note(ids[args[0] % len(ids)], title=args[1], tags=args[2], body=args[3])
    else:
        cat.new_note(title=f"New {args[0]}")


def _frames(cat) -> dict[str, pd.DataFrame]:
    return {name: getattr(cat, name).sort_values(list(getattr(cat, name).columns[:2])).reset_index(drop=True)
            for name in FRAMES}


def _assert_same(cat, fresh) -> None:
    mine, theirs = _frames(cat), _frames(fresh)
    for name in FRAMES:
        pd.testing.assert_frame_equal(mine[name].astype(str), theirs[name].astype(str), obj=name)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from([_own, _vault]), ops=st.lists(OP, min_size=1, max_size=12))
def test_any_edits_read_back_the_same_and_undo_to_the_original_bytes(layout, ops):
    with tempfile.TemporaryDirectory() as tmp:
        root, hub_id, ids = layout(Path(tmp) / "cat")
        original = snapshot(root)
        cat = hubwidgets.load(root, cache=False)
        for op in ops:
            before = snapshot(root)
            try:
                _run(cat, hub_id, ids, op)
                event(f"{op[0]} done")
            except (EditError, UnknownNameError):
                event(f"{op[0]} refused")
                assert snapshot(root) == before, f"{op} was refused yet wrote"
        _assert_same(cat, hubwidgets.load(root, cache=False))
        while len(cat.history):
            cat.undo()
        assert snapshot(root) == original
        _assert_same(cat, hubwidgets.load(root, cache=False))


FRESH = """
import pickle, sys
import hubwidgets
cat = hubwidgets.load(sys.argv[1], cache=False)
pickle.dump({n: getattr(cat, n) for n in sys.argv[3:]}, open(sys.argv[2], "wb"))
"""


def test_a_fresh_process_reads_what_the_edits_left(tmp_path):
    root, hub_id, ids = _own(tmp_path / "cat")
    cat = hubwidgets.load(root, cache=False)
    cat.new_hub("reading-group", title="Reading group")
    for i, nid in enumerate(ids):
        cat.hub("reading-group").add(nid, section=f"Week {i % 3 + 1}")
        cat.update_note(nid, tags=[f"t{i}"])
    cat.hub(hub_id).move(ids[0], section="Second", position=0)
    cat.new_note(title="Fresh note", tags=["new"])
    out = tmp_path / "frames.pickle"
    subprocess.run([sys.executable, "-c", FRESH, str(root), str(out), *FRAMES], check=True, timeout=120,
                   env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin",
                        "HUBWIDGETS_CACHE_DIR": str(tmp_path / "cache")})
    fresh = pickle.loads(out.read_bytes())
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(cat, name), fresh[name], obj=name)
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
BODY = st.lists(st.sampled_from(["---", "...", "# H", "", "text", "tags: x", "- [[Rubrics]]"]) | TEXT,
                max_size=6).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from([_own, _vault]), i=st.integers(0, 6), body=BODY, summary=st.none() | TEXT)
def test_any_body_and_summary_read_back_as_written_or_are_refused(layout, i, body, summary):
    """A body that would read differently (it starts like front matter in a note without any)
    is refused and writes nothing; any other is what a fresh load reads."""
    with tempfile.TemporaryDirectory() as tmp:
        root, _, ids = layout(Path(tmp) / "cat")
        original = snapshot(root)
        cat = hubwidgets.load(root, cache=False)
        nid = ids[i % len(ids)]
        try:
            cat.update_note(nid, body=body, summary=summary)
        except EditError:
            event("refused")
            assert snapshot(root) == original
            return
        mine, fresh = cat.get(nid), hubwidgets.load(root, cache=False).get(nid)
        assert (mine.title, mine.summary, mine.body, mine.tags) == (fresh.title, fresh.summary,
                                                                    fresh.body, fresh.tags)
        assert mine.body.replace("\r\n", "\n") == body.replace("\r\n", "\n").strip("\n")
        if len(cat.history):  # an edit that changes nothing writes nothing
            cat.undo()
        assert snapshot(root) == original


def test_a_body_that_would_read_as_front_matter_is_refused(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    (root / "Plain.md").write_text("Just prose.\n")
    cat = hubwidgets.load(root, cache=False)
    with pytest.raises(EditError, match="would not read back with the body"):
        cat.update_note("plain", body="---\ntitle: sneaky\n---\n")
    assert (root / "Plain.md").read_text() == "Just prose.\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from([_own, _vault]), title=TEXT, summary=TEXT, body=TEXT,
       tags=st.lists(TEXT, max_size=3))
def test_any_new_note_reads_back_as_created_or_is_refused(layout, title, summary, body, tags):
    with tempfile.TemporaryDirectory() as tmp:
        root, _, _ = layout(Path(tmp) / "cat")
        original = snapshot(root)
        cat = hubwidgets.load(root, cache=False)
        try:
            note = cat.new_note(title=title, summary=summary, body=body, tags=tags)
        except EditError:
            assert snapshot(root) == original
            return
        fresh = hubwidgets.load(root, cache=False).get(note.id)
        assert (note.title, note.summary, note.body, note.tags) == (fresh.title, fresh.summary,
                                                                    fresh.body, fresh.tags)
        cat.undo()
        assert snapshot(root) == original
