"""What a Markdown note body holds, found in one pass without rendering it.

Headings, block ids (``^id``), inline tags (``#tag``, ``#area/sub``) and link references
(``[[wikilinks]]``, ``![[embeds]]``, ``[text](relative.md)``), all outside code fences, code
spans and comments, in body order. Each link knows the heading it sits under, which is what a
map-of-content note's sections are made of (:mod:`hubwidgets.mocs`). Resolving the links to
notes is :mod:`hubwidgets.links`' job; this module only reads text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

# kind of a link reference, as it appears in ``Catalog.links``
WIKILINK = "wikilink"
EMBED = "embed"
MARKDOWN = "markdown"

# Every token of interest starts with one of these characters: a plain character class, which
# the regex engine scans for in C; each candidate is then matched by the one pattern for its
# character (one alternation of everything costs ~1 us per candidate, ~40 us per note).
_CANDIDATE = re.compile(r"[`~#!\[^<%]")
_HEAD = re.compile(r"(#{1,6})(?:[ \t]+([^\n]*?))?[ \t]*$", re.MULTILINE)
_TAG = re.compile(r"#([\w/\-]+)")
_WIKI = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_MDLINK = re.compile(r"\[([^\[\]\n]*)\]\((<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
                     r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_FENCE_OPEN = re.compile(r"`{3,}|~{3,}")
_TICKS = re.compile(r"`+")
_BLOCK = re.compile(r"\^([A-Za-z0-9\-]+)[ \t]*$", re.MULTILINE)
_CLOSERS: dict[str, re.Pattern[str]] = {}
_HAS_LETTER = re.compile(r"[^\W\d_]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_BLOCK_ID_TAIL = re.compile(r"[ \t]+\^[A-Za-z0-9\-]+$")


@dataclass
class BodyScan:
    """Everything :func:`scan_body` found, in body order."""

    headings: list[tuple[int, str]] = field(default_factory=list)  # (level 1-6, text)
    blocks: list[str] = field(default_factory=list)  # block ids, without the ``^``
    tags: list[str] = field(default_factory=list)  # inline tags, without the ``#``, unique
    # (kind, target, anchor, label, heading index or -1): the raw references, unresolved.
    # ``anchor`` is ``"Heading"``, ``"^block"`` or ``""``; ``target`` is ``""`` for ``[[#Heading]]``.
    refs: list[tuple[str, str, str, str, int]] = field(default_factory=list)


def _fence_end(body: str, fence: str, pos: int) -> int:
    """Where a code fence opened with ``fence`` ends (after its closing line), from ``pos``."""
    while True:
        found = body.find(fence, pos)
        if found < 0:
            return len(body)
        line = body.rfind("\n", 0, found) + 1
        after = found + len(fence)
        while after < len(body) and body[after] == fence[0]:
            after += 1
        stop = body.find("\n", after)
        stop = len(body) if stop < 0 else stop
        if found - line <= 3 and not body[line:found].strip(" ") and not body[after:stop].strip():
            return stop
        pos = after


def _at_line_start(body: str, pos: int) -> bool:
    """Is ``pos`` the first non-space character of its line, after at most three spaces?"""
    line = body.rfind("\n", 0, pos) + 1
    return pos - line <= 3 and not body[line:pos].strip(" ")


def split_target(text: str) -> tuple[str, str, str]:
    """``"Note#Heading|shown"`` -> ``("Note", "Heading", "shown")``; ``\\|`` (in tables) is a pipe."""
    text = text.replace("\\|", "|")
    target, _, label = text.partition("|")
    target, _, anchor = target.partition("#")
    return target.strip(), anchor.strip(), label.strip()


def scan_body(body: str) -> BodyScan:
    """Headings, block ids, inline tags and link references of a Markdown body, outside code."""
    out = BodyScan()
    headings, refs, tags = out.headings, out.refs, out.tags
    seen_tags: set[str] = set()
    heading = -1
    pos, end = 0, len(body)
    candidate = _CANDIDATE.search
    while True:
        c = candidate(body, pos)
        if c is None:
            break
        at = c.start()
        ch = body[at]
        pos = at + 1
        if ch == "#":
            if _at_line_start(body, at):
                m = _HEAD.match(body, at)
                if m is not None:
                    text = _CLOSING_HASHES.sub("", _BLOCK_ID_TAIL.sub("", (m.group(2) or "").strip()))
                    heading = len(headings)
                    headings.append((len(m.group(1)), text.strip()))
                    pos = m.end()
                    continue
            if at == 0 or body[at - 1].isspace():
                m = _TAG.match(body, at)
                if m is not None:
                    pos = m.end()
                    tag = m.group(1).strip("/")
                    if tag and _HAS_LETTER.search(tag):
                        key = tag.casefold()
                        if key not in seen_tags:
                            seen_tags.add(key)
                            tags.append(tag)
        elif ch == "[" or (ch == "!" and body.startswith("[", at + 1)):
            start = at + 1 if ch == "!" else at
            if body.startswith("[[", start):
                m = _WIKI.match(body, start)
                if m is not None:
                    pos = m.end()
                    target, anchor, label = split_target(m.group(1))
                    if target or anchor:
                        refs.append((EMBED if ch == "!" else WIKILINK, target, anchor, label, heading))
                continue
            m = _MDLINK.match(body, start)
            if m is not None:
                pos = m.end()
                url = m.group(2)
                if url.startswith("<"):
                    url = url[1:-1]
                if url and not _SCHEME.match(url) and not url.startswith("//"):
                    path, _, anchor = url.partition("#")
                    refs.append((EMBED if ch == "!" else MARKDOWN, unquote(path), unquote(anchor),
                                 m.group(1).strip(), heading))
        elif ch in "`~":
            m = (_FENCE_OPEN if ch == "~" else _TICKS).match(body, at)
            if m is None:  # fewer than three tildes: text
                continue
            run = m.group()
            if len(run) >= 3 and _at_line_start(body, at) and (ch == "~" or "`" not in
                                                              body[m.end():body.find("\n", at) % (end + 1)]):
                pos = _fence_end(body, run, (body.find("\n", at) + 1) or end)
            elif ch == "`":
                close = _tick_end(body, run, m.end())
                pos = m.end() if close < 0 else close
            else:
                pos = m.end()
        elif ch == "^":
            if at > 0 and body[at - 1] in " \t":
                m = _BLOCK.match(body, at)
                if m is not None:
                    out.blocks.append(m.group(1))
                    pos = m.end()
        elif body.startswith("<!--", at) or body.startswith("%%", at):
            closer = "-->" if ch == "<" else "%%"
            found = body.find(closer, at + 2 if ch == "%" else at + 4)
            pos = end if found < 0 else found + len(closer)
    return out


def _tick_end(body: str, run: str, pos: int) -> int:
    """The end of the code span opened by the backticks ``run`` (ending at ``pos``), or -1."""
    while True:
        found = body.find(run, pos)
        if found < 0 or "\n\n" in body[pos:found]:
            return -1
        after = found + len(run)
        if body.startswith("`", after):
            while body.startswith("`", after):
                after += 1
            pos = after
            continue
        return after


# -- the first paragraph, for notes without a summary ------------------------------------------
_NOT_PROSE = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d+[.)][ \t]|>|\||<|!\[|"
                        r"(?:[-*_][ \t]*){3,}$|\$\$|%%|\[\^)")
_FENCE_LINE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_WIKI = re.compile(r"!?\[\[([^\[\]\n]*)\]\]")
_INLINE_MD = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|==|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
MAX_SUMMARY = 400


def _wiki_label(match: re.Match[str]) -> str:
    target, anchor, label = split_target(match.group(1))
    return label or target or anchor


def first_paragraph(body: str, limit: int = MAX_SUMMARY) -> str:
    """The first paragraph of prose (not a heading, list, quote, table, code or embed), as plain
    text: links become their text, emphasis marks go; cut at a word near ``limit`` characters."""
    lines: list[str] = []
    fence: re.Pattern[str] | None = None
    start, end = 0, len(body)
    while start <= end:
        stop = body.find("\n", start)
        if stop < 0:
            stop = end
        line = body[start:stop].rstrip("\r")
        start = stop + 1
        if fence is not None:
            if fence.match(line):
                fence = None
            continue
        if not line.strip():
            if lines:
                break
            continue
        opening = _FENCE_LINE.match(line)
        if opening:
            if lines:
                break
            fence = re.compile(rf"[ \t]{{0,3}}{re.escape(opening.group(1))}")
            continue
        if _NOT_PROSE.match(line):
            if lines:
                break
            continue
        lines.append(line.strip())
        if sum(len(x) for x in lines) > 4 * limit:
            break
    text = " ".join(lines)
    text = _BLOCK_ID_TAIL.sub("", text)
    text = _INLINE_WIKI.sub(_wiki_label, text)
    text = _INLINE_MD.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub("", text).strip()
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = (cut or text[:limit]).rstrip(" ,.;:") + "…"
    return text
