"""``from hubwidgets import hub``: the bundled catalog, loaded on first use."""

from __future__ import annotations

from typing import Any


class _DefaultCatalog:
    """A stand-in for the bundled :class:`~hubwidgets.api.Catalog`.

    Importing it costs nothing; the first attribute access loads the catalog,
    and every later one goes straight to it.
    """

    __slots__ = ("_catalog",)

    def __init__(self) -> None:
        self._catalog = None

    def _load(self) -> Any:
        if self._catalog is None:
            from .api import Catalog

            self._catalog = Catalog.load()
        return self._catalog

    def __getattr__(self, name: str) -> Any:
        return getattr(self._load(), name)

    def __dir__(self) -> list[str]:
        return dir(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, item: object) -> bool:
        return item in self._load()

    def __repr__(self) -> str:
        return repr(self._load()) if self._catalog is not None else "<bundled hubwidgets catalog>"


default_catalog = _DefaultCatalog()
