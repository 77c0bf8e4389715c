"""The stat cache gives exactly what an uncached read gives, and notices every kind of change."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hubwidgets.catalog import Catalog
from hubwidgets.datadir import read_folder


def _rows(cat: Catalog) -> tuple:
    return (cat.notes.drop(columns=["hubs"]).to_json(), cat.problems.to_json(),
            cat.sections.to_json(), json.dumps(cat.computed_related(), sort_keys=True))


def _catalog(make_catalog) -> Path:
    notes = {f"n{i}": {"title": f"Note {i}?", "related": [f"n{(i + 1) % 6}", "gone"],
                       "body": f"See [[n{(i + 2) % 6}]] and [[Nowhere]].\n"} for i in range(6)}
    hubs = {"h": {"title": "H", "sections": [{"title": "A", "notes": ["n0", "n1", "lost"]},
                                             {"title": "B", "notes": ["n2"], "declared_notes": 3}]}}
    root = make_catalog(notes=notes, hubs=hubs, raw={
        "notes/twin.md": "---\nid: n1\ntitle: Twin?\n---\n",          # duplicate id
        "notes/broken.md": "---\ntitle: [unclosed\n---\n",              # invalid YAML
        "related.json": json.dumps({"links": {"n0": [["n3", 0.5]]}}),
    })
    return root


def test_warm_load_equals_an_uncached_read(make_catalog):
    root = _catalog(make_catalog)
    uncached = _rows(Catalog.load(root, cache=False))
    cold = Catalog.load(root)
    warm = Catalog.load(root)
    assert _rows(cold) == uncached
    assert _rows(warm) == uncached
    codes = set(warm.problems["code"])
    assert {"duplicate-id", "invalid-yaml", "missing-note", "dangling-link", "count-gap",
            "orphan-note"} <= codes


def test_changes_after_a_warm_load_are_seen(make_catalog):
    root = _catalog(make_catalog)
    Catalog.load(root)
    Catalog.load(root)
    related = root / "related.json"
    related.write_text(json.dumps({"links": {"n0": [["n4", 0.25]]}}), encoding="utf-8")
    os.utime(related, ns=(1, 1))
    (root / "notes" / "n5.md").unlink()  # now a dangling link and a missing related target
    cat = Catalog.load(root)
    assert _rows(cat) == _rows(Catalog.load(root, cache=False))
    assert cat.computed_related()["n0"] == [("n4", 0.25)]
    assert "n5" not in cat
    assert any("n5" in m for m in cat.problems["message"])


def test_scan_problems_are_not_frozen_in_the_cache(make_catalog, tmp_path):
    root = _catalog(make_catalog)
    Catalog.load(root)
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Outside?\n---\n", encoding="utf-8")
    (root / "notes" / "link.md").symlink_to(outside)
    cat = Catalog.load(root)
    assert "symlink-outside" in set(cat.problems["code"])
    (root / "notes" / "link.md").unlink()
    assert "symlink-outside" not in set(Catalog.load(root).problems["code"])


def test_a_corrupt_cache_is_rebuilt(make_catalog):
    root = _catalog(make_catalog)
    Catalog.load(root, strict=True)
    cache_files = list(Path(os.environ["HUBWIDGETS_CACHE_DIR"]).glob("*.pickle"))
    assert cache_files
    for path in cache_files:
        path.write_bytes(b"not a pickle")
    assert len(read_folder(root, strict=True).notes) == 6


def test_notes_read_skip_the_young_generations_and_the_programs_frozen_objects_stay(make_catalog):
    """Reading leaves the collector as it found it: enabled, and a program's frozen objects frozen;
    what was read is in the oldest generation, where young collections do not walk it again."""
    import gc

    root = _catalog(make_catalog)
    assert gc.isenabled()
    contents = read_folder(root, use_cache=False)
    assert gc.isenabled()
    young = {id(o) for o in gc.get_objects(generation=0) + gc.get_objects(generation=1)}
    assert contents.notes and not any(id(n) in young for n in contents.notes)
    gc.freeze()  # as a forking server does
    try:
        frozen = gc.get_freeze_count()
        read_folder(root, use_cache=False)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
