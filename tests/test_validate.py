"""Validation: each kind of problem is found and reported with file, field and reason."""

from __future__ import annotations

import hubwidgets
from hubwidgets.validate import validation_report


def test_bundled_catalog_is_clean_but_reports_the_declared_gaps(bundled):
    report = validation_report(bundled)
    assert report["ok"] and report["errors"] == 0
    hub = report["hubs"][0]
    assert (hub["notes_found"], hub["notes_declared"]) == (31, 38)
    assert (hub["sections_found"], hub["sections_declared"]) == (9, 10)
    gaps = [p["message"] for p in report["problems"] if p["code"] == "count-gap"]
    assert sorted(gaps) == sorted([
        "hub declares 38 notes, 31 found",
        "hub declares 10 sections, 9 found",
        "section 'Knowledge Graph-Based Domain Specialization' declares 1 note, 0 found",
    ])


def test_every_problem_kind_is_reported(make_catalog):
    root = make_catalog(
        notes={
            "good": {"title": "Good?", "related": ["good", "ghost"], "body": "[[phantom]]"},
            "typed": {"title": "Typed?", "tags": {"not": "a list"}},
            "orphan": {"title": "Orphan?"},
            "untitled": {"summary": "no title"},
        },
        hubs={"h": {"title": "H?", "sections": [{"title": "S", "notes": ["good", "typed",
                                                                          "untitled", "absent"]}]}},
        raw={
            "notes/dup.md": "---\nid: good\ntitle: Duplicate?\n---\n",
            "notes/unclosed.md": "---\ntitle: never closed\n",
            "notes/latin1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
            "notes/bad-yaml.md": "---\ntitle: ok\ntags: [a, b\n---\n",
        },
    )
    cat = hubwidgets.load(root, strict=True)  # hubwidgets' own format, checked as it was
    rows = {(p.code, p.file) for p in cat.problem_list}
    assert ("duplicate-id", "notes/dup.md") in rows
    assert ("unclosed-front-matter", "notes/unclosed.md") in rows
    assert ("not-utf8", "notes/latin1.md") in rows
    assert ("invalid-yaml", "notes/bad-yaml.md") in rows
    assert ("wrong-type", "notes/typed.md") in rows
    assert ("missing-field", "notes/untitled.md") in rows
    assert ("self-link", "notes/good.md") in rows
    assert ("dangling-link", "notes/good.md") in rows
    assert ("orphan-note", "notes/orphan.md") in rows
    assert ("missing-note", "hubs/h.yaml") in rows
    # the good notes are all there; the untitled one keeps its id as title
    assert sorted(cat.note_ids) == ["good", "orphan", "typed", "untitled"]
    assert cat.get("untitled").title == "untitled"
    latin = next(p for p in cat.problem_list if p.code == "not-utf8")
    assert latin.line == 2 and "0xe9" in latin.message
    report = validation_report(cat)
    assert not report["ok"] and report["errors"] >= 6
