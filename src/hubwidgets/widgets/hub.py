"""HubWidget: a hub (or every note, or one note) as an anywidget in JupyterLab.

State the user can read and set from Python lives in synced traitlets
(``selected``, ``reading``, ``query``, ``view``, ``expanded``); the hub's titles
and summaries travel once in ``state``. Everything heavier is asked for by the
page with a custom message and answered here: a note's rendered body, its related
notes, the graph layout, converting a note to a notebook.
"""

from __future__ import annotations

import logging
import os
import pathlib
import weakref
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from ..answers import (
    RELATED_K,
    graph_answer,
    note_payload,
    related_items,
    related_notice,
    search_answer,
)
from ..state import default_expanded, hub_state, note_ids
from .edits import added_entries, apply_edit, editing_trait, history, new_hub
from .fallback import fallback_html
from .saved import display_with_twin, static_traits

if TYPE_CHECKING:
    from ..catalog import Catalog

STATIC = pathlib.Path(__file__).resolve().parent.parent / "static"
VIEWS = ("sections", "grid", "table", "graph")


class HubWidget(anywidget.AnyWidget):
    """An interactive hub: sections, grid, table and graph views, search and a reader."""

    _esm = STATIC / "hub.js"
    _css = STATIC / "hub.css"

    state = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    reading = traitlets.Bool(False).tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    view = traitlets.Enum(VIEWS, default_value="sections").tag(sync=True)
    expanded = traitlets.List(traitlets.Unicode()).tag(sync=True)
    search_hits = traitlets.Dict().tag(sync=True)
    graph = traitlets.Dict().tag(sync=True)
    hub_list = traitlets.List().tag(sync=True)  # [{id, title}]: hubs the page may switch to
    notebook_dir = traitlets.Unicode("notebooks")
    _reading_note = None
    # Editing (widgets/edits.py): what the page may offer, and a counter of catalog changes.
    editing = traitlets.Dict().tag(sync=True)  # edits.editing_trait: {} where editing is not offered
    revision = traitlets.Int(0).tag(sync=True)  # +1 on every catalog change: the page drops cached bodies

    def __init__(self, catalog: Catalog, hub_id: str | None = None, only_note: str | None = None,
                 group_by: str | None = None, **kwargs: Any) -> None:
        self.catalog = catalog
        self.hub_id = hub_id
        self.only_note = only_note
        self.group_by = group_by
        if only_note is None:
            kwargs.setdefault("hub_list", hub_list(catalog))
        state = hub_state(catalog, hub_id, only_note=only_note, group_by=group_by)
        self._ids = set(note_ids(state))
        if only_note is not None:
            kwargs.setdefault("selected", only_note)
            kwargs.setdefault("reading", True)
        kwargs.setdefault("expanded", default_expanded(state))
        kwargs.setdefault("editing", editing_trait(catalog, state["kind"]))
        selected = kwargs.get("selected")
        if selected:
            catalog.get(selected)  # unknown ids fail here, with a suggestion
        super().__init__(state=state, **kwargs)
        self._last_edit: list[Any] = []  # history entries of the page's last edit (undone together)
        self._twins: dict[str, str] = {}  # static twins (widgets/saved.py): display id -> state shown
        self.on_msg(self._on_message)
        self._unsubscribe = _subscribe_weakly(self)
        if self.query:
            self._update_hits()

    def __repr__(self) -> str:
        what = self.hub_id or (f"note {self.only_note}" if self.only_note else "all notes")
        return (f"<HubWidget {what!r}: {self.state['counts']['notes']} notes, view={self.view!r}, "
                f"query={self.query!r}, selected={self.selected!r}>")

    # -- what Python users call ----------------------------------------------------------------
    def expand_all(self) -> None:
        """Open every section."""
        self.expanded = [s["key"] for s in self.state["sections"]]

    def collapse_all(self) -> None:
        """Close every section."""
        self.expanded = []

    def open_note(self, note_id: str) -> None:
        """Show a note in the reader."""
        self.catalog.get(note_id)
        self.selected = note_id
        self.reading = True

    def close_reader(self) -> None:
        """Go back from the reader to the list."""
        self.reading = False

    def show_hub(self, hub_id: str | None) -> None:
        """Switch this view to another hub, or to every note (``None`` or ``""``)."""
        state = hub_state(self.catalog, hub_id or None, group_by=self.group_by)
        with self.hold_sync():
            self.hub_id, self._ids = state["hub"] or None, set(note_ids(state))
            self.reading, self.selected = False, ""
            self.graph = {}
            self.expanded = default_expanded(state)
            self.state = state
            self._update_hits()

    # -- search --------------------------------------------------------------------------------
    @traitlets.validate("selected")
    def _valid_selected(self, proposal: dict) -> str:
        value = proposal["value"]
        if value and value not in self.catalog:
            self.catalog.get(value)  # raises UnknownNameError with a suggestion
        return value

    @traitlets.observe("query")
    def _on_query(self, change: dict) -> None:
        self._update_hits()

    def _update_hits(self) -> None:
        """Notes of this view matching the query anywhere (bodies and tags too), best first, with
        snippets and the hint (see :func:`hubwidgets.answers.search_answer`)."""
        hub = self.hub_id if self.state.get("kind") == "hub" else None
        self.search_hits = search_answer(self.catalog, self.query, self._ids, hub=hub)

    # -- messages from the page ----------------------------------------------------------------
    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):
            reply = self.answer(content)
            if reply is not None:
                self.send(reply)

    def answer(self, content: dict[str, Any]) -> dict[str, Any] | None:
        """The reply to one request from the page (``None`` when the answer is a trait change)."""
        kind = content.get("type")
        reply: dict[str, Any] = {"type": kind, "request": content.get("request")}
        try:
            if kind == "edit":
                return {**reply, **self.edit(content)}
            if kind == "graph":
                self._compute_graph()
                return None
            if kind == "show" and self.only_note is None:  # a hub, or "" for every note
                self.show_hub(str(content.get("hub") or ""))
                return None
            note_id = content.get("id")
            if not isinstance(note_id, str) or note_id not in self.catalog:
                return {**reply, "id": note_id, "error": f"no note {note_id!r} in this catalog"}
            reply["id"] = note_id
            if kind == "note":  # the page asks for related notes separately (they may be slow)
                return {**reply, **self.note_payload(note_id, content.get("related", True) is not False)}
            if kind == "related":
                items = self.related_items(note_id)
                return {**reply, "items": items, **self._related_notice()}
            if kind == "convert":
                return {**reply, **self.convert(note_id)}
        except Exception as exc:  # report in the page rather than lose it in the kernel log
            return {**reply, "error": f"{type(exc).__name__}: {exc}"}
        return {**reply, "error": f"unknown request type {kind!r}"}

    def edit(self, content: dict[str, Any]) -> dict[str, Any]:
        """Apply one edit from the page (see :mod:`hubwidgets.widgets.edits`); never raises."""
        before = history(self.catalog)
        created: dict[str, str] = {}
        try:
            query = content.get("query")
            found = self._search(query) if isinstance(query, str) else []
            if content.get("op") == "new-hub":  # the page offers to open the new hub
                message, created["hub"] = new_hub(self.catalog, content)
            else:
                message = apply_edit(self.catalog, self.hub_id, content, found, self._last_edit)
        except Exception as exc:  # the page shows it as one line
            return {"ok": False, "error": _one_line(exc)}
        finally:  # what this edit added to the history, even when it stopped half-way
            added = added_entries(before, history(self.catalog))
            if content.get("op") == "undo" or added:
                self._last_edit = [] if content.get("op") == "undo" else added
        return {"ok": True, "message": message, **created}

    def _search(self, query: str) -> list[str]:
        """Notes of this view matching ``query``, best first (what "save-search" saves)."""
        query = query.strip()
        return [nid for nid in self.catalog.search_ids(query) if nid in self._ids] if query else []

    def note_payload(self, note_id: str, with_related: bool = True) -> dict[str, Any]:
        """What the reader shows (see :func:`hubwidgets.answers.note_payload`)."""
        return note_payload(self.catalog, self.state, note_id, self._ids, with_related=with_related)

    def _related_notice(self) -> dict[str, str]:
        """``{"notice": line}`` when related notes lack text similarity for a missing extra."""
        return related_notice(self.catalog)

    def related_items(self, note_id: str, k: int = RELATED_K) -> list[dict[str, Any]]:
        """The nearest notes (see :func:`hubwidgets.answers.related_items`)."""
        return related_items(self.catalog, note_id, self._ids, k)

    def _compute_graph(self) -> None:
        if self.graph.get("nodes") is None:
            self.graph = graph_answer(self.catalog, self.state)

    def convert(self, note_id: str) -> dict[str, Any]:
        """Convert a note to a notebook with :func:`hubwidgets.convert.convert_note`."""
        from ..convert import convert_note

        report = convert_note(note_id, self.notebook_dir, catalog=self.catalog)
        for status in ("written", "unchanged", "skipped"):
            paths = list(getattr(report, status, []) or [])
            if paths:
                return {"status": status, **_link(pathlib.Path(paths[0]))}
        errors = getattr(report, "errors", None) or {}
        return {"status": "error",
                "message": "; ".join(str(e) for e in errors.values()) or "the converter wrote nothing"}

    # -- live edits ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the catalog as it is now (called after every edit, undo, reload or file change).

        The query, view, selection and reader stay; open sections stay open (matched by title,
        since edits renumber them) and new sections open."""
        if self.only_note is None:  # hubs made, renamed or deleted show in the hub menus at once
            hubs = hub_list(self.catalog)
            if hubs != self.hub_list:
                self.hub_list = hubs
        if self.hub_id is not None and self.hub_id not in self.catalog.hub_ids:
            self.editing = {**editing_trait(self.catalog, "hub"),
                            "gone": f"the hub {self.hub_id!r} is no longer in the catalog"}
            return
        if self.only_note is not None and self.only_note not in self.catalog:
            return
        old = self.state
        state = hub_state(self.catalog, self.hub_id, only_note=self.only_note, group_by=self.group_by)
        open_titles = {s["title"] for s in old["sections"] if s["key"] in set(self.expanded)}
        old_titles = {s["title"] for s in old["sections"]}
        expanded = [s["key"] for s in state["sections"]
                    if s["title"] in open_titles or s["title"] not in old_titles]
        with self.hold_sync():
            if state != old:
                self._ids = set(note_ids(state))
                self.state = state
                self.graph = {}
                self.expanded = expanded
            if self.selected and self.selected not in self.catalog:
                self.reading = False
                self.selected = ""
            self.editing = editing_trait(self.catalog, state["kind"])
            self.revision += 1
            self._update_hits()

    def close(self) -> None:
        """Close the widget and stop following its catalog."""
        unsubscribe, self._unsubscribe = getattr(self, "_unsubscribe", None), None
        if unsubscribe is not None:
            unsubscribe()
        super().close()

    # -- saved notebooks -----------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = {**data, "text/html": fallback_html(self.state, static_traits(self),
                                                   css_class="hw-static hw-fallback")}
        return data, metadata

    def _ipython_display_(self) -> None:
        """In IPython: the widget bundle, then a hidden static twin for exported pages."""
        display_with_twin(self)


def hub_list(catalog: Catalog) -> list[dict[str, str]]:
    """The ``hub_list`` trait: every hub of the catalog as ``{id, title}``, in catalog order."""
    return [{"id": h, "title": catalog.hub(h).title} for h in catalog.hub_ids]


def _one_line(exc: Exception) -> str:
    """An exception as one line: its class name and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _subscribe_weakly(widget: HubWidget):
    """Follow the widget's catalog without keeping the widget alive; returns an unsubscribe."""
    subscribe = getattr(widget.catalog, "subscribe", None)
    if not callable(subscribe):
        return None
    ref = weakref.ref(widget)
    unsubscribe: list[Any] = []

    def on_change(_change: Any) -> None:
        alive = ref()
        if alive is None:
            if unsubscribe:
                unsubscribe.pop()()
            return
        try:
            alive.refresh()
        except Exception as exc:  # never let a view break the edit that notified it
            logging.getLogger(__name__).exception("hub widget could not follow its catalog")
            line = f"This view could not follow the change: {_one_line(exc)}"
            alive.editing = {**alive.editing, "error": line}

    unsubscribe.append(subscribe(on_change))
    return unsubscribe[0]


def _link(path: pathlib.Path) -> dict[str, str]:
    """A written notebook's path: relative to the kernel's folder (the notebook's) when inside it."""
    absolute = path if path.is_absolute() else pathlib.Path.cwd() / path
    try:
        relative = os.path.relpath(absolute, pathlib.Path.cwd())
    except ValueError:  # another drive on Windows
        relative = ""
    if relative.startswith(".."):
        relative = ""
    return {"path": relative.replace(os.sep, "/"), "absolute": str(absolute)}
