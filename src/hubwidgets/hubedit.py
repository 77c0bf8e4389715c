"""Surgical edits of hub YAML files (``hubs/<id>.yaml``): sections and their notes.

Each edit rewrites only the lines it changes (a section's ``notes`` list, its ``title``, the
lines of a section added or removed), with :mod:`hubwidgets.frontedit`'s primitives, so the
rest of the file (other sections, unknown keys, comments, quoting, line endings) keeps its bytes.
Sections are counted as :func:`hubwidgets.hubs.parse_hub` counts them: the mappings of the
``sections`` list, in order.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from .frontedit import (
    content_end,
    entry,
    line_start,
    newline_of,
    render_entry,
    root_mapping,
    set_in_mapping,
)
from .hubs import HubSpec, dump_hub


def new_hub_text(hub_id: str, title: str, description: str = "",
                 sections: list[str] | tuple[str, ...] = ()) -> str:
    """The YAML of a new hub, in the format :func:`hubwidgets.hubs.dump_hub` writes."""
    from .hubs import SectionSpec

    return dump_hub(HubSpec(id=hub_id, title=title, description=description,
                            sections=[SectionSpec(title=t) for t in sections]))


def _sections(text: str) -> tuple[MappingNode, SequenceNode | None, list[MappingNode]]:
    root = root_mapping(text)
    if root is None:
        raise ValueError("the hub file is empty")
    found = entry(root, "sections")
    seq = found[1] if found is not None and isinstance(found[1], SequenceNode) else None
    items = [n for n in seq.value if isinstance(n, MappingNode)] if seq is not None else []
    return root, seq, items


def _section(text: str, index: int) -> MappingNode:
    items = _sections(text)[2]
    if not 0 <= index < len(items):
        raise IndexError(f"the hub file has no section {index + 1}")
    return items[index]


def section_note_values(text: str, index: int) -> list:
    """Section ``index``'s ``notes`` as written (invalid or repeated entries included)."""
    data = yaml.safe_load(text) or {}
    sections = [s for s in (data.get("sections") or []) if isinstance(s, dict)]
    notes = sections[index].get("notes") if index < len(sections) else None
    return list(notes) if isinstance(notes, list) else []


def set_section_notes(text: str, index: int, notes: list[str]) -> str:
    """Section ``index`` (0-based) lists ``notes``: its ``notes`` entry is rewritten."""
    item = _section(text, index)
    column = item.value[0][0].start_mark.column if item.value else 0
    return set_in_mapping(text, item, {"notes": list(notes)}, newline_of(text), column=column)


def rename_section(text: str, index: int, title: str) -> str:
    """Section ``index`` gets the title ``title``."""
    item = _section(text, index)
    column = item.value[0][0].start_mark.column if item.value else 0
    return set_in_mapping(text, item, {"title": title}, newline_of(text), column=column)


def _dash_start(text: str, item: MappingNode) -> int:
    """Where the line of a block sequence item (``- title: ...``) starts."""
    return line_start(text, item.start_mark.index)


def insert_section(text: str, position: int, title: str) -> str:
    """A new, empty section titled ``title`` at ``position`` (0-based; past the end appends)."""
    nl = newline_of(text)
    root, seq, items = _sections(text)
    if seq is None or seq.flow_style or not items:
        return _rewrite_sections(text, root, lambda sections: sections.insert(
            position, {"title": title, "notes": []}))
    first = items[0]
    dash = first.start_mark.column - 2
    key_col = first.start_mark.column
    block = (" " * dash + "- " + render_entry("title", title, key_col, None, nl)
             + " " * key_col + "notes: []" + nl)
    if position < len(items):
        at = _dash_start(text, items[position])
    else:
        last = items[-1]
        at = content_end(text, last.start_mark.index, max(last.end_mark.index, seq.end_mark.index))
        if not text[:at].endswith(("\n", "\r")):
            block = nl + block
    return text[:at] + block + text[at:]


def delete_section(text: str, index: int) -> str:
    """Section ``index`` and its lines removed (its notes stay in the catalog)."""
    root, seq, items = _sections(text)
    if not 0 <= index < len(items):
        raise IndexError(f"the hub file has no section {index + 1}")
    if seq is None or seq.flow_style:
        return _rewrite_sections(text, root, lambda sections: sections.pop(index))
    start = _dash_start(text, items[index])
    if index + 1 < len(items):
        end = _dash_start(text, items[index + 1])
    else:
        item = items[index]
        end = content_end(text, item.start_mark.index, max(item.end_mark.index, seq.end_mark.index))
        if len(items) == 1:  # the list would be empty: "sections: []"
            return set_in_mapping(text, root, {"sections": []}, newline_of(text))
    return text[:start] + text[end:]


def _rewrite_sections(text: str, root: MappingNode, change) -> str:
    """Fallback for a ``sections`` list in flow style or absent: rewrite that one entry."""
    data = yaml.safe_load(text) or {}
    sections: list[Any] = [s for s in (data.get("sections") or []) if isinstance(s, dict)]
    change(sections)
    nl = newline_of(text)
    dumped = yaml.safe_dump({"sections": sections}, sort_keys=False, allow_unicode=True,
                            width=1 << 30).replace("\n", nl)
    found = entry(root, "sections")
    if found is None:
        sep = "" if not text or text.endswith(("\n", "\r")) else nl
        return text + sep + dumped
    from .frontedit import entry_span

    start, end = entry_span(text, *found)
    return text[:start] + dumped + text[end:]
