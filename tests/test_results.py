"""Catalog.search: field filters, hints and rows over a catalog (the bundled hub's own checks
from issue 14), following a changed note, and the result table's columns and frame."""

from __future__ import annotations

import numpy as np
import pytest

from hubwidgets.query import words
from hubwidgets.search import index_docs


def test_catalog_search_rows_filters_and_hint(make_catalog):
    from hubwidgets import load

    notes = {f"n{i}": {"title": f"Rubric {i}?" if i % 2 else f"Other {i}?", "summary": "s",
                       "tags": ["rl/sub"] if i == 2 else ["rl"] if i < 3 else ["sft"],
                       "body": "rubrics everywhere"} for i in range(6)}
    root = make_catalog(notes=notes, hubs={"h": {"title": "H", "sections": [
        {"title": "Part A", "notes": ["n0", "n1", "n2"]}]}})
    cat = load(root)
    df = cat.search("rubric")
    assert list(df.columns) == ["id", "title", "summary", "score", "snippet", "snippet_marks"]
    assert df["id"].tolist()[:3] == ["n1", "n3", "n5"]  # title hits first
    assert sorted(df["id"].tolist()[3:]) == ["n0", "n2", "n4"]
    assert [s[a:b] for s, m in zip(df.snippet, df.snippet_marks, strict=True) for a, b in m][:1] == [
        "rubrics"]
    assert cat.search("rubric", hub="h")["id"].tolist() == ["n1", "n0", "n2"]
    assert cat.search("rubric", limit=2)["id"].tolist() == ["n1", "n3"]
    assert cat.search_ids("rubric") == df["id"].tolist()
    assert cat.search("nothing-like-it").empty
    assert sorted(cat.search("tag:rl")["id"]) == ["n0", "n1", "n2"]  # nested rl/sub too
    assert cat.search("tag:rl/sub")["id"].tolist() == ["n2"]
    assert cat.search('section:"part a"')["id"].tolist() == ["n0", "n1", "n2"]
    assert cat.search("hub:h -tag:rl").empty
    assert cat.search("path:notes/n1")["id"].tolist() == ["n1"]
    assert len(cat.search("folder:notes")) == 6
    bad = cat.search('rubric "open')
    assert bad.attrs["hint"] == "unclosed quote: searched as plain words"
    assert cat.search("rubric").attrs["hint"] is None
    assert index_docs([cat.get("n1")])[0]["title"] == "Rubric 1?"


@pytest.fixture(scope="module")
def bundled():
    from hubwidgets import load

    return load()


def test_bundled_hub_typo_or_exclusion_tag_and_phrase(bundled):
    rubric = bundled.search("rubric").id.tolist()
    assert rubric == [i for i in bundled.note_ids if "rubric" in i]
    assert bundled.search("rubrik").id.tolist()[:1] == rubric  # one letter off
    assert bundled.search("rubrik", fuzzy=False).empty
    either = bundled.search("medical OR law").id.tolist()
    medical, law = set(bundled.search("medical").id), set(bundled.search("law").id)
    assert medical and law and medical - law and law - medical
    assert set(either) == medical | law
    rl = bundled.search("RL -rubric").id.tolist()
    assert rl and rubric[0] not in rl and set(rl) < set(bundled.search("RL").id)
    tagged = bundled.search("tag:rlvr").id.tolist()
    assert tagged and tagged == [i for i in bundled.note_ids if "rlvr" in bundled.get(i).all_tags]
    note = bundled.get(rubric[0])
    phrase = " ".join(words(note.summary)[:3])
    assert rubric[0] in bundled.search(f'"{phrase}"').id.tolist()
    assert bundled.search(f'"{phrase} zzzunlikely"').empty


def test_catalog_search_follows_one_changed_note(make_catalog):
    from dataclasses import replace

    from hubwidgets import load

    notes = {f"n{i}": {"title": f"Note {i}", "summary": "plain", "tags": ["a"], "body": "text"}
             for i in range(4)}
    cat = load(make_catalog(notes=notes))
    assert cat.search("zebra").empty and len(cat.search("tag:a")) == 4
    pos = cat.note_ids.index("n2")
    changed = replace(cat.get("n2"), title="Zebra crossing", body="a zebra here", tags=["b"])
    cat._search.upsert(pos, changed)
    df = cat.search("zebra")
    assert df.id.tolist() == ["n2"] and df.title.tolist() == ["Zebra crossing"]
    assert [df.snippet[0][a:b] for a, b in df.snippet_marks[0]] == ["zebra"]
    assert sorted(cat.search("tag:a").id) == ["n0", "n1", "n3"]
    assert cat.search('"zebra crossing"').id.tolist() == ["n2"]
    cat._search.remove(pos)
    assert cat.search("zebra").empty and "n2" not in cat.search_ids("-zebra")


def test_result_columns_are_the_default_string_columns_taken_in_rank_order():
    import pandas as pd

    from hubwidgets.results import _strings, _take

    column = _strings(["a", "bé", "", "中文"])
    positions = np.array([3, 0, 0, 2], dtype=np.int64)
    taken = _take(column, positions)
    assert type(taken) is type(column) and taken.dtype == pd.Series(["x"]).dtype
    assert taken.tolist() == column.take(positions).tolist() == ["中文", "a", "a", ""]
    assert _take(column, positions[:0]).tolist() == []


def test_rows_taken_in_memory_order_then_permuted_equal_a_plain_take_and_keep_refcounts():
    """Result columns are taken in position order and their references moved into rank order;
    that must give the plain take's rows and leave every string's reference count as it was."""
    import sys

    from hubwidgets.results import _permute_references, _strings, _take, _take_ranked

    values = [f"note {i} " * (1 + i % 4) + "é" * (i % 2) for i in range(500)]  # distinct objects
    column = _strings(values)
    backing = column._ndarray
    before = [sys.getrefcount(v) for v in backing]
    rng = np.random.default_rng(0)
    ascending = np.sort(rng.choice(len(values), 300, replace=False))
    best = rng.permutation(len(ascending))
    taken = _take_ranked(column, ascending, best)
    assert type(taken) is type(column)
    assert taken.tolist() == _take(column, ascending[best]).tolist()
    assert [sys.getrefcount(v) for v in backing] == [b + (i in set(ascending.tolist()))
                                                    for i, b in enumerate(before)]
    del taken
    assert [sys.getrefcount(v) for v in backing] == before
    empty = np.empty(0, dtype=object)
    _permute_references(empty, np.zeros(0, dtype=np.int64))
    with pytest.raises(ValueError):
        _permute_references(backing[::2].copy()[::-1], np.arange(250))


def test_result_frame_is_the_one_the_public_constructor_builds(make_catalog, monkeypatch):
    """The result rows, built from pandas' string arrays and ``_from_arrays``, are the frame the
    public constructor makes of the same values as plain lists (values, dtypes, columns, index);
    without those internals the public way gives the same."""
    import pandas as pd

    from hubwidgets import load, results

    notes = {f"n{i}": {"title": f"Note {i}", "summary": f"about <b>{i}</b>",
                       "body": "a note " * i} for i in range(30)}
    cat = load(make_catalog(notes=notes))
    fast = cat.search("note")
    assert len(fast) == 30 and fast.snippet[0] and not fast.snippet_marks[29]
    public = pd.DataFrame({c: fast[c].tolist() for c in results.RESULT_COLUMNS})
    pd.testing.assert_frame_equal(fast, public, check_exact=True)
    assert fast.columns is not cat.search("note").columns  # not one shared Index object
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    monkeypatch.setattr(results, "_EMPTY_STRINGS", object())  # no backing array to wrap
    pd.testing.assert_frame_equal(cat.search("note"), fast, check_exact=True)
