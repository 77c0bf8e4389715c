"""A static ``text/html`` picture of a hub, for viewers that have no kernel.

Put in the widget's mime bundle beside the widget view: JupyterLab with a kernel
shows the live widget, while GitHub, nbviewer or a saved notebook opened without
widget state fall back to this. Sections are ``<details>`` elements; every piece
of user text goes through :func:`html.escape`. Plain markup only: no scripts, no
styles, so every viewer renders it the same way.
"""

from __future__ import annotations

from html import escape
from typing import Any

MAX_NOTES = 2000  # keep saved notebooks small: list at most this many notes
MAX_SUMMARIES = 300  # above this many notes, titles only


def fallback_html(state: dict[str, Any]) -> str:
    """Static HTML for a view state from :func:`hubwidgets.state.hub_state`."""
    notes = state["notes"]
    with_summaries = len(notes) <= MAX_SUMMARIES
    out = ['<div class="hw-static" data-hubwidgets="static">',
           f"<h3>{escape(state['title'])}</h3>"]
    if state.get("description"):
        out.append(f"<p>{escape(state['description'])}</p>")
    out.append(f"<p><small>{escape(state['subtitle'])}</small></p>")
    budget = MAX_NOTES

    def items(positions: list[int]) -> None:
        nonlocal budget
        out.append("<ul>")
        for pos in positions[:max(0, budget)]:
            row = notes[pos]
            line = f"<li><strong>{escape(row['title'])}</strong>"
            if with_summaries and row.get("summary"):
                line += f"<br>{escape(row['summary'])}"
            out.append(line + "</li>")
        shown = min(len(positions), max(0, budget))
        if shown < len(positions):
            out.append(f"<li>… and {len(positions) - shown} more</li>")
        budget -= shown
        out.append("</ul>")

    if state["sections"]:
        for section in state["sections"]:
            out.append(f"<details><summary>{escape(section['title'])} "
                       f"<small>({escape(section['count_text'])})</small></summary>")
            items(section["notes"])
            out.append("</details>")
    else:
        items(list(range(len(notes))))
    out.append("<p><small>Static view: run the cell with a kernel to explore this hub.</small></p>")
    out.append("</div>")
    return "\n".join(out)
