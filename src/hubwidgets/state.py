"""Catalog -> JSON-able view state: what a hub view needs up front, and nothing more.

The widget syncs this dict to the browser once; the static HTML fallback and the
HTML export read the same dict. Bodies are *not* included (they go to the browser
when a note is opened), so a hub of 10,000 notes costs titles and summaries only.

Shape (``kind`` is ``"hub"``, ``"index"`` for every hub and note, or ``"note"``)::

    {"kind", "hub", "title", "description", "label", "subtitle",
     "counts": {"notes", "sections", "declared_notes", "declared_sections"},
     "sections": [{"key", "position", "title", "notes": [note index, ...],
                   "n_notes", "declared_notes", "missing": [ids], "count_text"}],
     "notes": [{"id", "title", "summary", "tags"}]}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .wording import count_text, hub_subtitle, plural

if TYPE_CHECKING:
    from .catalog import Catalog
    from .notes import Note

__all__ = ["count_text", "default_expanded", "hub_state", "hub_subtitle", "note_ids", "plural"]

STATE_VERSION = 1
EXPAND_LIMIT = 300  # views of up to this many notes open with every section expanded


def _note_row(note: Note) -> dict[str, Any]:
    return {"id": note.id, "title": note.title, "summary": note.summary, "tags": list(note.tags)}


class _NoteTable:
    """Assigns each note one index in ``notes`` however many sections list it."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, note: Note) -> int:
        pos = self._index.get(note.id)
        if pos is None:
            pos = self._index[note.id] = len(self.rows)
            self.rows.append(_note_row(note))
        return pos


def _section(key: str, position: int, title: str, positions: list[int], declared: int | None,
             missing: list[str]) -> dict[str, Any]:
    return {"key": key, "position": position, "title": title, "notes": positions,
            "n_notes": len(positions), "declared_notes": declared, "missing": missing,
            "count_text": count_text(len(positions), declared)}


def hub_state(catalog: Catalog, hub_id: str | None, only_note: str | None = None,
              group_by: str | None = None) -> dict[str, Any]:
    """The view state of one hub, of every hub and note (``hub_id=None``) or of one note.

    ``group_by`` (the index only): ``"hub"``, ``"folder"`` or ``"tag"``; by default hubs when
    the catalog has any, else folders (a vault without hubs)."""
    if only_note is not None:
        note = catalog.get(only_note)
        members = catalog.memberships
        hubs = dict.fromkeys(members.loc[members["note"] == only_note, "hub"].tolist())
        where = " · ".join(catalog.hub(h).title for h in hubs) or "no hub"
        return {"version": STATE_VERSION, "kind": "note", "hub": "", "title": note.title,
                "description": "", "label": "Note", "subtitle": f"In {where}",
                "counts": {"notes": 1, "sections": 0, "declared_notes": None,
                           "declared_sections": None},
                "sections": [], "notes": [_note_row(note)]}
    if hub_id is None:
        if group_by is None:
            group_by = "hub" if catalog.hub_ids else "folder"
        if group_by == "hub":
            return _index_state(catalog)
        return _grouped_index_state(catalog, group_by)
    hub = catalog.hub(hub_id)
    table = _NoteTable()
    sections = [
        _section(str(s.position), s.position, s.title, [table.add(n) for n in s.notes],
                 s.declared_notes, list(s.missing))
        for s in hub.sections
    ]
    return {"version": STATE_VERSION, "kind": "hub", "hub": hub.id, "title": hub.title,
            "description": hub.description, "label": "Topic Hub",
            "subtitle": hub_subtitle(len(table.rows), len(sections), hub.declared_notes,
                                     hub.declared_sections),
            "counts": {"notes": len(table.rows), "sections": len(sections),
                       "declared_notes": hub.declared_notes,
                       "declared_sections": hub.declared_sections},
            "sections": sections, "notes": table.rows}


def _index_state(catalog: Catalog) -> dict[str, Any]:
    """Every hub as a section, then the notes that no hub lists."""
    table = _NoteTable()
    sections = []
    placed: set[str] = set()
    for pos, hub_id in enumerate(catalog.hub_ids, start=1):
        notes = catalog.hub(hub_id).notes
        placed.update(n.id for n in notes)
        sections.append(_section(f"hub:{hub_id}", pos, catalog.hub(hub_id).title,
                                 [table.add(n) for n in notes], None, []))
    loose = [catalog.get(nid) for nid in catalog.note_ids if nid not in placed]
    if loose:
        sections.append(_section("hub:", len(sections) + 1, "Not in any hub",
                                 [table.add(n) for n in loose], None, []))
    n_hubs = len(catalog.hub_ids)
    return {"version": STATE_VERSION, "kind": "index", "hub": "", "title": "All notes",
            "description": f"Every hub and note of the catalog in {catalog.root.name or catalog.root}.",
            "label": "All notes",
            "subtitle": f"All notes · {plural(len(table.rows), 'note')} · {plural(n_hubs, 'hub')}",
            "counts": {"notes": len(table.rows), "sections": len(sections), "declared_notes": None,
                       "declared_sections": None},
            "sections": sections, "notes": table.rows}


def _grouped_index_state(catalog: Catalog, group_by: str) -> dict[str, Any]:
    """Every note, grouped by folder (``""``: the top folder) or by tag (a note under each of
    its tags; untagged notes last); each row lists the hubs the note is in."""
    if group_by not in ("folder", "tag"):
        raise ValueError(f"group_by must be 'hub', 'folder' or 'tag', not {group_by!r}")
    table = _NoteTable()
    groups: dict[str, list[int]] = {}
    in_hubs = catalog.hubs_of_note
    for nid in catalog.note_ids:
        note = catalog.get(nid)
        pos = table.add(note)
        table.rows[pos]["hubs"] = in_hubs.get(nid, [])
        keys = [note.folder] if group_by == "folder" else (note.all_tags or [""])
        for key in keys:
            groups.setdefault(key, []).append(pos)
    empty = "Top folder" if group_by == "folder" else "No tag"
    ordered = sorted(groups, key=lambda k: (k == "", k.casefold()))
    sections = [_section(f"{group_by}:{key}", i, key or empty, groups[key], None, [])
                for i, key in enumerate(ordered, start=1)]
    word = "folder" if group_by == "folder" else "tag"
    return {"version": STATE_VERSION, "kind": "index", "hub": "", "title": "All notes",
            "description": f"Every note of {catalog.root.name or catalog.root}, by {word}.",
            "label": "All notes", "group_by": group_by,
            "subtitle": f"All notes · {plural(len(table.rows), 'note')} · "
                        f"{plural(len(sections), word)} · {plural(len(catalog.hub_ids), 'hub')}",
            "counts": {"notes": len(table.rows), "sections": len(sections), "declared_notes": None,
                       "declared_sections": None},
            "sections": sections, "notes": table.rows}


def note_ids(state: dict[str, Any]) -> list[str]:
    """Ids of the notes a view state shows, in order."""
    return [row["id"] for row in state["notes"]]


def default_expanded(state: dict[str, Any]) -> list[str]:
    """The sections a view opens with: all of them for small views, none for large ones."""
    small = state["counts"]["notes"] <= EXPAND_LIMIT
    return [s["key"] for s in state["sections"]] if small else []
