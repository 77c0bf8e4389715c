"""Search over a catalog: the query language, the catalog's field filters, and the result rows.

:class:`CatalogSearch` ties a :class:`~hubwidgets.ranking.Ranker` to one catalog: ``tag:``,
``section:``, ``hub:``, ``path:`` and ``folder:`` terms are answered from the catalog's notes and
hubs (value maps built once), phrases are checked on the notes' text, and :meth:`frame` builds the
result DataFrame with snippets for the best rows.
"""

from __future__ import annotations

import ctypes
import platform
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .query import Node, ParsedQuery, parse, words
from .ranking import Ranked, Ranker
from .search import note_doc
from .snippets import snippet

if TYPE_CHECKING:
    from .catalog import Catalog
    from .notes import Note

RESULT_COLUMNS = ["id", "title", "summary", "score", "snippet", "snippet_marks"]
TABLE_COLUMNS = ("id", "title", "summary")  # taken from the notes, per position
SNIPPET_ROWS = 20  # rows that get a snippet (the best ones); :meth:`CatalogSearch.snippet` for any


class CatalogSearch:
    """Queries in the query language over one catalog's search index.

    Index positions are fixed once a note has one: a note added later is appended, a removed one
    keeps its position (matching nothing). ``position`` maps note ids to positions; results are
    ordered on ties by the catalog's own order (``_notes``), not by position.
    """

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.notes: list[Note] = list(catalog._notes.values())  # by index position (removed stay)
        self.position: dict[str, int] = {n.id: i for i, n in enumerate(self.notes)}
        # id, title, summary by position: result rows are ``take``s of these. The strings are
        # copied so that they sit together in memory, in position order: taking 100,000 rows then
        # reads memory in sequence instead of all over the heap (2x faster).
        self.columns: dict[str, pd.api.extensions.ExtensionArray] = {
            name: _strings([getattr(n, name).encode().decode() for n in self.notes])
            for name in TABLE_COLUMNS}
        self.ranker = Ranker(catalog._index, field_mask=self.field_mask, texts=self.texts)
        self._values: dict[str, dict[str, list[int]]] | None = None
        self._order: np.ndarray | None = None  # catalog rank per position; None: the positions
        self._order_stale = False

    @property
    def index(self):
        """The :class:`~hubwidgets.search.SearchIndex` queries run on."""
        return self.ranker.index

    # -- what the ranker asks -------------------------------------------------------------------
    def texts(self, positions: np.ndarray, field_name: str | None) -> list[tuple[str, ...]]:
        """The texts of each note at ``positions`` that a phrase is checked against."""
        notes = map(self.notes.__getitem__, positions.tolist())
        if field_name == "tags":
            return [(" ".join(n.all_tags),) for n in notes]
        if field_name in ("title", "summary", "body"):
            return [(getattr(n, field_name),) for n in notes]
        return [(n.title, n.summary, n.body, " ".join(n.all_tags)) for n in notes]

    def _value_maps(self) -> dict[str, dict[str, list[int]]]:
        """Field -> case-folded value -> note positions (built on the first field query)."""
        if self._values is None:
            maps: dict[str, dict[str, list[int]]] = {f: {} for f in
                                                     ("tag", "section", "hub", "path", "folder")}
            at = self.position
            for i, n in enumerate(self.notes):  # removed positions too: the ranker drops them
                for tag in n.all_tags:
                    maps["tag"].setdefault(tag.casefold(), []).append(i)
                maps["path"].setdefault(n.path.casefold(), []).append(i)
                maps["folder"].setdefault(n.folder.casefold(), []).append(i)
            for h in self.catalog._hubs.values():
                members = [at[nid] for nid in h.note_ids if nid in at]
                for name in {h.id.casefold(), h.title.casefold()}:
                    maps["hub"].setdefault(name, []).extend(members)
                for s in h.sections:
                    maps["section"].setdefault(s.title.casefold(), []).extend(
                        at[nid] for nid in s.notes if nid in at)
            self._values = maps
        return self._values

    def field_mask(self, node: Node) -> np.ndarray:
        """Per note position: does the note's ``field`` value match ``node``?"""
        name = node["field"]
        mask = np.zeros(len(self.notes), dtype=bool)
        for value, positions in self._value_maps()[name].items():
            if _value_matches(name, value, node):
                mask[positions] = True
        return mask

    def hub_mask(self, hub: str) -> np.ndarray:
        """Per note position: is the note in ``hub``?"""
        mask = np.zeros(len(self.notes), dtype=bool)
        at = self.position
        mask[[at[n.id] for n in self.catalog.hub(hub).notes if n.id in at]] = True
        return mask

    def order(self) -> np.ndarray | None:
        """Catalog rank of each position (ties are ordered by it); ``None`` while positions are it."""
        if self._order_stale:
            order = np.full(len(self.notes), len(self.notes), dtype=np.int64)
            ranks = [self.position[nid] for nid in self.catalog._notes if nid in self.position]
            order[ranks] = np.arange(len(ranks), dtype=np.int64)
            self._order, self._order_stale = order, False
        return self._order

    # -- live reload ----------------------------------------------------------------------------
    def apply(self, notes: Mapping[str, Note], changed_ids: Iterable[str],
              removed_ids: Iterable[str]) -> None:
        """Follow a change of the catalog's notes (``notes``, already changed): removed ids stop
        matching, changed ones are re-indexed in place and new ones appended."""
        for nid in removed_ids:
            if nid not in notes and nid in self.position:
                self.remove(self.position.pop(nid))
        for nid in changed_ids:
            note = notes.get(nid)
            if note is not None:
                self.upsert(self.position.get(nid, len(self.notes)), note)
        self._values = None  # hubs and sections may have changed too

    def upsert(self, position: int, note: Note) -> None:
        """One note changed (or, at ``position == len``, was added): re-index it alone.

        Updates the index (:meth:`SearchIndex.upsert`), the note the snippets and phrases read,
        the field-filter maps and the result rows; ~1 ms at 10,000 notes.
        """
        self.index.upsert(position, note_doc(note))
        if position == len(self.notes):
            self.notes.append(note)
            for name in TABLE_COLUMNS:
                column = self.columns[name]
                self.columns[name] = column._concat_same_type([column, _strings([getattr(note, name)])])
            self._order_stale = True  # the catalog sorts a new note in by its path
        else:
            old = self.notes[position].id
            if self.position.get(old) == position and old != note.id:
                del self.position[old]
            self.notes[position] = note
            for name in TABLE_COLUMNS:
                self.columns[name][position] = getattr(note, name)
        self.position[note.id] = position
        self._values = None

    def remove(self, position: int) -> None:
        """The note at ``position`` is gone: it matches nothing from now on (positions stay)."""
        self.index.remove(position)
        nid = self.notes[position].id
        if self.position.get(nid) == position:
            del self.position[nid]
        self._values = None

    # -- queries --------------------------------------------------------------------------------
    def rank(self, query: str | ParsedQuery, hub: str | None = None, limit: int | None = None,
             fuzzy: bool = True) -> tuple[ParsedQuery, Ranked]:
        """Parse and rank ``query``; ``hub`` keeps the notes of one hub."""
        parsed = parse(query) if isinstance(query, str) else query
        ranked = self.ranker.rank(parsed.ast, fuzzy=fuzzy, limit=None if hub else limit,
                                  order=self.order())
        if hub:
            keep = self.hub_mask(hub)[ranked.positions]
            ranked.positions, ranked.scores = ranked.positions[keep], ranked.scores[keep]
            ranked.ascending = ranked.best = None
        if limit is not None and limit < len(ranked.positions):
            ranked.positions, ranked.scores = ranked.positions[:limit], ranked.scores[:limit]
            ranked.ascending = ranked.best = None
        return parsed, ranked

    def ids(self, positions: np.ndarray) -> list[str]:
        """Note ids at ``positions``."""
        return self.columns["id"].take(positions).tolist()

    def snippet(self, position: int, ranked: Ranked) -> tuple[str, list[list[int]]]:
        """The snippet of the note at ``position`` for a ranked query."""
        note = self.notes[position]
        return snippet([note.summary, note.body], ranked.prefixes, ranked.exact)

    def frame(self, query: str, hub: str | None = None, limit: int | None = None,
              fuzzy: bool = True, snippets: int = SNIPPET_ROWS) -> pd.DataFrame:
        """The result rows: id, title, summary, score, snippet, snippet_marks (best first).

        The first ``snippets`` rows get a snippet; later rows an empty one and ``()`` marks
        (computing every snippet of a query that matches 100,000 notes would cost seconds, and
        100,000 new lists wake the garbage collector over a large catalog). ``attrs`` holds the
        parser's ``hint`` and the ``words`` to highlight.
        """
        parsed, ranked = self.rank(query, hub, limit, fuzzy)
        positions = ranked.positions
        n = len(positions)
        marks = np.empty(n, dtype=object)
        marks.fill(())  # rows past ``snippets``: no marks (one shared empty tuple, no allocations)
        shown = [self.snippet(p, ranked) for p in positions[:snippets].tolist()]
        texts = _string_column(n, [text for text, _ in shown])
        for i, (_, found) in enumerate(shown):  # lists: one by one, not as a 2-d array
            marks[i] = found
        if ranked.ascending is not None and ranked.best is not None:
            columns = {name: _take_ranked(column, ranked.ascending, ranked.best)
                       for name, column in self.columns.items()}
        else:
            columns = {name: _take(column, positions) for name, column in self.columns.items()}
        df = _frame([columns["id"], columns["title"], columns["summary"],
                     ranked.scores.astype(float), texts, marks])
        df.attrs.update(hint=parsed.hint, words=parsed.words)
        return df


def _frame(arrays: list) -> pd.DataFrame:
    """The result DataFrame of :data:`RESULT_COLUMNS` ``arrays`` (1-d, one length, not copied).

    pandas' ``DataFrame._from_arrays`` skips the checks and dict handling of the public
    constructor, whose cold code paths cost ~0.2 ms a query (half of building the frame); a
    pandas without it builds the same frame the public way.
    """
    from_arrays = getattr(pd.DataFrame, "_from_arrays", None)
    if from_arrays is not None:
        try:
            return from_arrays(arrays, columns=pd.Index(RESULT_COLUMNS),
                               index=pd.RangeIndex(len(arrays[0])),
                               verify_integrity=False)
        except TypeError:  # its signature changed
            pass
    return pd.DataFrame(dict(zip(RESULT_COLUMNS, arrays, strict=True)), columns=RESULT_COLUMNS,
                        copy=False)


def _string_column(n: int, first: list[str]) -> pd.api.extensions.ExtensionArray:
    """A string column of ``n`` rows: ``first``, then empty strings. Built as pandas' string
    array over a filled object array where pandas has one (no look at each row: they are
    strings); else through the public constructor."""
    backing = np.empty(n, dtype=object)
    backing.fill("")
    backing[:len(first)] = first
    wrap = getattr(_EMPTY_STRINGS, "_from_backing_data", None)
    if isinstance(getattr(_EMPTY_STRINGS, "_ndarray", None), np.ndarray) and wrap is not None:
        return wrap(backing)
    return _strings(backing.tolist())


def _take(column: pd.api.extensions.ExtensionArray, positions: np.ndarray):
    """``column.take(positions)`` (positions in range), ~4x faster for pandas' numpy-backed string
    arrays: a numpy take of their backing array, wrapped as the same type. Other arrays (pyarrow
    strings, or a pandas without these internals) take the public way."""
    backing = getattr(column, "_ndarray", None)
    wrap = getattr(column, "_from_backing_data", None)
    if isinstance(backing, np.ndarray) and wrap is not None:
        return wrap(backing.take(positions))
    return column.take(positions)


def _take_ranked(column: pd.api.extensions.ExtensionArray, ascending: np.ndarray,
                 best: np.ndarray):
    """``_take(column, ascending[best])`` for ``ascending`` positions and a permutation ``best``.

    Each row of the result is a new reference to a string, and making one touches the string's
    header: in rank order those are random reads over ~50 MB at 100,000 notes (cache misses, ~4 ms
    a column); in position order, memory order (~1 ms). So the rows are taken in position order
    and their references then moved into rank order (:func:`_permute_references`).
    """
    backing = getattr(column, "_ndarray", None)
    wrap = getattr(column, "_from_backing_data", None)
    if (not _MOVABLE_REFERENCES or not isinstance(backing, np.ndarray) or backing.dtype != object
            or wrap is None or len(best) != len(ascending)):
        return _take(column, ascending[best])
    taken = backing.take(ascending)
    _permute_references(taken, best)
    return wrap(taken)


_MOVABLE_REFERENCES = platform.python_implementation() == "CPython"


def _permute_references(array: np.ndarray, order: np.ndarray) -> None:
    """Make ``array`` (a fresh, C-contiguous object array that nothing else holds) equal to
    ``array[order]`` for a permutation ``order``, by moving its object pointers as integers.

    A permutation keeps every object's number of references in the array, so no reference
    count changes and none is read: the objects themselves are not touched at all.
    """
    n = len(array)
    if n == 0:
        return
    if not array.flags.c_contiguous or array.dtype != object or len(order) != n:
        raise ValueError("a fresh contiguous object array and a permutation of its length")
    raw = (ctypes.c_char * (n * array.itemsize)).from_address(array.ctypes.data)
    pointers = np.frombuffer(raw, dtype=np.uintp)
    pointers[:] = pointers[order]


def _strings(values: list[str]) -> pd.api.extensions.ExtensionArray:
    """``values`` as the string array a DataFrame column holds: a ``take`` of it builds a result
    column without pandas checking each string again (as it does for an object array)."""
    return pd.Series(values, dtype=str).array


_EMPTY_STRINGS = _strings([""])


def _value_matches(name: str, value: str, node: Node) -> bool:
    """Does a field value (case-folded) match a ``word`` or ``phrase`` node of that field?"""
    if node["op"] == "phrase":
        found = words(value)
        wanted = node["words"]
        if name in ("path", "folder"):
            return found[:len(wanted)] == wanted
        return found == wanted or (name == "tag" and "/" in value
                                   and words(value.split("/")[0]) == wanted)
    text = node["text"]
    if name == "tag":
        return value == text or value.startswith(text + "/")
    if name in ("path", "folder"):
        return value.startswith(text)
    return value == text
