"""Editing a hub's sections and memberships from its :class:`~hubwidgets.catalog.Hub` object.

The checks (unknown notes and sections with a "did you mean", empty titles, positions) happen
here; the catalog's :meth:`~hubwidgets.curate.CurateMixin._edit_hub` writes the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .curate import EditError, _title
from .problems import UnknownNameError

if TYPE_CHECKING:
    from .catalog import Hub


class HubEditing:
    """The edit methods of :class:`~hubwidgets.catalog.Hub` (a mixin): sections and their notes.

    Sections are named by title; ``position`` is a 0-based index (``None``: the end). After an
    edit the hub object shows the hub as it is now, so edits can follow one another.
    """

    id: str
    catalog: Any

    def _titles(self) -> list[str]:
        return [s.title for s in self.catalog._hubs[self.id].sections]

    def _index(self, title: object) -> int:
        titles = self._titles()
        if title in titles:
            return titles.index(title)
        from .catalog import _closest

        listed = ", ".join(repr(t) for t in titles) or "none"
        raise UnknownNameError(f"hub {self.id!r} has no section {title!r}; its sections: {listed}."
                               f"{_closest(str(title), titles)}")

    def _target(self, section: str | None, ops: list[tuple]) -> int:
        """The index of ``section``, created (an op added) when absent."""
        titles = self._titles()
        if section is None:
            if len(titles) == 1:
                return 0
            raise EditError(f"name a section of hub {self.id!r} (section=...): "
                            + (", ".join(repr(t) for t in titles) or "it has none yet"))
        title = _title(section, "section title")
        if title in titles:
            return titles.index(title)
        ops.append(("add_section", title, None))
        return len(titles)

    def _members(self, index: int) -> list[str]:
        return list(self.catalog._hubs[self.id].sections[index].notes)

    def _run(self, description: str, ops: list[tuple], force: bool) -> Hub:
        if ops:
            self.catalog._edit_hub(self.id, f"{description} (hub {self.id!r})", ops, force)
        fresh = self.catalog.hub(self.id)
        self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "catalog"})
        return self  # type: ignore[return-value]

    def add_section(self, title: str, position: int | None = None, *, force: bool = False) -> Hub:
        """A new, empty section ``title`` at ``position``."""
        title = _title(title, "section title")
        if title in self._titles():
            raise EditError(f"hub {self.id!r} has a section {title!r} already")
        return self._run(f"add section {title!r}", [("add_section", title, _position(position))],
                         force)

    def add(self, note_id: str | list[str], section: str | None = None,
            position: int | None = None, *, force: bool = False) -> Hub:
        """List note ``note_id`` in ``section`` (created when absent) at ``position``; a note
        already there moves to ``position`` (or stays, with no position). A list of ids is
        added in order as one edit (one write, one undo: "save a search as a section")."""
        many = isinstance(note_id, (list, tuple))
        ids = list(dict.fromkeys(note_id)) if many else [note_id]
        for nid in ids:
            self.catalog.get(nid)
        position = _position(position)
        ops: list[tuple] = []
        index = self._target(section, ops)
        members = [] if ops else self._members(index)
        for k, nid in enumerate(ids):
            at = None if position is None else position + k
            if nid in members:
                if at is None:
                    continue
                ops.append(("remove", nid, index))
            ops.append(("add", nid, index, at))
        what = f"{len(ids)} notes" if many else repr(note_id)
        return self._run(f"add {what}", ops, force)

    def move(self, note_id: str, section: str, position: int | None = None, *,
             force: bool = False) -> Hub:
        """Move note ``note_id`` from wherever it is in this hub to ``section`` (created when
        absent) at ``position``."""
        self._require_member(note_id, None)
        position = _position(position)
        ops: list[tuple] = []
        index = self._target(section, ops)
        ops += [("remove", note_id, None), ("add", note_id, index, position)]
        return self._run(f"move {note_id!r}", ops, force)

    def remove(self, note_id: str, section: str | None = None, *, force: bool = False) -> Hub:
        """Take note ``note_id`` out of this hub (or out of one section); the note stays."""
        index = None if section is None else self._index(section)
        self._require_member(note_id, index)
        return self._run(f"remove {note_id!r}", [("remove", note_id, index)], force)

    def rename_section(self, title: str, new_title: str, *, force: bool = False) -> Hub:
        """Section ``title`` is called ``new_title``."""
        index = self._index(title)
        new_title = _title(new_title, "section title")
        if new_title in self._titles() and new_title != title:
            raise EditError(f"hub {self.id!r} has a section {new_title!r} already")
        return self._run(f"rename section {title!r}", [("rename_section", index, new_title)]
                         if new_title != title else [], force)

    def remove_section(self, title: str, *, force: bool = False) -> Hub:
        """Section ``title`` removed from the hub (its notes stay in the catalog)."""
        index = self._index(title)
        return self._run(f"remove section {title!r}", [("remove_section", index)], force)

    def _require_member(self, note_id: str, index: int | None) -> None:
        spec = self.catalog._hubs[self.id]
        pool = spec.note_ids if index is None else spec.sections[index].notes
        if note_id not in pool:
            self.catalog.get(note_id)  # an unknown note says so, with a suggestion
            where = f"hub {self.id!r}" if index is None else f"section {spec.sections[index].title!r}"
            raise UnknownNameError(f"note {note_id!r} is not in {where}")


def _position(position: object) -> int | None:
    if position is None:
        return None
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        raise EditError(f"position must be a whole number >= 0 or None, not {position!r}")
    return position
