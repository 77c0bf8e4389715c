"""Building the index arrays: word positions, notes too long for them, building in chunks, and
one note's postings weighed as the build weighs them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.indexbuild import FIELDS, build, note_postings
from hubwidgets.query import words
from hubwidgets.search import SearchIndex

from .search_reference import doc, in_a_row, phrases, run


def test_positions_say_where_each_word_is():
    """Each posting's positions are the word's places in each field (``field << 14 | number``)."""
    docs = [{"title": "a b a", "body": "b x a"}, {"summary": "a"}, {"tags": "x"}]
    index = SearchIndex(docs)
    for w in ("a", "b", "x"):
        i = index.word_index(w)
        start, stop = index.offsets[i], index.offsets[i + 1]
        ends = index.ends[start:stop].astype(np.int64)
        assert (index.position_offsets[i], index.position_offsets[i + 1]) == (
            (index.ends[start - 1] if start else 0), ends[-1])  # runs in posting order
        places = np.split(index.positions[index.position_offsets[i]:index.position_offsets[i + 1]],
                          ends[:-1] - index.position_offsets[i])
        expected = {p: [FIELDS.index(f) << 14 | k for f in FIELDS
                        for k, t in enumerate(words(d.get(f, ""))) if t == w]
                    for p, d in enumerate(docs)}
        assert {int(p): found.tolist() for p, found in zip(index.docs[start:stop], places,
                                                           strict=True)} == \
            {p: e for p, e in expected.items() if e}
    assert run(docs, '"a b"')[0] == [0] and run(docs, '"b a"')[0] == [0]
    assert run(docs, '"x a"')[0] == [0] and run(docs, '"a x"')[0] == []


@settings(max_examples=80, deadline=None)
@given(st.lists(doc, max_size=8), phrases, st.integers(0, 4))
def test_phrases_in_fields_longer_than_the_positions_kept_are_checked_on_the_text(docs, phrase, limit):
    """A field longer than the positions kept (:data:`POSITION_LIMIT` words; lowered here) makes
    its note "unsure": its phrases are read from the text, so the answer stays exact."""
    import hubwidgets.indexbuild as indexbuild

    for d in docs:
        d["body"] = f"{d['body']} {' '.join(phrase)}"
    saved = indexbuild.POSITION_LIMIT
    indexbuild.POSITION_LIMIT = limit
    try:
        index = SearchIndex(docs)
    finally:
        indexbuild.POSITION_LIMIT = saved
    assert index.unsure.tolist() == [any(len(words(d.get(f, ""))) > limit for f in FIELDS)
                                     for d in docs]
    holds = {p for p, d in enumerate(docs) if any(in_a_row(words(d[f]), phrase) for f in FIELDS)}
    assert set(run(docs, f'"{" ".join(phrase)}"', index=index)[0]) == holds


@settings(max_examples=60, deadline=None)
@given(st.lists(doc, min_size=1, max_size=15), st.integers(1, 9))
def test_building_in_small_steps_gives_the_same_index(docs, chunk):
    import hubwidgets.indexbuild as indexbuild

    whole = SearchIndex(docs)
    saved = indexbuild._CHUNK_DOCS, indexbuild._CHUNK_POSTINGS
    indexbuild._CHUNK_DOCS = indexbuild._CHUNK_POSTINGS = chunk
    try:
        stepped = SearchIndex(docs)
    finally:
        indexbuild._CHUNK_DOCS, indexbuild._CHUNK_POSTINGS = saved
    assert stepped.vocabulary == whole.vocabulary
    for name in ("offsets", "docs", "sat", "fields", "positions", "position_offsets", "ends",
                 "unsure"):
        assert np.array_equal(getattr(stepped, name), getattr(whole, name))


@settings(max_examples=100, deadline=None)
@given(st.lists(doc, min_size=1, max_size=8), st.data())
def test_one_note_is_weighed_as_the_build_weighs_it(docs, data):
    """Re-indexing one note in place (:func:`note_postings`, with the built index's average field
    lengths) gives each of its words the saturated frequency and field bits the build gave it."""
    built = build(docs)
    p = data.draw(st.integers(0, len(docs) - 1))
    expected = {}
    for w, word in enumerate(built.vocabulary):
        start, stop = built.offsets[w], built.offsets[w + 1]
        hit = np.flatnonzero(built.docs[start:stop] == p)
        if len(hit):
            expected[word] = (float(built.sat[start + hit[0]]), int(built.fields[start + hit[0]]))
    found = note_postings(docs[p], built.average)
    assert found.keys() == expected.keys()
    for word, (sat, bits) in found.items():
        assert sat == pytest.approx(expected[word][0], rel=1e-6) and bits == expected[word][1]
