"""Writing notebooks safely: atomic replace, inside the output folder, never over a person's edits."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .fsutil import atomic_write_text

KEY = "hubwidgets"  # our namespace in notebook and cell metadata
_TRANSIENT = {"orig_nbformat", "orig_nbformat_minor", "signature"}


@dataclass(frozen=True)
class WriteResult:
    path: str
    status: str  # "written", "unchanged", "skipped" or "refused"
    reason: str = ""


def notebook_text(nb: NotebookNode) -> str:
    """The exact text hubwidgets writes: validated against the v4 schema, keys sorted.

    Byte for byte what ``nbformat.writes`` gives, without its deep copy for notebooks that
    have no outputs, attachments or transient keys (every notebook hubwidgets generates).
    """
    from nbformat.v4.nbjson import writes
    from nbformat.validator import get_validator

    validator = get_validator(nb.nbformat, nb.nbformat_minor, name="fastjsonschema") or \
        get_validator(nb.nbformat, nb.nbformat_minor)
    validator.validate(nb)  # raises on an invalid notebook: nothing is written
    if not _plain(nb):
        return writes(nb) + "\n"
    cells = [{**cell, "source": cell.source.splitlines(True)} for cell in nb.cells]
    return json.dumps({**nb, "cells": cells}, indent=1, sort_keys=True, separators=(",", ": "),
                      ensure_ascii=False) + "\n"


def _plain(nb: NotebookNode) -> bool:
    if _TRANSIENT & nb.metadata.keys():
        return False
    return all(isinstance(c.source, str) and not c.get("outputs") and "attachments" not in c
               and "trusted" not in c.metadata for c in nb.cells)


def content_hash(nb: NotebookNode) -> str:
    """Hash of the cells' types and sources (not outputs): changes only when a person edits."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(json.dumps([cell.cell_type, cell.source], ensure_ascii=False).encode())
    return "sha256:" + digest.hexdigest()


def edited_since_generated(path: Path) -> tuple[bool, str | None]:
    """``(edited, recorded_hash)`` for an existing notebook; unreadable files count as edited."""
    try:
        existing = nbformat.read(path, as_version=4)
    except Exception:
        return True, None
    recorded = (existing.metadata.get(KEY) or {}).get("content_hash")
    if not recorded:
        return True, None
    return content_hash(existing) != recorded, recorded


def write_notebook(nb: NotebookNode, out_dir: Path, name: str, force: bool = False) -> WriteResult:
    """Write ``nb`` as ``out_dir/name`` unless that would lose a person's edits.

    A notebook whose cells no longer match the hash recorded when it was generated
    was edited by a person: it is skipped unless ``force``. An unedited notebook that
    would not change (outputs from a run included) is left as it is.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    path = (out_dir / name)
    if os.sep in name or "/" in name or not path.resolve().is_relative_to(root) or \
            name.startswith("."):
        return WriteResult(str(path), "refused", "path leaves the output folder")
    new_hash = nb.metadata[KEY]["content_hash"]
    if path.exists():
        edited, recorded = edited_since_generated(path)
        if edited and not force:
            return WriteResult(str(path), "skipped", "edited since it was generated")
        if not edited and recorded == new_hash:
            return WriteResult(str(path), "unchanged")
    atomic_write_text(path, notebook_text(nb))
    return WriteResult(str(path), "written")
