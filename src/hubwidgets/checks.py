"""Cross-file checks of a catalog: what only shows across files (hub -> note, note -> note).

Per-file problems (bad YAML, wrong types, non-UTF-8 ...) are found while reading
(:mod:`hubwidgets.datadir`); these need the whole folder: missing notes, dangling links,
orphans, declared-vs-found gaps. The folder reader runs them through the ``cross_check``
argument it is given (so the file layer never imports this one) and keeps their result
with its stat cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bodyscan import EMBED, MARKDOWN
from .links import NOTE
from .notes import RELATED_REF
from .problems import ERROR, WARNING, Problem
from .wording import plural

if TYPE_CHECKING:
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
                    f"section {section.title!r} declares {plural(section.declared_notes, 'note')}, "
                    f"{found} found", file=hub.path, field=f"sections[{pos}].declared_notes",
                    hub=hub.id))
        found_notes = sum(1 for n in hub.note_ids if n in notes)
        if hub.declared_notes is not None and hub.declared_notes != found_notes:
            problems.append(Problem(WARNING, "count-gap",
                                    f"hub declares {plural(hub.declared_notes, 'note')}, {found_notes} found",
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

