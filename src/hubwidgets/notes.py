"""Reading and writing notes: Markdown files, with or without YAML front matter.

This module is the one place that knows the note file format (documented in
``data/README.md``). Parsing never raises on bad user data: it returns the
note it could read (or ``None``) plus a list of :class:`~hubwidgets.problems.Problem`.

Two readings of one format: by default a note is read as Obsidian or Foam read it (front
matter optional; title from ``title``, the first ``# H1`` or the file name; summary from
``summary``/``description`` or the first paragraph; tags from ``tags``/``tag`` and inline
``#tags``; ``aliases``), and nothing a vault app would open is an error. ``strict=True`` is
hubwidgets' own format as ``validate --strict`` checks it: front matter, slug ids and titles
required.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .bodyscan import first_paragraph, scan_body, split_target
from .frontyaml import (  # noqa: F401 - re-exported: notes.load_yaml is the old home
    MAX_YAML_DEPTH,
    MAX_YAML_VALUES,
    YAMLLimitError,
    _Dumper,
    _Loader,
    load_yaml,
)
from .problems import ERROR, WARNING, Problem
from .slugs import is_valid_id

KNOWN_FIELDS = ("id", "title", "summary", "tags", "related", "sources")
RELATED_REF = "related"  # kind of a reference from front matter ``related`` that is not a note id
MAX_NOTE_BYTES = 5 * 1024 * 1024
LONG_TITLE = 500
_FENCE = re.compile(r"^---[ \t]*$")
_OPEN = re.compile(r"---[ \t]*\n")
# The closing fence's line with the line break before it: a literal first character lets the
# regex engine skip ahead in C (``^...$`` with MULTILINE tries every position of the text).
_CLOSE = re.compile(r"\n(?:---[ \t]*|\.\.\.)(?=\n|\Z)")
_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines breaks there too
_WIKILINK = re.compile(r"\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|[^\[\]\n]*)?\]\]")


@dataclass
class Note:
    """One research note. ``path`` is relative to the data folder."""

    id: str
    title: str
    summary: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Derived while reading (never written back by :func:`dump_note`); tuples, so that the
    # empty ones cost nothing at 100,000 notes.
    aliases: tuple[str, ...] = ()  # front matter ``aliases`` / ``alias``
    body_tags: tuple[str, ...] = ()  # inline ``#tags`` not already in ``tags``
    headings: tuple[tuple[int, str], ...] = ()  # (level, text) in body order
    blocks: tuple[str, ...] = ()  # block ids (``^id``) in the body
    # Link references, unresolved: (kind, target, anchor, label, heading index or -1); see
    # :mod:`hubwidgets.bodyscan`. Front matter ``related`` entries that are not ids come first.
    refs: tuple[tuple[str, str, str, str, int], ...] = ()
    is_hub: bool = False  # ``hub: true`` or a ``hub`` tag: a map-of-content note

    @property
    def wikilinks(self) -> list[str]:
        """Targets of Obsidian-style ``[[note-id]]`` links in the body, in order, unique."""
        return wikilinks(self.body)

    @property
    def all_tags(self) -> list[str]:
        """Front matter tags, then inline ``#tags`` from the body."""
        return [*self.tags, *self.body_tags] if self.body_tags else list(self.tags)

    @property
    def folder(self) -> str:
        """The folder of the note's file, relative to the catalog (``""`` at the top)."""
        return self.path.rpartition("/")[0]


def wikilinks(markdown: str) -> list[str]:
    """Targets of ``[[target]]``, ``[[target|label]]`` and ``[[target#heading]]`` links."""
    seen: dict[str, None] = {}
    for match in _WIKILINK.finditer(markdown):
        seen.setdefault(match.group(1).strip(), None)
    return [t for t in seen if t]


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---``-fenced YAML front matter from the body.

    Returns ``(yaml_text or None, body, body_first_line)``; ``yaml_text`` is
    ``None`` when the file has no front matter at all. Raises ``ValueError``
    when a front matter is opened but never closed.
    """
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):  # most notes of a vault: no front matter, nothing to split
        return None, text, 1
    fast = _split_simple(text)
    if fast is not None:
        return fast
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i].rstrip("\r\n")) or lines[i].rstrip("\r\n") == "...":
            body = "".join(lines[i + 1 :])
            return "".join(lines[1:i]), body, i + 2
    raise ValueError("front matter opened with '---' on line 1 is never closed")


def _split_simple(text: str) -> tuple[str, str, int] | None:
    """:func:`split_front_matter` for the common file (only ``\\n`` line breaks before the closing
    fence) without splitting the whole text into lines; ``None`` means "use the general path"."""
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end() - 1)  # from the opening fence's line break
    if closing is None or _ODD_BREAK.search(text, 0, closing.end() + 1) is not None:
        return None
    start, end = closing.start() + 1, closing.end()
    return text[opening.end():start], text[end + 1:], text.count("\n", 0, start) + 2


def parse_note(text: str, file: str = "", default_id: str = "", *, strict: bool = False,
               name: str = "", default_id_of: Callable[[], str] | None = None,
               ) -> tuple[Note | None, list[Problem]]:
    """Parse one note file's text.

    ``default_id`` (a slug of the file's path) is the id when front matter has none; ``name``
    (the file name without ``.md``) is the title of last resort. ``strict`` reads hubwidgets'
    own format only (see the module doc); otherwise what a vault app opens loads, and only
    unreadable front matter is an error. ``default_id_of``, given instead of ``default_id``,
    makes it only when needed (a catalog whose notes have ids never needs the slugs of paths).
    """
    problems: list[Problem] = []

    def report(severity: str, code: str, message: str, field_: str = "", line: int | None = None):
        if not strict and severity == ERROR:  # what Obsidian opens is no error: a warning
            severity = WARNING
        problems.append(Problem(severity, code, message, file=file, line=line, field=field_))

    def fail(code: str, message: str, line: int | None = None):
        problems.append(Problem(ERROR, code, message, file=file, line=line))
        return None, problems

    try:
        raw_yaml, body, _ = split_front_matter(text)
    except ValueError as exc:
        if strict:
            return fail("unclosed-front-matter", str(exc), line=1)
        report(WARNING, "unclosed-front-matter", f"{exc}; the file is read as Markdown", line=1)
        raw_yaml, body = None, text.lstrip("\ufeff")
    if raw_yaml is None and strict:
        return fail("no-front-matter", "no YAML front matter: the file must start with a '---' line")
    meta: Any = {}
    if raw_yaml is not None:
        try:
            meta = load_yaml(raw_yaml)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 2 if mark is not None else None  # +1 for the fence, +1 for 1-based
            return fail("invalid-yaml", f"front matter is not valid YAML: {exc.problem or 'invalid YAML'}",
                        line=line)
        except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
            msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).splitlines()[0]
            return fail("invalid-yaml", f"front matter is not valid YAML: {msg}", line=2)
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            return fail("front-matter-not-mapping",
                        f"front matter must be a mapping of fields, not a {type(meta).__name__}", line=2)

    if default_id_of is not None and not default_id and not (
            type(meta.get("id")) is str and is_valid_id(meta["id"]) and not strict):
        default_id = default_id_of()
    note_id = meta.get("id", default_id)
    if isinstance(note_id, (int, float)) and not isinstance(note_id, bool):
        note_id = str(note_id)
    if "id" not in meta and not default_id:
        if strict:
            report(ERROR, "missing-field", "required field 'id' is missing", "id")
            return None, problems
        note_id = "note"
    if not is_valid_id(note_id):
        message = f"id {str(note_id)[:80]!r} is not a slug (lowercase a-z, 0-9 and single '-')"
        if strict or not is_valid_id(default_id):
            problems.append(Problem(ERROR, "invalid-id", message, file=file, field="id"))
            return None, problems
        report(WARNING, "invalid-id", f"{message}; the note's id is {default_id!r}, from its path",
               "id")
        note_id = default_id
    if strict and default_id and note_id != default_id:
        report(WARNING, "id-filename-mismatch",
               f"id {note_id!r} differs from the file name {default_id!r}.md", "id")

    scan = scan_body(body)
    title = _text_field(meta, "title", report, required=strict)
    if not title and not strict:
        title = next((text for level, text in scan.headings if level == 1 and text), "") or name
    if not title:
        title = note_id
    elif len(title) > LONG_TITLE:
        report(WARNING, "long-field", f"title is {len(title)} characters long", "title")
    summary = _text_field(meta, "summary", report)
    if not summary and "description" in meta:
        summary = _text_field(meta, "description", report)
    if not summary and not strict:
        summary = first_paragraph(body)
    tags = _list_field(meta, "tags", report, split_spaces=not strict)
    if not strict and "tag" in meta:
        tags += [t for t in _list_field(meta, "tag", report, split_spaces=True) if t not in tags]
    if not strict:
        tags = list(dict.fromkeys(t.lstrip("#") for t in tags if t.lstrip("#")))
    related = _list_field(meta, "related", report)
    related_refs: list[tuple[str, str, str, str, int]] = []
    for target in list(related):
        if not is_valid_id(target):
            if strict:
                report(ERROR, "invalid-link", f"related id {target[:80]!r} is not a valid note id",
                       "related")
            else:  # Obsidian properties hold links: "[[Note]]", or a note's name
                linked, anchor, label = split_target(target.strip().removeprefix("[[").removesuffix("]]"))
                if linked:
                    related_refs.append((RELATED_REF, linked, anchor, label, -1))
            related.remove(target)
    aliases: list[str] = []
    for key in ("aliases", "alias"):
        if key in meta:
            aliases += [a for a in _list_field(meta, key, report) if a not in aliases]
    sources = _sources_field(meta, report)
    extra = {k: v for k, v in meta.items() if k not in KNOWN_FIELDS}
    known = {t.casefold() for t in tags}
    body_tags = tuple(t for t in scan.tags if t.casefold() not in known)
    is_hub = meta.get("hub") is True or any(t.casefold() == "hub" for t in (*tags, *body_tags))
    return (
        Note(id=note_id, title=title, summary=summary, body=body.strip("\n"), tags=tags,
             related=related, sources=sources, path=file, extra=extra, aliases=tuple(aliases),
             body_tags=body_tags, headings=tuple(scan.headings), blocks=tuple(scan.blocks),
             refs=tuple(related_refs + scan.refs), is_hub=is_hub),
        problems,
    )


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _text_field(meta: dict, name: str, report, required: bool = False) -> str:
    if name not in meta or meta[name] is None:
        if required:
            report(ERROR, "missing-field",
                   f"required field {name!r} is missing", name)
        return ""
    text = _scalar_text(meta[name])
    if text is None:
        report(ERROR, "wrong-type", f"{name!r} must be text, not a {type(meta[name]).__name__}",
               name)
        return ""
    return text


def _list_field(meta: dict, name: str, report, split_spaces: bool = False) -> list[str]:
    value = meta.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.replace(",", " ").split() if split_spaces else value.split(",")
        return list(dict.fromkeys(v.strip() for v in parts if v.strip()))
    if not isinstance(value, list):
        report(ERROR, "wrong-type", f"{name!r} must be a list, not a {type(value).__name__}", name)
        return []
    out: list[str] = []
    for item in value:
        text = _scalar_text(item)
        if text is None:
            report(ERROR, "wrong-type", f"{name!r} items must be text, found a "
                   f"{type(item).__name__}", name)
        elif text and text not in out:
            out.append(text)
    return out


def _sources_field(meta: dict, report) -> list[dict[str, str]]:
    value = meta.get("sources")
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    out: list[dict[str, str]] = []
    for item in value:
        if isinstance(item, str):
            out.append({"title": item.strip(), "url": ""})
        elif (type(item) is dict and type(title := item.get("title", "")) is str
              and type(url := item.get("url", "")) is str):  # the usual source, at once
            out.append({"title": title.strip() or url.strip(), "url": url.strip()})
        elif isinstance(item, dict) and all(
            _scalar_text(item.get(k, "")) is not None for k in ("title", "url")
        ):
            title = _scalar_text(item.get("title", "")) or ""
            url = _scalar_text(item.get("url", "")) or ""
            out.append({"title": title or url, "url": url})
        else:
            report(ERROR, "wrong-type",
                   "each source must be text or a mapping with 'title' and 'url'", "sources")
    return out


def dump_note(note: Note) -> str:
    """Serialize a note to the file format; ``parse_note(dump_note(n))`` gives ``n`` back."""
    meta: dict[str, Any] = {"id": note.id, "title": note.title}
    if note.summary:
        meta["summary"] = note.summary
    if note.tags:
        meta["tags"] = list(note.tags)
    if note.related:
        meta["related"] = list(note.related)
    if note.sources:
        meta["sources"] = [dict(s) if s.get("url") else s["title"] for s in note.sources]
    for key, value in note.extra.items():
        meta.setdefault(key, value)
    front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    body = note.body.strip("\n")
    return f"---\n{front}---\n" + (f"\n{body}\n" if body else "")
