"""Building the search index's arrays from note texts: postings, BM25F weights and word positions.

:class:`hubwidgets.search.SearchIndex` reads these arrays; this module is how they are made, and
the one place that says what they hold:

- the vocabulary is sorted; a word's postings are the slice ``offsets[w]:offsets[w + 1]`` of
  ``docs`` (note positions, ascending), ``sat`` (the word's saturated BM25F term frequency in the
  note: per-field boosts and length normalisation, Robertson and Zaragoza) and ``fields`` (a bit
  per field it occurs in);
- ``positions`` holds, per posting, where in the note the word occurs (``field << 14 | word
  number`` in a uint16), ending at ``ends[posting]``; the word's run is
  ``position_offsets[w]:position_offsets[w + 1]``. Fields over :data:`POSITION_LIMIT` words share
  their last position, and their notes are ``unsure`` (phrases there are checked on the text).

Building is vectorised per chunk of notes (a dict lookup per token, then numpy ``unique`` and one
in-place sort of packed int64 keys), with temporaries freed as they are used, so 100,000 notes
build in seconds and in a few hundred MiB.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import count
from typing import NamedTuple

import numpy as np

from .query import WORD_PATTERN, words

FIELDS = ("title", "tags", "summary", "body")
BOOSTS = np.array([6.0, 3.0, 2.0, 1.0], dtype=np.float32)  # a title hit outranks a body hit
LENGTH_NORM = np.array([0.3, 0.3, 0.75, 0.75], dtype=np.float32)  # BM25's b, per field
K1 = 2.0  # BM25F: boosted frequencies saturate later (nDCG@10 0.98 -> 1.0 on the benchmark set)
TITLE, TAGS, SUMMARY, BODY = 1, 2, 4, 8  # bits of ``fields``
POSITION_BITS = 14  # a position is ``field << 14 | word number`` in a uint16
POSITION_MASK = (1 << POSITION_BITS) - 1
POSITION_LIMIT = POSITION_MASK  # words of a field past this one share its position: "unsure"
_TF_BITS = 4  # term frequency per field, capped at 15 (BM25 saturates long before)
_TF_CAP = (1 << _TF_BITS) - 1
_CHUNK_DOCS = 5000
_CHUNK_POSTINGS = 1 << 20


class IndexArrays(NamedTuple):
    """What an index is made of (see the module's docstring)."""

    vocabulary: list[str]
    offsets: np.ndarray  # int64, per word + 1: where its postings start in docs, sat, fields
    docs: np.ndarray  # int32 note positions
    sat: np.ndarray  # float32 saturated BM25F term frequency
    fields: np.ndarray  # uint8 bits: TITLE | TAGS | SUMMARY | BODY
    size: int  # notes
    average: np.ndarray  # float32 average length of each field, in words
    positions: np.ndarray  # uint16 field << 14 | word number
    position_offsets: np.ndarray  # int64, per word + 1: where its positions start
    ends: np.ndarray  # uint32 (uint64 past 2**32 positions), per posting: where its positions end
    unsure: np.ndarray  # bool per note: some field past POSITION_LIMIT words


def build(docs: Sequence[Mapping[str, str]]) -> IndexArrays:
    """The index arrays of ``docs`` (one dict of field texts per note, in catalog order)."""
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
    for start in range(0, len(key), _CHUNK_POSTINGS):  # bounded temporaries
        part = key[start:start + _CHUNK_POSTINGS]
        docs_arr[start:start + len(part)] = d = (part >> (_TF_BITS * len(FIELDS))) & ((1 << doc_bits) - 1)
        tfs = np.stack([(part >> (_TF_BITS * f)) & _TF_CAP for f in range(len(FIELDS))],
                       axis=1).astype(np.float32)
        sat[start:start + len(part)] = saturated(tfs, lengths[d], average)
        field_bits[start:start + len(part)] = _field_bits(tfs)
    del key
    return IndexArrays(vocabulary=[vocabulary[i] for i in order], offsets=offsets, docs=docs_arr,
                       sat=sat, fields=field_bits, size=n, average=average, positions=positions,
                       position_offsets=position_offsets, ends=_ends(occurrence_counts),
                       unsure=(lengths > POSITION_LIMIT).any(axis=1))


def note_postings(doc: Mapping[str, str], average: np.ndarray) -> dict[str, tuple[float, int]]:
    """One note's postings, word -> (saturated frequency, field bits), weighed as :func:`build`
    weighs them with field lengths ``average`` (re-indexing one note in place)."""
    tfs: dict[str, list[int]] = {}
    lengths = np.zeros(len(FIELDS), dtype=np.float32)
    for f, name in enumerate(FIELDS):
        found = words(doc.get(name) or "")
        lengths[f] = len(found)
        for word, tf in Counter(found).items():
            tfs.setdefault(word, [0] * len(FIELDS))[f] = min(tf, _TF_CAP)
    if not tfs:
        return {}
    table = np.asarray(list(tfs.values()), dtype=np.float32)
    sat = saturated(table, np.broadcast_to(lengths, table.shape), average)
    return {w: (float(s), int(b)) for w, s, b in zip(tfs, sat, _field_bits(table), strict=True)}


def saturated(tfs: np.ndarray, lengths: np.ndarray, average: np.ndarray) -> np.ndarray:
    """BM25F: boosted, length-normalised frequency summed over fields, then saturated by ``K1``."""
    norm = 1.0 - LENGTH_NORM + LENGTH_NORM * (lengths / average)
    tfn = (tfs * (BOOSTS / norm)).sum(axis=1)
    return (tfn * (K1 + 1) / (tfn + K1)).astype(np.float32)


def _field_bits(tfs: np.ndarray) -> np.ndarray:
    """Per row of term frequencies (one column per field), the bits of the fields it occurs in."""
    return ((tfs > 0) * (1 << np.arange(len(FIELDS)))).sum(axis=1)


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
        merged.append(key | (np.minimum(tf, _TF_CAP).astype(np.int64) << (_TF_BITS * f)))
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

