"""Markdown -> sanitized HTML: the one place note bodies become HTML.

Note bodies are untrusted. They are parsed with markdown-it-py (CommonMark plus
tables and strikethrough; raw HTML is allowed *into* the sanitizer) and then
cleaned with nh3 (ammonia): an allow-list of tags and attributes, no scripts,
styles, event handlers or iframes, only ``http``, ``https`` and ``mailto`` URLs,
and every link gets ``rel="noopener noreferrer"`` and opens in a new tab.

``[[note-id]]`` / ``[[note-id|label]]`` links become
``<a class="hw-wikilink" data-note-id="...">`` (no ``href``: the widget opens the
note in its reader) when ``resolve`` maps the target to a note id, and a plain
``<span class="hw-wikilink-missing">`` otherwise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

Resolver = Callable[[str], "str | None"]

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "data-note-id"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
ALLOWED_CLASSES = {"a": {"hw-wikilink", "footnote-ref", "footnote-backref"},
                   "span": {"hw-wikilink-missing", "math", "inline"},
                   "div": {"math", "block"}, "section": {"footnotes"}, "ol": {"footnotes-list"},
                   "li": {"footnote-item", "task-list-item"}, "ul": {"contains-task-list"},
                   "sup": {"footnote-ref"}, "hr": {"footnotes-sep"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKILINK = re.compile(r"\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "data-note-id":
        return value if _NOTE_ID.match(value) else None
    return value


def sanitize_html(fragment: str) -> str:
    """Clean an HTML fragment with the allow-list used for note bodies."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        target = match.group(1).strip()
        token.meta = {"target": target, "label": (match.group(2) or "").strip() or target}
    state.pos = match.end()
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # What vaults hold: footnotes, - [ ] tasks and $math$ (kept as its text, escaped).
    md.use(footnote_plugin).use(tasklists_plugin).use(
        dollarmath_plugin, renderer=lambda content, opts: html.escape(content))
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    return md


def _render_wikilink(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    resolve = env.get("resolve")
    note_id = resolve(meta["target"]) if resolve else None
    label = html.escape(meta["label"])
    if note_id:
        return f'<a class="hw-wikilink" data-note-id="{html.escape(note_id)}">{label}</a>'
    return f'<span class="hw-wikilink-missing">{label}</span>'


def render_markdown(text: str, resolve: Resolver | None = None) -> str:
    """Render a Markdown note body to sanitized HTML, safe to insert with ``innerHTML``.

    ``resolve`` maps a ``[[target]]`` to a note id (or ``None`` when there is no such note).
    """
    return sanitize_html(_parser().render(text or "", {"resolve": resolve}))
