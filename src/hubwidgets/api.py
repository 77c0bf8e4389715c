"""The user-facing catalog: :class:`hubwidgets.catalog.Catalog` plus its views.

``hubwidgets.load()`` returns this :class:`Catalog`. It adds what a person calls to *see*
a catalog (``show``, ``note``, ``to_html``, ``export_html``) on top of the data and query
layer, so that the layers below never import the widget or the HTML export: imports run
files -> catalog -> views -> here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import catalog as core

if TYPE_CHECKING:
    from .widgets.hub import HubWidget


class Hub(core.Hub):
    """A hub with its sections and notes resolved, in page order, that can show itself."""

    def show(self, **kwargs: Any) -> HubWidget:
        """Render this hub as an interactive widget."""
        return self.catalog.show(self.id, **kwargs)

    def to_html(self) -> str:
        """This hub as one self-contained HTML page (no kernel, no network)."""
        return self.catalog.to_html(self.id)


class Catalog(core.Catalog):
    """Notes, hubs and links of one data folder, as DataFrames, queries and views."""

    hub_class = Hub

    def show(self, hub_id: str | None = None, **kwargs: Any) -> HubWidget:
        """Render a hub (or, with no name, the index of every hub and note) as a widget."""
        from .widgets.hub import HubWidget

        if hub_id is not None:
            self.hub(hub_id)  # unknown names fail here, with suggestions
        return HubWidget(self, hub_id, **kwargs)

    def note(self, note_id: str, **kwargs: Any) -> HubWidget:
        """One note's card and reader on its own, as a widget."""
        from .widgets.hub import HubWidget

        self.get(note_id)
        return HubWidget(self, None, only_note=note_id, **kwargs)

    def to_html(self, hub_id: str | None = None) -> str:
        """A hub (or, with no name, every note) as one self-contained HTML page."""
        from .export import to_html

        if hub_id is not None:
            self.hub(hub_id)
        return to_html(self, hub_id)

    def export_html(self, hub_id: str | None, out: str | os.PathLike) -> Path:
        """Write :meth:`to_html` to ``out`` (atomically); returns the path."""
        from .export import export_html

        return export_html(hub_id, out, catalog=self)


def load(path: str | os.PathLike | None = None, *, cache: bool = True, strict: bool = False,
         hubs: list[str] | tuple[str, ...] = ()) -> Catalog:
    """Load a catalog folder or any folder of Markdown notes (an Obsidian vault, a Foam
    workspace); with no path, the catalog bundled with hubwidgets. See :meth:`Catalog.load`."""
    return Catalog.load(path, cache=cache, strict=strict, hubs=hubs)
