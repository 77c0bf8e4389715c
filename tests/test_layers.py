"""The Python layers read one way: files -> catalog -> views and notebooks -> API and CLI.

Every ``import`` of a hubwidgets module inside the package (at the top of a module or
inside a function, typing-only imports excepted) must point to the same layer or one below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hubwidgets"

LAYERS = {
    0: {"problems", "slugs", "wording", "notes", "hubs", "cells", "cachefiles", "folderfiles", "datadir",
        "frontyaml", "bodyscan", "links", "mocs", "extras",
        "fsutil", "frontedit", "hubedit", "mocedit", "history"},  # files
    1: {"checks", "catalog", "indexbuild", "search", "similarity", "curate", "hubcurate",  # catalog
        "refresh", "watch", "query", "ranking", "snippets", "fuzzy", "results"},
    2: {"state", "render", "vaultmd", "embeds", "graph", "answers", "widgets", "export", "validate",  # views
        "convert", "nbfiles", "execute"},  # notebooks
    3: {"api", "pageimport", "cli", "_default", "__init__", "__main__"},  # API and CLI
}
RANK = {name: rank for rank, names in LAYERS.items() for name in names}


def _module_name(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported(path: Path) -> list[tuple[int, str]]:
    """(line, top-level hubwidgets module) for every runtime import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for n in ast.walk(node))
    in_subpackage = path.parent != PACKAGE
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only or not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0:
            if (node.module or "").startswith("hubwidgets."):
                found.append((node.lineno, node.module.split(".")[1]))
            continue
        if node.level == 1 and in_subpackage:
            found.append((node.lineno, path.parent.name))
            continue
        if node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        else:  # from . import x
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    assert {_module_name(p) for p in SOURCES} <= set(RANK)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path):
    me = _module_name(path)
    upward = [f"{path.name}:{line} imports {target} (layer {RANK[target]} > {RANK[me]})"
              for line, target in _imported(path)
              if target in RANK and target != me and RANK[target] > RANK[me]]
    assert not upward, "\n".join(upward)
