"""Issue 12's "done when", on a vault in the shape of a real Obsidian vault (tests/corpus/obsidian_vault.py):
every .md file a note, links by title, alias and heading resolved, tags from front matter and text,
a map-of-content note shown as a hub, zero errors, every note's reader rendered, folder untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import hubwidgets
from hubwidgets.answers import note_payload
from hubwidgets.state import hub_state, note_ids

from .corpus.obsidian_vault import FILES, snapshot, write_obsidian_vault
from .test_render import assert_safe, parse

SKIPPED = (".obsidian", ".trash")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_obsidian_vault(tmp_path / "Research vault")


def _id(cat, path: str) -> str:
    rows = cat.notes[cat.notes["path"] == path]
    assert len(rows) == 1, path
    return rows.iloc[0]["id"]


def test_a_real_shaped_vault_loads_whole_resolved_tagged_with_its_moc_as_a_hub(vault):
    before = snapshot(vault)
    cat = hubwidgets.load(vault)  # as a user would: the cache on (it lives in the user cache folder)
    md = sorted(rel for rel in FILES if rel.endswith(".md") and not rel.startswith(SKIPPED))
    assert sorted(cat.notes["path"]) == md  # every .md file is a note, nothing else is
    assert len(md) == len([p for p in vault.rglob("*.md") if not p.relative_to(vault).parts[0]
                           .startswith(".")])
    assert not (cat.problems["severity"] == "error").any(), cat.problems.to_dict("records")

    links = cat.links
    ok = links[links["resolved"]]
    def has(source: str, target: str, **fields) -> bool:
        rows = ok[(ok["source"] == _id(cat, source)) & (ok["target"] == target)]
        return any(all(getattr(r, k) == v for k, v in fields.items()) for r in rows.itertuples())
    reward, rubrics = _id(cat, "Concepts/Reward models.md"), _id(cat, "Concepts/Rubrics.md")
    attention = _id(cat, "Papers/Attention.md")
    assert has("Concepts/Preference data.md", reward, kind="wikilink")  # [[RM]]: an alias
    assert has("Research MOC.md", attention)  # [[Attention is all you need]]: a title
    assert has("Concepts/Rubrics.md", reward, heading="Training")  # [[Reward models#Training]]
    assert has("Concepts/Rubrics.md", rubrics, heading="Design")  # [[#Design]]
    assert has("Daily/2026-03-01.md", rubrics, block="rubric-def")  # [[Rubrics#^rubric-def]]
    assert has("Concepts/Reward models.md", "attachments/chart.png", target_type="attachment")
    assert has("Papers/Über Präferenzen – a paper.md", rubrics, kind="markdown")  # ../Concepts/...
    assert has("Daily/2026-03-02.md", _id(cat, "Daily/2026-03-01.md"))  # a CRLF file's links
    assert links[~links["resolved"] & (links["kind"] != "computed")].empty

    tags = dict(zip(cat.notes["path"], cat.notes["tags"], strict=True))
    assert tags["Concepts/Reward models.md"] == ["ml/rl", "concept"]  # front matter, nested
    assert tags["Concepts/Rubrics.md"] == ["eval/rubric"]  # inline, nested
    assert tags["Daily/2026-03-02.md"] == ["daily", "project/alpha"]  # inline, in a CRLF file

    moc = cat.hub("Research MOC")
    assert [s.title for s in moc.sections] == ["Rewards", "Data", "Reading"]
    assert [n.id for n in moc.sections[0].notes] == [reward, rubrics]
    assert moc.description == "Everything about learning from preferences, in one place."
    view = cat.show("Research MOC")
    assert view.state["kind"] == "hub"
    assert [s["title"] for s in view.state["sections"]] == ["Rewards", "Data", "Reading"]
    index = cat.show()
    assert index.state["title"] == "All notes" and index.hub_list == [{"id": "research-moc",
                                                                       "title": "Research MOC"}]

    state = hub_state(cat, None)
    for nid in cat.note_ids:  # every note's reader, as the page asks for it
        payload = note_payload(cat, state, nid, set(note_ids(state)))
        assert_safe(payload["html"])
    html = note_payload(cat, state, reward, set())["html"]
    images = [a for t, a in parse(html).tags if t == "img"]
    assert [a["src"].split(";")[0] for a in images] == ["data:image/png", "data:image/svg+xml"]
    assert images[0]["width"] == "300"
    assert "hw-callout hw-callout-warning" in html and "<mark>" in html
    assert "Each item is checkable by a grader." in html  # ![[Rubrics#Design]]
    paper = note_payload(cat, state, _id(cat, "Papers/Über Präferenzen – a paper.md"), set())["html"]
    assert [a["alt"] for t, a in parse(paper).tags if t == "img"] == ["a local chart"]  # ../ inside
    assert "data:image/png;base64," in cat.to_html("Research MOC")  # images in the export too
    assert snapshot(vault) == before  # not one byte, mtime or file added


def test_a_read_only_vault_loads_and_renders(vault):
    before = snapshot(vault)
    for path in sorted(vault.rglob("*"), reverse=True):
        path.chmod(0o555 if path.is_dir() else 0o444)
    vault.chmod(0o555)
    try:
        cat = hubwidgets.load(vault)
        state = hub_state(cat, None)
        for nid in cat.note_ids:
            note_payload(cat, state, nid, set(), with_related=False)
        assert not (cat.problems["severity"] == "error").any()
    finally:
        for path in [vault, *vault.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert snapshot(vault) == before
    assert os.access(vault, os.W_OK)
