"""An inverted index over note titles, tags, summaries and bodies, scored by BM25F.

The index is flat arrays in CSR layout: the vocabulary is sorted, so the words starting with a
prefix ("rub" -> rubric, rubrics) are one contiguous range, and their postings are one contiguous
slice of ``docs`` (note positions), ``sat`` (the saturated BM25F term frequency of the word in the
note, float32) and ``fields`` (a bit per field the word occurs in). A word's score in a note is
``idf[word] * sat``: BM25F (Robertson and Zaragoza) with per-field boosts and length
normalisation, so that a title hit outranks a body hit, more occurrences and rarer words rank
higher and long bodies do not win by length. Queries are evaluated by :mod:`hubwidgets.ranking`.

Phrases are answered from word positions: ``positions`` holds, per posting, where in the note
the word occurs (``field << 14 | position`` in a uint16; ``ends`` says where each posting's run
ends), so a phrase is its rarest word's occurrences, each checked for the other words at their
places, instead of a scan of note texts. Notes with a
field over :data:`POSITION_LIMIT` words are ``unsure`` (their later positions are clamped) and are
checked on their text, as are notes re-indexed in place.

Building is vectorised per chunk of notes (a dict lookup per token, then numpy ``unique`` and one
in-place sort of packed int64 keys); the arrays are saved to and loaded from a ``.npz`` file.
:meth:`SearchIndex.upsert` and :meth:`SearchIndex.remove` re-index one note in place (an overlay
over the arrays), for live reload.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import count
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .query import WORD_PATTERN, words

FIELDS = ("title", "tags", "summary", "body")
BOOSTS = np.array([6.0, 3.0, 2.0, 1.0], dtype=np.float32)  # a title hit outranks a body hit
LENGTH_NORM = np.array([0.3, 0.3, 0.75, 0.75], dtype=np.float32)  # BM25's b, per field
K1 = 2.0  # BM25F: boosted frequencies saturate later (nDCG@10 0.98 -> 1.0 on the benchmark set)
TITLE, TAGS, SUMMARY, BODY = 1, 2, 4, 8  # bits of ``fields``
INDEX_FORMAT = 5
POSITION_BITS = 14  # a position is ``field << 14 | word number`` in a uint16
_POSITION_MASK = (1 << POSITION_BITS) - 1
POSITION_LIMIT = _POSITION_MASK  # words of a field past this one share its position: "unsure"
_TF_BITS = 4  # term frequency per field, capped at 15 (BM25 saturates long before)
_CHUNK_DOCS = 5000
_CHUNK_POSTINGS = 1 << 20
_SEARCHES_PER_PASS = 8  # notes:docs below 1:8, a binary search each beats one pass (1:10: 0.42 vs 0.50 ms)


def tokenize(text: str) -> list[str]:
    """The words of ``text`` as the index and the query language see them."""
    return words(text)


class SearchIndex:
    """BM25F inverted index: sorted vocabulary -> (note positions, saturated frequency, fields)."""

    def __init__(self, docs: Sequence[Mapping[str, str]] | None = None):
        """Index ``docs`` (one dict of field texts per note, in catalog order)."""
        if docs is None:  # filled by load
            return
        self._build(docs)

    # -- building -------------------------------------------------------------------------------
    def _build(self, docs: Sequence[Mapping[str, str]]) -> None:
        ids: defaultdict[str, int] = defaultdict(count().__next__)  # word -> id, first seen first
        n = len(docs)
        doc_bits = max(1, n.bit_length())
        lengths = np.zeros((n, len(FIELDS)), dtype=np.float32)
        parts, occurrences = [], []
        for start in range(0, n, _CHUNK_DOCS):
            keys, occ = _chunk_keys(docs[start:start + _CHUNK_DOCS], start, ids, lengths, doc_bits)
            parts.append(keys)
            occurrences.append(occ)
        vocabulary = list(ids)
        del ids
        order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
        rank = np.empty(len(order), dtype=np.int64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int64)
        # Positions first, from the chunks' occurrences (freed as placed), before the big key array.
        postings_per_rank = np.zeros(len(order), dtype=np.int64)
        for c in occurrences:
            postings_per_rank[rank[c.words]] += c.postings_per_word  # a chunk's words are distinct
        offsets = np.concatenate(([0], np.cumsum(postings_per_rank)))
        positions, position_offsets, occurrence_counts = _place_positions(occurrences, rank, offsets)
        del occurrences
        shift = doc_bits + _TF_BITS * len(FIELDS)
        low = (1 << shift) - 1
        key = np.empty(sum(len(p) for p in parts), dtype=np.int64)
        at = 0
        for i, part in enumerate(parts):  # word ids -> ranks, into one array, parts freed as we go
            key[at:at + len(part)] = (rank[part >> shift] << shift) | (part & low)
            at += len(part)
            parts[i] = None
        del parts
        key.sort()
        assert len(key) == offsets[-1], "postings and positions disagree"
        average = np.maximum(lengths.mean(axis=0) if n else 1.0, 1.0).astype(np.float32)
        docs_arr = np.empty(len(key), dtype=np.int32)
        sat = np.empty(len(key), dtype=np.float32)
        field_bits = np.empty(len(key), dtype=np.uint8)
        tf_mask = (1 << _TF_BITS) - 1
        for start in range(0, len(key), _CHUNK_POSTINGS):  # bounded temporaries
            part = key[start:start + _CHUNK_POSTINGS]
            docs_arr[start:start + len(part)] = d = (part >> (_TF_BITS * len(FIELDS))) & ((1 << doc_bits) - 1)
            tfs = np.stack([(part >> (_TF_BITS * f)) & tf_mask for f in range(len(FIELDS))],
                           axis=1).astype(np.float32)
            sat[start:start + len(part)] = _saturated(tfs, lengths[d], average)
            field_bits[start:start + len(part)] = ((tfs > 0) * (1 << np.arange(len(FIELDS)))).sum(axis=1)
        del key
        self._set(vocabulary=[vocabulary[i] for i in order], offsets=offsets, docs=docs_arr,
                  sat=sat, fields=field_bits, size=n, average=average, positions=positions,
                  position_offsets=position_offsets, ends=_ends(occurrence_counts),
                  unsure=(lengths > POSITION_LIMIT).any(axis=1))

    def _set(self, vocabulary: list[str], offsets: np.ndarray, docs: np.ndarray, sat: np.ndarray,
             fields: np.ndarray, size: int, average: np.ndarray, positions: np.ndarray,
             position_offsets: np.ndarray, ends: np.ndarray, unsure: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets.astype(np.int64, copy=False)
        self.docs = docs.astype(np.int32, copy=False)
        self.sat = sat.astype(np.float32, copy=False)
        self.fields = fields.astype(np.uint8, copy=False)
        self.size = int(size)
        self.average = average.astype(np.float32, copy=False)
        self.positions = positions.astype(np.uint16, copy=False)  # field << 14 | word position
        self.position_offsets = position_offsets.astype(np.int64, copy=False)  # per word
        # per posting, where its positions end in ``positions`` (they start where the last ended)
        self.ends = ends if ends.dtype in (np.uint32, np.uint64) else ends.astype(np.uint64)
        self.unsure = unsure.astype(bool, copy=False)  # positions clamped: check the text
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
        tfs: dict[str, list[int]] = {}
        lengths = np.zeros(len(FIELDS), dtype=np.float32)
        for f, name in enumerate(FIELDS):
            found = words(doc.get(name) or "")
            lengths[f] = len(found)
            for word, tf in Counter(found).items():
                tfs.setdefault(word, [0] * len(FIELDS))[f] = min(tf, (1 << _TF_BITS) - 1)
        if not tfs:
            self.overlay[position] = {}
            return
        table = np.asarray(list(tfs.values()), dtype=np.float32)
        sat = _saturated(table, np.broadcast_to(lengths, table.shape), self.average)
        bits = ((table > 0) * (1 << np.arange(len(FIELDS)))).sum(axis=1)
        self.overlay[position] = {w: (float(s), int(b)) for w, s, b in zip(tfs, sat, bits, strict=True)}

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
        keep = (at & _POSITION_MASK) >= first
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
                index._set(vocabulary=text.split("\n") if text else [], offsets=data["offsets"],
                           docs=data["docs"], sat=data["sat"], fields=data["fields"],
                           size=int(data["size"]), average=data["average"],
                           positions=data["positions"], position_offsets=data["position_offsets"],
                           ends=data["ends"], unsure=data["unsure"])
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


def _ends(counts: np.ndarray) -> np.ndarray:
    """Per posting, where its positions end: the running total of ``counts`` (in place when
    uint32 holds it, so building needs no second array of that size)."""
    total = int(counts.sum(dtype=np.uint64)) if len(counts) else 0
    if total < 2 ** 32:
        counts = counts.astype(np.uint32, copy=False)
        return np.cumsum(counts, out=counts)
    return np.cumsum(counts, dtype=np.uint64)


def _chunk_keys(docs: Sequence[Mapping[str, str]], start: int, ids: defaultdict[str, int],
                lengths: np.ndarray, doc_bits: int) -> tuple[np.ndarray, _Occurrences]:
    """One int64 per (word, note) of ``docs``: word id | note position | 4 capped term counts;
    and where each word occurs, ordered by word id (then note, field, position)."""
    findall, get = WORD_PATTERN.findall, ids.__getitem__
    tf_shift = _TF_BITS * len(FIELDS)
    cap = (1 << _TF_BITS) - 1
    merged: list[np.ndarray] = []
    where: list[np.ndarray] = []
    local = np.arange(len(docs), dtype=np.int64)
    for f, name in enumerate(FIELDS):
        tokens: list[int] = []
        per_doc = np.zeros(len(docs), dtype=np.int64)
        for i, doc in enumerate(docs):
            text = doc.get(name)
            if text:
                found = findall(text.casefold())
                per_doc[i] = len(found)
                tokens.extend(map(get, found))
        lengths[start:start + len(docs), f] = per_doc
        word = np.asarray(tokens, dtype=np.int64)
        owner = np.repeat(local, per_doc)
        firsts = np.cumsum(per_doc) - per_doc
        at = np.minimum(np.arange(len(word), dtype=np.int64) - np.repeat(firsts, per_doc),
                        POSITION_LIMIT)
        where.append((word << 32) | (owner << 16) | (f << POSITION_BITS) | at)
        key = word << (doc_bits + tf_shift)
        key |= (owner + start) << tf_shift
        key, tf = np.unique(key, return_counts=True)
        merged.append(key | (np.minimum(tf, cap).astype(np.int64) << (_TF_BITS * f)))
    occurrences = _occurrences(np.concatenate(where))
    both = np.concatenate(merged)
    if not len(both):
        return both, occurrences
    both.sort()
    # The same (word, note) from several fields: OR their count bits together (disjoint bits).
    head = (both >> tf_shift) << tf_shift
    first = np.flatnonzero(np.concatenate(([True], head[1:] != head[:-1])))
    tf_bits = np.bitwise_or.reduceat(both & ((1 << tf_shift) - 1), first)
    return head[first] | tf_bits, occurrences


class _Occurrences(NamedTuple):
    """Where the words of one chunk of notes occur, ordered by word id, note, field, position."""

    words: np.ndarray  # word ids present, ascending
    per_word: np.ndarray  # positions per word
    postings_per_word: np.ndarray  # notes per word
    positions: np.ndarray  # uint16: field << 14 | position
    counts: np.ndarray  # positions per (word, note), in the order of the postings


def _occurrences(keys: np.ndarray) -> _Occurrences:
    """Group sorted ``word << 32 | note << 16 | field << 14 | position`` keys (notes < 2**16)."""
    keys.sort()
    word = keys >> 32
    posting = keys >> 16
    if len(keys):
        new_word = np.flatnonzero(np.concatenate(([True], word[1:] != word[:-1])))
        new_posting = np.flatnonzero(np.concatenate(([True], posting[1:] != posting[:-1])))
    else:
        new_word = new_posting = np.zeros(0, dtype=np.int64)
    counts = np.diff(np.append(new_posting, len(keys))).astype(np.uint32)
    postings_per_word = np.diff(np.append(np.searchsorted(new_posting, new_word), len(new_posting)))
    return _Occurrences(words=word[new_word], per_word=np.diff(np.append(new_word, len(keys))),
                        postings_per_word=postings_per_word,
                        positions=(keys & 0xFFFF).astype(np.uint16), counts=counts)


def _place_positions(chunks: list[_Occurrences], rank: np.ndarray,
                     offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lay the chunks' positions out by word rank (then note, as the postings are): the positions,
    their offsets per word, and the count of positions per posting."""
    per_rank = np.zeros(len(rank), dtype=np.int64)
    for c in chunks:
        per_rank[rank[c.words]] += c.per_word  # a chunk's words are distinct
    position_offsets = np.concatenate(([0], np.cumsum(per_rank)))
    positions = np.empty(int(position_offsets[-1]), dtype=np.uint16)
    counts = np.empty(int(offsets[-1]), dtype=np.uint32)
    placed = np.zeros(len(rank), dtype=np.int64)  # positions placed per word rank so far
    posted = np.zeros(len(rank), dtype=np.int64)  # postings placed per word rank so far
    for i, c in enumerate(chunks):
        r = rank[c.words]
        for out, sizes, values, filled, base in (
                (positions, c.per_word, c.positions, placed, position_offsets),
                (counts, c.postings_per_word, c.counts, posted, offsets)):
            source = np.cumsum(sizes) - sizes
            target = base[r] + filled[r]
            out[np.repeat(target - source, sizes) + np.arange(len(values))] = values
            filled[r] += sizes
        chunks[i] = None  # freed as we go
    return positions, position_offsets, counts


def _saturated(tfs: np.ndarray, lengths: np.ndarray, average: np.ndarray) -> np.ndarray:
    """BM25F: boosted, length-normalised frequency summed over fields, then saturated by ``K1``."""
    norm = 1.0 - LENGTH_NORM + LENGTH_NORM * (lengths / average)
    tfn = (tfs * (BOOSTS / norm)).sum(axis=1)
    return (tfn * (K1 + 1) / (tfn + K1)).astype(np.float32)


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
