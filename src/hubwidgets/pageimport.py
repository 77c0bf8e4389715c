"""Import a copied topic-hub page (its plain text) into notes and a hub.

The page format, as a browser's "copy" gives it::

    ← All notes
    <hub title: a question>
    <description>
    Topic Hub · 38 linked notes · 10 sections
    View as
    <section title>
    <N notes | 1 note>
    <card title>
    <card summary>            (optional)
    Explore related Read →
    ...

Nothing is invented: declared counts are kept beside what the page shows, and
every oddity (a truncated card, a count that is not a number) becomes a problem row.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .folderfiles import read_text
from .fsutil import atomic_write_text
from .hubs import HubSpec, SectionSpec, dump_hub
from .notes import Note, dump_note, parse_note
from .problems import ERROR, WARNING, PageImportError, Problem
from .slugs import is_valid_id, slugify

_SEP = r"\s*[·•|\-–—]\s*"
# Counts are any words ("a few" is reported as not a number rather than hiding the header).
_HEADER = re.compile(rf"^Topic\s+Hub{_SEP}(\S.*?)\s+linked\s+notes?{_SEP}(\S.*?)\s+sections?$",
                     re.IGNORECASE)
_COUNT = re.compile(r"^(\S+)\s+notes?$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d{1,9}$")
_ACTIONS = re.compile(
    r"^(?:Explore\s+related(?:\s*[·|]?\s*Read\s*(?:→|->|»)?)?|Read\s*(?:→|->|»))$", re.IGNORECASE)
_NAV = re.compile(r"^(?:←|<-)?\s*All\s+notes$", re.IGNORECASE)
_VIEW_AS = re.compile(r"^View\s+as\b", re.IGNORECASE)


@dataclass
class ImportResult:
    """What a page gave: the hub, its notes (unique, page order) and the problems seen."""

    hub: HubSpec
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        """Sentences naming every place where the page declares more (or less) than it shows."""
        out = []
        shown = len(self.hub.note_ids)
        if self.hub.declared_notes is not None and self.hub.declared_notes != shown:
            out.append(f"hub: {self.hub.declared_notes} notes declared, {shown} shown")
        if self.hub.declared_sections is not None and self.hub.declared_sections != len(
                self.hub.sections):
            out.append(f"hub: {self.hub.declared_sections} sections declared, "
                       f"{len(self.hub.sections)} shown")
        for s in self.hub.sections:
            if s.declared_notes is not None and s.declared_notes != len(s.notes):
                out.append(f"section {s.title!r}: {s.declared_notes} declared, {len(s.notes)} shown")
        return out

    def write(self, data_dir: str | os.PathLike) -> dict[str, list[str]]:
        """Write notes and the hub under ``data_dir``; existing notes keep their body and extras.

        Only the title and summary of an existing note are refreshed from the page,
        so importing again never loses what a person added by hand; an existing note file
        that cannot be read as a note is left as it is (listed under ``"skipped"``).
        """
        root = Path(data_dir)
        (root / "notes").mkdir(parents=True, exist_ok=True)
        (root / "hubs").mkdir(parents=True, exist_ok=True)
        report: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": [], "skipped": []}
        for note in self.notes:
            path = root / "notes" / f"{note.id}.md"
            merged = note
            if path.exists():
                text, _ = read_text(str(path), path.name, path.stat().st_size, 50 * 2**20)
                old = None if text is None else parse_note(text, file=path.name, default_id=note.id,
                                                           strict=True)[0]
                if old is None:  # a person's file with a typo (or not text): theirs, never overwritten
                    report["skipped"].append(note.id)
                    continue
                old.title, old.summary = note.title, note.summary
                merged = old
            new_text = dump_note(merged)
            if path.exists() and path.read_bytes() == new_text.encode("utf-8"):
                report["unchanged"].append(note.id)
                continue
            report["updated" if path.exists() else "created"].append(note.id)
            _atomic_write(path, new_text)
        hub_path = root / "hubs" / f"{self.hub.id}.yaml"
        hub_text = dump_hub(self.hub)
        if not hub_path.exists() or hub_path.read_text(encoding="utf-8") != hub_text:
            _atomic_write(hub_path, hub_text)
        report["hub"] = [str(hub_path)]
        return report


def _atomic_write(path: Path, text: str) -> None:
    atomic_write_text(path, text)


def _count(token: str) -> int | None:
    token = token.replace(",", "")
    return int(token) if _NUMBER.match(token) else None


def _note_id(title: str, taken: dict[str, str]) -> str:
    base = slugify(title) or "note-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]
    nid, n = base, 2
    while nid in taken and taken[nid] != title:
        nid, n = f"{base}-{n}", n + 1
    return nid


def import_page(text: str, hub_id: str | None = None, source: str = "") -> ImportResult:
    """Read a copied topic-hub page into a hub and its notes.

    Raises :class:`PageImportError` only when no ``Topic Hub · N linked notes · M sections``
    header exists; everything else odd is reported in ``result.problems``.
    """
    if not isinstance(text, str):
        raise TypeError("import_page() takes the page's text; read the file first")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [(no, " ".join(raw.split())) for no, raw in enumerate(text.split("\n"), start=1)]
    lines = [(no, line) for no, line in lines if line]
    problems: list[Problem] = []

    def report(severity: str, code: str, message: str, line: int | None = None, field_: str = ""):
        problems.append(Problem(severity, code, message, file=source, line=line, field=field_,
                                hub=hub_id or ""))

    header_at = next((i for i, (_, line) in enumerate(lines) if _HEADER.match(line)), None)
    if header_at is None:
        where = f" in {source}" if source else ""
        raise PageImportError(
            f"no 'Topic Hub · N linked notes · M sections' line found{where}: is this a copied "
            "topic-hub page? (each part of the page must be on its own line)")
    header_no, header = lines[header_at]
    declared_notes_raw, declared_sections_raw = _HEADER.match(header).groups()
    declared_notes, declared_sections = _count(declared_notes_raw), _count(declared_sections_raw)
    if declared_notes is None:
        report(ERROR, "count-not-number",
               f"header note count {declared_notes_raw!r} is not a number", header_no,
               "declared_notes")
    if declared_sections is None:
        report(ERROR, "count-not-number",
               f"header section count {declared_sections_raw!r} is not a number", header_no,
               "declared_sections")

    intro = [(no, line) for no, line in lines[:header_at] if not _NAV.match(line)]
    if intro:
        title = intro[0][1]
        description = "\n\n".join(line for _, line in intro[1:])
    else:
        report(ERROR, "missing-title", "the page has no title above its header", header_no, "title")
        title, description = (hub_id or "untitled-hub"), ""
    if hub_id is None:
        hub_id = slugify(title) or "hub"
    if not is_valid_id(hub_id):
        raise PageImportError(f"hub id {hub_id!r} is not a slug (lowercase a-z, 0-9 and '-')")
    problems[:] = [Problem(p.severity, p.code, p.message, p.file, p.line, p.field, hub_id)
                   for p in problems]

    body = lines[header_at + 1:]
    while body and _VIEW_AS.match(body[0][1]):
        body = body[1:]

    def count_at(k: int) -> re.Match | None:
        return _COUNT.match(body[k][1]) if k < len(body) else None

    sections: list[SectionSpec] = []
    notes: dict[str, Note] = {}
    titles: dict[str, str] = {}  # id -> title, to keep ids unique per distinct title
    by_title: dict[str, str] = {}
    i = 0
    while i < len(body):
        no, line = body[i]
        if count_at(i + 1) and not _ACTIONS.match(line) and not count_at(i):
            count_no, count_line = body[i + 1]
            raw = count_at(i + 1).group(1)
            declared = _count(raw)
            if declared is None:
                report(ERROR, "count-not-number",
                       f"section {line!r} count {count_line!r} is not a number", count_no,
                       "declared_notes")
            sections.append(SectionSpec(title=line, declared_notes=declared))
            i += 2
            continue
        if count_at(i) or _ACTIONS.match(line):
            report(WARNING, "stray-line", f"line {line[:60]!r} belongs to no card or section", no)
            i += 1
            continue
        block = [line]
        j = i + 1
        while j < len(body) and not _ACTIONS.match(body[j][1]) and not count_at(j + 1) \
                and not count_at(j):
            block.append(body[j][1])
            j += 1
        if j < len(body) and _ACTIONS.match(body[j][1]):
            j += 1
        else:
            report(WARNING, "truncated-card",
                   f"card {line[:60]!r} has no 'Explore related / Read →' line; the page may be "
                   "truncated", no)
        i = j
        card_title, summary = block[0], " ".join(block[1:])
        nid = by_title.get(card_title) or _note_id(card_title, titles)
        titles[nid] = card_title
        by_title[card_title] = nid
        if nid in notes:
            if summary and notes[nid].summary and summary != notes[nid].summary:
                report(WARNING, "conflicting-summary",
                       f"card {card_title[:60]!r} appears again with another summary; keeping the "
                       "first", no)
            elif summary and not notes[nid].summary:
                notes[nid].summary = summary
        else:
            notes[nid] = Note(id=nid, title=card_title, summary=summary,
                              path=f"notes/{nid}.md")
        if not sections:
            report(WARNING, "card-outside-section",
                   f"card {card_title[:60]!r} comes before any section; imported with no section",
                   no)
            continue
        if nid in sections[-1].notes:
            report(WARNING, "duplicate-membership",
                   f"card {card_title[:60]!r} is listed twice in section {sections[-1].title!r}", no)
        else:
            sections[-1].notes.append(nid)
    if not notes and not sections:
        report(WARNING, "empty-page", "the page has a header but no sections or cards", header_no)
    hub = HubSpec(id=hub_id, title=title, description=description, declared_notes=declared_notes,
                  declared_sections=declared_sections, sections=sections,
                  path=f"hubs/{hub_id}.yaml",
                  extra={"imported_from": os.path.basename(source)} if source else {})
    return ImportResult(hub=hub, notes=list(notes.values()), problems=problems)
