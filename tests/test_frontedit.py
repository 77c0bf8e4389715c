"""Front matter edits keep what a person wrote: key order, unknown keys, comments, quoting, list
style, line endings, a BOM, the body byte for byte, and no front matter where none is needed."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.frontedit import edit_note_text, set_keys, split_note
from hubwidgets.notes import parse_note

HAND = """\
---
# written by hand
title: 'Quoted title'   # keep me
zeta: 1
tags:
  - "one"
  - "two"
aliases: [A, B]
extra:
  nested: {k: v}
---

Body with trailing spaces{SPACES}
and a final line without newline""".replace("{SPACES}", "   ")


def test_only_the_changed_entry_is_rewritten_in_its_style():
    out = edit_note_text(HAND, {"tags": ["one", "three"]})
    assert out == HAND.replace('  - "two"', '  - "three"')
    out = edit_note_text(HAND, {"aliases": ["A"]})
    assert out == HAND.replace("aliases: [A, B]", "aliases: [A]")


def test_a_quoted_scalar_stays_quoted_and_new_keys_go_last():
    out = edit_note_text(HAND, {"title": "It's new", "summary": "a: b"})
    assert "title: 'It''s new'\n" in out and "# written by hand\n" in out
    front = split_note(out).front
    assert front.endswith("extra:\n  nested: {k: v}\nsummary: 'a: b'\n")
    assert yaml.safe_load(front)["summary"] == "a: b"


def test_body_is_replaced_and_kept_byte_for_byte():
    assert edit_note_text(HAND, {"zeta": 2}).endswith(split_note(HAND).body)
    out = edit_note_text(HAND, body="New body.")
    assert out == HAND[: HAND.index("Body")] + "New body.\n"


def test_crlf_and_bom_stay():
    text = "\ufeff---\r\ntitle: T\r\ntags: []\r\n---\r\n\r\nBody\r\n"
    out = edit_note_text(text, {"tags": ["a", "b"]}, body="One\nTwo")
    # an empty list gives no style to keep: a filled one is written in block style
    assert out == "\ufeff---\r\ntitle: T\r\ntags:\r\n- a\r\n- b\r\n---\r\n\r\nOne\r\nTwo\r\n"


def test_missing_front_matter_stays_missing_unless_a_field_is_set():
    text = "# Title\n\nProse.\n"
    assert edit_note_text(text, body="Other prose.") == "Other prose.\n"
    assert edit_note_text(text, {"tags": ["x"]}) == "---\ntags:\n- x\n---\n\n# Title\n\nProse.\n"


def test_set_keys_on_an_empty_mapping():
    assert set_keys("", {"title": "T", "tags": ["a"]}) == "title: T\ntags:\n- a\n"


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
               max_size=40)


@settings(max_examples=200, deadline=None)
@given(title=TEXT.filter(lambda t: t.strip()), summary=TEXT,
       tags=st.lists(TEXT.filter(lambda t: t.strip() and t.strip() == t and "\n" not in t), max_size=4,
                     unique=True),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_any_values_read_back_exactly(title, summary, tags, newline):
    source = HAND.replace("\n", newline)
    out = edit_note_text(source, {"title": title.strip().replace("\n", " "), "summary": summary.strip(),
                                  "tags": tags})
    note, problems = parse_note(out, file="n.md", default_id="n")
    assert note is not None, problems
    assert note.title == (title.strip().replace("\n", " ").strip() or "n")
    assert note.summary == summary.strip() or not summary.strip()
    assert note.tags == list(dict.fromkeys(t.lstrip("#") for t in tags if t.lstrip("#")))  # as read
    meta = yaml.safe_load(split_note(out).front)
    assert meta["zeta"] == 1 and meta["extra"] == {"nested": {"k": "v"}}
    assert out.endswith(split_note(source).body)
    assert "\n" not in out.replace("\r\n", "") or newline == "\n"
