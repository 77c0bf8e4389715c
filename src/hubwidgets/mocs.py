"""Map-of-content notes as hubs: a note's headings are sections, the notes it links are their notes.

A note is a map of content when its front matter says ``hub: true``, when it carries a ``hub``
tag (front matter or inline), or when ``hubwidgets.load(DIR, hubs=[...])`` names it. Its title
and first paragraph (its ``summary``) are the hub's title and description; each heading is a
section, in order (an ``# H1`` that repeats the title is not one); the notes it links under a
heading, in order and once each, are that section's notes. Links before the first heading make
a first section only when the note has no headings at all. Front matter ``declared_notes`` and
``declared_sections`` are kept, as in hub files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bodyscan import EMBED, MARKDOWN, WIKILINK
from .hubs import HubSpec, SectionSpec
from .links import NOTE, LinkResolver

if TYPE_CHECKING:
    from .catalog import Hub
    from .notes import Note

MOC_SOURCE = "map-of-content"  # HubSpec.extra["source"] of hubs made from notes
_LINK_KINDS = (WIKILINK, EMBED, MARKDOWN)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def hub_from_note(note: Note, resolver: LinkResolver) -> HubSpec:
    """The hub a map-of-content note describes (see the module doc)."""
    titles: dict[int, str] = {}
    for index, (level, text) in enumerate(note.headings):
        if index == 0 and level == 1 and text.casefold() == note.title.casefold():
            continue  # the note's own title, not a section
        titles[index] = text or f"Section {len(titles) + 1}"
    members: dict[int, list[str]] = {index: [] for index in titles}
    loose: list[str] = []
    for kind, target, _anchor, _label, heading in note.refs:
        if kind not in _LINK_KINDS:
            continue
        found = resolver.resolve_ref(kind, target, note)
        if found is None or found.type != NOTE or found.id == note.id:
            continue
        bucket = members.get(heading, loose)
        if found.id not in bucket:
            bucket.append(found.id)
    sections = [SectionSpec(title=titles[i], notes=members[i]) for i in titles]
    if not sections and loose:
        sections = [SectionSpec(title=note.title, notes=loose)]
    return HubSpec(id=note.id, title=note.title, description=note.summary,
                   declared_notes=_count(note.extra.get("declared_notes")),
                   declared_sections=_count(note.extra.get("declared_sections")),
                   sections=sections, path=note.path, extra={"source": MOC_SOURCE})


def moc_text(hub: Hub) -> str:
    """A hub written as a map-of-content note (front matter ``hub: true``, a heading per section,
    a wikilink per note), which :func:`hub_from_note` reads back as the same hub."""
    front = ["---", "hub: true", f"title: {_yaml_text(hub.title)}"]
    if hub.declared_notes is not None:
        front.append(f"declared_notes: {hub.declared_notes}")
    if hub.declared_sections is not None:
        front.append(f"declared_sections: {hub.declared_sections}")
    lines = [*front, "---", "", f"# {hub.title}", "", hub.description, ""]
    for section in hub.sections:
        lines += [f"## {section.title}", ""]
        lines += [f"- [[{n.id}|{n.title.replace('|', '-').replace(']]', ')')}]]" for n in section.notes]
        lines.append("")
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
