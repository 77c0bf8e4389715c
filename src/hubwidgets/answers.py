"""What a hub view asks the kernel for: a note's reader payload, related notes, the graph, search.

Plain functions of a catalog and a view state (:func:`hubwidgets.state.hub_state`), so that
the live widget (:mod:`hubwidgets.widgets.hub`) answers the page's requests with them and the
HTML export (:mod:`hubwidgets.export`) computes the same answers ahead of time, without a
widget. Every string a person wrote leaves here as data or as HTML sanitized by
:func:`hubwidgets.render.render_markdown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .embeds import VaultEmbeds
from .render import render_markdown

if TYPE_CHECKING:
    from .catalog import Catalog
    from .notes import Note

RELATED_K = 6
SEARCH_SNIPPETS = 100  # snippets sent for the best matches (the page builds 60 cards first)


def related_items(catalog: Catalog, note_id: str, in_view: set[str],
                  k: int = RELATED_K) -> list[dict[str, Any]]:
    """The nearest notes (explicit links first, then similar text), with titles to show."""
    notes = [(catalog.get(nid), score, kind) for nid, score, kind in catalog.related_pairs(note_id, k)]
    return [{"id": n.id, "title": n.title, "summary": n.summary, "kind": kind,
             "score": round(float(score), 3), "in_view": n.id in in_view}
            for n, score, kind in notes]


def note_payload(catalog: Catalog, state: dict[str, Any], note_id: str, in_view: set[str], *,
                 with_related: bool = True) -> dict[str, Any]:
    """What the reader shows: sanitized body HTML, sources, tags, the view's sections listing it."""
    note = catalog.get(note_id)
    rows = state["notes"]
    sections = [s["title"] for s in state["sections"]
                if any(rows[p]["id"] == note_id for p in s["notes"])]
    payload = {"title": note.title, "summary": note.summary, "tags": list(note.tags),
               "html": note_html(catalog, note),
               "has_body": bool(note.body.strip()),
               "sources": [{"title": s.get("title", ""), "url": s.get("url", "")}
                           for s in note.sources],
               "sections": sections,
               "hubs": [{"id": h, "title": catalog.hub(h).title}
                        for h in catalog.hubs_of_note.get(note_id, [])]}
    if with_related:
        payload["related"] = related_items(catalog, note_id, in_view)
        payload.update(related_notice(catalog))
    return payload


def note_html(catalog: Catalog, note: Note) -> str:
    """A note's body as sanitized HTML: links resolved, embeds and the folder's images filled in."""
    embeds = VaultEmbeds(catalog.resolver, catalog.root, note)
    return render_markdown(note.body, embeds.resolve_for(note), embeds)


def related_notice(catalog: Catalog) -> dict[str, str]:
    """``{"notice": line}`` when related notes lack text similarity for a missing extra, else ``{}``."""
    notice = getattr(catalog, "related_notice", "")
    return {"notice": notice} if notice else {}


def graph_answer(catalog: Catalog, state: dict[str, Any]) -> dict[str, Any]:
    """The graph view's layout, or ``{"error": ...}`` naming what to install."""
    try:
        from .graph import graph_layout

        return graph_layout(catalog, state)
    except ImportError as exc:
        return {"error": str(exc)}


def search_answer(catalog: Catalog, query: str, in_view: set[str], hub: str | None = None,
                  snippets: int = SEARCH_SNIPPETS) -> dict[str, Any]:
    """The page's ``search_hits`` for ``query``: ids of the view's matching notes, best first
    (:meth:`Catalog.search`, within ``hub`` when the view is one), the snippets of the first
    ``snippets`` of them (``{id: {"text", "marks"}}``: plain text and ``[start, end)`` offsets in
    code points) and the parser's one-line hint for a malformed query (else ``None``)."""
    answer: dict[str, Any] = {"query": query, "ids": [], "snippets": {}, "hint": None}
    if not query.strip():
        return answer
    results = catalog.search(query, hub=hub, snippets=snippets)
    ids = results["id"].tolist()
    keep = [k for k, nid in enumerate(ids) if nid in in_view]
    answer["ids"] = [ids[k] for k in keep]
    answer["hint"] = results.attrs.get("hint")
    texts, marks = results["snippet"], results["snippet_marks"]
    for k in keep[:snippets]:
        text = texts.iat[k]
        if isinstance(text, str) and text:
            answer["snippets"][ids[k]] = {"text": text,
                                          "marks": [[int(a), int(b)] for a, b in marks.iat[k]]}
    return answer
