"""Edits from the page: the widget's ``edit`` messages applied through the catalog's editing API.

The page sends ``{type: "edit", request, op, ...}``; :func:`apply_edit` runs the catalog call the
op names (two for a move out of one of several sections listing a note) and returns one line
for the page.
The catalog writes the files and then notifies every widget shown from it, so the page's view
changes through the ``state`` trait, not through this reply. Errors raise; the widget turns them
into ``{ok: False, error}``.

:func:`editing_trait` is what the page needs to offer edits: the hubs and sections an "Add to
hub…" menu lists, and whether there is anything to undo.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalog import Catalog

OPS = ("add", "remove", "move", "add-section", "tags", "save-search", "new-hub", "undo")


class EditRequestError(ValueError):
    """An edit message the page should never send (a missing or mistyped field)."""


def can_edit(catalog: Catalog) -> bool:
    """True when the catalog has the editing API and its folder may be written to (a catalog
    installed read-only, e.g. in a system site-packages, offers no edit controls)."""
    if not (callable(getattr(catalog, "subscribe", None)) and callable(getattr(catalog, "undo", None))):
        return False
    root = getattr(catalog, "root", None)
    return not getattr(catalog, "read_only", False) and (root is None or os.access(root, os.W_OK))


def editing_trait(catalog: Catalog, kind: str) -> dict[str, Any]:
    """The page's editing menu data, or ``{}`` where editing is not offered."""
    if kind not in ("hub", "index", "note") or not can_edit(catalog):
        return {}
    hubs = []
    for hub_id in catalog.hub_ids:
        hub = catalog.hub(hub_id)
        hubs.append({"id": hub.id, "title": hub.title, "sections": [s.title for s in hub.sections]})
    history = list(getattr(catalog, "history", []) or [])
    return {"enabled": True, "hubs": hubs, "undo": bool(history),
            "undo_label": _describe(history[-1]) if history else ""}


def _describe(entry: Any) -> str:
    """A short label for a history entry (its ``description`` or ``op`` when it has one)."""
    for name in ("description", "label", "op"):
        value = getattr(entry, name, None)
        if isinstance(value, str) and value:
            return value
    return str(entry) if isinstance(entry, str) else ""


def _text(content: dict[str, Any], name: str, *, required: bool = True) -> str:
    value = content.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise EditRequestError(f"the edit needs a {name!r} (got {value!r})")
    return value.strip()


def _position(content: dict[str, Any]) -> int | None:
    value = content.get("position")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise EditRequestError(f"position must be a whole number >= 0 (got {value!r})")
    return value


def clean_tags(tags: Any) -> list[str]:
    """Tags as the page sent them: stripped, empty ones dropped, duplicates dropped, order kept."""
    if isinstance(tags, str):
        tags = tags.split(",")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise EditRequestError(f"tags must be a list of strings (got {tags!r})")
    return list(dict.fromkeys(t.strip() for t in tags if t.strip()))


def _title(catalog: Catalog, note_id: str) -> str:
    try:
        return catalog.get(note_id).title or note_id
    except Exception:
        return note_id


def history(catalog: Catalog) -> list[Any]:
    """The catalog's undo history (oldest first), as a list."""
    return list(getattr(catalog, "history", []) or [])


def added_entries(before: list[Any], after: list[Any]) -> list[Any]:
    """The history entries one edit added (``after`` ends with them)."""
    for start in range(min(len(before), len(after)), -1, -1):
        if after[:start] == before[len(before) - start:]:
            return after[start:]
    return after


def undo(catalog: Catalog, last_edit: list[Any]) -> int:
    """Undo the page's last edit: every history entry it made when they are still the latest
    (a move out of one of several sections is a remove and an add), else the catalog's last one."""
    entries = history(catalog)
    n = len(last_edit)
    steps = n if 1 < n <= len(entries) and entries[-n:] == last_edit else 1
    for _ in range(steps):
        catalog.undo()
    return steps


def apply_edit(catalog: Catalog, shown_hub: str | None, content: dict[str, Any],
               search_ids: list[str], last_edit: list[Any] | None = None) -> str:
    """Apply one ``edit`` message; returns what was done, as one line for the page.

    ``shown_hub`` is the hub the widget shows (the default target); ``search_ids`` are the notes
    the current query shows, which "save-search" puts in a new section; ``last_edit`` are the
    history entries of the page's previous edit, which "undo" takes back together."""
    last_edit = last_edit or []
    op = content.get("op")
    if op not in OPS:
        raise EditRequestError(f"unknown edit {op!r}; one of {', '.join(OPS)}")
    if op == "undo":
        if not history(catalog):
            raise EditRequestError("nothing to undo")
        steps = undo(catalog, last_edit)
        return "Undone." if steps == 1 else f"Undone ({steps} steps)."
    if op == "new-hub":
        return new_hub(catalog, content)[0]
    if op == "tags":
        note_id = _text(content, "note")
        tags = clean_tags(content.get("tags"))
        catalog.update_note(note_id, tags=tags)
        return f"Tags of “{_title(catalog, note_id)}”: {', '.join(tags) or 'none'}."
    hub_id = _text(content, "hub", required=False) or shown_hub
    if not hub_id:
        raise EditRequestError("this view shows no hub: name the hub to edit")
    hub = catalog.hub(hub_id)
    if op == "add-section":
        title = _text(content, "title")
        hub.add_section(title, position=_position(content))
        return f"Added section “{title}” to {hub.title}."
    if op == "save-search":
        return _save_search(catalog, hub_id, content, search_ids)
    note_id = _text(content, "note")
    name = _title(catalog, note_id)
    if op == "add":
        section = _text(content, "section")
        position = _position(content)
        there = any(s.title == section and note_id in [n.id for n in s.notes] for s in hub.sections)
        hub.add(note_id, section=section, position=position)
        if there and position is None:
            return f"“{name}” is in {section} already."
        return f"Added “{name}” to {section}."
    if op == "remove":
        section = _text(content, "section", required=False) or None
        hub.remove(note_id, section=section)
        return f"Removed “{name}” from {section or hub.title}."
    return _move(hub, note_id, name, content)


def free_hub_id(catalog: Catalog, title: str) -> str:
    """A slug of ``title`` that no hub, note or file of the catalog uses yet (``-2``, ``-3``...)."""
    from ..slugs import slugify

    base = slugify(title)
    if not base:
        raise EditRequestError(f"the title {title!r} has no letters or digits to name the hub by")
    root = getattr(catalog, "root", None)

    def taken(candidate: str) -> bool:
        files = root is not None and any((root / rel).exists() for rel in
                                         (f"hubs/{candidate}.yaml", f"{candidate}.md"))
        return candidate in catalog.hub_ids or candidate in catalog or files

    k, candidate = 1, base
    while taken(candidate):
        k += 1
        candidate = f"{base}-{k}"
    return candidate


def new_hub(catalog: Catalog, content: dict[str, Any]) -> tuple[str, str]:
    """"New hub…" from the page: a hub named by its title (the id a free slug of it) with the
    note in a first section (``section``, default "Notes"). Two history entries (the hub, then the
    note added), which the page's Undo takes back together. Returns the line and the hub's id."""
    title = _text(content, "title")
    description = _text(content, "description", required=False)
    section = _text(content, "section", required=False) or "Notes"
    note_id = _text(content, "note")
    catalog.get(note_id)  # an unknown note fails before anything is written
    same = [h for h in catalog.hub_ids if catalog.hub(h).title.casefold() == title.casefold()]
    if same:  # two hubs of one title could not be told apart in the menus
        raise EditRequestError(f"a hub “{title}” exists already ({same[0]}): choose another title")
    hub_id = free_hub_id(catalog, title)  # ("id" in an edit message is the note's, store.ask)
    hub = catalog.new_hub(hub_id, title=title, description=description, sections=[section])
    hub.add(note_id, section=section)
    return f"Created hub “{hub.title}” with “{_title(catalog, note_id)}” in {section}.", hub_id


def _move(hub: Any, note_id: str, name: str, content: dict[str, Any]) -> str:
    """Move a note within its section (``from`` == ``section``) or from section ``from`` to
    another; its other sections of the hub keep it (``Hub.move`` takes it out of all of them)."""
    section = _text(content, "section")
    source = _text(content, "from", required=False)
    position = _position(content)
    if source and source == section:
        if position is None:
            raise EditRequestError("a move within a section needs a position")
        hub.add(note_id, section=section, position=position)  # a note already there moves
        return f"Moved “{name}” to place {position + 1} in {section}."
    elsewhere = [s.title for s in hub.sections
                 if s.title != source and note_id in [n.id for n in s.notes]]
    if source and elsewhere:
        hub.remove(note_id, section=source)
        hub.add(note_id, section=section, position=position)
    else:
        hub.move(note_id, section=section, position=position)
    return f"Moved “{name}” to {section}."


def _save_search(catalog: Catalog, hub_id: str, content: dict[str, Any], search_ids: list[str]) -> str:
    """The current query's results as a new section of the hub, in the order the search ranks them."""
    query = _text(content, "query")
    title = _text(content, "title", required=False) or query
    if not search_ids:
        raise EditRequestError(f"no notes match “{query}”: nothing to save")
    hub = catalog.hub(hub_id)
    if title in [s.title for s in hub.sections]:
        raise EditRequestError(f"{hub.title} already has a section “{title}”: choose another title")
    hub.add(list(search_ids), section=title)  # the section is created: one write, one undo
    return f"Saved {len(search_ids)} notes matching “{query}” as section “{title}”."
