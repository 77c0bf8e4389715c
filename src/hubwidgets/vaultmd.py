"""markdown-it-py rules for what Obsidian vaults write: callouts, ``==highlights==``, ``![[embeds]]``.

Syntax only: these rules turn the text into tokens, and :mod:`hubwidgets.render` renders the
tokens (through its nh3 allow-list) and asks :mod:`hubwidgets.embeds` what an embed shows.

- Callouts: a blockquote whose first line is ``[!type] Title``; ``[!type]-`` folds it closed and
  ``[!type]+`` open (both as ``<details>``). Types are Obsidian's, aliases folded to one class;
  an unknown type is a ``note``.
- ``==text==`` is ``<mark>``.
- ``![[Target#anchor|label]]`` is one ``embed`` token (``meta``: target, anchor, label).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from markdown_it.rules_inline.state_inline import Delimiter

from .bodyscan import split_target

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

# Obsidian's callout types and their aliases -> the class the reader styles.
CALLOUT_TYPES = {
    "note": "note", "abstract": "abstract", "summary": "abstract", "tldr": "abstract",
    "info": "info", "todo": "todo", "tip": "tip", "hint": "tip", "important": "tip",
    "success": "success", "check": "success", "done": "success", "question": "question",
    "help": "question", "faq": "question", "warning": "warning", "caution": "warning",
    "attention": "warning", "failure": "failure", "fail": "failure", "missing": "failure",
    "danger": "danger", "error": "danger", "bug": "bug", "example": "example", "quote": "quote",
    "cite": "quote",
}
CALLOUT_CLASSES = frozenset(f"hw-callout-{kind}" for kind in CALLOUT_TYPES.values())
_CALLOUT = re.compile(r"^\[!([^\]\s]+)\]([+-]?)[ \t]*([^\n]*)(?:\n|$)")
_EMBED = re.compile(r"!\[\[([^\[\]\n]+)\]\]")


def vault_plugin(md: MarkdownIt) -> None:
    """Add callouts, ``==highlight==`` and ``![[embed]]`` tokens to a parser."""
    md.core.ruler.after("block", "callout", _callouts)
    md.inline.ruler.before("image", "embed", _embed_rule)
    md.core.ruler.after("inline", "embed_blocks", _embed_blocks)
    md.core.ruler.after("embed_blocks", "block_ids", _hide_block_ids)
    md.inline.ruler.after("strikethrough", "highlight", _highlight_rule)
    md.inline.ruler2.after("strikethrough", "highlight", _highlight_post)
    md.add_render_rule("callout_open", _render_callout_open)
    md.add_render_rule("callout_close", _render_callout_close)
    md.add_render_rule("mark_open", lambda self, tokens, idx, options, env: "<mark>")
    md.add_render_rule("mark_close", lambda self, tokens, idx, options, env: "</mark>")


# -- callouts ------------------------------------------------------------------------------------
def _callouts(state: StateCore) -> None:
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        opening = tokens[i]
        match = None
        if (opening.type == "blockquote_open" and i + 2 < len(tokens)
                and tokens[i + 1].type == "paragraph_open" and tokens[i + 2].type == "inline"):
            match = _CALLOUT.match(tokens[i + 2].content)
        if match is None:
            i += 1
            continue
        written, fold, title = match.group(1), match.group(2), match.group(3).strip()
        kind = CALLOUT_TYPES.get(written.casefold(), "note")
        closing = _matching_close(tokens, i)
        opening.type, opening.tag = "callout_open", "div"
        opening.meta = {"kind": kind, "fold": fold, "title": title or written.capitalize()}
        tokens[closing].type, tokens[closing].tag = "callout_close", "div"
        tokens[closing].meta = {"fold": fold}
        rest = tokens[i + 2].content[match.end():]
        if rest.strip():
            tokens[i + 2].content = rest
        else:  # the marker line was the whole paragraph
            del tokens[i + 1:i + 4]
        i += 1


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].type == "blockquote_open":
            depth += 1
        elif tokens[j].type == "blockquote_close":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1  # unreachable: markdown-it closes every blockquote


def _render_callout_open(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    classes = f"hw-callout hw-callout-{meta['kind']}"
    title = html.escape(meta["title"])
    if meta["fold"]:
        opened = " open" if meta["fold"] == "+" else ""
        return (f'<details class="{classes}"{opened}><summary class="hw-callout-title">{title}'
                '</summary><div class="hw-callout-body">\n')
    return (f'<div class="{classes}"><p class="hw-callout-title">{title}</p>'
            '<div class="hw-callout-body">\n')


def _render_callout_close(self, tokens, idx, options, env) -> str:
    return "</div></details>\n" if tokens[idx].meta["fold"] else "</div></div>\n"


# -- ==highlight== -------------------------------------------------------------------------------
# markdown-it's own ~~strikethrough~~ rule with ``=`` for ``~`` (as markdown-it-mark does): the
# delimiters pair up with emphasis' rules, so code spans, links and ``a == b`` stay what they are.
_EQUALS = 0x3D


def _highlight_rule(state: StateInline, silent: bool) -> bool:
    if silent or state.src[state.pos] != "=":
        return False
    scanned = state.scanDelims(state.pos, True)
    length = scanned.length
    if length < 2:
        return False
    if length % 2:
        state.push("text", "", 0).content = "="
        length -= 1
    for _ in range(length // 2):
        state.push("text", "", 0).content = "=="
        state.delimiters.append(Delimiter(marker=_EQUALS, length=0, token=len(state.tokens) - 1,
                                          end=-1, open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def _pair_highlights(state: StateInline, delimiters: list[Delimiter]) -> None:
    lone = []
    for start in delimiters:
        if start.marker != _EQUALS or start.end == -1:
            continue
        end = delimiters[start.end]
        for index, kind, nesting in ((start.token, "mark_open", 1), (end.token, "mark_close", -1)):
            token = state.tokens[index]
            token.type, token.tag, token.nesting, token.markup, token.content = (
                kind, "mark", nesting, "==", "")
        if state.tokens[end.token - 1].type == "text" and state.tokens[end.token - 1].content == "=":
            lone.append(end.token - 1)
    while lone:  # an odd run ``===`` left one ``=`` before the closers: move it after them
        i = lone.pop()
        j = i + 1
        while j < len(state.tokens) and state.tokens[j].type == "mark_close":
            j += 1
        j -= 1
        if i != j:
            state.tokens[i], state.tokens[j] = state.tokens[j], state.tokens[i]


def _highlight_post(state: StateInline) -> None:
    _pair_highlights(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _pair_highlights(state, meta["delimiters"])


# -- ![[embeds]] ---------------------------------------------------------------------------------
_BLANK = " \t\n"  # Markdown's blank: str.strip() would also take control characters such as \x1f


def _embed_blocks(state: StateCore) -> None:
    """A paragraph that is one embed renders as the embed alone (a ``<div>`` in no ``<p>``)."""
    tokens = state.tokens
    for i in range(1, len(tokens) - 1):
        children = tokens[i].children or []
        if (tokens[i].type == "inline" and tokens[i - 1].type == "paragraph_open"
                and [c.type for c in children if c.type != "text" or c.content.strip(_BLANK)] == ["embed"]):
            tokens[i - 1].hidden = tokens[i + 1].hidden = True


_BLOCK_ID = re.compile(r"(?:^|[ \t]+)\^[A-Za-z0-9\-]+[ \t]*$")


def _hide_block_ids(state: StateCore) -> None:
    """``^block-id`` markers that end a block are hidden, as Obsidian's reading view does."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        children = token.children or []
        if token.type != "inline":
            continue
        if not (children and children[-1].type == "text" and "^" in children[-1].content):
            continue
        kept = _BLOCK_ID.sub("", children[-1].content)
        if kept == children[-1].content:
            continue
        children[-1].content = kept
        if all(c.type == "text" and not c.content.strip(_BLANK) for c in children) \
                and 0 < i < len(tokens) - 1 and tokens[i - 1].type == "paragraph_open":
            tokens[i - 1].hidden = tokens[i + 1].hidden = True  # a lone ``^id`` line


def _embed_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("![[", state.pos):
        return False
    match = _EMBED.match(state.src, state.pos)
    if match is None or match.end() > state.posMax:
        return False
    if not silent:
        target, anchor, label = split_target(match.group(1))
        token = state.push("embed", "", 0)
        token.meta = {"target": target, "anchor": anchor, "label": label}
    state.pos = match.end()
    return True
