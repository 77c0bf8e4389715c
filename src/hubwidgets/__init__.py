"""hubwidgets: explore topic hubs of research notes inside Jupyter.

>>> import hubwidgets
>>> cat = hubwidgets.load()              # the bundled catalog
>>> cat.hub("domain-training")           # sections and notes, in page order
>>> from hubwidgets import hub           # the default catalog, loaded on first use
>>> hub.show("domain-training")          # the interactive widget

Attributes are imported lazily (PEP 562) so ``import hubwidgets`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": ("api", "load"),
    "Catalog": ("api", "Catalog"),
    "Hub": ("api", "Hub"),
    "Note": ("notes", "Note"),
    "Problem": ("problems", "Problem"),
    "UnknownNameError": ("problems", "UnknownNameError"),
    "PageImportError": ("problems", "PageImportError"),
    "EditError": ("curate", "EditError"),
    "StaleFileError": ("fsutil", "StaleFileError"),
    "CatalogChange": ("refresh", "CatalogChange"),
    "import_page": ("pageimport", "import_page"),
    "validate": ("validate", "validation_report"),
    "to_notebook": ("convert", "to_notebook"),
    "convert_hub": ("convert", "convert_hub"),
    "convert_note": ("convert", "convert_note"),
    "from_notebook": ("convert", "from_notebook"),
    "export_html": ("export", "export_html"),
    "HubWidget": ("widgets.hub", "HubWidget"),
}

__all__ = ["__version__", "hub", *_LAZY]


def __getattr__(name: str) -> Any:
    if name == "hub":
        from ._default import default_catalog

        return default_catalog
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hubwidgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
