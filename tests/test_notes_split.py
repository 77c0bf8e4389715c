"""The fast front-matter split gives exactly what the line-by-line definition gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hubwidgets.notes import split_front_matter

_FENCE = re.compile(r"^---[ \t]*$")


def reference_split(text: str) -> tuple[str | None, str, int]:
    """The format's definition, line by line (``str.splitlines`` semantics)."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i].rstrip("\r\n")) or lines[i].rstrip("\r\n") == "...":
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    raise ValueError("never closed")


def outcome(split, text: str):
    try:
        return split(text)
    except ValueError:
        return "unclosed"


pieces = st.sampled_from(["---", "--- ", "...", "a: 1", "title: x", "\n", "\r\n", "\r", "\u2028",
                          "\x0b", "\x85", "\t", " ", "----", "-- -", "\ufeff", "body", "#"])


@settings(max_examples=600, deadline=None)
@given(st.lists(pieces, max_size=14).map("".join))
@example("---\nid: a\n---\nbody\n")
@example("---\n---\n")
@example("---\nid: a\n...")
@example("---\nid: a\u2028---\nbody")
@example("---  \nid: a\n---\t\n\nbody\r\nmore")
@example("---\r\nid: a\r\n---\r\nbody")
@example("---\nid: a\r\n---\r\nbody\n---\n")
@example("---\nid: a\u2028---\nb: 1\n---\n")
def test_split_matches_the_line_by_line_definition(text: str) -> None:
    assert outcome(split_front_matter, text) == outcome(reference_split, text)


@pytest.mark.parametrize("text, line", [("---\nid: a\ntitle: b\n---\nbody", 5), ("---\n---\n", 3)])
def test_body_line_numbers(text: str, line: int) -> None:
    assert split_front_matter(text)[2] == line
