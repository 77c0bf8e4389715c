"""The bundled hub as a marimo app: ``marimo run notebooks/hub_marimo.py`` (or ``marimo edit``).

The hub is the same anywidget as in JupyterLab, wrapped with ``mo.ui.anywidget`` so that what the
reader types or opens in the page re-runs the cell below it.
"""

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="full", app_title="hubwidgets: domain training")


@app.cell(hide_code=True)
def _():
    import marimo as mo

    from hubwidgets import hub

    return hub, mo


@app.cell
def _(hub, mo):
    widget = mo.ui.anywidget(hub.show("domain-training"))
    widget  # noqa: B018 (a marimo cell shows its last expression)
    return (widget,)


@app.cell
def _(hub, mo, widget):
    # Re-runs whenever the page changes the widget: its traits are in ``widget.value``.
    _state = widget.value
    _selected = _state["selected"]
    _title = hub.get(_selected).title if _selected else "(none)"
    mo.vstack([
        mo.md("**What the hub shows, as Python sees it**"),
        mo.plain_text(f"query:    {_state['query']!r}\n"
                      f"view:     {_state['view']}\n"
                      f"selected: {_title}\n"
                      f"reading:  {_state['reading']}"),
    ])
    return


if __name__ == "__main__":
    app.run()
