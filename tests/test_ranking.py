"""Ranking: the properties issue 14 names (a title hit outranks a body hit, more occurrences and
rarer words rank higher, exclusion removes, a filter never widens), typo scores against their
definition, the phrase scan over texts and the best-first order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.indexbuild import FIELDS
from hubwidgets.query import phrase_matcher, words
from hubwidgets.ranking import PREFIX_FACTOR
from hubwidgets.search import SearchIndex

from .search_reference import WORDS, bm25f, doc, in_a_row, queries, run

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
    assert found == [any(in_a_row(words(t), phrase) for t in g) for g in groups]
    assert all(f for f, g in zip(found, groups, strict=True) if any(one(t) for t in g))


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
