"""The bundled domain-training hub written as a map-of-content note gives the same hub."""

from __future__ import annotations

import shutil

import hubwidgets
from hubwidgets.datadir import bundled_data_dir
from hubwidgets.mocs import moc_text


def test_the_seed_hub_as_a_map_of_content_note_is_the_same_hub(tmp_path):
    bundled = hubwidgets.load()
    hub = bundled.hub("domain-training")
    vault = tmp_path / "vault"
    shutil.copytree(bundled_data_dir() / "notes", vault)  # the notes alone: no hub files
    (vault / "Domain training MOC.md").write_text(moc_text(hub), encoding="utf-8")
    cat = hubwidgets.load(vault, cache=False)
    assert cat.hub_ids == ["domain-training-moc"]
    moc = cat.hub("Domain training MOC")
    assert (moc.title, moc.description) == (hub.title, hub.description)
    assert (moc.declared_notes, moc.declared_sections) == (hub.declared_notes, hub.declared_sections)
    assert [(s.title, [n.id for n in s.notes]) for s in moc.sections] == [
        (s.title, [n.id for n in s.notes]) for s in hub.sections]
    assert not (cat.problems["severity"] == "error").any()
