"""Undo history: newest last, bounded in edits and in the file bytes it keeps."""

from __future__ import annotations

from pathlib import Path

from hubwidgets.fsutil import Written
from hubwidgets.history import Edit, History


def edit(name: str, size: int) -> Edit:
    return Edit(name, (Written(Path(name), b"x" * size, None),))


def test_history_keeps_the_newest_edits_within_its_bounds():
    h = History(limit=3, max_bytes=100)
    for i in range(5):
        h.push(edit(f"e{i}", 10))
    assert [e.description for e in h] == ["e2", "e3", "e4"]
    h.push(edit("big", 95))
    assert [e.description for e in h] == ["big"]  # over the byte bound: the oldest go first
    h.push(edit("huge", 1000))
    assert [e.description for e in h] == ["huge"]  # the newest is always kept
    assert h.last().description == "huge" and h.pop().description == "huge" and len(h) == 0
    assert h.last() is None and repr(h) == "History([])"
