"""notes.parse_note: the path's slug made only when a note needs it, with the same result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.notes import parse_note

FRONT = st.sampled_from(["", "---\nid: my-note\ntitle: T\n---\n", "---\nid: Not A Slug\n---\n",
                         "---\nid: 12\n---\n", "---\nid: [a]\n---\n", "---\ntitle: No id\n---\n",
                         "---\nid: ''\n---\n", "---\nid: my-note\n", "---\n[unclosed\n---\n"])


@settings(max_examples=200, deadline=None)
@given(FRONT, st.text(max_size=60), st.sampled_from(["folder-note", ""]), st.booleans())
def test_default_id_of_gives_what_default_id_gives(front, body, default, strict):
    text = front + body
    calls = []

    def make() -> str:
        calls.append(1)
        return default

    eager = parse_note(text, "f/Note.md", default, strict=strict, name="Note")
    lazy = parse_note(text, "f/Note.md", strict=strict, name="Note", default_id_of=make)
    assert lazy == eager
    if front.startswith("---\nid: my-note\n---") or (front == "---\nid: my-note\ntitle: T\n---\n"
                                                       and not strict):
        assert not calls  # a note with its own valid id never needs its path's slug
