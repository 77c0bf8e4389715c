"""Surgical edits of YAML front matter (and of any YAML mapping): change a key, keep every other byte.

A round-trip library was measured first: ruamel.yaml re-flows long plain scalars and re-indents
sequences, so loading and dumping an untouched bundled note already changed its bytes. Instead,
PyYAML's composer gives where each key and value sits in the text, and only the entries that
change are rewritten, in the style they had (flow or block list, its indentation, the quote
style of a scalar). Key order, unknown keys, comments, quoting and line endings of everything
else stay exactly as the person wrote them; a changed entry loses only a comment on its own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_FENCE = re.compile(r"---[ \t]*(\r\n|\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", re.MULTILINE)


@dataclass
class NoteText:
    """A note file cut in three: ``bom + opening + front + closing + body`` is the file."""

    bom: str
    opening: str  # "---\n", or "" when the file has no front matter
    front: str  # the YAML text between the fences
    closing: str  # "---\n"
    body: str
    newline: str  # the file's line break: "\n", "\r\n" or "\r"

    @property
    def text(self) -> str:
        return self.bom + self.opening + self.front + self.closing + self.body


def newline_of(text: str) -> str:
    """The line break a text uses (its first one; ``\\n`` when it has none)."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def split_note(text: str) -> NoteText:
    """Cut a note's text into BOM, front matter fences, YAML and body, losing nothing."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom):]
    newline = newline_of(rest)
    opening = _FENCE.match(rest)
    if opening is not None:
        closing = _CLOSE.search(rest, opening.end())
        if closing is not None:
            return NoteText(bom, opening.group(0), rest[opening.end():closing.start()],
                            closing.group(0), rest[closing.end():], newline)
    return NoteText(bom, "", "", "", rest, newline)


def _compose(text: str) -> Node | None:
    # The pure-Python loader: its marks count characters and YAML line breaks as the text has them.
    return yaml.compose(text, Loader=yaml.SafeLoader)


def root_mapping(text: str) -> MappingNode | None:
    """The YAML text's top mapping (``None`` for an empty document); raises on anything else."""
    node = _compose(text)
    if node is None or (isinstance(node, ScalarNode) and node.value == ""):
        return None
    if not isinstance(node, MappingNode):
        raise ValueError("the YAML is not a mapping of fields")
    return node


def entry(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The ``(key_node, value_node)`` of ``key`` in ``mapping``."""
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def content_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the blank and comment lines that close ``text[start:end]``."""
    lines = text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start + sum(len(line) for line in lines)


def entry_span(text: str, key_node: Node, value_node: Node) -> tuple[int, int]:
    """Where a mapping entry sits: from its key to the end of its last line (line break
    included), leaving out blank and comment lines that follow it."""
    start = key_node.start_mark.index
    end = value_node.end_mark.index
    # A block collection ends where the next token starts: step back over blank/comment lines.
    end = content_end(text, start, end)
    # A scalar ends inside its line: the rest of the line (a comment) goes with it.
    if not text[start:end].endswith(("\n", "\r")):
        match = re.compile(r"[^\r\n]*(\r\n|\n|\r)?").match(text, end)
        end = match.end()
    return start, end


def _scalar(value: Any, style: str | None) -> str:
    """One scalar as YAML text on one line (or a block scalar for multi-line text)."""
    if style not in ("'", '"'):
        style = None
    out = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=1 << 30)
    for end in ("\n...\n", "\n"):
        if out.endswith(end):
            out = out[: -len(end)]
            break
    return out


def _item_style(node: Node | None) -> str | None:
    if isinstance(node, SequenceNode):
        styles = {n.style for n in node.value if isinstance(n, ScalarNode)}
        return styles.pop() if len(styles) == 1 else None
    return node.style if isinstance(node, ScalarNode) else None


def render_entry(key: str, value: Any, column: int, old: Node | None, newline: str,
                 key_text: str | None = None) -> str:
    """``key: value`` as YAML lines at ``column`` (the first line without its indent), in the
    style of the value it replaces (``old``): flow or block list and its indent, quoting."""
    head = key_text if key_text is not None else _scalar(key, None)
    pad = " " * column
    if isinstance(value, list):
        style = _item_style(old)
        if isinstance(old, SequenceNode) and old.flow_style and old.value:
            items = ", ".join(_scalar(v, style) for v in value)
            return f"{head}: [{items}]{newline}"
        if not value:
            return f"{head}: []{newline}"
        indent = column
        if isinstance(old, SequenceNode) and old.value and not old.flow_style:
            indent = old.value[0].start_mark.column - 2
        lines = [f"{head}:"] + [" " * indent + "- " + _scalar(v, style) for v in value]
        return newline.join(lines) + newline
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        body = yaml.safe_dump(value, default_style="|", allow_unicode=True, width=1 << 30)
        first, *rest = body.rstrip("\n").split("\n")
        return newline.join([f"{head}: {first}", *(pad + "  " + line.lstrip() if line.strip()
                                                   else "" for line in rest)]) + newline
    return f"{head}: {_scalar(value, _item_style(old))}{newline}"


def set_keys(text: str, updates: dict[str, Any], newline: str | None = None) -> str:
    """The YAML mapping ``text`` with ``updates`` applied: changed entries rewritten in place,
    new keys appended at the end, everything else byte for byte."""
    newline = newline or newline_of(text)
    mapping = root_mapping(text) if text.strip() else None
    return set_in_mapping(text, mapping, updates, newline, column=0)


def set_in_mapping(text: str, mapping: MappingNode | None, updates: dict[str, Any], newline: str,
                   column: int = 0) -> str:
    """:func:`set_keys` for a mapping anywhere in ``text`` (``column``: its keys' indent, used
    for new keys; ``None`` mapping: new keys at the end of the text)."""
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    for key, value in updates.items():
        found = entry(mapping, key) if mapping is not None else None
        if found is None:
            appended.append(" " * column + render_entry(key, value, column, None, newline))
            continue
        k, v = found
        start, end = entry_span(text, k, v)
        key_text = text[k.start_mark.index:k.end_mark.index]
        edits.append((start, end, render_entry(key, value, k.start_mark.column, v, newline,
                                               key_text)))
    if appended:
        if mapping is not None and mapping.value:
            last_k, last_v = mapping.value[-1]
            at = entry_span(text, last_k, last_v)[1]
            for start, end, _ in edits:  # the last entry was itself rewritten: append after it
                if start == last_k.start_mark.index:
                    at = end
        else:
            at = len(text)
        prefix = "" if at == 0 or text[:at].endswith(("\n", "\r")) else newline
        edits.append((at, at, prefix + "".join(appended)))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edit_note_text(text: str, fields: dict[str, Any] | None = None, body: str | None = None) -> str:
    """A note's text with front matter ``fields`` set and, when given, its body replaced.

    Only what changes is rewritten; a note without front matter gets one only when ``fields``
    has something to set. ``body`` is taken with ``\\n`` breaks and written in the file's; the
    blank lines around the old body are kept.
    """
    parts = split_note(text)
    nl = parts.newline
    if fields:
        if not parts.opening:
            parts.opening, parts.closing = "---" + nl, "---" + nl
            if parts.body and not parts.body.startswith(("\n", "\r")):
                parts.body = nl + parts.body
        parts.front = set_keys(parts.front, fields, nl)
    if body is not None:
        old = parts.body
        core = old.strip("\r\n")
        lead = old[: len(old) - len(old.lstrip("\r\n"))] if core else (nl if parts.opening else "")
        trail = old[len(lead) + len(core):] if core else ""
        new_core = body.strip("\n").replace("\r\n", "\n").replace("\n", nl)
        parts.body = (lead + new_core + (trail or nl)) if new_core else (lead if core else old)
    return parts.text
