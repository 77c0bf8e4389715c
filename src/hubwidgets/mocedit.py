"""Edits of map-of-content notes: their headings are a hub's sections, their list links its notes.

Adding a note writes one list line under the section's heading, in the style the list already
uses (bullet, indentation, ``[[name]]``, ``[[name|title]]`` or ``[title](path.md)``); removing
deletes the list line that links it; a new section is a heading at the level the others use.
Every other line keeps its bytes. Sections are the note's headings as
:func:`hubwidgets.mocs.hub_from_note` reads them (an ``# H1`` repeating the title is not one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from .frontedit import split_note

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*(?:[ \t]#+[ \t]*)?(\r\n|\n|\r)?\Z")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_ITEM = re.compile(r"([ \t]*(?:[-*+]|\d+[.)])[ \t]+)(.*)")
_WIKI = re.compile(r"(!?)\[\[([^\[\]|#\n]*)(#[^\[\]|\n]*)?(\|[^\[\]\n]*)?\]\]")
_MDLINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")


class MocEditError(ValueError):
    """A map-of-content note cannot be edited that way without touching what a person wrote."""


@dataclass
class _Heading:
    line: int
    level: int
    title: str


@dataclass(frozen=True)
class NoteRef:
    """How a new list line names a note: its file name without ``.md``, title and path."""

    name: str
    title: str
    path: str  # relative to the map-of-content note's folder


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _headings(lines: list[str], first: int) -> list[_Heading]:
    out, fence = [], None
    for i in range(first, len(lines)):
        fenced = _FENCE.match(lines[i])
        if fenced:
            fence = None if fence == fenced.group(1) else (fence or fenced.group(1))
            continue
        if fence:
            continue
        match = _HEADING.match(lines[i])
        if match:
            out.append(_Heading(i, len(match.group(1)), (match.group(2) or "").strip()))
    return out


def _body_start(text: str) -> int:
    parts = split_note(text)
    return len(_lines(parts.bom + parts.opening + parts.front + parts.closing))


def section_headings(text: str, note_title: str) -> list[_Heading]:
    """The headings that are sections, in order (see the module doc)."""
    heads = _headings(_lines(text), _body_start(text))
    if heads and heads[0].level == 1 and heads[0].title.casefold() == note_title.casefold():
        heads = heads[1:]
    return heads


def _region(lines: list[str], heads_all: list[_Heading], head: _Heading) -> tuple[int, int]:
    """Lines ``(start, end)`` under ``head`` (after it, up to the next heading of any level)."""
    later = [h.line for h in heads_all if h.line > head.line]
    return head.line + 1, (later[0] if later else len(lines))


def _members(lines: list[str], start: int, end: int,
             resolve: Callable[[str], list[str]]) -> list[tuple[int, list[str], bool]]:
    """``(line, note ids it links, is a list item)`` for every linking line of a region."""
    out = []
    for i in range(start, end):
        ids = resolve(lines[i])
        if ids:
            out.append((i, ids, bool(_ITEM.match(lines[i]))))
    return out


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def _item_line(template: str | None, ref: NoteRef, nl: str) -> str:
    """A list line for ``ref`` written like ``template`` (an existing item), or ``- [[name]]``."""
    if template is not None:
        item = _ITEM.match(template.rstrip("\r\n"))
        if item is not None:
            rest = item.group(2)
            wiki = _WIKI.search(rest)
            md = _MDLINK.search(rest)
            if md is not None and (wiki is None or md.start() < wiki.start()):
                return f"{item.group(1)}[{_label(ref.title)}]({quote(ref.path)}){nl}"
            if wiki is not None:
                alias = f"|{_label(ref.title)}" if wiki.group(4) else ""
                return f"{item.group(1)}{wiki.group(1)}[[{ref.name}{alias}]]{nl}"
            return f"{item.group(1)}[[{ref.name}]]{nl}"
    return f"- [[{ref.name}]]{nl}"


def _label(title: str) -> str:
    return title.replace("|", "-").replace("]", ")").replace("[", "(").replace("\n", " ")


def add_note(text: str, note_title: str, index: int, ref: NoteRef, position: int | None,
             resolve: Callable[[str], list[str]]) -> str:
    """A list line linking ``ref`` in section ``index`` (0-based), before its ``position``-th
    note (``None``: after the last one)."""
    lines = _lines(text)
    nl = _newline(text)
    heads_all = _headings(lines, _body_start(text))
    heads = section_headings(text, note_title)
    if not 0 <= index < len(heads):
        raise MocEditError(f"the map of content has no section {index + 1}")
    start, end = _region(lines, heads_all, heads[index])
    members = [m for m in _members(lines, start, end, resolve) if m[2]]
    template = lines[members[0][0]] if members else None
    new = _item_line(template, ref, nl)
    if members and position is not None and position < len(members):
        at = members[position][0]
        lines.insert(at, new)
    elif members:
        at = members[-1][0] + 1
        if not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += nl
        lines.insert(at, new)
    else:
        at = start
        if at < len(lines) and not lines[at].strip():
            at += 1  # keep the blank line under the heading
            tail = [nl] if at < len(lines) and lines[at].strip() else []
            lines[at:at] = [new, *tail]
        else:
            if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
                lines[at - 1] += nl
            tail = [nl] if at < len(lines) else []
            lines[at:at] = [nl, new, *tail]
    return "".join(lines)


def remove_note(text: str, note_title: str, note_id: str, index: int | None,
                resolve: Callable[[str], list[str]]) -> str:
    """The list lines linking ``note_id`` removed (in section ``index``, or in every section)."""
    lines = _lines(text)
    heads_all = _headings(lines, _body_start(text))
    heads = section_headings(text, note_title)
    chosen = heads if index is None else [heads[index]]
    drop: list[int] = []
    for head in chosen:
        start, end = _region(lines, heads_all, head)
        for line, ids, is_item in _members(lines, start, end, resolve):
            if note_id not in ids:
                continue
            if not is_item or any(i != note_id for i in ids):
                raise MocEditError(f"line {line + 1} links {note_id!r} inside other text; "
                                   "edit that line by hand")
            drop.append(line)
    return "".join(line for i, line in enumerate(lines) if i not in set(drop))


def add_section(text: str, note_title: str, position: int | None, title: str) -> str:
    """A heading ``title`` at the level of the other sections (``##`` for the first one)."""
    lines = _lines(text)
    nl = _newline(text)
    heads = section_headings(text, note_title)
    level = heads[0].level if heads else 2
    heading = f"{'#' * level} {title.strip()}{nl}"
    if position is not None and position < len(heads):
        at = heads[position].line
        lines[at:at] = [heading, nl]
    else:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += nl
        lines += ([nl] if lines and lines[-1].strip() else []) + [heading]
    return "".join(lines)


def rename_section(text: str, note_title: str, index: int, title: str) -> str:
    """Section ``index``'s heading says ``title`` (its level and line break kept)."""
    lines = _lines(text)
    head = section_headings(text, note_title)[index]
    line = lines[head.line]
    match = _HEADING.match(line)
    lead = line[: match.start(1)]
    lines[head.line] = f"{lead}{'#' * head.level} {title.strip()}{match.group(3) or ''}"
    return "".join(lines)


def remove_section(text: str, note_title: str, index: int) -> str:
    """Section ``index``'s heading and the lines under it removed."""
    lines = _lines(text)
    heads_all = _headings(lines, _body_start(text))
    head = section_headings(text, note_title)[index]
    _, end = _region(lines, heads_all, head)
    return "".join(lines[: head.line] + lines[end:])
