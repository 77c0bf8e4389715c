"""Hub YAML edits rewrite only the lines they change, whatever the file's indentation, list
style or line endings; what they write reads back as the intended sections."""

from __future__ import annotations

import pytest

from hubwidgets import hubedit
from hubwidgets.hubs import parse_hub

INDENTED = """\
title: T  # hand-written
sections:
    - title: A
      notes:
          - a1
    - title: "B"
      notes: [b1, b2]
after: kept
"""


def read(text: str) -> list[tuple[str, list[str]]]:
    spec, problems = parse_hub(text, file="h.yaml", default_id="h")
    assert spec is not None, problems
    return [(s.title, s.notes) for s in spec.sections]


def test_insert_rename_and_notes_keep_the_indentation():
    text = hubedit.insert_section(INDENTED, 1, "Middle")
    assert read(text) == [("A", ["a1"]), ("Middle", []), ("B", ["b1", "b2"])]
    assert "    - title: Middle\n      notes: []\n    - title: \"B\"" in text
    text = hubedit.set_section_notes(text, 1, ["m1", "m2"])
    assert "    - title: Middle\n      notes:\n      - m1\n      - m2\n" in text
    text = hubedit.set_section_notes(text, 2, ["b2"])  # a flow list stays a flow list
    assert '      notes: [b2]\nafter: kept\n' in text
    text = hubedit.rename_section(text, 2, "Bee")
    assert 'title: "Bee"' in text  # the quote style is kept
    text = hubedit.insert_section(text, 99, "End")
    assert read(text)[-1] == ("End", []) and text.endswith("after: kept\n")
    assert text.startswith("title: T  # hand-written\nsections:\n")


def test_delete_sections_down_to_an_empty_list():
    text = hubedit.delete_section(INDENTED, 0)
    assert read(text) == [("B", ["b1", "b2"])] and text.endswith("after: kept\n")
    text = hubedit.delete_section(text, 0)
    assert read(text) == [] and "sections: []\nafter: kept\n" in text
    text = hubedit.insert_section(text, 0, "Again")
    assert read(text) == [("Again", [])]
    with pytest.raises(IndexError):
        hubedit.delete_section(text, 5)


def test_crlf_and_flow_sections():
    crlf = "title: T\r\nsections:\r\n- title: A\r\n  notes:\r\n  - a1\r\n"
    text = hubedit.set_section_notes(crlf, 0, ["a1", "a2"])
    assert text == "title: T\r\nsections:\r\n- title: A\r\n  notes:\r\n  - a1\r\n  - a2\r\n"
    text = hubedit.insert_section(text, 1, "B")
    assert "\n" not in text.replace("\r\n", "") and read(text) == [("A", ["a1", "a2"]), ("B", [])]
    flow = "title: T\nsections: [{title: A, notes: [a1]}]\nx: 1\n"
    text = hubedit.insert_section(flow, 0, "Zero")
    assert read(text) == [("Zero", []), ("A", ["a1"])] and text.startswith("title: T\n")
    assert text.endswith("x: 1\n")


def test_a_new_hub_file():
    text = hubedit.new_hub_text("rg", "Reading: group", "About it.", ["One", "Two"])
    assert read(text) == [("One", []), ("Two", [])]
    spec, _ = parse_hub(text, default_id="rg")
    assert (spec.id, spec.title, spec.description) == ("rg", "Reading: group", "About it.")
