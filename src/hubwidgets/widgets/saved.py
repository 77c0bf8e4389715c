"""What a saved notebook shows of a hub where no live widget runs: a hidden static twin.

nbconvert renders one mime type per output, and with widget state stored (nbclient's
default) it picks the widget view, which is blank offline: the page would fetch
require.js and the widget manager from a CDN. So in IPython a hub is displayed as
two outputs: the widget bundle (widget view, ``text/html`` fallback, ``text/plain``)
and, right after it, a *twin*: the same static picture, ``hidden``, with a small
style sheet that reveals it only in an exported page where the output before it did
not become a live hub (its widget view is still an unrendered ``<script>``, or it
shows the fallback, which the twin then replaces). Live front ends (JupyterLab,
Notebook 7, VS Code, Colab, Voila once the widget renders) keep it hidden.

The twin follows the widget's traits: after each cell runs, a twin whose query,
view, open sections or reader changed is replaced in place (``update_display``),
so the notebook saved at the end of a run shows the state it was saved with.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from .fallback import fallback_html

if TYPE_CHECKING:
    from .hub import HubWidget

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
# JupyterLab-style pages (nbconvert's lab template) and classic ones (its classic template).
_PAIRS = ((".jp-OutputArea-child", ".jp-OutputArea-child"), (".output_area", ".output_area"))
REVEAL_CSS = "\n".join(
    [f"{a}:has({WIDGET_VIEW}):not(:has(.hw-hub)) + {b} .hw-saved,\n"
     f"{a}:has(.hw-fallback) + {b} .hw-saved {{ display: block; }}\n"
     f"{a}:has(+ {b} .hw-saved) .hw-fallback {{ display: none; }}" for a, b in _PAIRS])
SAVED_TRAITS = ("query", "search_hits", "view", "expanded", "selected", "reading")

_watched: weakref.WeakSet[HubWidget] = weakref.WeakSet()
_hooked_shells: weakref.WeakSet[Any] = weakref.WeakSet()


def static_traits(widget: HubWidget) -> dict[str, Any]:
    """The traits the static picture follows, as plain values."""
    return {name: getattr(widget, name) for name in SAVED_TRAITS}


def twin_html(widget: HubWidget) -> str:
    """The hidden twin: the reveal rules and the static picture of the widget as it is now."""
    return (f"<style>\n{REVEAL_CSS}\n</style>\n"
            + fallback_html(widget.state, static_traits(widget), css_class="hw-static hw-saved",
                            hidden=True))


def _signature(widget: HubWidget) -> str:
    traits = static_traits(widget)
    return repr(sorted((k, repr(v)) for k, v in traits.items()))


def display_with_twin(widget: HubWidget) -> None:
    """Display the widget bundle, then its twin (with a display id, so it can be refreshed)."""
    from IPython import get_ipython
    from IPython.display import display

    bundle = widget._repr_mimebundle_()
    if bundle is None:
        return
    data, metadata = bundle
    display(data, metadata=metadata, raw=True)
    handle = display({"text/html": twin_html(widget)}, raw=True, display_id=True,
                     metadata={"hubwidgets": {"twin_of": widget.model_id}})
    widget._twins[handle.display_id] = _signature(widget)
    _watched.add(widget)
    shell = get_ipython()
    if shell is not None and shell not in _hooked_shells:
        shell.events.register("post_run_cell", refresh_twins)
        _hooked_shells.add(shell)


def refresh_twins(*_args: Any) -> None:
    """Replace the twins of every displayed hub whose saved-state traits changed (after a cell)."""
    from IPython.display import update_display

    for widget in list(_watched):
        if getattr(widget, "comm", None) is None:  # closed
            _watched.discard(widget)
            continue
        signature = _signature(widget)
        stale = [did for did, shown in widget._twins.items() if shown != signature]
        html = twin_html(widget) if stale else ""
        for display_id in stale:
            widget._twins[display_id] = signature
            update_display({"text/html": html}, raw=True, display_id=display_id,
                           metadata={"hubwidgets": {"twin_of": widget.model_id}})
