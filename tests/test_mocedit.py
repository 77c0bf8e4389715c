"""Curating a vault (issue 13): a map-of-content note is a hub, and editing the hub edits that
note's Markdown lists and headings in the style they already use; every other byte stays."""

from __future__ import annotations

from pathlib import Path

import pytest

import hubwidgets
from hubwidgets.curate import EditError

from .corpus.vaults import write_vault
from .test_curate import sections, snapshot

MOC = "Research MOC.md"


@pytest.fixture
def vault(tmp_path) -> Path:
    return write_vault(tmp_path / "vault", big=False)


@pytest.fixture
def cat(vault):
    return hubwidgets.load(vault, cache=False)


def test_add_writes_a_list_line_under_the_right_heading(cat, vault):
    before = (vault / MOC).read_text()
    cat.hub("research-moc").add("cycle-a", section="Rewards")
    assert (vault / MOC).read_text() == before.replace("- [[Rubrics]]\n", "- [[Rubrics]]\n- [[Cycle A]]\n")
    cat.hub("research-moc").add("cycle-b", section="Papers", position=0)
    assert "## Papers\n\n- [[Cycle B]]\n- [[papers/Rubrics]]\n" in (vault / MOC).read_text()
    assert sections(cat, "research-moc")[0] == ("Rewards", ["reward-models", "rubrics", "cycle-a"])
    assert sections(hubwidgets.load(vault, cache=False), "research-moc") == sections(cat, "research-moc")


def test_move_remove_and_sections_edit_lines_and_headings(cat, vault):
    h = cat.hub("research-moc")
    h.move("rubrics", section="Papers", position=1)
    h.remove("reward-models")
    h.add_section("Later")
    h.add("cycle-a", section="Later")
    h.rename_section("Rewards", "Reward work")
    text = (vault / MOC).read_text()
    assert text.startswith("---\nhub: true\n---\n# Research MOC\n\nWhere the research notes are.\n\n"
                           "## Reward work\n\n")
    assert "- [[Reward models]]" not in text and "- [[Missing note]]\n" in text
    assert text.endswith("\n## Later\n\n- [[Cycle A]]\n")
    want = [("Reward work", []),
            ("Papers", ["papers-rubrics", "rubrics", "papers-uber-lernen-mit-leerzeichen"]),
            ("Later", ["cycle-a"])]
    assert sections(cat, "research-moc") == want
    assert sections(hubwidgets.load(vault, cache=False), "research-moc") == want
    h.remove_section("Later")
    assert "Later" not in (vault / MOC).read_text()
    assert "reward-models" in cat  # the note stays


def test_a_note_linked_inside_prose_is_not_cut_out(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    (root / "A.md").write_text("A\n")
    (root / "B.md").write_text("B\n")
    (root / "Map.md").write_text("---\nhub: true\n---\n## One\n\nRead [[A]] first, then [[B]].\n")
    cat = hubwidgets.load(root, cache=False)
    before = snapshot(root)
    with pytest.raises(EditError, match="inside other text"):
        cat.hub("map").remove("a")
    assert snapshot(root) == before


def test_list_style_is_copied(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    for name in ("Alpha", "Beta", "Gamma"):
        (root / f"{name}.md").write_text(f"{name} note\n")
    (root / "Map.md").write_text("---\r\nhub: true\r\n---\r\n## One\r\n\r\n  * [[Alpha|the alpha]]\r\n"
                                 "\r\n## Two\r\n\r\n1. [Beta](Beta.md)\r\n", newline="")
    cat = hubwidgets.load(root, cache=False)
    cat.hub("map").add("gamma", section="One")
    cat.hub("map").add("gamma", section="Two", position=0)
    assert (root / "Map.md").read_bytes() == (
        b"---\r\nhub: true\r\n---\r\n## One\r\n\r\n  * [[Alpha|the alpha]]\r\n  * [[Gamma|Gamma]]\r\n"
        b"\r\n## Two\r\n\r\n1. [Gamma](Gamma.md)\r\n1. [Beta](Beta.md)\r\n")
    assert sections(cat, "map") == [("One", ["alpha", "gamma"]), ("Two", ["gamma", "beta"])]


def test_new_hub_in_a_vault_is_a_map_of_content_note(cat, vault):
    h = cat.new_hub("reading-group", title="Reading group", description="What we read.")
    assert (vault / "reading-group.md").exists() and not (vault / "hubs").exists()
    h.add("rubrics", section="Week 1")
    h.add("cycle-a", section="Week 1")
    fresh = hubwidgets.load(vault, cache=False).hub("reading-group")
    assert (fresh.title, fresh.description) == ("Reading group", "What we read.")
    assert [(s.title, [n.id for n in s.notes]) for s in fresh.sections] == [
        ("Week 1", ["rubrics", "cycle-a"])]


def test_update_note_in_a_vault_keeps_missing_front_matter_missing(cat, vault):
    before = (vault / "Cycle A.md").read_bytes()
    cat.update_note("cycle-a", body="A embeds ![[Cycle B]] twice.")
    assert (vault / "Cycle A.md").read_bytes() == b"A embeds ![[Cycle B]] twice.\n"
    cat.update_note("cycle-a", tags=["loop"])
    assert (vault / "Cycle A.md").read_bytes() == b"---\ntags:\n- loop\n---\n\nA embeds ![[Cycle B]] twice.\n"
    crlf = (vault / "papers" / "crlf.md").read_bytes()
    cat.update_note("papers-crlf", tags=["x"])
    assert (vault / "papers" / "crlf.md").read_bytes() == crlf.replace(
        b"title: CRLF note\r\n", b"title: CRLF note\r\ntags:\r\n- x\r\n")
    while len(cat.history):
        cat.undo()
    assert (vault / "Cycle A.md").read_bytes() == before


def test_new_note_in_a_vault_is_named_after_its_title(cat, vault):
    n = cat.new_note(title="Does RL narrow exploration?", tags=["rl"], body="Text.")
    assert n.id == "does-rl-narrow-exploration"
    assert (vault / "Does RL narrow exploration.md").read_text() == (
        "---\ntitle: Does RL narrow exploration?\ntags:\n- rl\n---\n\nText.\n")
    assert hubwidgets.load(vault, cache=False).get(n.id).title == "Does RL narrow exploration?"
