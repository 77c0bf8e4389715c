"""Cross-file checks of a catalog: what only shows across files (hub -> note, note -> note).

Per-file problems (bad YAML, wrong types, non-UTF-8 ...) are found while reading
(:mod:`hubwidgets.datadir`); these need the whole folder: missing notes, dangling links,
orphans, declared-vs-found gaps. The folder reader runs them through the ``cross_check``
argument it is given (so the file layer never imports this one) and keeps their result
with its stat cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .problems import ERROR, WARNING, Problem
from .slugs import slugify
from .wording import plural

if TYPE_CHECKING:
    from .datadir import FolderContents


def check_catalog(contents: FolderContents) -> list[Problem]:
    """Problems that only show across files (hub -> note, note -> note)."""
    problems: list[Problem] = []
    notes = {n.id: n for n in contents.notes}
    by_title: dict[str, str] = {}  # slugified titles, made on the first link that needs them

    def titled(target: str) -> bool:
        if not by_title:
            by_title.update((slugify(n.title), n.id) for n in contents.notes)
        return slugify(target) in by_title

    listed: set[str] = set()
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
        for target in note.wikilinks:
            if target not in notes and not titled(target):
                problems.append(Problem(WARNING, "dangling-link",
                                        f"[[{target[:80]}]] links to no note", file=note.path,
                                        field="body"))
        if contents.hubs and note.id not in listed:
            problems.append(Problem(WARNING, "orphan-note", "note is in no hub", file=note.path))
    return problems
