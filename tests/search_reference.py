"""What the search index and its ranking are checked against: BM25F computed note by note from
its definition, and the small notes and queries the hypothesis tests draw."""

from __future__ import annotations

import math

from hypothesis import strategies as st

from hubwidgets.indexbuild import BOOSTS, FIELDS, K1, LENGTH_NORM
from hubwidgets.query import parse, words
from hubwidgets.ranking import PREFIX_FACTOR, Ranker, fields_text
from hubwidgets.search import SearchIndex

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


def in_a_row(tokens: list[str], phrase: list[str]) -> bool:
    return any(tokens[i:i + len(phrase)] == phrase for i in range(len(tokens)))


field_text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


doc = st.fixed_dictionaries({"title": field_text, "summary": field_text, "body": field_text,
                             "tags": field_text})


queries = st.lists(st.sampled_from([*WORDS, "r", "mod", "zz", "STRASSE", "ü"]), min_size=1,
                   max_size=3).map(" ".join)


phrases = st.lists(st.sampled_from(["rub", "rubric", "a", "ab", "model", "中", "文", "über"]),
                   min_size=1, max_size=3)
