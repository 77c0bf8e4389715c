"""Search over a catalog: the query language, the catalog's field filters, and the result rows.

:class:`CatalogSearch` ties a :class:`~hubwidgets.ranking.Ranker` to one catalog: ``tag:``,
``section:``, ``hub:``, ``path:`` and ``folder:`` terms are answered from the catalog's notes and
hubs (value maps built once), phrases are checked on the notes' text, and :meth:`frame` builds the
result DataFrame with snippets for the best rows.
"""

from __future__ import annotations

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
SNIPPET_ROWS = 20  # rows that get a snippet (the best ones); :meth:`CatalogSearch.snippet` for any


class CatalogSearch:
    """Queries in the query language over one catalog's search index."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.notes = list(catalog._notes.values())
        self.ranker = Ranker(catalog._index, field_mask=self.field_mask, texts=self.texts)
        self._values: dict[str, dict[str, list[int]]] | None = None

    # -- what the ranker asks -------------------------------------------------------------------
    def texts(self, positions: np.ndarray, field_name: str | None) -> list[tuple[str, ...]]:
        """The texts of each note at ``positions`` that a phrase is checked against."""
        notes = self.notes
        if field_name == "title":
            return [(notes[p].title,) for p in positions.tolist()]
        return [(n.title, n.summary, n.body, " ".join(n.all_tags))
                for n in map(notes.__getitem__, positions.tolist())]

    def _value_maps(self) -> dict[str, dict[str, list[int]]]:
        """Field -> case-folded value -> note positions (built on the first field query)."""
        if self._values is None:
            maps: dict[str, dict[str, list[int]]] = {f: {} for f in
                                                     ("tag", "section", "hub", "path", "folder")}
            at = {n.id: i for i, n in enumerate(self.notes)}
            for i, n in enumerate(self.notes):
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

    # -- live reload ----------------------------------------------------------------------------
    def upsert(self, position: int, note: Note) -> None:
        """One note changed (or, at ``position == len``, was added): re-index it alone.

        Updates the index (:meth:`SearchIndex.upsert`), the note the snippets and phrases read,
        the field-filter maps and the catalog's result rows; ~1 ms at 10,000 notes.
        """
        self.ranker.index.upsert(position, note_doc(note))
        if position == len(self.notes):
            self.notes.append(note)
            self.catalog.__dict__.pop("_results_table", None)  # rebuilt on the next search
        else:
            self.notes[position] = note
            table = self.catalog.__dict__.get("_results_table")
            if table is not None:
                for column in table.columns:
                    table.iat[position, table.columns.get_loc(column)] = getattr(note, column)
        self._values = None

    def remove(self, position: int) -> None:
        """The note at ``position`` is gone: it matches nothing from now on (positions stay)."""
        self.ranker.index.remove(position)
        self._values = None

    # -- queries --------------------------------------------------------------------------------
    def rank(self, query: str | ParsedQuery, hub: str | None = None, limit: int | None = None,
             fuzzy: bool = True) -> tuple[ParsedQuery, Ranked]:
        """Parse and rank ``query``; ``hub`` keeps the notes of one hub."""
        parsed = parse(query) if isinstance(query, str) else query
        ranked = self.ranker.rank(parsed.ast, fuzzy=fuzzy, limit=None if hub else limit)
        positions = ranked.positions
        keep = positions < len(self.notes)  # notes appended to the index but not to the catalog
        if hub:
            keep &= self.catalog._hub_mask(hub)[np.minimum(positions, len(self.notes) - 1)]
        if not keep.all():
            ranked.positions, ranked.scores = positions[keep], ranked.scores[keep]
        if limit is not None:
            ranked.positions, ranked.scores = ranked.positions[:limit], ranked.scores[:limit]
        return parsed, ranked

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
        table = self.catalog._results_table
        n = len(positions)
        texts = np.full(n, "", dtype=object)
        marks = np.empty(n, dtype=object)
        marks.fill(())  # rows past ``snippets``: no marks (one shared empty tuple, no allocations)
        for i, p in enumerate(positions[:snippets].tolist()):
            texts[i], marks[i] = self.snippet(p, ranked)
        df = pd.DataFrame({**{name: table[name].array.take(positions) for name in table},
                           "score": ranked.scores.astype(float), "snippet": texts,
                           "snippet_marks": marks}, columns=RESULT_COLUMNS, copy=False)
        df.attrs.update(hint=parsed.hint, words=parsed.words)
        return df


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
