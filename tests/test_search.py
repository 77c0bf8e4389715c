"""The BM25F index against a brute-force definition, its saved form and one-note updates, the ranking
properties the issue names, snippets, and Catalog.search on top (the bundled hub's own checks)."""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.query import parse, phrase_matcher, words
from hubwidgets.ranking import PREFIX_FACTOR, Ranker, fields_text
from hubwidgets.search import BOOSTS, FIELDS, K1, LENGTH_NORM, SearchIndex, cached_index, index_docs
from hubwidgets.snippets import snippet

WORDS = ["rub", "rubric", "rubrics", "reward", "rewards", "re", "model", "modèle", "Straße", "x1",
         "über", "a", "ab", "abc", "中", "文"]


def run(docs, query, fuzzy=False, index=None):
    """Positions and scores of ``query`` over ``docs``, best first."""
    def texts(positions, field):
        return [fields_text(docs[p], field) for p in positions]

    ranked = Ranker(index or SearchIndex(docs), texts=texts).rank(parse(query).ast, fuzzy=fuzzy)
    return ranked.positions.tolist(), ranked.scores.tolist()


def bm25f(docs):
    """``score(position, word)``: the word's own BM25F score in a note, from the definition."""
    tokens = [[words(d.get(f, "")) for f in FIELDS] for d in docs]
    n = len(docs)
    average = [max(1.0, sum(len(t[f]) for t in tokens) / max(n, 1)) for f in range(len(FIELDS))]

    def sat(doc, word):
        tfn = 0.0
        for f, field in enumerate(tokens[doc]):
            tf = min(field.count(word), 15)
            norm = 1 - LENGTH_NORM[f] + LENGTH_NORM[f] * len(field) / average[f]
            tfn += BOOSTS[f] * tf / norm
        return tfn * (K1 + 1) / (tfn + K1)

    def idf(word):
        df = sum(1 for t in tokens if any(word in field for field in t))
        return math.log1p((n - df + 0.5) / (df + 0.5))

    return lambda doc, word: idf(word) * sat(doc, word)


def brute_force(docs, query):
    """(position, score) best first, computed note by note from the BM25F definition."""
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    tokens = [[words(d.get(f, "")) for f in FIELDS] for d in docs]
    vocabulary = {w for t in tokens for field in t for w in field}
    score = bm25f(docs)
    out = []
    for pos in range(len(docs)):
        total = 0.0
        for term in terms:
            best = 0.0
            for w in vocabulary:
                if w.startswith(term) and any(w in field for field in tokens[pos]):
                    best = max(best, score(pos, w) * (1.0 if w == term else PREFIX_FACTOR))
            if best == 0:
                break
            total += best
        else:
            out.append((pos, total))
    return sorted(out, key=lambda item: (-round(item[1], 4), item[0]))


field_text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
doc = st.fixed_dictionaries({"title": field_text, "summary": field_text, "body": field_text,
                             "tags": field_text})
queries = st.lists(st.sampled_from([*WORDS, "r", "mod", "zz", "STRASSE", "ü"]), min_size=1,
                   max_size=3).map(" ".join)


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


def _in_a_row(tokens: list[str], phrase: list[str]) -> bool:
    return any(tokens[i:i + len(phrase)] == phrase for i in range(len(tokens)))


phrases = st.lists(st.sampled_from(["rub", "rubric", "a", "ab", "model", "中", "文", "über"]),
                   min_size=1, max_size=3)


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
    holds = {p for p, d in enumerate(docs) if any(_in_a_row(words(d[f]), phrase) for f in names)}
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
    import hubwidgets.search as search

    for d in docs:
        d["body"] = f"{d['body']} {' '.join(phrase)}"
    saved = search.POSITION_LIMIT
    search.POSITION_LIMIT = limit
    try:
        index = SearchIndex(docs)
    finally:
        search.POSITION_LIMIT = saved
    assert index.unsure.tolist() == [any(len(words(d.get(f, ""))) > limit for f in FIELDS)
                                     for d in docs]
    holds = {p for p, d in enumerate(docs) if any(_in_a_row(words(d[f]), phrase) for f in FIELDS)}
    assert set(run(docs, f'"{" ".join(phrase)}"', index=index)[0]) == holds


@settings(max_examples=60, deadline=None)
@given(st.lists(doc, min_size=1, max_size=15), st.integers(1, 9))
def test_building_in_small_steps_gives_the_same_index(docs, chunk):
    import hubwidgets.search as search

    whole = SearchIndex(docs)
    saved = search._CHUNK_DOCS, search._CHUNK_POSTINGS
    search._CHUNK_DOCS = search._CHUNK_POSTINGS = chunk
    try:
        stepped = SearchIndex(docs)
    finally:
        search._CHUNK_DOCS, search._CHUNK_POSTINGS = saved
    assert stepped.vocabulary == whole.vocabulary
    for name in ("offsets", "docs", "sat", "fields", "positions", "position_offsets", "ends",
                 "unsure"):
        assert np.array_equal(getattr(stepped, name), getattr(whole, name))


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


# -- ranking properties ------------------------------------------------------------------------
FILLER = " ".join(f"filler{i}" for i in range(40))


def test_title_hit_outranks_body_hit():
    docs = [{"title": "x", "body": f"reward {FILLER}"}, {"title": "reward x", "body": FILLER}]
    assert run(docs, "reward")[0] == [1, 0]


def test_more_occurrences_and_rarer_words_rank_higher():
    docs = [{"body": f"reward {FILLER}"}, {"body": f"reward reward reward {FILLER}"}]
    assert run(docs, "reward")[0] == [1, 0]
    docs = [{"body": "common rare"}, {"body": "common common"}, {"body": "common"}]
    assert run(docs, "common OR rare")[0][0] == 0


def test_long_bodies_do_not_win_by_length():
    long = " ".join(f"other{i}" for i in range(400))
    docs = [{"body": f"reward reward {long} reward reward"}, {"body": "reward"}]
    assert run(docs, "reward")[0] == [1, 0]


def test_ties_stay_in_catalog_order():
    docs = [{"body": "same words"} for _ in range(5)]
    assert run(docs, "same")[0] == [0, 1, 2, 3, 4]
    assert run(docs, "-nothing")[0] == [0, 1, 2, 3, 4]


def test_exclusion_or_and_phrase():
    docs = [{"title": "rl rubric"}, {"title": "rl policy"}, {"body": "medical law"},
            {"body": "law school"}, {"body": "the reward model is"}, {"body": "model of reward"}]
    assert run(docs, "rl -rubric")[0] == [1]
    assert sorted(run(docs, "medical OR law")[0]) == [2, 3]
    assert run(docs, "medical OR law")[0][0] == 2  # both words rank first
    assert run(docs, '"reward model"')[0] == [4]
    assert sorted(run(docs, "reward model")[0]) == [4, 5]
    assert run(docs, 'reward -"reward model"')[0] == [5]
    assert run(docs, "title:rl -title:rubric")[0] == [1]
    assert run(docs, "title:reward")[0] == []


@settings(max_examples=150, deadline=None)
@given(st.lists(doc, max_size=10), queries, st.sampled_from([*WORDS, "-rub", '"rubric model"',
                                                             "title:re", "(a OR b)", "-(a OR x1)"]))
def test_an_added_term_never_widens(docs, query, extra):
    index = SearchIndex(docs)
    wide = set(run(docs, query, index=index, fuzzy=True)[0])
    narrow = set(run(docs, f"{query} {extra}", index=index, fuzzy=True)[0])
    assert narrow <= wide


def test_typos_match_below_exact_and_can_be_turned_off():
    docs = [{"title": "rubric judged"}, {"body": "a rubrik note"}, {"body": "reward design"},
            {"title": "verification of claims"}]
    positions, _ = run(docs, "rubrik", fuzzy=True)
    assert positions == [1, 0]  # the exact word first, the typo (rubric) after
    assert run(docs, "rubrik", fuzzy=False)[0] == [1]
    assert run(docs, "verificaton", fuzzy=True)[0] == [3]  # 11 letters: two edits allowed
    assert run(docs, "rewrd", fuzzy=True)[0] == [2]
    assert run(docs, "rewad", fuzzy=False)[0] == []
    assert run(docs, "desin", fuzzy=True)[0] == [2]  # 5 letters: one edit
    assert run(docs, "dsin", fuzzy=True)[0] == []  # 4 letters: exact only


@settings(max_examples=200, deadline=None)
@given(st.lists(doc, max_size=10), st.lists(st.sampled_from(
    [*WORDS, "rubrik", "rewrd", "modle", "rewardz", "rubrcs", "abd"]), min_size=1, max_size=2))
def test_typo_scores_are_the_definition(docs, terms):
    """With typo tolerance, a word scores as the best of its prefix matches and, at
    ``FUZZY_FACTOR``, of the vocabulary words within its edit distance that share its first
    letter (words of 3+ letters not starting with it)."""
    from rapidfuzz.distance import Levenshtein

    from hubwidgets.fuzzy import max_edits
    from hubwidgets.ranking import FUZZY_FACTOR

    query = " ".join(terms)
    terms = list(dict.fromkeys(words(query)))
    tokens = [[words(d.get(f, "")) for f in FIELDS] for d in docs]
    vocabulary = {w for t in tokens for field in t for w in field}
    own = bm25f(docs)
    expected = {}
    for pos in range(len(docs)):
        total = 0.0
        for term in terms:
            held = [w for w in vocabulary if any(w in field for field in tokens[pos])]
            best = max([own(pos, w) * (1.0 if w == term else PREFIX_FACTOR)
                        for w in held if w.startswith(term)]
                       + [own(pos, w) * FUZZY_FACTOR for w in held
                          if not w.startswith(term) and len(w) >= 3 and w[0] == term[0]
                          and Levenshtein.distance(term, w) <= max_edits(term)], default=0.0)
            if best == 0:
                break
            total += best
        else:
            expected[pos] = total
    positions, scores = run(docs, query, fuzzy=True)
    assert set(positions) == set(expected)
    for p, score in zip(positions, scores, strict=True):
        assert score == pytest.approx(expected[p], rel=1e-4)


# -- snippets ----------------------------------------------------------------------------------
def test_snippet_marks_sit_on_matched_words_inside_the_snippet():
    body = " ".join(["intro"] * 80) + " the Reward model and rewards, then " + " ".join(["tail"] * 80)
    text, marks = snippet(["a summary", body], ["reward"], {"modle"})
    assert len(text) <= 170 and "Reward model and rewards" in text
    assert [text[s:e] for s, e in marks] == ["Reward", "rewards"]
    assert text.startswith("…") and text.endswith("…")
    text, marks = snippet(["Summary about Modle"], [], {"modle"})
    assert [text[s:e] for s, e in marks] == ["Modle"]
    assert snippet(["nothing here"], ["reward"]) == ("", [])


def test_snippet_of_html_is_text_with_nothing_lost():
    body = '<script>alert("x")</script> <b onclick="y()">rubric</b> &amp; <img src=x onerror=z>'
    text, marks = snippet([body], ["rubric"])
    assert text == body  # the characters, as they are: nothing interpreted, nothing dropped
    assert [text[s:e] for s, e in marks] == ["rubric"]


def test_snippet_cjk_and_unicode():
    text, marks = snippet(["これは機械学習です", "ÉCOLE normale"], ["機", "école"])
    assert [text[s:e] for s, e in marks] in (["機"], ["ÉCOLE"])


# -- Catalog.search ----------------------------------------------------------------------------
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text("ab ßSS中文-\x00\n", max_size=12), max_size=3), max_size=6),
       st.lists(st.sampled_from(["a", "ab", "b", "ss", "中", "文", "ssa"]), min_size=1, max_size=3))
def test_phrase_scan_over_joined_texts_is_the_test_per_text(groups, phrase):
    """One regex scan over all texts at once: a note holds a phrase when one of its texts has the
    phrase's words as consecutive words (and whenever the per-text matcher of the query module
    finds it)."""
    from hubwidgets.ranking import _holding

    one = phrase_matcher(phrase)
    found = _holding(phrase, groups).tolist()
    assert found == [any(_in_a_row(words(t), phrase) for t in g) for g in groups]
    assert all(f for f, g in zip(found, groups, strict=True) if any(one(t) for t in g))


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 40), st.sampled_from("abcde")),
                max_size=120), st.sampled_from([5, 20, 160]))
def test_snippet_window_is_the_best_of_every_window(gaps, width):
    """The one-pass window equals trying every window: most distinct words, then most matches,
    then the earliest (at most 64 matches a window)."""
    from hubwidgets.snippets import _best_window

    found, at = [], 0
    for gap, length, word in gaps:  # matches do not overlap, as a regex scan gives them
        at += gap
        found.append((at, at + length, word))
        at += length
    best = (0, 0, 0)
    for i, (start, _end, _word) in enumerate(found):
        inside = [w for s, e, w in found[i:i + 64] if e <= start + width]
        if (len(set(inside)), len(inside)) > best[:2]:
            best = (len(set(inside)), len(inside), i)
    assert _best_window(found, width) == best


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, -0.0, 0.5, 1.0, 1e-30, 3.25, 1e5]), st.booleans()),
                max_size=60), st.none() | st.integers(0, 70))
def test_best_first_is_exact_then_score_then_index(rows, limit):
    """The radix order and the partition for a limit both give: typo-free matches first, then
    higher scores, then lower index (a stable sort by that key)."""
    from hubwidgets.ranking import best_first

    score = np.array([s for s, _ in rows], dtype=np.float32)
    exact = np.array([e for _, e in rows], dtype=bool)
    expected = sorted(range(len(rows)), key=lambda i: (not exact[i], -float(score[i]), i))
    assert best_first(score, exact, limit).tolist() == expected[:limit]


@settings(max_examples=300, deadline=None)
@given(st.text("ab rubRUB中文 _-x1é\n", max_size=40),
       st.lists(st.text("abrux中1_é", min_size=1, max_size=3), max_size=2),
       st.lists(st.text("abru中é", min_size=1, max_size=3), max_size=2))
def test_snippet_matches_are_the_words_starting_with_a_prefix_or_equal_to_a_word(text, p, e):
    """What the snippet marks is exactly the text's words (the index's tokens) that start with a
    query word or are a typo-matched word, none from inside a word."""
    from hubwidgets.query import WORD_PATTERN
    from hubwidgets.snippets import _matches

    prefixes, exact = words(" ".join(p)), set(words(" ".join(e)))
    if not prefixes and not exact:  # snippet() asks nothing then
        return
    expected = [(m.start(), m.end(), m.group()) for m in WORD_PATTERN.finditer(text.casefold())
                if any(m.group().startswith(x) for x in prefixes) or m.group() in exact]
    assert _matches(text, prefixes, exact) == expected


def test_snippet_matches_of_a_huge_text_stop_at_the_cap_in_text_order():
    """A text with thousands of matches is looked at up to ``_MAX_MATCHES`` of one word: the
    matches returned are the text's first ones, in order, none past where that word stopped."""
    from hubwidgets.snippets import _MAX_MATCHES, _matches

    text = " ".join(["reward model"] * 1000 + ["rewards"])
    found = _matches(text, ["reward", "mod"], set())
    assert len(found) == _MAX_MATCHES
    assert [w for _, _, w in found[:4]] == ["reward", "model", "reward", "model"]
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)
    assert found[-1][0] < text.rindex("rewards")
    # one rare word beside a frequent one: the rare one is found where it is
    rare = " ".join(["reward"] * 5 + ["gradient"] + ["reward"] * 5)
    assert [w for _, _, w in _matches(rare, ["reward", "gradient"], set())].count("gradient") == 1


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
