"""The note catalog: notes, hubs, sections, memberships and links as pandas DataFrames.

A :class:`Catalog` is built from the files of a data folder
(:func:`hubwidgets.datadir.read_folder`) and answers the questions views ask:
a hub's ordered sections, search, related notes. DataFrames are built on first
access, so loading stays cheap.

This is the catalog layer: it imports the file layer below it and nothing above. The
widget and HTML views are added by :mod:`hubwidgets.api`, whose ``Catalog`` subclass is
what :func:`hubwidgets.load` returns.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .checks import check_catalog
from .curate import CurateMixin
from .datadir import FolderContents, bundled_data_dir, read_folder
from .hubcurate import HubEditing
from .hubs import HubSpec
from .notes import Note
from .problems import PROBLEM_COLUMNS, Problem, UnknownNameError

if TYPE_CHECKING:
    from .results import CatalogSearch
    from .search import SearchIndex

NOTE_COLUMNS = ["id", "title", "summary", "body", "tags", "related", "sources", "path", "hubs"]
HUB_COLUMNS = ["id", "title", "description", "declared_notes", "declared_sections", "n_notes",
               "n_sections", "path"]
SECTION_COLUMNS = ["hub", "position", "title", "declared_notes", "n_notes", "n_missing"]
MEMBERSHIP_COLUMNS = ["hub", "section_position", "section", "position", "note"]
LINK_COLUMNS = ["source", "target", "kind", "score", "heading", "block", "resolved", "target_type"]
RESULT_COLUMNS = ["id", "title", "summary", "score"]  # of related(); search adds snippets


@dataclass
class Section:
    """A section of a hub, in page order, with the notes that exist in the catalog."""

    hub: str
    position: int  # 1-based, page order
    title: str
    declared_notes: int | None
    notes: list[Note] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # listed ids with no note file

    @property
    def n_notes(self) -> int:
        return len(self.notes)


@dataclass
class Hub(HubEditing):
    """A hub with its sections and notes resolved, in page order (editable: see
    :class:`~hubwidgets.hubcurate.HubEditing`)."""

    id: str
    title: str
    description: str
    declared_notes: int | None
    declared_sections: int | None
    sections: list[Section]
    catalog: Catalog = field(repr=False)

    @property
    def notes(self) -> list[Note]:
        """Unique notes of the hub in page order (a note in two sections appears once)."""
        return list({n.id: n for s in self.sections for n in s.notes}.values())

    @property
    def n_notes(self) -> int:
        return len(self.notes)

    @property
    def n_sections(self) -> int:
        return len(self.sections)

    def __repr__(self) -> str:
        def fig(found: int, declared: int | None) -> str:
            return f"{found}" if declared in (None, found) else f"{found} (declared {declared})"

        lines = [f"Hub {self.id!r}: {self.title}",
                 f"  {fig(self.n_notes, self.declared_notes)} notes · "
                 f"{fig(self.n_sections, self.declared_sections)} sections"]
        for s in self.sections:
            lines.append(f"  {s.position}. {s.title} — {fig(s.n_notes, s.declared_notes)} notes")
        return "\n".join(lines)


def _closest(name: str, options: list[str]) -> str:
    match = difflib.get_close_matches(name, options, n=1, cutoff=0.4)
    return f" Did you mean {match[0]!r}?" if match else ""


class Catalog(CurateMixin):
    """Notes, hubs and links of one data folder, as DataFrames and queries; edits, undo and
    live reload come from :class:`~hubwidgets.curate.CurateMixin`."""

    hub_class: type[Hub] = Hub  # what :meth:`hub` returns (the API layer's adds views)

    def __init__(self, contents: FolderContents):
        self.root: Path = contents.root
        self._contents = contents
        self._notes: dict[str, Note] = {n.id: n for n in contents.notes}
        self._hubs: dict[str, HubSpec] = {h.id: h for h in contents.hubs}
        cross = contents.cross_problems
        self._cross_problems: list[Problem] | None = None if cross is None else list(cross)
        self._computed = contents.computed_related
        self.related_notice = ""  # the missing-extra line, once similarity was needed and missing
        self._init_live(contents)
        self._init_curate()

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike | None = None, *, cache: bool = True, strict: bool = False,
             hubs: list[str] | tuple[str, ...] = ()) -> Catalog:
        """Load a catalog folder or a vault (default: the bundled catalog). Bad files become
        ``problems`` rows; ``strict`` checks hubwidgets' own format; ``hubs`` names notes to read
        as map-of-content hubs."""
        root = bundled_data_dir() if path is None else Path(path).expanduser()
        return cls(read_folder(root, use_cache=cache, cross_check=check_catalog, strict=strict,
                               hubs=hubs))

    def __repr__(self) -> str:
        return (f"<Catalog {str(self.root)!r}: {len(self._notes)} notes, {len(self._hubs)} hubs, "
                f"{len(self._problems)} problems>")

    def __len__(self) -> int:
        return len(self._notes)

    def __contains__(self, note_id: object) -> bool:
        return note_id in self._notes

    # -- names ---------------------------------------------------------------------------
    @property
    def hub_ids(self) -> list[str]:
        return list(self._hubs)

    @property
    def note_ids(self) -> list[str]:
        return list(self._notes)

    def get(self, note_id: str) -> Note:
        """The :class:`~hubwidgets.notes.Note` with this id (raises with a suggestion if unknown)."""
        try:
            return self._notes[note_id]
        except (KeyError, TypeError):
            raise UnknownNameError(
                f"no note {note_id!r} in {self.root}.{_closest(str(note_id), self.note_ids)}"
            ) from None

    @property
    def resolver(self):
        """The catalog's :class:`~hubwidgets.links.LinkResolver` (the one link rule set)."""
        return self._contents.resolver

    def hub(self, hub_id: str) -> Hub:
        """A hub with its sections and notes resolved, in page order; a map-of-content hub may
        also be named by its note's title or file name."""
        spec = self._hubs.get(hub_id) if isinstance(hub_id, str) else None
        if spec is None and isinstance(hub_id, str):
            spec = self._hubs.get(self.resolver.resolve(hub_id) or "")
        if spec is None:
            available = ", ".join(repr(h) for h in self._hubs) or "none"
            raise UnknownNameError(f"no hub {hub_id!r} in {self.root}; available hubs: {available}."
                                   f"{_closest(str(hub_id), self.hub_ids)}")
        sections = []
        for pos, s in enumerate(spec.sections, start=1):
            present = [self._notes[n] for n in s.notes if n in self._notes]
            missing = [n for n in s.notes if n not in self._notes]
            sections.append(Section(spec.id, pos, s.title, s.declared_notes, present, missing))
        return self.hub_class(spec.id, spec.title, spec.description, spec.declared_notes,
                              spec.declared_sections, sections, self)

    # -- DataFrames -----------------------------------------------------------------------
    @cached_property
    def notes(self) -> pd.DataFrame:
        """One row per note (notes are shared across hubs; ``hubs`` lists where each appears)."""
        in_hubs: dict[str, list[str]] = {}
        for h in self._hubs.values():
            for nid in h.note_ids:
                in_hubs.setdefault(nid, []).append(h.id)
        rows = [(n.id, n.title, n.summary, n.body, n.all_tags, list(n.related),
                 [dict(s) for s in n.sources], n.path, in_hubs.get(n.id, []), list(n.aliases),
                 n.folder)
                for n in self._notes.values()]
        return pd.DataFrame(rows, columns=[*NOTE_COLUMNS, "aliases", "folder"])

    @cached_property
    def hubs(self) -> pd.DataFrame:
        """One row per hub, with declared figures beside what was found."""
        rows = []
        for h in self._hubs.values():
            found = sum(1 for n in h.note_ids if n in self._notes)
            rows.append((h.id, h.title, h.description, h.declared_notes, h.declared_sections,
                         found, len(h.sections), h.path))
        df = pd.DataFrame(rows, columns=HUB_COLUMNS)
        return df.astype({"declared_notes": "Int64", "declared_sections": "Int64"})

    @cached_property
    def sections(self) -> pd.DataFrame:
        """One row per section of each hub, in page order (``position`` is 1-based)."""
        rows = []
        for h in self._hubs.values():
            for pos, s in enumerate(h.sections, start=1):
                found = sum(1 for n in s.notes if n in self._notes)
                rows.append((h.id, pos, s.title, s.declared_notes, found, len(s.notes) - found))
        return pd.DataFrame(rows, columns=SECTION_COLUMNS).astype({"declared_notes": "Int64"})

    @cached_property
    def memberships(self) -> pd.DataFrame:
        """Which note sits where: one row per (hub, section, position, note); ids may be missing."""
        rows = [(h.id, spos, s.title, npos, nid)
                for h in self._hubs.values()
                for spos, s in enumerate(h.sections, start=1)
                for npos, nid in enumerate(s.notes, start=1)]
        return pd.DataFrame(rows, columns=MEMBERSHIP_COLUMNS)

    @cached_property
    def links(self) -> pd.DataFrame:
        """Every link of every note: ``related`` (front matter), ``wikilink``, ``embed``,
        ``markdown`` (body, resolved by :mod:`hubwidgets.links`) and ``computed`` (similarity).

        Dangling links are kept (``resolved`` False, ``target`` as written); ``target_type`` is
        ``note`` or ``attachment``; ``heading``/``block`` name the part of the note linked to.
        """
        from .links import NOTE

        resolver = self.resolver
        rows: list[tuple] = []
        for n in self._notes.values():
            for target in n.related:
                rows.append((n.id, target, "related", 1.0, "", "", target in self._notes, NOTE))
            seen: set[tuple] = set()
            for kind, target, anchor, _label, _heading in n.refs:
                found = resolver.resolve_ref(kind, target, n)
                heading, block = ("", anchor[1:]) if anchor.startswith("^") else (anchor, "")
                row = (n.id, found.id if found else target, kind, 1.0, heading, block,
                       found is not None, found.type if found else "")
                if row not in seen:
                    seen.add(row)
                    rows.append(row)
        for src, targets in (self._computed or {}).items():
            if src in self._notes:
                rows.extend((src, t, "computed", s, "", "", True, NOTE)
                            for t, s in targets if t in self._notes)
        return pd.DataFrame(rows, columns=LINK_COLUMNS)

    @cached_property
    def hubs_of_note(self) -> dict[str, list[str]]:
        """Note id -> ids of the hubs that list it, in hub order (a note may be in several)."""
        out: dict[str, list[str]] = {}
        for h in self._hubs.values():
            for nid in h.note_ids:
                out.setdefault(nid, []).append(h.id)
        return out

    @property
    def _problems(self) -> list[Problem]:
        """Per-file problems, then the cross-file ones (checked again after a change)."""
        if self._cross_problems is None:
            self._cross_problems = check_catalog(self._contents)
        return self._file_problems + self._cross_problems

    @property
    def problems(self) -> pd.DataFrame:
        """Everything wrong with the folder, one row each (file, line, field, message)."""
        df = pd.DataFrame([p.to_dict() for p in self._problems], columns=PROBLEM_COLUMNS)
        return df.astype({"line": "Int64"})

    @property
    def problem_list(self) -> list[Problem]:
        return list(self._problems)

    # -- queries --------------------------------------------------------------------------
    def _resolve_wikilinks(self, note: Note) -> list[str]:
        """Ids of the notes ``note`` links to (body and front matter), resolved, unique."""
        from .links import NOTE

        out: list[str] = []
        for kind, target, _anchor, _label, _heading in note.refs:
            found = self.resolver.resolve_ref(kind, target, note)
            if found is not None and found.type == NOTE and found.id != note.id and found.id not in out:
                out.append(found.id)
        return out

    @cached_property
    def _index(self) -> SearchIndex:
        from .search import cached_index

        return cached_index(self._notes.values(), self.root, self._contents.stamps)

    @cached_property
    def _search(self) -> CatalogSearch:
        from .results import CatalogSearch

        return CatalogSearch(self)

    def search(self, query: str, hub: str | None = None, limit: int | None = None,
               fuzzy: bool = True, snippets: int = 20) -> pd.DataFrame:
        """Notes matching ``query`` (the language of :mod:`hubwidgets.query`: words by prefix,
        ``"phrases"``, ``OR``, ``-exclusion``, ``tag:``/``section:``/``hub:``/``title:``/``path:``/
        ``folder:`` filters), ranked by BM25F, typos tolerated unless ``fuzzy=False``.

        Columns: id, title, summary, score, snippet, snippet_marks (the first ``snippets`` rows get
        a snippet); ``attrs["hint"]`` says what in the query was not understood, if anything.
        """
        with self._mutex:  # the watcher's thread updates the index in place
            return self._search.frame(query, hub=hub, limit=limit, fuzzy=fuzzy, snippets=snippets)

    def search_ids(self, query: str, fuzzy: bool = True) -> list[str]:
        """Ids of the notes matching ``query``, best first (no DataFrame: for widgets)."""
        with self._mutex:
            _, ranked = self._search.rank(query, fuzzy=fuzzy)
            return self._search.ids(ranked.positions)

    def computed_related(self) -> dict[str, list[tuple[str, float]]]:
        """Stored text-similarity neighbours (computed in memory if the folder has none)."""
        if self._computed is None:
            from .extras import MissingExtraError, warn_missing
            from .similarity import related_for_folder

            try:
                self._computed = related_for_folder(list(self._notes.values()), self.root,
                                                    self._contents.stamps)
            except MissingExtraError:  # no scikit-learn: explicit links only, and say so
                self.related_notice = warn_missing("similarity", stacklevel=4)
                self._computed = {}
        return self._computed

    def related(self, note_id: str, k: int = 5) -> pd.DataFrame:
        """The ``k`` nearest notes: explicit links first, then text-similarity neighbours."""
        rows = [(nid, self._notes[nid].title, self._notes[nid].summary, score, kind)
                for nid, score, kind in self.related_pairs(note_id, k)]
        return pd.DataFrame(rows, columns=[*RESULT_COLUMNS, "kind"])

    def related_pairs(self, note_id: str, k: int = 5) -> list[tuple[str, float, str]]:
        """:meth:`related` as ``(id, score, kind)`` tuples, without building a DataFrame."""
        note = self.get(note_id)
        found: dict[str, tuple[float, str]] = {}
        explicit = list(note.related) + self._resolve_wikilinks(note)
        explicit += self._linked_from.get(note_id, [])
        for nid in explicit:
            if nid in self._notes and nid != note_id:
                found.setdefault(nid, (1.0, "linked"))
        for nid, score in self.computed_related().get(note_id, []):
            if nid in self._notes and nid != note_id:
                found.setdefault(nid, (score, "similar"))
        return [(nid, score, kind) for nid, (score, kind) in list(found.items())[:k]]

    @cached_property
    def _linked_from(self) -> dict[str, list[str]]:
        """Note id -> ids of the notes whose ``related`` lists it, in catalog order.

        Built once, so that :meth:`related` costs the same at 100 or 100,000 notes (a scan of
        every note per call made converting a 10,000-note hub quadratic).
        """
        back: dict[str, list[str]] = {}
        for n in self._notes.values():
            for target in dict.fromkeys(n.related):
                if target != n.id:
                    back.setdefault(target, []).append(n.id)
        return back

