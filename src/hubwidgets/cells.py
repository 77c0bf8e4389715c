"""A note's Markdown body <-> notebook cells (pure functions, no I/O).

Top-level fenced ```python blocks (also ``py``, ``python3``, ``ipython3`` and MyST's
```{code-cell} python``) become code cells; every other fence stays Markdown. The
fence parsing is markdown-it-py's, so nested backticks, tildes and longer fences are
read exactly as a Markdown renderer reads them. Markdown between code cells is split
at top-level headings. ``cells_to_body`` puts the body back: non-blank lines come
back unchanged, blocks are separated by one blank line, line breaks are ``\n``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

PYTHON_INFOS = {"python", "py", "python3", "ipython", "ipython3"}
DEFAULT_OPEN = "```python"
DEFAULT_CLOSE = "```"
_MYST = re.compile(r"^\{code-cell\}\s*(\S*)")
_MYST_OPTION = re.compile(r"^:[\w-]+:")
_BREAKS = re.compile(r"\r\n?")


@dataclass
class Cell:
    """One piece of a body: Markdown text or Python code (with how its fence was written)."""

    kind: str  # "markdown" or "code"
    source: str
    fence: dict[str, Any] = field(default_factory=dict)  # non-default open/close lines, MyST options


def _is_python(info: str) -> bool:
    info = info.strip()
    myst = _MYST.match(info)
    if myst:
        return (myst.group(1) or "python").lower() in PYTHON_INFOS
    return info.split(maxsplit=1)[0].lower() in PYTHON_INFOS if info else False


@functools.lru_cache(maxsize=1)
def _parser():
    """A CommonMark block parser: fences and headings are block-level, so inline parsing is off."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)


# What Markdown calls blank: spaces and tabs. str.strip() would also take control characters such
# as \x1f, which a renderer shows as text, so a note of only those would lose its one paragraph.
_BLANK = " \t\n"


def split_body(body: str) -> list[Cell]:
    """Split a Markdown body into Markdown and code cells, in order."""
    body = _BREAKS.sub("\n", body)  # markdown-it counts lines this way; so must we
    if not body.strip(_BLANK):
        return []
    lines = body.split("\n")
    tokens = _parser().parse(body)
    code_ranges: list[tuple[int, int, Any]] = []
    heading_starts: set[int] = set()
    for tok in tokens:
        if tok.level != 0 or tok.map is None:
            continue
        if tok.type == "fence" and _is_python(tok.info):
            start, end = tok.map
            closing = lines[end - 1].strip() if end - 1 > start else ""
            marker = tok.markup
            if end - 1 > start and closing.startswith(marker[0] * len(marker)) and \
                    set(closing) <= {marker[0]}:
                code_ranges.append((start, end, tok))
        elif tok.type == "heading_open":
            heading_starts.add(tok.map[0])
    cells: list[Cell] = []

    def add_markdown(a: int, b: int) -> None:
        chunk: list[str] = []
        for i in range(a, b):
            if i in heading_starts and any(s.strip(_BLANK) for s in chunk):
                _flush(chunk)
                chunk = []
            chunk.append(lines[i])
        _flush(chunk)

    def _flush(chunk: list[str]) -> None:
        text = "\n".join(chunk).strip("\n")
        if text.strip(_BLANK):
            cells.append(Cell("markdown", text))

    pos = 0
    for start, end, _tok in code_ranges:
        add_markdown(pos, start)
        indent = len(lines[start]) - len(lines[start].lstrip(" "))
        content = [_unindent(line, indent) for line in lines[start + 1:end - 1]]
        cells.append(_code_cell(lines[start], "\n".join(content), lines[end - 1]))
        pos = end
    add_markdown(pos, len(lines))
    return cells


def _unindent(line: str, indent: int) -> str:
    """A fenced line without up to ``indent`` leading spaces (as CommonMark reads it)."""
    strip = min(indent, len(line) - len(line.lstrip(" ")))
    return line[strip:]


def _code_cell(opening: str, source: str, closing: str) -> Cell:
    fence: dict[str, Any] = {}
    if opening != DEFAULT_OPEN:
        fence["open"] = opening
    if closing != DEFAULT_CLOSE:
        fence["close"] = closing
    if _MYST.match(opening.lstrip("`~ ").strip()):
        options = []
        rest = source.split("\n")
        while rest and _MYST_OPTION.match(rest[0]):
            options.append(rest.pop(0))
        if options:
            fence["myst_options"] = options
            source = "\n".join(rest)
    return Cell("code", source, fence)


def code_block(cell: Cell) -> str:
    """A code cell written back as a fenced block (a longer fence if the code holds one)."""
    opening = cell.fence.get("open", DEFAULT_OPEN)
    closing = cell.fence.get("close", DEFAULT_CLOSE)
    lines = [*cell.fence.get("myst_options", []), *([cell.source] if cell.source else [])]
    inner = "\n".join(lines)
    marker = closing.strip()[:1] or "`"
    # Only a line made of the fence character alone would close the block early.
    closers = [len(line.strip()) for line in inner.split("\n")
               if line.strip() and set(line.strip()) == {marker}]
    longest = max(closers, default=0)
    if longest >= len(closing.strip()):
        width = longest + 1
        opening = marker * width + opening.lstrip(marker)
        closing = marker * width
    return f"{opening}\n{inner}\n{closing}" if inner else f"{opening}\n{closing}"


def cells_to_body(cells: list[Cell]) -> str:
    """The Markdown body the cells came from (blocks separated by one blank line)."""
    parts = [c.source.strip("\n") if c.kind == "markdown" else code_block(c) for c in cells]
    return "\n\n".join(p for p in parts if p.strip(_BLANK))


def canonical_body(body: str) -> str:
    """What a body looks like after one trip through cells: the form round trips preserve."""
    return cells_to_body(split_body(body))
