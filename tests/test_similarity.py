"""Computed "related" links: what makes two notes alike, the stored file, and computing once."""

from __future__ import annotations

import json

import pytest

import hubwidgets
from hubwidgets import similarity
from hubwidgets.datadir import read_folder

from .conftest import REPO

CODE = "\n".join(["```python", "import numpy as np", "import pandas as pd", "",
                  "rng = np.random.default_rng(0)", "frame = pd.DataFrame(rng.normal(size=(100, 4)))",
                  "print(frame.describe())", "```", ""])


def _notes(make_catalog, notes: dict[str, dict]):
    return read_folder(make_catalog(notes=notes), use_cache=False).notes


def test_shared_code_does_not_make_notes_alike(make_catalog):
    notes = _notes(make_catalog, {
        "bees": {"title": "How do honeybees choose a new nest site?", "summary": "Scouts dance.",
                 "body": "Scout bees report candidate cavities with a waggle dance.\n\n" + CODE},
        "ants": {"title": "How do ant colonies choose a new nest?", "summary": "Scout ants recruit.",
                 "body": "Scout ants compare candidate nests and recruit nestmates by tandem runs.\n"},
        "tides": {"title": "Why are there two tides a day?", "summary": "The moon pulls the oceans.",
                  "body": "Gravity of the moon and the rotation of the earth.\n\n" + CODE},
        "sleep": {"title": "Why do we sleep?", "summary": "Memory and repair.",
                  "body": "Sleep consolidates memory.\n\n" + CODE},
        # Enough other notes that the code is in fewer than half of them (else idf drops it).
        **{subject: {"title": f"What is {subject}?", "summary": f"All about {subject}.",
                     "body": f"A short history of {subject}.\n"}
           for subject in ("volcanoes", "glaciers", "comets", "lichens", "deserts", "coral")},
    })
    links = similarity.compute_related(notes, k=3)
    assert links["bees"][0][0] == "ants"
    assert links["ants"][0][0] == "bees"


def test_word_forms_match_without_a_stemmer(make_catalog):
    notes = _notes(make_catalog, {
        "a": {"title": "Does reasoning transfer across domains?", "summary": "Reasoners generalise."},
        "b": {"title": "Can a reasoner learn chemistry?", "summary": "A reasoning model in the lab."},
        "c": {"title": "What colour are flamingos?", "summary": "Pink from their diet."},
        "d": {"title": "How tall do giraffes grow?", "summary": "Up to six metres."},
    })
    links = similarity.compute_related(notes, k=3)
    assert links["a"][0][0] == "b" and links["a"][0][1] > 0.1


def test_results_are_deterministic_and_never_the_note_itself(bundled):
    notes = [bundled.get(i) for i in bundled.note_ids]
    first = similarity.compute_related(notes)
    assert first == similarity.compute_related(list(reversed(notes)))
    for nid, targets in first.items():
        assert nid not in [t for t, _ in targets]
        scores = [s for _, s in targets]
        assert scores == sorted(scores, reverse=True)


def test_bundled_related_json_is_what_the_command_computes_now(bundled):
    """Notes changed without ``hubwidgets related`` leave stale links: this catches it."""
    stored = json.loads((REPO / "data" / "related.json").read_text(encoding="utf-8"))
    assert stored["method"] == similarity.METHOD
    fresh = similarity.compute_related([bundled.get(i) for i in bundled.note_ids], k=stored["k"])
    assert set(stored["links"]) == set(fresh)
    for nid, targets in stored["links"].items():
        assert [t for t, _ in targets[:3]] == [t for t, _ in fresh[nid][:3]], nid
        for (_, old), (_, new) in zip(targets, fresh[nid], strict=False):
            assert old == pytest.approx(new, abs=1e-3)


def test_a_folder_without_related_json_computes_once_per_state_of_its_files(make_catalog, monkeypatch):
    root = make_catalog(notes={
        "a": {"title": "How do honeybees choose a nest?", "summary": "Scout bees dance."},
        "b": {"title": "How do ants choose a nest?", "summary": "Scout ants recruit."},
        "c": {"title": "Why are there tides?", "summary": "The moon."},
    })
    calls = []
    real = similarity.compute_related
    monkeypatch.setattr(similarity, "compute_related", lambda notes: calls.append(1) or real(notes))

    first = hubwidgets.load(root).related("a").id.tolist()
    assert first[0] == "b" and calls == [1]
    # A new session (a fresh Catalog of the same files) reuses the stored result.
    assert hubwidgets.load(root).related("a").id.tolist() == first and calls == [1]
    # A changed note changes the links: computed again.
    note = root / "notes" / "c.md"
    note.write_text(note.read_text(encoding="utf-8").replace("The moon.", "Scout moons recruit ants."),
                    encoding="utf-8")
    hubwidgets.load(root).related("a")
    assert calls == [1, 1]
    # Without the parse cache there is nothing to key the result on: computed every time.
    hubwidgets.load(root, cache=False).related("a")
    assert calls == [1, 1, 1]
