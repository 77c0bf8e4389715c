"""Typo tolerance: the vocabulary words within a small edit distance of a query word.

Words of 5+ letters tolerate one edit, words of 8+ two (Levenshtein distance, computed by
rapidfuzz over the vocabulary words of a close enough length that share the first letter: a typo
in the first letter is rare, and the rule, Elasticsearch's ``prefix_length=1``, makes a lookup
~20x cheaper over a 100,000-note vocabulary). rapidfuzz is a core dependency (a small wheel
with no dependencies of its own): typo tolerance is part of every install, imported on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_LENGTH = 5  # shorter words are matched exactly (and by prefix) only
TWO_EDITS = 8


def max_edits(word: str) -> int:
    """How many edits ``word`` tolerates: 0 below 5 letters, 1 below 8, else 2."""
    return 0 if len(word) < MIN_LENGTH else 1 if len(word) < TWO_EDITS else 2


class Typos:
    """Vocabulary bucketed by first letter and length: a lookup compares only close words."""

    def __init__(self, vocabulary: Sequence[str]):
        """Bucket ``vocabulary`` (any order; indices returned refer to it)."""
        self.by_length: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        for i, word in enumerate(vocabulary):
            if len(word) < MIN_LENGTH - 2:
                continue
            words, indices = self.by_length.setdefault((word[0], len(word)), ([], []))
            words.append(word)
            indices.append(i)

    def near(self, word: str) -> list[int]:
        """Indices of the vocabulary words within :func:`max_edits` of ``word`` (itself excluded)."""
        k = max_edits(word)
        if k == 0:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        out: list[int] = []
        for length in range(len(word) - k, len(word) + k + 1):
            bucket = self.by_length.get((word[0], length))
            if bucket is None:
                continue
            words, indices = bucket
            for _, distance, j in process.extract(word, words, scorer=Levenshtein.distance,
                                                  score_cutoff=k, limit=None):
                if distance > 0:
                    out.append(indices[j])
        return sorted(out)
