"""An inverted index over note titles, summaries, tags and bodies.

Queries match word prefixes ("rub" finds "rubric", "rubrics"), every query word
must match, and hits are ranked by where they occur (title > tags > summary >
body), then by catalog order.

The index is three flat arrays in CSR layout: the vocabulary is sorted, so the
tokens starting with a prefix are one contiguous range, and their postings
(note positions and field weights) are one contiguous slice. A query is a few
array slices and assignments, whatever the number of notes or matching words;
building is one pass over the text with C-level dict and array operations and
one sort, and the arrays can be saved to and loaded from a ``.npz`` file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import count
from pathlib import Path

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
FIELD_WEIGHTS = (("title", 8), ("tags", 4), ("summary", 3), ("body", 1))
INDEX_FORMAT = 1


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of ``text`` (Unicode-aware, punctuation dropped)."""
    return _WORD.findall(text.casefold())


class SearchIndex:
    """Word-prefix inverted index: sorted vocabulary -> (note positions, best field weight)."""

    def __init__(self, docs: Sequence[dict[str, str]] | None = None):
        """Index ``docs`` (one dict of field texts per note, in catalog order)."""
        if docs is None:  # filled by from_arrays
            return
        self._build(docs)

    # -- building ---------------------------------------------------------------------------
    def _build(self, docs: Sequence[dict[str, str]]) -> None:
        ids: defaultdict[str, int] = defaultdict(count().__next__)  # token -> id, first seen first
        tokens = array("i")
        weights = array("b")
        lengths = array("i")
        findall = _WORD.findall
        for doc in docs:
            best: dict[str, int] = {}
            for field_name, weight in reversed(FIELD_WEIGHTS):  # lowest weight first: max wins
                text = doc.get(field_name)
                if text:
                    best.update(dict.fromkeys(findall(text.casefold()), weight))
            tokens.extend(map(ids.__getitem__, best))
            weights.extend(best.values())
            lengths.append(len(best))
        vocabulary = list(ids)  # in id order
        del ids
        order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)  # ids by token text
        rank = np.empty(len(order), dtype=np.int64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int64)
        offsets, docs, best_weights = _postings(rank, tokens, weights, lengths)
        self._set(vocabulary=[vocabulary[i] for i in order], offsets=offsets, docs=docs,
                  weights=best_weights, size=len(lengths))

    def _set(self, vocabulary: list[str], offsets: np.ndarray, docs: np.ndarray,
             weights: np.ndarray, size: int) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets.astype(np.int64, copy=False)
        self.docs = docs.astype(np.int32, copy=False)
        self.weights = weights.astype(np.int8, copy=False)
        self.size = int(size)

    # -- saving -----------------------------------------------------------------------------
    def save(self, path: str | Path, key: str) -> None:
        """Write the arrays to ``path`` (``.npz``), tagged with ``key`` (what they were built from)."""
        np.savez(path, format=np.int64(INDEX_FORMAT), key=np.str_(key), size=np.int64(self.size),
                 vocabulary=np.frombuffer("\n".join(self.vocabulary).encode(), dtype=np.uint8),
                 offsets=self.offsets,
                 docs=self.docs, weights=self.weights)

    @classmethod
    def load(cls, path: str | Path, key: str) -> SearchIndex | None:
        """The index saved at ``path`` if it was built from ``key``, else ``None``."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"]) != INDEX_FORMAT or str(data["key"]) != key:
                    return None
                index = cls()
                words = data["vocabulary"].tobytes().decode()  # tokens are \w+ words: never a newline
                index._set(vocabulary=words.split("\n") if words else [], offsets=data["offsets"],
                           docs=data["docs"], weights=data["weights"], size=int(data["size"]))
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError):  # missing or corrupt
            return None
        if len(index.offsets) != len(index.vocabulary) + 1 or len(index.docs) != index.offsets[-1]:
            return None
        return index

    # -- queries ----------------------------------------------------------------------------
    def _term_scores(self, term: str) -> np.ndarray:
        """Best field weight of any token starting with ``term``, per note (0 = no match).

        The exact word scores one more than a longer word with the same prefix.
        """
        lo = bisect.bisect_left(self.vocabulary, term)
        hi = bisect.bisect_left(self.vocabulary, term + "\U0010ffff", lo)
        scores = np.zeros(self.size, dtype=np.int16)
        if lo == hi:
            return scores
        start, stop = int(self.offsets[lo]), int(self.offsets[hi])
        docs, weights = self.docs[start:stop], self.weights[start:stop]
        exact = self.vocabulary[lo] == term  # the word itself sorts first in its prefix range
        if hi - lo == 1:
            scores[docs] = weights + exact
            return scores
        # Several words share the prefix, so a note can appear several times: assign each weight
        # level in increasing order, so the best one is what stays (order-independent).
        for level in np.unique(weights):
            scores[docs[weights == level]] = level
        if exact:
            end = int(self.offsets[lo + 1])
            own = self.docs[start:end]
            scores[own] = np.maximum(scores[own], self.weights[start:end] + 1)
        return scores

    def search(self, query: str, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(positions, scores)`` of notes matching every word of ``query``, best first."""
        terms = list(dict.fromkeys(tokenize(query)))
        if not terms:
            return np.arange(0), np.arange(0)
        total: np.ndarray | None = None
        matched: np.ndarray | None = None
        wide = len(terms) > 3000  # int16 sums could overflow
        for term in terms:
            scores = self._term_scores(term)
            if wide:
                scores = scores.astype(np.int32)
            if total is None:
                total, matched = scores, scores > 0
            else:
                total = total + scores
                matched &= scores > 0
        assert total is not None and matched is not None
        hits = np.flatnonzero(matched)
        hit_scores = total[hits]
        order = np.argsort(-hit_scores, kind="stable")  # score desc, then catalog order
        hits = hits[order]
        if limit is not None:
            hits = hits[:limit]
        return hits, total[hits].astype(np.int32)

    def __len__(self) -> int:
        return self.size


_CHUNK = 1 << 20  # postings per step when packing and unpacking: bounds the temporaries


def _postings(rank: np.ndarray, tokens: array, weights: array, lengths: array
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group the (token, note, weight) triples by token rank: CSR ``(offsets, docs, weights)``.

    ``tokens`` and ``weights`` are emptied on the way (their memory is reused).

    Each triple is packed into one int64 (rank | note | weight) and the keys are sorted in
    place: 8 bytes per posting at the peak instead of the ~24 of an argsort with its gathers
    (~100 MB less at 100,000 notes). Notes stay in catalog order within a token.
    """
    n_docs, total, n_tokens = len(lengths), len(tokens), len(rank)
    doc_bits, weight_bits = max(1, n_docs.bit_length()), 4
    shift = doc_bits + weight_bits
    if max(1, n_tokens).bit_length() + shift > 63:  # pragma: no cover - billions of words
        raise ValueError("too many distinct words and notes to index")
    key = np.empty(total, dtype=np.int64)  # pages are only taken as they are written
    lens = np.frombuffer(lengths, dtype=np.int32) if n_docs else np.zeros(0, np.int32)
    ends = np.cumsum(lens, dtype=np.int64)
    steps = []  # whole notes per step, about _CHUNK postings each
    d0 = 0
    while d0 < n_docs:
        start = int(ends[d0 - 1]) if d0 else 0
        d1 = min(n_docs, max(d0 + 1, int(np.searchsorted(ends, start + _CHUNK, side="right"))))
        steps.append((d0, d1, start, int(ends[d1 - 1])))
        d0 = d1
    # Last step first, cutting the packed tail off ``tokens`` and ``weights`` as ``key`` fills:
    # the triples are never held twice.
    for d0, d1, start, stop in reversed(steps):
        if stop > start:
            chunk = rank[np.frombuffer(tokens, dtype=np.int32, count=stop - start, offset=4 * start)]
            chunk <<= doc_bits
            chunk |= np.repeat(np.arange(d0, d1, dtype=np.int64), lens[d0:d1])
            chunk <<= weight_bits
            chunk |= np.frombuffer(weights, dtype=np.int8, count=stop - start, offset=start)
            key[start:stop] = chunk
            del chunk
        del tokens[start:], weights[start:]
    del lens
    key.sort()
    counts = np.zeros(n_tokens, dtype=np.int64)
    best = np.empty(total, dtype=np.int8)
    for start in range(0, total, _CHUNK):
        part = key[start:start + _CHUNK]
        counts += np.bincount(part >> shift, minlength=n_tokens)
        best[start:start + _CHUNK] = part & ((1 << weight_bits) - 1)
    # The notes go into the front half of the keys' own buffer (int32 slot i never lies past
    # key i, which is read before it is overwritten), then the back half is handed back.
    front = key.view(np.int32)
    for start in range(0, total, _CHUNK):
        stop = min(total, start + _CHUNK)
        front[start:stop] = (key[start:stop] >> weight_bits) & ((1 << doc_bits) - 1)
    del front
    docs = _shrunk(key, total)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    return offsets, docs, best


def _shrunk(key: np.ndarray, total: int) -> np.ndarray:
    """The first ``total`` int32 of ``key``'s buffer, the rest of the buffer freed."""
    try:
        key.resize((total + 1) // 2, refcheck=False)  # realloc: keeps the front, frees the back
    except ValueError:  # the buffer is shared after all: copy instead
        return key.view(np.int32)[:total].copy()
    return key.view(np.int32)[:total]


def index_docs(notes: Iterable) -> list[dict[str, str]]:
    """The fields of each note that the index reads."""
    return [{"title": n.title, "summary": n.summary, "body": n.body, "tags": " ".join(n.tags)}
            for n in notes]


def cached_index(notes: Iterable, root: str | Path, stamps: list | None) -> SearchIndex:
    """The index of ``notes``: loaded from the cache folder when built from the same files
    (``stamps``, from :func:`hubwidgets.datadir.read_folder`), else built (and saved)."""
    import hashlib

    from .datadir import cache_file

    if stamps is None:
        return SearchIndex(index_docs(notes))
    key = hashlib.sha1(repr(stamps).encode()).hexdigest()
    path = cache_file(root, ".search.npz")
    index = SearchIndex.load(path, key)
    if index is None:
        index = SearchIndex(index_docs(notes))
        try:
            import io

            from .fsutil import atomic_write

            path.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            index.save(buffer, key)
            atomic_write(path, buffer.getvalue())
        except OSError:  # read-only or full: caching is an optimisation only
            pass
    return index
