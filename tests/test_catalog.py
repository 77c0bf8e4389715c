"""The Catalog: bundled data as DataFrames, hubs, search, related, user folders, caching."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import hubwidgets
from hubwidgets.catalog import Catalog
from hubwidgets.problems import UnknownNameError

from .conftest import SEED_PAGE
from .test_pageimport import seed_cards


def test_bundled_hub_has_every_card_and_section_of_the_page(bundled):
    hub = bundled.hub("domain-training")
    titles = seed_cards(SEED_PAGE.read_text(encoding="utf-8"))
    assert hub.n_notes == len(titles) == 31
    assert [n.title for n in hub.notes] == titles
    assert hub.n_sections == 9
    assert (hub.declared_notes, hub.declared_sections) == (38, 10)
    assert sum(s.declared_notes for s in hub.sections) == 32  # the page's own section counts
    empty = [s for s in hub.sections if not s.notes]
    assert [(s.title, s.declared_notes) for s in empty] == [
        ("Knowledge Graph-Based Domain Specialization", 1)]


def test_dataframes_have_the_documented_columns(bundled):
    assert {"id", "title", "description", "declared_notes", "declared_sections"} <= set(bundled.hubs)
    assert {"hub", "position", "title", "declared_notes", "n_notes"} <= set(bundled.sections)
    assert {"id", "title", "summary", "body", "tags", "path"} <= set(bundled.notes)
    assert list(bundled.memberships.columns) == ["hub", "section_position", "section", "position",
                                                 "note"]
    assert {"source", "target", "kind", "score"} <= set(bundled.links)
    hub_row = bundled.hubs.set_index("id").loc["domain-training"]
    assert (hub_row.n_notes, hub_row.declared_notes) == (31, 38)
    sections = bundled.sections[bundled.sections.hub == "domain-training"]
    assert sections.position.tolist() == list(range(1, 10))
    assert (sections.n_notes <= sections.declared_notes).all()
    assert len(bundled.memberships) == 31
    assert bundled.notes.id.is_unique


def test_search_ranks_title_matches_first_and_needs_every_word(bundled):
    found = bundled.search("rubric")
    assert found.iloc[0].id == "what-makes-rubric-based-reward-learning-resistant-to"
    assert found.score.is_monotonic_decreasing
    assert bundled.search("rubric exploitation").id.tolist() == [found.iloc[0].id]
    assert bundled.search("rubric nonexistentword").empty
    # word prefixes match as the user types
    assert found.iloc[0].id in bundled.search("rubr").id.tolist()
    assert bundled.search("").empty


def test_related_gives_nearest_notes_without_the_note_itself(bundled):
    nid = "why-does-rlvr-training-narrow-a-model-s-problem-solving"
    related = bundled.related(nid, k=5)
    assert len(related) == 5
    assert nid not in related.id.tolist()
    assert related.id.is_unique
    assert set(related.id) <= set(bundled.note_ids)


def test_unknown_hub_lists_hubs_and_closest_match(bundled):
    with pytest.raises(UnknownNameError) as info:
        bundled.hub("domain-trainig")
    assert "available hubs: 'domain-training'" in str(info.value)
    assert "Did you mean 'domain-training'?" in str(info.value)
    with pytest.raises(UnknownNameError, match="no note"):
        bundled.get("no-such-note")


def test_user_folder_with_links_wikilinks_and_a_broken_note(make_catalog):
    root = make_catalog(
        notes={
            "alpha": {"title": "What is alpha?", "summary": "First.", "tags": ["greek"],
                      "related": ["beta"], "body": "See [[gamma]] and [[What is beta?|beta]].\n"},
            "beta": {"title": "What is beta?", "summary": "Second."},
            "gamma": {"title": "What is gamma?", "summary": "Third.", "related": ["nowhere"]},
        },
        hubs={"greek": {"title": "Greek letters?", "sections": [
            {"title": "Early", "declared_notes": 2, "notes": ["alpha", "beta"]},
            {"title": "Late", "notes": ["gamma", "missing-note"]}]}},
        raw={"notes/broken.md": "---\ntitle: [unclosed\n---\nbody\n"},
    )
    cat = hubwidgets.load(root)
    assert sorted(cat.note_ids) == ["alpha", "beta", "gamma"]
    links = cat.links
    assert set(map(tuple, links[["source", "target", "kind"]].values.tolist())) >= {
        ("alpha", "beta", "related"), ("alpha", "gamma", "wikilink"), ("alpha", "beta", "wikilink")}
    assert cat.related("alpha").id.tolist()[:2] == ["beta", "gamma"]
    # A link counts both ways: beta lists nothing, yet alpha (which lists beta) is its first neighbour.
    back = cat.related("beta")
    assert (back.id.iloc[0], back.kind.iloc[0]) == ("alpha", "linked")
    problems = cat.problems
    bad = problems[problems.file == "notes/broken.md"].iloc[0]
    assert (bad.severity, bad.code, bad.line) == ("error", "invalid-yaml", 3)
    codes = set(problems.code)
    assert {"missing-note", "dangling-link"} <= codes
    assert cat.hub("greek").sections[1].missing == ["missing-note"]


def test_flat_folder_of_markdown_notes_is_a_catalog(tmp_path):
    (tmp_path / "first.md").write_text("---\ntitle: First?\n---\nBody one.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "second.md").write_text("---\ntitle: Second?\n---\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Read me\n", encoding="utf-8")
    cat = hubwidgets.load(tmp_path)
    # A vault: every .md file is a note (README too, as Obsidian opens it); ids are path slugs.
    assert sorted(cat.note_ids) == ["first", "readme", "sub-second"]
    assert cat.get("readme").title == "Read me"
    assert cat.problems.empty


def test_warm_load_reuses_the_cache_and_sees_changes(make_catalog, monkeypatch):
    root = make_catalog(notes={f"n{i}": {"title": f"Note {i}?"} for i in range(20)})
    calls = []
    import hubwidgets.datadir as datadir

    real = datadir.parse_note
    monkeypatch.setattr(datadir, "parse_note", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert len(Catalog.load(root)) == 20
    assert len(calls) == 20
    assert len(Catalog.load(root)) == 20
    assert len(calls) == 20  # nothing re-parsed
    note = root / "notes" / "n3.md"
    note.write_text("---\ntitle: Changed?\n---\n", encoding="utf-8")
    os.utime(note, ns=(1, 1))
    cat = Catalog.load(root)
    assert len(calls) == 21 and cat.get("n3").title == "Changed?"
    (root / "notes" / "n4.md").unlink()
    assert "n4" not in Catalog.load(root)


def test_default_catalog_is_lazy_and_is_the_bundled_one():
    code = ("import sys; from hubwidgets import hub; "
            "assert 'pandas' not in sys.modules, 'importing hub loaded pandas'; "
            "print(hub.hub('domain-training').n_notes)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd="/")
    assert out.stdout.strip() == "31"
