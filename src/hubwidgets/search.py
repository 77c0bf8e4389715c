"""An inverted index over note titles, summaries, tags and bodies.

Queries match word prefixes ("rub" finds "rubric", "rubrics"), every query word
must match, and hits are ranked by where they occur (title > tags > summary >
body). The index is built once per catalog, on the first search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
FIELD_WEIGHTS = (("title", 8), ("tags", 4), ("summary", 3), ("body", 1))


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of ``text`` (Unicode-aware, punctuation dropped)."""
    return _WORD.findall(text.casefold())


class SearchIndex:
    """Word-prefix inverted index: token -> (note positions, weights)."""

    def __init__(self, docs: Sequence[dict[str, str]]):
        postings: dict[str, dict[int, int]] = {}
        for pos, doc in enumerate(docs):
            for field_name, weight in FIELD_WEIGHTS:
                text = doc.get(field_name) or ""
                if not text:
                    continue
                for token in set(tokenize(text)):
                    slot = postings.get(token)
                    if slot is None:
                        postings[token] = {pos: weight}
                    elif slot.get(pos, 0) < weight:
                        slot[pos] = weight
        self.size = len(docs)
        self.vocabulary = sorted(postings)
        self._docs: list[np.ndarray] = []
        self._weights: list[np.ndarray] = []
        for token in self.vocabulary:
            slot = postings[token]
            self._docs.append(np.fromiter(slot.keys(), dtype=np.int32, count=len(slot)))
            self._weights.append(np.fromiter(slot.values(), dtype=np.int16, count=len(slot)))

    def _term_scores(self, term: str) -> np.ndarray:
        """Best field weight of any token starting with ``term``, per note (0 = no match)."""
        lo = bisect.bisect_left(self.vocabulary, term)
        hi = bisect.bisect_left(self.vocabulary, term + "\U0010ffff", lo)
        scores = np.zeros(self.size, dtype=np.int16)
        for i in range(lo, hi):
            exact_bonus = 1 if self.vocabulary[i] == term else 0
            docs = self._docs[i]
            current = scores[docs]
            scores[docs] = np.maximum(current, self._weights[i] + exact_bonus)
        return scores

    def search(self, query: str, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(positions, scores)`` of notes matching every word of ``query``, best first."""
        terms = list(dict.fromkeys(tokenize(query)))
        if not terms:
            return np.arange(0), np.arange(0)
        total = None
        for term in terms:
            scores = self._term_scores(term)
            if total is None:
                total = scores.astype(np.int32)
                total[scores == 0] = -1
            else:
                total = np.where((scores == 0) | (total < 0), -1, total + scores)
        assert total is not None
        hits = np.flatnonzero(total > 0)
        order = np.lexsort((hits, -total[hits]))  # score desc, then catalog order
        hits = hits[order]
        if limit is not None:
            hits = hits[:limit]
        return hits, total[hits]
