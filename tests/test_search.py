"""The search index against a brute-force definition, its saved form, and Catalog.search on top."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.search import FIELD_WEIGHTS, SearchIndex, cached_index, index_docs, tokenize

WORDS = ["rub", "rubric", "rubrics", "reward", "rewards", "re", "model", "modèle", "Straße", "x1",
         "über", "a", "ab", "abc"]


def brute_force(docs: list[dict[str, str]], query: str) -> list[tuple[int, int]]:
    """(position, score) best first: every query word must prefix a word of the note; a word's
    score is its best field weight, +1 when the word itself occurs there."""
    terms = list(dict.fromkeys(tokenize(query)))
    if not terms:
        return []
    out = []
    for pos, doc in enumerate(docs):
        total = 0
        for term in terms:
            best = 0
            for field, weight in FIELD_WEIGHTS:
                for token in tokenize(doc.get(field, "")):
                    if token.startswith(term):
                        best = max(best, weight + (token == term))
            if best == 0:
                break
            total += best
        else:
            out.append((pos, total))
    return sorted(out, key=lambda item: (-item[1], item[0]))


field_text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
doc = st.fixed_dictionaries({"title": field_text, "summary": field_text, "body": field_text,
                             "tags": field_text})
queries = st.lists(st.sampled_from([*WORDS, "r", "mod", "zz", "STRASSE", "ü", "-"]), min_size=0,
                   max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(doc, max_size=12), queries)
def test_index_matches_brute_force(docs, query):
    positions, scores = SearchIndex(docs).search(query)
    assert list(zip(positions.tolist(), scores.tolist(), strict=True)) == brute_force(docs, query)


def test_limit_and_empty_queries():
    docs = [{"title": "reward model"}, {"body": "reward"}, {"summary": "rewards"}]
    index = SearchIndex(docs)
    assert index.search("reward")[0].tolist() == [0, 2, 1]
    assert index.search("reward", limit=2)[0].tolist() == [0, 2]
    assert index.search("  ,, ")[0].tolist() == []
    assert SearchIndex([]).search("x")[0].tolist() == []


def test_saved_index_is_the_same_and_keyed(tmp_path):
    docs = [{"title": f"note {i} rubric", "body": "reward " * (i % 3)} for i in range(50)]
    built = SearchIndex(docs)
    path = tmp_path / "index.npz"
    built.save(path, "key-1")
    loaded = SearchIndex.load(path, "key-1")
    assert loaded is not None
    assert loaded.vocabulary == built.vocabulary
    for q in ("rub", "reward note", "note 4", "zz"):
        for a, b in zip(built.search(q), loaded.search(q), strict=True):
            assert np.array_equal(a, b)
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


def test_catalog_search_rows_and_hub_filter(make_catalog):
    from hubwidgets import load

    notes = {f"n{i}": {"title": f"Rubric {i}?" if i % 2 else f"Other {i}?", "summary": "s",
                       "body": "rubrics everywhere"} for i in range(6)}
    root = make_catalog(notes=notes, hubs={"h": {"title": "H", "sections": [
        {"title": "A", "notes": ["n0", "n1", "n2"]}]}})
    cat = load(root)
    df = cat.search("rubric")
    assert list(df.columns) == ["id", "title", "summary", "score"]
    assert df["id"].tolist() == ["n1", "n3", "n5", "n0", "n2", "n4"]
    assert df["score"].tolist() == [9.0, 9.0, 9.0, 1.0, 1.0, 1.0]
    assert cat.search("rubric", hub="h")["id"].tolist() == ["n1", "n0", "n2"]
    assert cat.search("rubric", limit=2)["id"].tolist() == ["n1", "n3"]
    assert cat.search_ids("rubric") == df["id"].tolist()
    assert cat.search("nothing-like-it").empty
    assert index_docs([cat.get("n1")])[0]["title"] == "Rubric 1?"


@settings(max_examples=60, deadline=None)
@given(st.lists(doc, min_size=1, max_size=15), st.integers(1, 9))
def test_building_in_small_steps_gives_the_same_index(docs, chunk):
    import hubwidgets.search as search

    whole = SearchIndex(docs)
    saved = search._CHUNK
    search._CHUNK = chunk
    try:
        stepped = SearchIndex(docs)
    finally:
        search._CHUNK = saved
    assert stepped.vocabulary == whole.vocabulary
    for name in ("offsets", "docs", "weights"):
        assert np.array_equal(getattr(stepped, name), getattr(whole, name))
