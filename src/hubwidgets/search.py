"""An inverted index over note titles, tags, summaries and bodies, scored by BM25F: lookups,
in-place updates, saving.

The arrays (made by :mod:`hubwidgets.indexbuild`, which says what each holds) are flat, in CSR
layout: the vocabulary is sorted, so the words starting with a prefix ("rub" -> rubric, rubrics)
are one contiguous range, and their postings one contiguous slice of ``docs`` (note positions),
``sat`` (the saturated BM25F term frequency of the word in the note) and ``fields`` (a bit per
field the word occurs in). A word's score in a note is ``idf[word] * sat``: BM25F (Robertson and
Zaragoza) with per-field boosts and length normalisation, so that a title hit outranks a body
hit, more occurrences and rarer words rank higher and long bodies do not win by length. Queries
are evaluated by :mod:`hubwidgets.ranking`.

Phrases are answered from word positions (``field << 14 | word number`` per occurrence): a phrase
is its rarest word's occurrences, each checked for the other words at their places, instead of a
scan of note texts. Notes with a field too long for its positions (``unsure``) are checked on
their text, as are notes re-indexed in place: :meth:`SearchIndex.upsert` and
:meth:`SearchIndex.remove` keep an overlay over the arrays, for live reload. The arrays are saved
to and loaded from a ``.npz`` file.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from .indexbuild import POSITION_BITS, POSITION_MASK, IndexArrays, build, note_postings
from .query import words

INDEX_FORMAT = 5
_SEARCHES_PER_PASS = 8  # notes:docs below 1:8, a binary search each beats one pass (1:10: 0.42 vs 0.50 ms)


def tokenize(text: str) -> list[str]:
    """The words of ``text`` as the index and the query language see them."""
    return words(text)


class SearchIndex:
    """BM25F inverted index: sorted vocabulary -> (note positions, saturated frequency, fields)."""

    def __init__(self, docs: Sequence[Mapping[str, str]] | None = None):
        """Index ``docs`` (one dict of field texts per note, in catalog order)."""
        if docs is not None:  # else filled by load
            self._set(build(docs))

    def _set(self, a: IndexArrays) -> None:
        self.vocabulary = a.vocabulary
        self.offsets = a.offsets.astype(np.int64, copy=False)
        self.docs = a.docs.astype(np.int32, copy=False)
        self.sat = a.sat.astype(np.float32, copy=False)
        self.fields = a.fields.astype(np.uint8, copy=False)
        self.size = int(a.size)
        self.average = a.average.astype(np.float32, copy=False)
        self.positions = a.positions.astype(np.uint16, copy=False)  # field << 14 | word position
        self.position_offsets = a.position_offsets.astype(np.int64, copy=False)  # per word
        # per posting, where its positions end in ``positions`` (they start where the last ended)
        self.ends = a.ends if a.ends.dtype in (np.uint32, np.uint64) else a.ends.astype(np.uint64)
        self.unsure = a.unsure.astype(bool, copy=False)  # positions clamped: check the text
        self._set_idf(np.diff(self.offsets))
        self.stale = np.zeros(self.size, dtype=bool)  # positions whose postings the overlay replaces
        self.removed = np.zeros(self.size, dtype=bool)  # positions that match nothing at all
        self.overlay: dict[int, dict[str, tuple[float, int]]] = {}  # position -> word -> (sat, bits)

    def _set_idf(self, df: np.ndarray) -> None:
        n = max(self.size, 1)
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)

    # -- one note at a time (live reload) -------------------------------------------------------
    def upsert(self, position: int, doc: Mapping[str, str]) -> None:
        """Re-index the note at ``position`` (``position == len(index)`` appends a note).

        The note's old postings are masked and its new words kept in a small overlay that every
        query reads; word statistics (idf, average lengths) stay those of the last full build.
        """
        if not 0 <= position <= self.size:
            raise IndexError(f"position {position} outside 0..{self.size}")
        if position == self.size:
            self.size += 1
            self.stale = np.append(self.stale, True)
            self.removed = np.append(self.removed, False)
            self.unsure = np.append(self.unsure, False)
        self.stale[position] = True
        self.removed[position] = False
        self.overlay[position] = note_postings(doc, self.average)

    def remove(self, position: int) -> None:
        """Drop the note at ``position`` from every result (the position stays, matching nothing)."""
        self.stale[position] = True
        self.removed[position] = True
        self.overlay[position] = {}

    # -- reading postings -----------------------------------------------------------------------
    def prefix_range(self, prefix: str) -> tuple[int, int]:
        """Vocabulary indices ``[lo, hi)`` of the words starting with ``prefix``."""
        lo = bisect.bisect_left(self.vocabulary, prefix)
        return lo, bisect.bisect_left(self.vocabulary, prefix + "\U0010ffff", lo)

    def word_index(self, word: str) -> int | None:
        """Vocabulary index of ``word``, or ``None``."""
        i = bisect.bisect_left(self.vocabulary, word)
        return i if i < len(self.vocabulary) and self.vocabulary[i] == word else None

    def postings(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(docs, sat, fields, idf per posting)`` of vocabulary words ``lo..hi-1``."""
        start, stop = int(self.offsets[lo]), int(self.offsets[hi])
        idf = np.repeat(self.idf[lo:hi], np.diff(self.offsets[lo:hi + 1]))
        return self.docs[start:stop], self.sat[start:stop], self.fields[start:stop], idf

    def phrase_postings(self, phrase: Sequence[str], candidates: np.ndarray | None,
                        title_only: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        """The notes among ``candidates`` (bool per position; ``None``: all) with the words of
        ``phrase`` in a row in one field (the title, with ``title_only``), ascending; and per word
        of the phrase, its posting in each of those notes (an index into ``docs``, ``sat``,
        ``fields``).

        The answer is from the built arrays: notes re-indexed since (``stale``) or with clamped
        positions (``unsure``) must not be candidates; the caller checks them on their text.
        """
        found = [self.word_index(w) for w in phrase]
        if not phrase or any(i is None for i in found):
            return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=np.int64) for _ in phrase]
        # The rarest word's notes that hold every other word, and there its occurrences: where
        # the phrase may be ("reward models": the 10,000 of "reward"). Each other word is then
        # read only in the notes still in question (not all 500,000 occurrences of "models")
        # and looked for k words on.
        rarest_first = sorted(range(len(found)), key=lambda k: int(
            self.position_offsets[found[k] + 1] - self.position_offsets[found[k]]))
        first = rarest_first[0]
        i = found[first]
        start = int(self.offsets[i])
        notes = self.docs[start:int(self.offsets[i + 1])]
        keep = candidates[notes] if candidates is not None else np.ones(len(notes), dtype=bool)
        held_in = {j: self._postings_in(j, notes) for j in set(found) - {i}}
        for local in held_in.values():
            keep &= local >= 0
        chosen = np.flatnonzero(keep)
        which, at = self._word_positions(i, chosen)
        # The phrase must start inside the field. A place is ``field << 14 | number``: "k words
        # on" is ``at + k``, which runs into the next field only past number 16,383, and some word
        # of the phrase would then have to be at 16,383 itself, which only the clamped positions
        # of ``unsure`` notes (never candidates) hold.
        keep = (at & POSITION_MASK) >= first
        if title_only:  # field 0
            keep &= at >> POSITION_BITS == 0
        which, at = chosen[which[keep]], at[keep]  # ``which``: index into ``notes`` per start
        owner = notes[which].astype(np.int64)
        posting = {k: (start + which if found[k] == i else held_in[found[k]][which])
                   for k in range(len(found))}  # per word: its posting in each start's note
        for k in rarest_first[1:]:
            if not len(owner):
                break
            held = self._occurs_at(found[k], owner, at + (k - first), posting[k])
            owner, at = owner[held], at[held]
            posting = {j: p[held] for j, p in posting.items()}
        if not len(owner):
            return owner, [owner for _ in phrase]
        one = np.flatnonzero(np.append(True, owner[1:] != owner[:-1]))  # each note once
        return owner[one], [posting[k][one] for k in range(len(phrase))]

    def _postings_in(self, i: int, notes: np.ndarray) -> np.ndarray:
        """Word ``i``'s posting in each of ``notes`` (ascending), or -1 where it has none."""
        start, stop = int(self.offsets[i]), int(self.offsets[i + 1])
        docs = self.docs[start:stop]
        if len(notes) * _SEARCHES_PER_PASS < len(docs):  # few notes: a binary search each
            local = np.minimum(np.searchsorted(docs, notes), len(docs) - 1).astype(np.int64)
            return np.where(docs[local] == notes, start + local, -1)
        by_note = np.full(self.size, -1, dtype=np.int64)  # many: one pass over the word's notes
        by_note[docs] = np.arange(start, stop, dtype=np.int64)
        return by_note[notes]

    def _occurs_at(self, i: int, owner: np.ndarray, place: np.ndarray,
                   posting: np.ndarray) -> np.ndarray:
        """Per ``(owner, place)`` pair (sorted, as starts are): does word ``i``, whose posting in
        note ``owner`` is ``posting``, occur there at ``place``?"""
        new = np.append(True, owner[1:] != owner[:-1])  # the first pair of each note
        which, at = self._word_positions(i, posting[new] - int(self.offsets[i]))
        # sortable keys (note, place): 17 bits of place keep ``place`` past field 3 in its note
        occurrences = (owner[new][which] << 17) | at
        if not len(occurrences):  # (a posting has at least one position; an empty index none)
            return np.zeros(len(owner), dtype=bool)
        wanted = (owner << 17) | place
        hit = np.minimum(np.searchsorted(occurrences, wanted), len(occurrences) - 1)
        return occurrences[hit] == wanted

    def _word_positions(self, i: int, postings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(which, at)`` for every occurrence of word ``i`` in its ``postings`` (indices into
        the word's slice): ``which`` indexes ``postings``, ``at`` is the place (int64), in
        posting then place order."""
        g = postings + int(self.offsets[i])
        hi = self.ends[g].astype(np.int64)
        lo = np.where(g > 0, self.ends[g - 1], 0).astype(np.int64)
        taken = hi - lo
        which = np.repeat(np.arange(len(postings), dtype=np.int64), taken)
        # occurrence j of the result is ``lo[which[j]] + (j - first result index of which[j])``
        shift = lo - (np.cumsum(taken) - taken)
        at = np.arange(len(which), dtype=np.int64) + shift[which]
        return which, self.positions[at].astype(np.int64)

    def overlay_words(self) -> set[str]:
        """Words of re-indexed notes (for typo candidates)."""
        return {w for found in self.overlay.values() for w in found}

    # -- saving ---------------------------------------------------------------------------------
    def save(self, path: str | Path, key: str) -> None:
        """Write the arrays to ``path`` (``.npz``), tagged with ``key`` (what they were built from)."""
        np.savez(path, format=np.int64(INDEX_FORMAT), key=np.str_(key), size=np.int64(self.size),
                 vocabulary=np.frombuffer("\n".join(self.vocabulary).encode(), dtype=np.uint8),
                 offsets=self.offsets, docs=self.docs, sat=self.sat, fields=self.fields,
                 average=self.average, positions=self.positions,
                 position_offsets=self.position_offsets, ends=self.ends,
                 unsure=self.unsure[:self.size])

    @classmethod
    def load(cls, path: str | Path, key: str) -> SearchIndex | None:
        """The index saved at ``path`` if it was built from ``key``, else ``None``."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"]) != INDEX_FORMAT or str(data["key"]) != key:
                    return None
                index = cls()
                text = data["vocabulary"].tobytes().decode()  # words never hold a newline
                index._set(IndexArrays(
                    vocabulary=text.split("\n") if text else [], offsets=data["offsets"],
                    docs=data["docs"], sat=data["sat"], fields=data["fields"],
                    size=int(data["size"]), average=data["average"], positions=data["positions"],
                    position_offsets=data["position_offsets"], ends=data["ends"],
                    unsure=data["unsure"]))
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError):  # missing or corrupt
            return None
        if (len(index.offsets) != len(index.vocabulary) + 1 or len(index.docs) != index.offsets[-1]
                or len(index.ends) != len(index.docs) or len(index.unsure) != index.size
                or (len(index.ends) and int(index.ends[-1]) != len(index.positions))
                or len(index.position_offsets) != len(index.offsets)
                or len(index.positions) != index.position_offsets[-1]):
            return None
        return index

    def __len__(self) -> int:
        return self.size


def index_docs(notes: Iterable) -> list[dict[str, str]]:
    """The fields of each note that the index reads."""
    return [note_doc(n) for n in notes]


def note_doc(note) -> dict[str, str]:
    """The fields of one note that the index reads (for :meth:`SearchIndex.upsert`)."""
    return {"title": note.title, "summary": note.summary, "body": note.body,
            "tags": " ".join(note.all_tags if hasattr(note, "all_tags") else note.tags)}


def cached_index(notes: Iterable, root: str | Path, stamps: list | None) -> SearchIndex:
    """The index of ``notes``: loaded from the cache folder when built from the same files
    (``stamps``, from :func:`hubwidgets.datadir.read_folder`), else built (and saved)."""
    import hashlib

    from .cachefiles import cache_file

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
