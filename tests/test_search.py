"""The search index: BM25F scores against a brute-force definition, phrases from word positions,
the saved form and one-note updates."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.indexbuild import FIELDS
from hubwidgets.query import words
from hubwidgets.search import SearchIndex, cached_index

from .search_reference import bm25f, brute_force, doc, in_a_row, phrases, queries, run


@settings(max_examples=200, deadline=None)
@given(st.lists(doc, max_size=12), queries)
def test_index_matches_brute_force_bm25f(docs, query):
    positions, scores = run(docs, query)
    expected = brute_force(docs, query)
    assert sorted(positions) == sorted(p for p, _ in expected)
    by_position = dict(expected)
    for p, s in zip(positions, scores, strict=True):
        assert s == pytest.approx(by_position[p], rel=1e-4)
    assert scores == sorted(scores, reverse=True)


@contextmanager
def later_words_found_by(lookup: str):
    """A phrase's later words are found in the notes in question by a binary search each (few
    notes) or by a pass over the word's notes (many): force one way, whatever the sizes."""
    import hubwidgets.search as search

    saved = search._SEARCHES_PER_PASS
    search._SEARCHES_PER_PASS = 0 if lookup == "binary searches" else 10**9
    try:
        yield
    finally:
        search._SEARCHES_PER_PASS = saved


@pytest.mark.parametrize("lookup", ["binary searches", "a pass"])
@settings(max_examples=200, deadline=None)
@given(st.lists(doc, max_size=12), phrases, st.sampled_from(["", "title:", "-"]), st.data())
def test_phrase_matches_the_notes_with_a_field_holding_it(lookup, docs, phrase, field, data):
    """Whatever field bits and overlay say, a phrase matches exactly the notes one of whose fields
    holds its words in a row (title only for ``title:``), the upserted ones included."""
    for d in docs:  # plant the phrase (or its words apart) in some fields
        for f in data.draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True)):
            glue = data.draw(st.sampled_from([" ", "-", " x ", "\x00", "ab ", " \n"]))
            d[f] = f"{d[f]} {glue.join(phrase)} {d[f]}"
    index = SearchIndex(docs)
    if docs and data.draw(st.booleans()):
        pos, new = data.draw(st.integers(0, len(docs))), data.draw(doc)
        index.upsert(pos, new)
        docs = [*docs[:pos], new, *docs[pos + 1:]]
    names = ["title"] if field == "title:" else list(FIELDS)
    holds = {p for p, d in enumerate(docs) if any(in_a_row(words(d[f]), phrase) for f in names)}
    with later_words_found_by(lookup):
        positions, scores = run(docs, f'{field}"{" ".join(phrase)}"', index=index)
    assert set(positions) == (set(range(len(docs))) - holds if field == "-" else holds)
    if field != "-" and not index.overlay:  # a phrase scores as the sum of its words' own scores
        own = bm25f(docs)
        for p, score in zip(positions, scores, strict=True):
            assert score == pytest.approx(sum(own(p, w) for w in set(phrase)), rel=1e-4)


@pytest.mark.parametrize("lookup", ["binary searches", "a pass"])
def test_phrase_words_are_read_in_their_own_note_only(lookup):
    """A later word of the phrase is looked for in the very note of each start: the next note
    holding "b" one word on does not make note 0 hold "a b"."""
    docs = [{"title": "a"}, {"title": "x b"}, {"title": "z"}, {"title": "a b"}]
    with later_words_found_by(lookup):
        assert run(docs, '"a b"')[0] == [3]
        assert run(docs, '"x b"')[0] == [1]
        assert run(docs, '"b a"')[0] == []


def test_phrases_do_not_run_across_fields_or_notes_at_the_last_position_kept():
    """Positions run to number 16,382 in a field that is not "unsure": a phrase whose words sit
    at the end of one field and the start of the next (or of the next note) is not there."""
    long = " ".join(["w"] * 16_382)
    docs = [{"title": f"{long} a", "summary": "b c", "body": f"{long} a"},
            {"title": "b c", "body": "a b c"}]
    index = SearchIndex(docs)
    assert not index.unsure.any()
    assert run(docs, '"a b"', index=index)[0] == [1]
    assert run(docs, '"a b c"', index=index)[0] == [1]
    assert run(docs, '"w a"', index=index)[0] == [0]
    assert run(docs, '"w a b"', index=index)[0] == []


def test_saved_index_is_the_same_and_keyed(tmp_path):
    docs = [{"title": f"note {i} rubric", "body": "reward " * (i % 3)} for i in range(50)]
    built = SearchIndex(docs)
    path = tmp_path / "index.npz"
    built.save(path, "key-1")
    loaded = SearchIndex.load(path, "key-1")
    assert loaded is not None
    assert loaded.vocabulary == built.vocabulary
    for name in ("positions", "position_offsets", "ends", "unsure"):
        assert np.array_equal(getattr(loaded, name), getattr(built, name))
    for q in ("rub", "reward note", "note 4", "zz", '"note 4"'):
        assert run(docs, q, index=built) == run(docs, q, index=loaded)
    assert SearchIndex.load(path, "key-2") is None  # built from other files
    path.write_bytes(b"garbage")
    assert SearchIndex.load(path, "key-1") is None


def test_cached_index_rebuilds_when_files_change(tmp_path, monkeypatch):
    class N:
        def __init__(self, title):
            self.title, self.summary, self.body, self.tags = title, "", "", []

    monkeypatch.setenv("HUBWIDGETS_CACHE_DIR", str(tmp_path / "cache"))
    first = cached_index([N("alpha"), N("beta")], tmp_path, [("note", "a.md", 1, 1)])
    assert list(tmp_path.joinpath("cache").glob("*.search.npz"))
    again = cached_index([N("ignored")], tmp_path, [("note", "a.md", 1, 1)])
    assert again.vocabulary == first.vocabulary == ["alpha", "beta"]  # read back, not rebuilt
    changed = cached_index([N("gamma")], tmp_path, [("note", "a.md", 2, 1)])
    assert changed.vocabulary == ["gamma"]


@settings(max_examples=80, deadline=None)
@given(st.lists(doc, min_size=1, max_size=10), doc, st.data(), queries)
def test_upsert_and_remove_match_a_rebuilt_index(docs, new, data, query):
    pos = data.draw(st.integers(0, len(docs)))  # len(docs): append
    index = SearchIndex(docs)
    index.upsert(pos, new)
    changed = [*docs[:pos], new, *docs[pos + 1:]]
    assert sorted(run(changed, query, index=index)[0]) == sorted(run(changed, query)[0])
    gone = data.draw(st.integers(0, len(changed) - 1))
    index.remove(gone)
    rebuilt = set(run(changed, query)[0]) - {gone}
    assert set(run(changed, query, index=index)[0]) == rebuilt
    everything_else = set(range(len(changed))) - rebuilt - {gone}
    assert set(run(changed, f"-({query})", index=index)[0]) == everything_else
