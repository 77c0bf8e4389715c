"""A static ``text/html`` picture of a hub, for viewers that have no kernel.

Put in the widget's mime bundle beside the widget view: JupyterLab with a kernel
shows the live widget, while GitHub, nbviewer or a saved notebook opened without
widget state fall back to this. The picture follows the widget's traits: the
query filters the notes (with the kernel's own search hits), the view picks
sections, a grid of cards or a table, and open sections are ``<details open>``.
Every piece of user text goes through :func:`html.escape`. Plain markup only: no
scripts, no styles, so every viewer renders it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

MAX_NOTES = 2000  # keep saved notebooks small: list at most this many notes
MAX_SUMMARIES = 300  # above this many notes, titles only
VIEW_NAMES = {"sections": "Sections", "grid": "Grid", "table": "Table", "graph": "Graph"}


def fallback_html(state: dict[str, Any], traits: Mapping[str, Any] | None = None,
                  css_class: str = "hw-static", hidden: bool = False) -> str:
    """Static HTML for a view state from :func:`hubwidgets.state.hub_state`.

    ``traits`` are the widget's ``query``, ``search_hits``, ``view``, ``expanded``, ``selected``
    and ``reading``; without them the picture is the hub as it first opens.
    """
    traits = traits or {}
    notes = state["notes"]
    view = traits.get("view") or "sections"
    query = (traits.get("query") or "").strip()
    shown = _matching_positions(state, traits) if query else None
    with_summaries = len(notes) <= MAX_SUMMARIES
    out = [f'<div class="{escape(css_class)}" data-hubwidgets="static" data-testid="static-hub"'
           f' data-view="{escape(view)}"{" hidden" if hidden else ""}>',
           f"<h3>{escape(state['title'])}</h3>"]
    if state.get("description"):
        out.append(f"<p>{escape(state['description'])}</p>")
    out.append(f"<p><small>{escape(state['subtitle'])}</small></p>")
    facts = [f"View as: {VIEW_NAMES.get(view, view)}"]
    if query:
        facts.append(f"search “{query}”: {_count(len(shown or []), 'matching note')}")
    out.append(f'<p data-testid="static-facts"><small>{escape(" · ".join(facts))}</small></p>')
    reading = _reading(state, traits)
    if reading is not None:
        out.append(f'<p data-testid="static-reading">Open in the reader: '
                   f"<strong>{escape(reading['title'])}</strong></p>")
    budget = [MAX_NOTES]

    def visible(positions: list[int]) -> list[int]:
        return positions if shown is None else [p for p in positions if p in shown]

    if view == "table":
        _table(out, state, visible(list(range(len(notes)))), budget)
    elif view == "grid" or not state["sections"]:
        _items(out, notes, visible(list(range(len(notes)))), budget, with_summaries)
    else:
        expanded = set(traits.get("expanded", []))
        for section in state["sections"]:
            positions = visible(section["notes"])
            if shown is not None and not positions:
                continue
            is_open = " open" if section.get("key") in expanded or shown is not None else ""
            count = section["count_text"] if shown is None else _count(len(positions), "match")
            out.append(f'<details data-testid="static-section"{is_open}><summary>'
                       f'<span data-testid="static-section-title">{escape(section["title"])}</span> '
                       f"<small>({escape(count)})</small></summary>")
            _items(out, notes, positions, budget, with_summaries)
            out.append("</details>")
    out.append("<p><small>Static view: run the cell with a kernel to explore this hub.</small></p>")
    out.append("</div>")
    return "\n".join(out)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}{'es' if word.endswith('h') else 's'}"


def _matching_positions(state: dict[str, Any], traits: Mapping[str, Any]) -> set[int]:
    """Positions of the notes the query matches: the kernel's hits when they are for this query."""
    hits = traits.get("search_hits") or {}
    query = (traits.get("query") or "").strip()
    if hits.get("query", "").strip() == query:
        wanted = set(hits.get("ids", []))
        return {i for i, row in enumerate(state["notes"]) if row["id"] in wanted}
    words = query.casefold().split()  # no hits computed: titles and summaries, as the page does
    return {i for i, row in enumerate(state["notes"])
            if all(w in f"{row['title']} {row.get('summary', '')}".casefold() for w in words)}


def _reading(state: dict[str, Any], traits: Mapping[str, Any]) -> dict[str, Any] | None:
    selected = traits.get("selected")
    if not (traits.get("reading") and selected):
        return None
    return next((row for row in state["notes"] if row["id"] == selected), None)


def _items(out: list[str], notes: list[dict[str, Any]], positions: list[int], budget: list[int],
           with_summaries: bool) -> None:
    out.append("<ul>")
    room = max(0, budget[0])
    for pos in positions[:room]:
        row = notes[pos]
        line = (f'<li data-testid="static-card" data-note-id="{escape(row["id"])}">'
                f"<strong>{escape(row['title'])}</strong>")
        if with_summaries and row.get("summary"):
            line += f"<br>{escape(row['summary'])}"
        out.append(line + "</li>")
    shown = min(len(positions), room)
    if shown < len(positions):
        out.append(f"<li>… and {len(positions) - shown} more</li>")
    budget[0] -= shown
    out.append("</ul>")


def _table(out: list[str], state: dict[str, Any], positions: list[int], budget: list[int]) -> None:
    section_of: dict[int, str] = {}
    for section in state["sections"]:
        for pos in section["notes"]:
            section_of.setdefault(pos, section["title"])
    room = max(0, budget[0])
    out.append("<table><thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Summary</th>"
               "<th scope=\"col\">Tags</th><th scope=\"col\">Section</th></tr></thead><tbody>")
    for pos in positions[:room]:
        row = state["notes"][pos]
        out.append(f'<tr data-testid="static-card" data-note-id="{escape(row["id"])}">'
                   f"<td><strong>{escape(row['title'])}</strong></td>"
                   f"<td>{escape(row.get('summary', ''))}</td>"
                   f"<td>{escape(', '.join(row.get('tags', [])))}</td>"
                   f"<td>{escape(section_of.get(pos, ''))}</td></tr>")
    out.append("</tbody></table>")
    if len(positions) > room:
        out.append(f"<p>… and {len(positions) - room} more</p>")
    budget[0] -= min(len(positions), room)
