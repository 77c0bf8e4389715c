"""A hub as one self-contained HTML file: no CDN, no kernel, no network request.

The page runs the widget's own front end (``static/hub.js``) through a stand-in
model (``static/standalone.js``); everything the kernel would answer (rendered,
sanitized bodies, related notes, the graph layout) is computed here with the same
functions the widget answers with (:mod:`hubwidgets.answers`) and embedded as JSON.
User text only ever reaches the page as JSON data or escaped HTML.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import graph_answer, note_payload
from .fsutil import atomic_write_text
from .state import default_expanded, hub_state, note_ids
from .widgets.fallback import fallback_html
from .widgets.hub import STATIC, HubWidget

if TYPE_CHECKING:
    from .catalog import Catalog

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="hubwidgets {version}">
<title>{title}</title>
<style>
body {{ margin: 0; padding: 24px; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
       background: var(--jp-layout-color0, #fff); color: var(--jp-ui-font-color1, #1f2328); }}
@media (prefers-color-scheme: dark) {{
  :root {{ --jp-layout-color0: #111; --jp-layout-color1: #1b1b1b; --jp-layout-color2: #262626;
          --jp-ui-font-color0: #fff; --jp-ui-font-color1: #e6e6e6; --jp-ui-font-color2: #b3b3b3;
          --jp-content-font-color1: #e6e6e6; --jp-border-color1: #444; --jp-border-color2: #333;
          --jp-brand-color1: #6cb4ff; --jp-content-link-color: #6cb4ff; }}
}}
main {{ max-width: 1100px; margin: 0 auto; }}
</style>
<style>
{css}
</style>
</head>
<body>
<main id="hw-root">
<noscript>{fallback}</noscript>
</main>
<script type="application/json" id="hw-data">{data}</script>
<script type="text/plain" id="hw-hub-js">{hub_js}</script>
<script type="module">
{standalone_js}
</script>
</body>
</html>
"""

# Only what the page itself needs: inline scripts and styles, blob: for the inlined module,
# data: images. Nothing is fetched from anywhere, and links open only when clicked.
CSP = ("default-src 'none'; script-src 'unsafe-inline' blob:; style-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def _json_for_html(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in (``<`` becomes ``\\u003c``)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline(path: Path, element: str = "script") -> str:
    """A static file's text, checked so that it cannot end the element it is inlined in."""
    text = path.read_text(encoding="utf-8")
    if f"</{element}" in text.lower() or "<!--" in text:
        raise ValueError(f"{path.name} cannot be inlined: it contains '</{element}' or '<!--'")
    return text


def hub_page_data(catalog: Catalog, hub_id: str | None = None) -> dict[str, Any]:
    """Everything the standalone page needs: traits, precomputed answers and searchable text."""
    state = hub_state(catalog, hub_id)
    ids = note_ids(state)
    in_view = set(ids)
    answers: dict[str, Any] = {
        "notes": {nid: note_payload(catalog, state, nid, in_view) for nid in ids},
        "graph": graph_answer(catalog, state),
    }
    texts = []
    for nid in ids:
        note = catalog.get(nid)
        texts.append(" ".join([note.title, note.summary, " ".join(note.tags), note.body]))
    # The widget's own trait defaults (read from the class, no widget built) for this state.
    defaults = HubWidget.class_traits()
    traits = {name: defaults[name].default() for name in
              ("selected", "reading", "query", "view", "search_hits", "graph")}
    traits.update(state=state, expanded=default_expanded(state))
    return {"state": state, "traits": traits, "answers": answers, "texts": texts}


def to_html(catalog: Catalog, hub_id: str | None = None) -> str:
    """The hub as one self-contained HTML page (a string)."""
    from . import __version__

    data = hub_page_data(catalog, hub_id)
    state = data["state"]
    return PAGE.format(
        csp=CSP,
        version=html.escape(__version__),
        title=html.escape(state.get("title") or "hubwidgets"),
        css=_inline(STATIC / "hub.css", "style"),
        fallback=fallback_html(state),
        data=_json_for_html(data),
        hub_js=_inline(STATIC / "hub.js"),
        standalone_js=_inline(STATIC / "standalone.js"),
    )


def export_html(hub_id: str | None, out: str | os.PathLike, catalog: Catalog | None = None) -> Path:
    """Write the hub (``None``: every note) as a self-contained HTML file; returns its path."""
    if catalog is None:
        from .catalog import Catalog

        catalog = Catalog.load()
    if hub_id is not None:
        catalog.hub(hub_id)  # unknown names fail before anything is written
    text = to_html(catalog, hub_id)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return path
