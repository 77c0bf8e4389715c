"""Notes <-> notebooks: every note a runnable notebook, every hub a folder of them.

``note_to_notebook`` and ``notebook_to_note`` are pure (jupytext style); the I/O
is at the edges (:func:`convert_hub`, :func:`convert_note`, :func:`from_notebook`)
and goes through :mod:`hubwidgets.nbfiles`, which writes atomically and never
overwrites a notebook a person has edited. Everything a user wrote reaches
generated code only through ``repr()``, and Markdown cells only escaped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from nbformat import NotebookNode
from nbformat.notebooknode import from_dict

from . import __version__
from .cells import Cell, cells_to_body, split_body
from .nbfiles import KEY, WriteResult, content_hash, write_notebook
from .notes import Note
from .problems import HubwidgetsError
from .slugs import is_valid_id

if TYPE_CHECKING:
    from .catalog import Catalog

WRITERS = 4  # threads writing notebooks
GENERATED_ROLES = {"title", "card", "related", "related-code", "index"}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py",
                 "mimetype": "text/x-python", "codemirror_mode": {"name": "ipython", "version": 3},
                 "nbconvert_exporter": "python"}
# Backslash-escaped punctuation renders as itself in CommonMark and in Jupyter's renderer. Dollars
# and backslashes go into code spans instead: MathJax typesets the *rendered* text, where an
# escaped "$" is a plain "$" again, but it never looks inside <code>.
_MD_ACTIVE = re.compile(r"([$\\]+)|([`*_\[\]<>&!~|#{}])")
_MD_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")  # would start a list or a rule


def _inert(match: re.Match) -> str:
    return f"`{match.group(1)}`" if match.group(1) else "\\" + match.group(2)


def md_text(text: str) -> str:
    """User text made inert in a Markdown cell: one line that renders exactly as written.

    Markdown, HTML and link characters are backslash-escaped, ``$`` and ``\\`` (math in Jupyter)
    are put in code spans, and a leading list or rule marker is escaped.
    """
    line = _MD_ACTIVE.sub(_inert, " ".join(text.split()))
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(1)
                               else "\\" + m.group(3), line, count=1)


@dataclass
class ConvertReport:
    """What a conversion did, by outcome (paths as strings)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # edited by a person: left alone
    refused: list[str] = field(default_factory=list)  # unsafe ids or paths
    failed: list[str] = field(default_factory=list)  # execution errors
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, result: WriteResult) -> None:
        getattr(self, result.status).append(result.path)

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed)

    def summary(self) -> str:
        return (f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
                f"{len(self.skipped)} skipped (edited; use --force to overwrite), "
                f"{len(self.refused)} refused, {len(self.failed)} failed")


# -- pure: note -> notebook -----------------------------------------------------------------
# Plain builders: nbformat's new_*_cell validate every cell with jsonschema (~1 ms each);
# the finished notebook is validated once, when it is written (nbfiles.notebook_text).
def new_markdown_cell(source: str, metadata: dict[str, Any]) -> NotebookNode:
    """A Markdown cell (its id is set when the notebook is finished)."""
    return from_dict({"cell_type": "markdown", "id": "", "metadata": metadata, "source": source})


def new_code_cell(source: str, metadata: dict[str, Any]) -> NotebookNode:
    """A code cell with no outputs (its id is set when the notebook is finished)."""
    return from_dict({"cell_type": "code", "id": "", "metadata": metadata, "source": source,
                      "execution_count": None, "outputs": []})


def new_notebook(cells: list[NotebookNode]) -> NotebookNode:
    """An nbformat 4.5 notebook around ``cells``."""
    return from_dict({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


def _cell_id(note_id: str, index: int) -> str:
    return "hw-" + hashlib.sha1(f"{note_id}\0{index}".encode()).hexdigest()[:16]


def _finish(nb: NotebookNode, name: str, meta: dict[str, Any]) -> NotebookNode:
    for i, cell in enumerate(nb.cells):
        cell.id = _cell_id(name, i)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO),
                   KEY: {**meta, "generator": f"hubwidgets {__version__}"}}
    nb.metadata[KEY]["content_hash"] = content_hash(nb)
    return nb


def _catalog_code(catalog_path: str | None) -> tuple[str, str]:
    """Code that loads the catalog, and the name it is bound to."""
    if catalog_path is None:
        return "from hubwidgets import hub", "hub"
    return f"import hubwidgets\n\ncatalog = hubwidgets.load({catalog_path!r})", "catalog"


def note_to_notebook(note: Note, *, hub: str | None = None, section: str | None = None,
                     related: Iterable[tuple[str, str]] = (), siblings: Iterable[str] = (),
                     catalog_path: str | None = None) -> NotebookNode:
    """A note as a notebook: title and summary, card, body cells, related notes.

    ``related`` is ``(id, title)`` pairs; those in ``siblings`` (notes converted into the
    same folder) become relative links. ``catalog_path`` is ``None`` for the bundled
    catalog, else the path the notebook loads the catalog from.
    """
    if not is_valid_id(note.id):
        raise HubwidgetsError(f"note id {note.id!r} is not a safe file name")
    siblings = set(siblings)
    load, name = _catalog_code(catalog_path)
    title = f"# {md_text(note.title)}"
    if note.summary:
        title += f"\n\n{md_text(note.summary)}"
    cells = [new_markdown_cell(title, metadata={KEY: {"role": "title"}}),
             new_code_cell(f"{load}\n\n{name}.note({note.id!r})", metadata={KEY: {"role": "card"}})]
    for cell in split_body(note.body):
        meta: dict[str, Any] = {KEY: {"role": "body", **({"fence": cell.fence} if cell.fence else {})}}
        if cell.kind == "code":
            cells.append(new_code_cell(cell.source, metadata=meta))
        else:
            cells.append(new_markdown_cell(cell.source, metadata=meta))
    related = list(related)
    if related:
        items = [f"- [{md_text(t)}]({nid}.ipynb)" if nid in siblings else f"- {md_text(t)}"
                 for nid, t in related]
        cells.append(new_markdown_cell("## Related notes\n\n" + "\n".join(items),
                                       metadata={KEY: {"role": "related"}}))
        cells.append(new_code_cell(
            f"neighbours = {name}.related({note.id!r}, k={len(related)})\n"
            "neighbours[[\"title\", \"kind\", \"score\"]]", metadata={KEY: {"role": "related-code"}}))
    fields = {"title": note.title, "summary": note.summary, "tags": list(note.tags),
              "related": list(note.related), "sources": [dict(s) for s in note.sources]}
    if note.extra:
        fields["extra"] = json.loads(json.dumps(note.extra, default=str))
    meta = {"note_id": note.id, "hub": hub, "section": section, "note": fields}
    return _finish(new_notebook(cells=cells), note.id, meta)


def notebook_to_note(nb: NotebookNode) -> Note:
    """The note a notebook holds: fields from metadata, body from its body cells.

    Cells a person added are part of the body; the cells hubwidgets generates
    (title, card, related notes) are not.
    """
    meta = nb.metadata.get(KEY) or {}
    fields = meta.get("note") or {}
    note_id = meta.get("note_id")
    if not is_valid_id(note_id):
        raise HubwidgetsError("this notebook was not made by hubwidgets (no note id in its metadata)")
    body_cells = []
    for cell in nb.cells:
        role = (cell.metadata.get(KEY) or {}).get("role")
        if role in GENERATED_ROLES or cell.cell_type not in ("markdown", "code"):
            continue
        fence = (cell.metadata.get(KEY) or {}).get("fence") or {}
        body_cells.append(Cell(cell.cell_type, cell.source, dict(fence)))
    return Note(id=note_id, title=fields.get("title", note_id), summary=fields.get("summary", ""),
                body=cells_to_body(body_cells), tags=list(fields.get("tags", [])),
                related=list(fields.get("related", [])),
                sources=[dict(s) for s in fields.get("sources", [])],
                extra=dict(fields.get("extra", {})))


def hub_index_notebook(catalog: Catalog, hub_id: str, catalog_path: str | None) -> NotebookNode:
    """A hub's index: its sections and notes with links, and the hub widget."""
    hub = catalog.hub(hub_id)
    load, name = _catalog_code(catalog_path)
    intro = f"# {md_text(hub.title)}"
    if hub.description:
        intro += f"\n\n{md_text(hub.description)}"
    intro += (f"\n\nTopic Hub · {hub.n_notes} notes · {hub.n_sections} sections. Each note below is a "
              "notebook of its own: open one and run it.")
    cells = [new_markdown_cell(intro, metadata={KEY: {"role": "index"}}),
             new_code_cell(f"{load}\n\n{name}.show({hub_id!r})", metadata={KEY: {"role": "index"}})]
    for section in hub.sections:
        parts = [f"## {section.position}. {md_text(section.title)}"]
        if section.declared_notes is not None and section.declared_notes != section.n_notes:
            parts.append(f"*{section.n_notes} of {section.declared_notes} declared notes available.*")
        if section.notes:
            parts.append("\n".join(f"- [{md_text(n.title)}]({n.id}.ipynb)" for n in section.notes))
        cells.append(new_markdown_cell("\n\n".join(parts), metadata={KEY: {"role": "index"}}))
    return _finish(new_notebook(cells=cells), f"index-{hub_id}", {"hub": hub_id, "role": "index"})


# -- with a catalog ----------------------------------------------------------------------------
def _catalog(catalog: Catalog | None) -> Catalog:
    if catalog is None:
        from .catalog import Catalog

        return Catalog.load()
    return catalog


def _catalog_path(catalog: Catalog, out_dir: Path) -> str | None:
    from .datadir import bundled_data_dir

    try:
        if catalog.root.resolve() == bundled_data_dir().resolve():
            return None
    except FileNotFoundError:
        pass
    return os.path.relpath(catalog.root.resolve(), out_dir.resolve())


def to_notebook(note_id: str, catalog: Catalog | None = None, hub_id: str | None = None,
                out_dir: str | os.PathLike = ".") -> NotebookNode:
    """One note of a catalog (default: the bundled one) as a notebook."""
    catalog = _catalog(catalog)
    note = catalog.get(note_id)
    section = None
    if hub_id is None:
        hubs = catalog.memberships[catalog.memberships.note == note_id]
        if len(hubs):
            hub_id, section = hubs.iloc[0].hub, hubs.iloc[0].section
    else:
        m = catalog.memberships
        rows = m[(m.hub == hub_id) & (m.note == note_id)]
        section = rows.iloc[0].section if len(rows) else None
    siblings = {n.id for n in catalog.hub(hub_id).notes} if hub_id else set()
    related = [(nid, catalog.get(nid).title) for nid, _, _ in catalog.related_pairs(note_id, 5)]
    return note_to_notebook(note, hub=hub_id, section=section, related=related, siblings=siblings,
                            catalog_path=_catalog_path(catalog, Path(out_dir)))


def from_notebook(path: str | os.PathLike) -> Note:
    """Read a notebook made by hubwidgets back into a note (for people who edit in Jupyter)."""
    return notebook_to_note(nbformat.read(path, as_version=4))


def _progress(items: list, enabled: bool | None, desc: str):
    from tqdm.auto import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(items, desc=desc, unit="nb", disable=not enabled, leave=False)


def convert_note(note_id: str, out_dir: str | os.PathLike, catalog: Catalog | None = None,
                 force: bool = False, hub_id: str | None = None) -> ConvertReport:
    """Write one note's notebook into ``out_dir``; returns what happened."""
    catalog = _catalog(catalog)
    out = Path(out_dir)
    report = ConvertReport()
    if not is_valid_id(note_id):
        report.refused.append(str(note_id))
        report.errors[str(note_id)] = "not a safe note id"
        return report
    nb = to_notebook(note_id, catalog, hub_id=hub_id, out_dir=out)
    report.add(write_notebook(nb, out, f"{note_id}.ipynb", force=force))
    return report


def convert_hub(hub_id: str, out_dir: str | os.PathLike, catalog: Catalog | None = None,
                force: bool = False, execute: bool = False, progress: bool | None = None,
                workers: int = 2, timeout: int = 600) -> ConvertReport:
    """Write every note of a hub as a notebook, plus ``index.ipynb``; optionally run them."""
    if execute:
        from .extras import require

        require("execute")  # before anything is written
    catalog = _catalog(catalog)
    hub = catalog.hub(hub_id)
    out = Path(out_dir)
    report = ConvertReport()
    catalog_path = _catalog_path(catalog, out)
    siblings = {n.id for n in hub.notes}
    first_section = {}
    for section in hub.sections:
        for n in section.notes:
            first_section.setdefault(n.id, section.title)
    # Notebooks are built here and written by a few threads: each write ends in an fsync, which
    # releases the GIL, and concurrent fsyncs share the file system's journal commits.
    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="hubwidgets-write") as pool:
        pending = []
        for note in _progress(hub.notes, progress, f"converting {hub_id}"):
            related = [(nid, catalog.get(nid).title) for nid, _, _ in catalog.related_pairs(note.id, 5)]
            nb = note_to_notebook(note, hub=hub_id, section=first_section.get(note.id),
                                  related=related, siblings=siblings, catalog_path=catalog_path)
            pending.append(pool.submit(write_notebook, nb, out, f"{note.id}.ipynb", force))
        index = hub_index_notebook(catalog, hub_id, catalog_path)
        pending.append(pool.submit(write_notebook, index, out, "index.ipynb", force))
        for future in pending:  # in hub order, whatever order the threads finished in
            report.add(future.result())
    if execute:
        from .execute import execute_notebooks

        paths = [p for p in report.written + report.unchanged]
        for path, error in execute_notebooks(paths, workers=workers, timeout=timeout,
                                             progress=progress).items():
            if error:
                report.failed.append(path)
                report.errors[path] = error
    return report
