"""state.py: the JSON view state a hub view needs up front (no bodies)."""

from __future__ import annotations

import json

import pytest

from hubwidgets import load
from hubwidgets.state import count_text, hub_state, hub_subtitle, note_ids


@pytest.mark.parametrize(("found", "declared", "text"), [
    (2, 2, "2 notes"),
    (1, None, "1 note"),
    (0, None, "0 notes"),
    (0, 1, "1 note declared, none available"),
    (0, 3, "3 notes declared, none available"),
    (3, 5, "3 of 5 declared notes"),
    (6, 5, "6 notes (5 declared)"),
])
def test_count_text(found, declared, text):
    assert count_text(found, declared) == text


def test_subtitle_shows_declared_figures_only_where_they_differ():
    assert hub_subtitle(31, 9, 31, 9) == "Topic Hub · 31 linked notes · 9 sections"
    assert hub_subtitle(31, 9, None, None) == "Topic Hub · 31 linked notes · 9 sections"
    assert hub_subtitle(31, 9, 38, 10) == "Topic Hub · 31 of 38 declared notes · 9 of 10 declared sections"
    assert hub_subtitle(1, 1, 1, 2) == "Topic Hub · 1 linked note · 1 of 2 declared sections"


def test_bundled_hub_state_matches_the_catalog(bundled):
    hub = bundled.hub("domain-training")
    state = hub_state(bundled, "domain-training")
    assert state["kind"] == "hub" and state["hub"] == hub.id and state["title"] == hub.title
    assert state["counts"] == {"notes": hub.n_notes, "sections": hub.n_sections,
                               "declared_notes": hub.declared_notes,
                               "declared_sections": hub.declared_sections}
    assert [s["title"] for s in state["sections"]] == [s.title for s in hub.sections]
    for sec, expected in zip(state["sections"], hub.sections, strict=True):
        assert [state["notes"][p]["id"] for p in sec["notes"]] == [n.id for n in expected.notes]
        assert sec["count_text"] == count_text(expected.n_notes, expected.declared_notes)
        assert sec["missing"] == expected.missing
    assert note_ids(state) == [n.id for n in hub.notes]
    assert state["subtitle"] == hub_subtitle(hub.n_notes, hub.n_sections, hub.declared_notes,
                                             hub.declared_sections)


def test_state_is_json_and_carries_no_bodies(make_catalog):
    body = "UNIQUE-BODY-TEXT " * 200
    root = make_catalog(
        notes={"a-note": {"title": "A", "summary": "sa", "body": body, "tags": ["t"]},
               "b-note": {"title": "B", "summary": "sb", "body": body}},
        hubs={"h": {"title": "H", "sections": [{"title": "S", "notes": ["a-note", "b-note"]}]}})
    state = hub_state(load(root, cache=False), "h")
    text = json.dumps(state)
    assert "UNIQUE-BODY-TEXT" not in text
    assert state["notes"][0] == {"id": "a-note", "title": "A", "summary": "sa", "tags": ["t"]}


def test_a_note_in_two_sections_is_sent_once(make_catalog):
    root = make_catalog(
        notes={"a": {"title": "A"}, "b": {"title": "B"}},
        hubs={"h": {"title": "H", "declared_notes": 2, "sections": [
            {"title": "One", "notes": ["a", "b"]},
            {"title": "Two", "notes": ["b"]},
            {"title": "Empty", "declared_notes": 1, "notes": ["gone"]},
        ]}})
    state = hub_state(load(root, cache=False), "h")
    assert note_ids(state) == ["a", "b"]
    one, two, empty = state["sections"]
    assert two["notes"] == [one["notes"][1]]
    assert empty["n_notes"] == 0 and empty["missing"] == ["gone"]
    assert empty["count_text"] == "1 note declared, none available"
    assert state["counts"]["notes"] == 2 and "2 linked notes" in state["subtitle"]
    assert [s["key"] for s in state["sections"]] == ["1", "2", "3"]


def test_index_state_has_every_hub_and_the_loose_notes(make_catalog):
    root = make_catalog(
        notes={"a": {"title": "A"}, "b": {"title": "B"}, "loose": {"title": "Loose"}},
        hubs={"h1": {"title": "Hub one", "sections": [{"title": "S", "notes": ["a"]}]},
              "h2": {"title": "Hub two", "sections": [{"title": "S", "notes": ["a", "b"]}]}})
    cat = load(root, cache=False)
    state = hub_state(cat, None)
    assert state["kind"] == "index"
    titles = [s["title"] for s in state["sections"]]
    assert titles == ["Hub one", "Hub two", "Not in any hub"]
    assert sorted(note_ids(state)) == sorted(cat.note_ids)
    assert state["subtitle"] == "All notes · 3 notes · 2 hubs"
    assert len({s["key"] for s in state["sections"]}) == 3


def test_one_note_state(bundled):
    nid = bundled.note_ids[0]
    state = hub_state(bundled, None, only_note=nid)
    assert state["kind"] == "note" and note_ids(state) == [nid] and state["sections"] == []
    assert state["subtitle"] == f"In {bundled.hub('domain-training').title}"


def test_unknown_names_raise_with_suggestions(bundled):
    from hubwidgets import UnknownNameError

    with pytest.raises(UnknownNameError, match="domain-training"):
        hub_state(bundled, "domain-trainin")
