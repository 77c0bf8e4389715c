"""The optional extras, and the one line that names a missing one.

Heavy dependencies are imported lazily and live in extras (``pip install "hubwidgets[NAME]"``).
When one is missing, every layer says the same thing: :func:`message` is the line, Python
code that can still answer warns with it (:func:`warn_missing`) and returns what it has,
code that cannot goes no further (:func:`require` raises :class:`MissingExtraError`), the
widget shows the line in place of the missing part, and the CLI prints it and exits 1.
"""

from __future__ import annotations

import importlib.util
import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class Extra:
    """An optional extra: what it gives, the distributions it installs, the modules it imports."""

    name: str
    gives: str
    packages: tuple[str, ...]
    modules: tuple[str, ...]


EXTRAS = {e.name: e for e in (
    Extra("similarity", "Related notes by text similarity", ("scikit-learn",), ("sklearn", "scipy")),
    Extra("graph", "The graph view", ("networkx",), ("networkx",)),
    Extra("execute", "Running notebooks", ("nbclient", "ipykernel"), ("nbclient", "ipykernel")),
    Extra("live", "Live reload (Catalog.watch)", ("watchfiles",), ("watchfiles",)),
)}


class MissingExtraError(ImportError):
    """An optional extra that the call needs is not installed; the message says how to get it."""

    def __init__(self, extra: str) -> None:
        super().__init__(message(extra))
        self.extra = extra


class MissingExtraWarning(UserWarning):
    """A call answered without an optional extra (with less than it could)."""


def message(extra: str) -> str:
    """The one line naming a missing extra, e.g. ``... pip install "hubwidgets[graph]"``."""
    e = EXTRAS[extra]
    return f'{e.gives} needs {" and ".join(e.packages)}: pip install "hubwidgets[{e.name}]"'


def missing(extra: str) -> bool:
    """True when a module of ``extra`` cannot be imported (checked without importing it)."""
    return any(importlib.util.find_spec(m) is None for m in EXTRAS[extra].modules)


def require(extra: str) -> None:
    """Raise :class:`MissingExtraError` when ``extra`` is not installed."""
    if missing(extra):
        raise MissingExtraError(extra)


def warn_missing(extra: str, stacklevel: int = 3) -> str:
    """Warn (:class:`MissingExtraWarning`) that ``extra`` is missing; returns the message."""
    text = message(extra)
    warnings.warn(text, MissingExtraWarning, stacklevel=stacklevel)
    return text
