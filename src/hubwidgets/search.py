"""An inverted index over note titles, tags, summaries and bodies, scored by BM25F.

The index is flat arrays in CSR layout: the vocabulary is sorted, so the words starting with a
prefix ("rub" -> rubric, rubrics) are one contiguous range, and their postings are one contiguous
slice of ``docs`` (note positions), ``sat`` (the saturated BM25F term frequency of the word in the
note, float32) and ``fields`` (a bit per field the word occurs in). A word's score in a note is
``idf[word] * sat``: BM25F (Robertson and Zaragoza) with per-field boosts and length
normalisation, so that a title hit outranks a body hit, more occurrences and rarer words rank
higher and long bodies do not win by length. Queries are evaluated by :mod:`hubwidgets.ranking`.

Phrases are answered from word positions: ``positions`` holds, per posting, where in the note
the word occurs (``field << 14 | position`` in a uint16, ``counts`` per posting), so a phrase is a
few ``searchsorted`` calls over its words' positions instead of a scan of note texts. Notes with a
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
INDEX_FORMAT = 4
POSITION_BITS = 14  # a position is ``field << 14 | word number`` in a uint16
_POSITION_MASK = (1 << POSITION_BITS) - 1
POSITION_LIMIT = _POSITION_MASK  # words of a field past this one share its position: "unsure"
_TF_BITS = 4  # term frequency per field, capped at 15 (BM25 saturates long before)
_CHUNK_DOCS = 5000
_CHUNK_POSTINGS = 1 << 20


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
                  position_offsets=position_offsets, counts=occurrence_counts,
                  unsure=(lengths > POSITION_LIMIT).any(axis=1))

    def _set(self, vocabulary: list[str], offsets: np.ndarray, docs: np.ndarray, sat: np.ndarray,
             fields: np.ndarray, size: int, average: np.ndarray, positions: np.ndarray,
             position_offsets: np.ndarray, counts: np.ndarray, unsure: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets.astype(np.int64, copy=False)
        self.docs = docs.astype(np.int32, copy=False)
        self.sat = sat.astype(np.float32, copy=False)
        self.fields = fields.astype(np.uint8, copy=False)
        self.size = int(size)
        self.average = average.astype(np.float32, copy=False)
        self.positions = positions.astype(np.uint16, copy=False)  # field << 14 | word position
        self.position_offsets = position_offsets.astype(np.int64, copy=False)  # per word
        self.counts = counts.astype(np.uint32, copy=False)  # positions per posting
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

    def phrase_starts(self, phrase: Sequence[str], candidates: np.ndarray,
                      title_only: bool = False) -> np.ndarray:
        """Per note position: do the words of ``phrase`` follow each other in one field of the
        note? Only ``candidates`` (bool per position) are looked at, and the answer is from the
        built arrays: notes re-indexed since (``stale``) or with clamped positions (``unsure``)
        must be checked on their text by the caller."""
        out = np.zeros(self.size, dtype=bool)
        found = [self.word_index(w) for w in phrase]
        if not phrase or any(i is None for i in found):
            return out
        # The rarest word first: each later word is read only in the notes where the phrase can
        # still start ("reward models": 10,000 occurrences of "reward", then only the "models" of
        # those notes, not its 500,000).
        rarest_first = sorted(range(len(found)), key=lambda k: int(
            self.position_offsets[found[k] + 1] - self.position_offsets[found[k]]))
        starts: np.ndarray | None = None
        for k in rarest_first:
            i = found[k]
            docs = self.docs[int(self.offsets[i]):int(self.offsets[i + 1])]
            if starts is not None:  # the notes where the phrase can still start
                candidates = np.zeros(self.size, dtype=bool)
                candidates[starts >> 32] = True
            owner, at = self._word_positions(i, np.flatnonzero(candidates[docs]))
            if title_only:  # field 0
                first = at >> POSITION_BITS == 0
                at, owner = at[first], owner[first]
            # one sortable key per occurrence: note, field, position (minus k: where the phrase starts)
            key = (owner << 32) | ((at >> POSITION_BITS) << 24) | (at & _POSITION_MASK)
            key -= k
            if starts is None:
                starts = key
            else:
                where = np.minimum(np.searchsorted(key, starts), max(len(key) - 1, 0))
                starts = starts[key[where] == starts] if len(key) else starts[:0]
            if not len(starts):
                return out
        out[(starts >> 32)] = True
        return out

    def _word_positions(self, i: int, postings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(note, position)`` of every occurrence of word ``i`` in its ``postings`` (indices
        into the word's slice, ascending), both int64, in note then position order."""
        start, stop = int(self.offsets[i]), int(self.offsets[i + 1])
        counts = self.counts[start:stop]
        taken = counts[postings].astype(np.int64)
        first = np.cumsum(counts, dtype=np.int64)[postings] - taken  # each posting's first
        ends = np.cumsum(taken)  # where each posting's occurrences end in the result
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(first - (ends - taken), taken) + np.arange(total, dtype=np.int64)
        at = self.positions[int(self.position_offsets[i]) + at].astype(np.int64)
        owner = np.repeat(self.docs[start + postings], taken).astype(np.int64)
        return owner, at

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
                 position_offsets=self.position_offsets, counts=self.counts,
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
                           counts=data["counts"], unsure=data["unsure"])
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError):  # missing or corrupt
            return None
        if (len(index.offsets) != len(index.vocabulary) + 1 or len(index.docs) != index.offsets[-1]
                or len(index.counts) != len(index.docs) or len(index.unsure) != index.size
                or len(index.position_offsets) != len(index.offsets)
                or len(index.positions) != index.position_offsets[-1]):
            return None
        return index

    def __len__(self) -> int:
        return self.size


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
