"""Reading and writing hubs: small YAML files that order sections and list note ids.

Like :mod:`hubwidgets.notes`, parsing returns problems instead of raising, so one
bad section never hides the rest of a hub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .notes import YAMLLimitError, _Dumper, load_yaml
from .problems import ERROR, WARNING, Problem
from .slugs import is_valid_id


@dataclass
class SectionSpec:
    """A section as written in a hub file: a title, its declared count and its note ids."""

    title: str
    notes: list[str] = field(default_factory=list)
    declared_notes: int | None = None


@dataclass
class HubSpec:
    """A hub as written in ``hubs/<id>.yaml``."""

    id: str
    title: str
    description: str = ""
    declared_notes: int | None = None
    declared_sections: int | None = None
    sections: list[SectionSpec] = field(default_factory=list)
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def note_ids(self) -> list[str]:
        """Unique note ids of the hub in page order."""
        return list(dict.fromkeys(n for s in self.sections for n in s.notes))


def _count(value: Any, name: str, report) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        report(ERROR, "wrong-type", f"{name!r} must be a whole number >= 0, not {value!r}", name)
        return None
    return value


def parse_hub(text: str, file: str = "", default_id: str = "") -> tuple[HubSpec | None, list[Problem]]:
    """Parse a hub YAML file's text."""
    problems: list[Problem] = []

    def report(severity: str, code: str, message: str, field_: str = "", line: int | None = None):
        problems.append(Problem(severity, code, message, file=file, line=line, field=field_,
                                hub=default_id))

    try:
        meta = load_yaml(text.lstrip("\ufeff"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        report(ERROR, "invalid-yaml", f"hub file is not valid YAML: {exc.problem}", line=line)
        return None, problems
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        reason = str(exc) if isinstance(exc, YAMLLimitError) else type(exc).__name__
        report(ERROR, "invalid-yaml", f"hub file is not valid YAML: {reason}")
        return None, problems
    if not isinstance(meta, dict):
        report(ERROR, "hub-not-mapping", "a hub file must be a YAML mapping with 'title' and "
               "'sections'")
        return None, problems
    hub_id = meta.get("id", default_id)
    if not is_valid_id(hub_id):
        report(ERROR, "invalid-id", f"hub id {str(hub_id)[:80]!r} is not a slug", "id")
        return None, problems
    if default_id and hub_id != default_id:
        report(WARNING, "id-filename-mismatch",
               f"hub id {hub_id!r} differs from the file name {default_id!r}.yaml", "id")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        report(ERROR, "missing-field", "required field 'title' is missing or not text", "title")
        title = hub_id
    description = meta.get("description") or ""
    if not isinstance(description, str):
        report(ERROR, "wrong-type", "'description' must be text", "description")
        description = ""
    sections: list[SectionSpec] = []
    raw_sections = meta.get("sections") or []
    if not isinstance(raw_sections, list):
        report(ERROR, "wrong-type", "'sections' must be a list", "sections")
        raw_sections = []
    for i, raw in enumerate(raw_sections, start=1):
        where = f"sections[{i}]"
        if not isinstance(raw, dict):
            report(ERROR, "wrong-type", f"{where} must be a mapping with 'title' and 'notes'", where)
            continue
        s_title = raw.get("title")
        if not isinstance(s_title, (str, int, float)) or not str(s_title).strip():
            report(ERROR, "missing-field", f"{where} has no title", f"{where}.title")
            s_title = f"Section {i}"
        note_ids = raw.get("notes") or []
        if not isinstance(note_ids, list):
            report(ERROR, "wrong-type", f"{where}.notes must be a list of note ids", f"{where}.notes")
            note_ids = []
        clean: list[str] = []
        for nid in note_ids:
            if not is_valid_id(nid):
                report(ERROR, "invalid-id", f"{where} lists {str(nid)[:80]!r}, which is not a note id",
                       f"{where}.notes")
            elif nid in clean:
                report(WARNING, "duplicate-membership", f"{where} lists {nid!r} twice",
                       f"{where}.notes")
            else:
                clean.append(nid)
        declared = _count(raw.get("declared_notes"), f"{where}.declared_notes", report)
        sections.append(SectionSpec(title=str(s_title).strip(), notes=clean, declared_notes=declared))
    known = {"id", "title", "description", "declared_notes", "declared_sections", "sections"}
    return (
        HubSpec(
            id=hub_id,
            title=title.strip(),
            description=description.strip(),
            declared_notes=_count(meta.get("declared_notes"), "declared_notes", report),
            declared_sections=_count(meta.get("declared_sections"), "declared_sections", report),
            sections=sections,
            path=file,
            extra={k: v for k, v in meta.items() if k not in known},
        ),
        problems,
    )


def dump_hub(hub: HubSpec) -> str:
    """Serialize a hub to YAML (stable key order, Unicode kept as is)."""
    meta: dict[str, Any] = {"id": hub.id, "title": hub.title}
    if hub.description:
        meta["description"] = hub.description
    if hub.declared_notes is not None:
        meta["declared_notes"] = hub.declared_notes
    if hub.declared_sections is not None:
        meta["declared_sections"] = hub.declared_sections
    for key, value in hub.extra.items():
        meta.setdefault(key, value)
    meta["sections"] = []
    for s in hub.sections:
        entry: dict[str, Any] = {"title": s.title}
        if s.declared_notes is not None:
            entry["declared_notes"] = s.declared_notes
        entry["notes"] = list(s.notes)
        meta["sections"].append(entry)
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
