"""Validation reports over a loaded catalog: found vs declared per hub, problems, exit status.

The problems themselves are found while reading (:mod:`hubwidgets.datadir`, per file) and by
the catalog's cross-file checks (:mod:`hubwidgets.checks`); this module only reports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .problems import ERROR, WARNING

if TYPE_CHECKING:
    from .catalog import Catalog


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
