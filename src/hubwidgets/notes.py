"""Reading and writing notes: Markdown files with YAML front matter.

This module is the one place that knows the note file format (documented in
``data/README.md``). Parsing never raises on bad user data: it returns the
note it could read (or ``None``) plus a list of :class:`~hubwidgets.problems.Problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import ERROR, WARNING, Problem
from .slugs import is_valid_id

try:  # libyaml is ~10x faster; fall back to the pure-Python loader where it is missing
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

KNOWN_FIELDS = ("id", "title", "summary", "tags", "related", "sources")
MAX_YAML_DEPTH = 50  # collections inside collections; real front matter uses 2 or 3
MAX_YAML_VALUES = 100_000  # values once YAML aliases are expanded
MAX_NOTE_BYTES = 5 * 1024 * 1024
LONG_TITLE = 500
_FENCE = re.compile(r"^---[ \t]*$")
_INDICATORS = re.compile(r"[-:?][\s\x00]|[-:?]\Z")  # block indicators: what opens a block collection
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---[ \t]*|\.\.\.)$", re.MULTILINE)
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

    @property
    def wikilinks(self) -> list[str]:
        """Targets of Obsidian-style ``[[note-id]]`` links in the body, in order, unique."""
        return wikilinks(self.body)


def wikilinks(markdown: str) -> list[str]:
    """Targets of ``[[target]]``, ``[[target|label]]`` and ``[[target#heading]]`` links."""
    seen: dict[str, None] = {}
    for match in _WIKILINK.finditer(markdown):
        seen.setdefault(match.group(1).strip(), None)
    return [t for t in seen if t]


class YAMLLimitError(ValueError):
    """YAML that parses but is built to hurt: nested too deeply, or aliases that explode or loop."""


def load_yaml(text: str) -> Any:
    """Safe-load YAML with limits on nesting depth and alias expansion.

    libyaml's composer recurses without a bound (~50,000 nested ``[`` crash the interpreter),
    and a few lines of aliases ("billion laughs") expand to ~10^9 values, or refer to
    themselves, once anything walks the result (JSON, the converter). Raises
    :class:`YAMLLimitError` for those and :class:`yaml.YAMLError` for invalid YAML.
    """
    # Every collection needs one of these indicators, so their count bounds the depth; only
    # texts that could nest deeply pay for the (flat, event-based) depth check. Block indicators
    # are followed by white space (a hyphen inside an id is not one); a flow bracket counts
    # twice, for the single-pair mapping that ``[a: b]`` may open inside it.
    if len(_INDICATORS.findall(text)) + 2 * (text.count("[") + text.count("{")) > MAX_YAML_DEPTH:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YAMLLimitError(f"nested more than {MAX_YAML_DEPTH} levels deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    data = yaml.load(text, Loader=_Loader)
    if "*" in text and _expanded_size(data, {}, set()) > MAX_YAML_VALUES:
        raise YAMLLimitError(f"YAML aliases expand to more than {MAX_YAML_VALUES:,} values")
    return data


def _expanded_size(value: Any, sizes: dict[int, int], open_: set[int]) -> int:
    """How many values ``value`` holds with every alias expanded (shared parts counted once
    per use); raises :class:`YAMLLimitError` when a collection contains itself."""
    if not isinstance(value, (dict, list)):
        return 1
    key = id(value)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise YAMLLimitError("a YAML alias refers to the collection that contains it")
    open_.add(key)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    size = 1 + sum(_expanded_size(item, sizes, open_) for item in items)
    open_.discard(key)
    sizes[key] = size
    return size


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---``-fenced YAML front matter from the body.

    Returns ``(yaml_text or None, body, body_first_line)``; ``yaml_text`` is
    ``None`` when the file has no front matter at all. Raises ``ValueError``
    when a front matter is opened but never closed.
    """
    text = text.lstrip("\ufeff")
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
    closing = _CLOSE.search(text, opening.end())
    if closing is None or _ODD_BREAK.search(text, 0, closing.end() + 1) is not None:
        return None
    start, end = closing.span()
    return text[opening.end():start], text[end + 1:], text.count("\n", 0, start) + 2


def parse_note(text: str, file: str = "", default_id: str = "") -> tuple[Note | None, list[Problem]]:
    """Parse one note file's text. ``default_id`` (the file stem) is used when there is no ``id``."""
    problems: list[Problem] = []

    def report(severity: str, code: str, message: str, field_: str = "", line: int | None = None):
        problems.append(Problem(severity, code, message, file=file, line=line, field=field_))

    try:
        raw_yaml, body, _ = split_front_matter(text)
    except ValueError as exc:
        report(ERROR, "unclosed-front-matter", str(exc), line=1)
        return None, problems
    if raw_yaml is None:
        report(ERROR, "no-front-matter", "no YAML front matter: the file must start with a '---' line")
        return None, problems
    try:
        meta = load_yaml(raw_yaml)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 2 if mark is not None else None  # +1 for the fence, +1 for 1-based
        reason = exc.problem or "invalid YAML"
        report(ERROR, "invalid-yaml", f"front matter is not valid YAML: {reason}", line=line)
        return None, problems
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).splitlines()[0]
        report(ERROR, "invalid-yaml", f"front matter is not valid YAML: {msg}", line=2)
        return None, problems
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        report(ERROR, "front-matter-not-mapping",
               f"front matter must be a mapping of fields, not a {type(meta).__name__}", line=2)
        return None, problems

    note_id = meta.get("id", default_id)
    if isinstance(note_id, (int, float)) and not isinstance(note_id, bool):
        note_id = str(note_id)
    if "id" not in meta and not default_id:
        report(ERROR, "missing-field", "required field 'id' is missing", "id")
        return None, problems
    if not is_valid_id(note_id):
        report(ERROR, "invalid-id",
               f"id {str(note_id)[:80]!r} is not a slug (lowercase a-z, 0-9 and single '-')", "id")
        return None, problems
    if default_id and note_id != default_id:
        report(WARNING, "id-filename-mismatch",
               f"id {note_id!r} differs from the file name {default_id!r}.md", "id")

    title = _text_field(meta, "title", report, required=True)
    if not title:
        title = note_id
    elif len(title) > LONG_TITLE:
        report(WARNING, "long-field", f"title is {len(title)} characters long", "title")
    summary = _text_field(meta, "summary", report)
    tags = _list_field(meta, "tags", report)
    related = _list_field(meta, "related", report)
    for target in list(related):
        if not is_valid_id(target):
            report(ERROR, "invalid-link", f"related id {target[:80]!r} is not a valid note id",
                   "related")
            related.remove(target)
    sources = _sources_field(meta, report)
    extra = {k: v for k, v in meta.items() if k not in KNOWN_FIELDS}
    return (
        Note(id=note_id, title=title, summary=summary, body=body.strip("\n"), tags=tags,
             related=related, sources=sources, path=file, extra=extra),
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


def _list_field(meta: dict, name: str, report) -> list[str]:
    value = meta.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
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
