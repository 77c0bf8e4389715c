"""Validation: cross-file checks of a catalog folder and the per-hub report.

Per-file problems (bad YAML, wrong types, non-UTF-8 ...) are found while
reading (:mod:`hubwidgets.datadir`); this module adds what needs the whole
folder: missing notes, dangling links, orphans, declared-vs-found gaps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .bodyscan import EMBED, MARKDOWN
from .links import NOTE
from .notes import RELATED_REF
from .problems import ERROR, WARNING, Problem

if TYPE_CHECKING:
    from .catalog import Catalog
    from .datadir import FolderContents


def check_catalog(contents: FolderContents) -> list[Problem]:
    """Problems that only show across files (hub -> note, note -> note)."""
    problems: list[Problem] = []
    notes = {n.id: n for n in contents.notes}
    resolver = contents.resolver

    listed: set[str] = set()
    hub_ids = {hub.id for hub in contents.hubs}  # a map-of-content note is its own hub
    for hub in contents.hubs:
        for pos, section in enumerate(hub.sections, start=1):
            found = 0
            for nid in section.notes:
                listed.add(nid)
                if nid in notes:
                    found += 1
                else:
                    problems.append(Problem(
                        ERROR, "missing-note",
                        f"section {section.title!r} lists note {nid!r}, which has no file",
                        file=hub.path, field=f"sections[{pos}].notes", hub=hub.id))
            if section.declared_notes is not None and section.declared_notes != found:
                problems.append(Problem(
                    WARNING, "count-gap",
                    f"section {section.title!r} declares {_notes(section.declared_notes)}, "
                    f"{found} found", file=hub.path, field=f"sections[{pos}].declared_notes",
                    hub=hub.id))
        found_notes = sum(1 for n in hub.note_ids if n in notes)
        if hub.declared_notes is not None and hub.declared_notes != found_notes:
            problems.append(Problem(WARNING, "count-gap",
                                    f"hub declares {_notes(hub.declared_notes)}, {found_notes} found",
                                    file=hub.path, field="declared_notes", hub=hub.id))
        if hub.declared_sections is not None and hub.declared_sections != len(hub.sections):
            problems.append(Problem(WARNING, "count-gap",
                                    f"hub declares {hub.declared_sections} sections, "
                                    f"{len(hub.sections)} found",
                                    file=hub.path, field="declared_sections", hub=hub.id))
    for note in contents.notes:
        for target in note.related:
            if target == note.id:
                problems.append(Problem(WARNING, "self-link", "note lists itself as related",
                                        file=note.path, field="related"))
            elif target not in notes:
                problems.append(Problem(WARNING, "dangling-link",
                                        f"related note {target!r} does not exist",
                                        file=note.path, field="related"))
        for kind, target, anchor, _label, _heading in note.refs:
            found = resolver.resolve_ref(kind, target, note)
            where = "related" if kind == RELATED_REF else "body"
            shown = f"[[{target[:80]}]]" if kind != MARKDOWN else f"({target[:80]})"
            if found is None:
                what = "file" if kind == EMBED and "." in target else "note"
                problems.append(Problem(WARNING, "dangling-link", f"{shown} links to no {what}",
                                        file=note.path, field=where))
            elif anchor and found.type == NOTE and not resolver.has_anchor(found.id, anchor):
                problems.append(Problem(WARNING, "dangling-anchor",
                                        f"{shown} links to #{anchor[:80]}, which "
                                        f"{found.id!r} has no heading or block for",
                                        file=note.path, field=where))
        if contents.hubs and note.id not in listed and note.id not in hub_ids:
            problems.append(Problem(WARNING, "orphan-note", "note is in no hub", file=note.path))
    return problems


def _notes(n: int) -> str:
    return f"{n} note" if n == 1 else f"{n} notes"


def hub_report(catalog: Catalog) -> list[dict[str, Any]]:
    """Per hub: found vs declared figures and how many problems concern it."""
    sections = catalog.sections
    out = []
    for row in catalog.hubs.itertuples(index=False):
        hub_sections = sections[sections["hub"] == row.id]
        out.append({
            "hub": row.id,
            "title": row.title,
            "notes_found": int(row.n_notes),
            "notes_declared": None if row.declared_notes is None or _isna(row.declared_notes)
            else int(row.declared_notes),
            "sections_found": int(row.n_sections),
            "sections_declared": None if _isna(row.declared_sections)
            else int(row.declared_sections),
            "sections": [
                {"position": int(s.position), "title": s.title, "notes_found": int(s.n_notes),
                 "notes_declared": None if _isna(s.declared_notes) else int(s.declared_notes)}
                for s in hub_sections.itertuples(index=False)
            ],
        })
    return out


def _isna(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def validation_report(catalog: Catalog) -> dict[str, Any]:
    """The whole report: hubs, problems, totals and the exit status it implies."""
    problems = catalog.problem_list
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    return {
        "data": str(catalog.root),
        "notes": len(catalog),
        "hubs": hub_report(catalog),
        "problems": [p.to_dict() for p in problems],
        "errors": errors,
        "warnings": warnings,
        "ok": errors == 0,
    }
