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

What vaults write (:mod:`hubwidgets.vaultmd`): callouts (``<div>`` or, foldable,
``<details>``), ``==highlights==`` (``<mark>``) and ``![[embeds]]``. Embeds and local
images are filled in by ``embeds`` (:class:`hubwidgets.embeds.VaultEmbeds`): a note's part,
one level deep, and images as ``data:image/...`` URIs, the only image sources the sanitizer
keeps. Remote images are never loaded: they become a link to click.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import nh3

from .embeds import IMAGE_TYPES, Image
from .vaultmd import CALLOUT_CLASSES, vault_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

    from .embeds import VaultEmbeds
    from .notes import Note

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
    "details": {"open"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
_CALLOUT = {"hw-callout", *CALLOUT_CLASSES}
ALLOWED_CLASSES = {"a": {"hw-wikilink", "footnote-ref", "footnote-backref", "hw-image-remote"},
                   "span": {"hw-wikilink-missing", "math", "inline", "hw-image-missing",
                            "hw-embed-file"},
                   "div": {"math", "block", "hw-embed", "hw-embed-missing", "hw-callout-body",
                           *_CALLOUT},
                   "details": _CALLOUT, "summary": {"hw-callout-title"},
                   "p": {"hw-callout-title", "hw-embed-title"}, "img": {"hw-image"},
                   "section": {"footnotes"}, "ol": {"footnotes-list"},
                   "li": {"footnote-item", "task-list-item"}, "ul": {"contains-task-list"},
                   "sup": {"footnote-ref"}, "hr": {"footnotes-sep"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SOURCES = tuple(f"data:{mime};base64," for mime in sorted(set(IMAGE_TYPES.values())))
_IMAGE_KEY = re.compile(r"^data:image/[a-z+]+;base64,hw[0-9a-f]{16}n\d+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKILINK = re.compile(r"\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "data-note-id":
        return value if _NOTE_ID.match(value) else None
    if tag == "img" and attr == "src":  # only the vault images render.py placed (see _image_html)
        return value if _IMAGE_KEY.match(value) else None
    if attr in ("href", "src") and value.strip().lower().startswith("data:"):
        return None
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
        url_schemes={*URL_SCHEMES, "data"},  # data: only for images (_keep_attribute)
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
def parser() -> MarkdownIt:
    """The one Markdown parser of note bodies (rendering still needs :func:`sanitize_html`)."""
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
    md.use(vault_plugin)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("embed", _render_embed)
    return md



def _render_wikilink(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    return _wikilink_html(env, meta["target"], meta["label"])


def _wikilink_html(env: dict[str, Any], target: str, label: str) -> str:
    resolve = env.get("resolve")
    note_id = resolve(target) if resolve else None
    label = html.escape(label)
    if note_id:
        return f'<a class="hw-wikilink" data-note-id="{html.escape(note_id)}">{label}</a>'
    return f'<span class="hw-wikilink-missing">{label}</span>'


def _image_html(image: Image, env: dict[str, Any] | None = None) -> str:
    if not image.src:
        why = html.escape(f"Image not shown: {image.name} ({image.reason})")
        return f'<span class="hw-image-missing">{why}</span>'
    size = "".join(f' {k}="{v}"' for k, v in (("width", image.width), ("height", image.height)) if v)
    images = env.get("images") if env is not None else None
    if images is None:
        return ""
    # Megabytes of base64 go in after nh3, not through it; the key is also what tells the
    # sanitizer this <img> is one render.py made (a source written in the note is dropped).
    head, _, data = image.src.partition(",")
    key = f"{images['nonce']}{len(images)}"
    images[key] = data
    src = f"{head},{key}"
    return f'<img class="hw-image" src="{src}" alt="{html.escape(image.alt)}"{size}>'


def _fill_images(fragment: str, images: dict[str, str]) -> str:
    """Put the images' data back where :func:`_image_html` left their keys (after sanitizing)."""
    return re.sub(r'(src="data:image/[a-z+]+;base64,)(hw[0-9a-f]{16}n\d+)"',
                  lambda m: f'{m.group(1)}{images.get(m.group(2), "")}"', fragment)


def _render_image(self, tokens, idx, options, env) -> str:
    """``![alt](src)``: a vault image as a data: URI; a remote one as a link, never loaded."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if _SCHEME.match(src):
        if src.lower().startswith(("http:", "https:")):
            text = html.escape(f"Remote image (not loaded): {alt or src}")
            return f'<a class="hw-image-remote" href="{html.escape(src)}">{text}</a>'
        return f'<span class="hw-image-missing">{html.escape(alt or src)}</span>'
    embeds = env.get("embeds")
    if embeds is None:
        return _image_html(Image(src, reason="no folder to read it from"))
    return _image_html(embeds.image(src, alt, markdown=True, within=env.get("note")), env)


def _render_embed(self, tokens, idx, options, env) -> str:
    """``![[target#anchor|label]]``: an image, or the embedded note's text one level deep."""
    meta = tokens[idx].meta
    target, anchor, label = meta["target"], meta["anchor"], meta["label"]
    embeds = env.get("embeds")
    name = target.rpartition("/")[2]
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix in IMAGE_TYPES:
        if embeds is None:
            return _image_html(Image(name, reason="no folder to read it from"))
        return _image_html(embeds.image(target, label, within=env.get("note")), env)
    shown = label or (f"{target}#{anchor}" if anchor else target)
    if suffix and " " not in suffix and suffix != ".md" and embeds is not None \
            and embeds.resolver.resolve_attachment(target):  # a PDF, a sound...: its name
        return f'<span class="hw-embed-file">{html.escape(shown)}</span>'
    source = env.get("note")
    if embeds is None or env.get("depth", 0) >= 1:  # an embed inside an embed: a link
        return _wikilink_html(env, target, shown)
    part = embeds.note_part(target, anchor, within=source)
    if part is None:
        return f'<span class="hw-wikilink-missing">{html.escape(shown)}</span>'
    if source is not None and part.note.id == source.id:  # a note embedding itself
        return _wikilink_html(env, target, shown)
    inner = parser().render(part.text, {"resolve": embeds.resolve_for(part.note), "embeds": embeds,
                                        "depth": 1, "note": part.note, "images": env.get("images")})
    title = html.escape(part.note.title + (f" › {anchor}" if anchor else ""))
    link = f'<a class="hw-wikilink" data-note-id="{html.escape(part.note.id)}">{title}</a>'
    return f'<div class="hw-embed"><p class="hw-embed-title">{link}</p>{inner}</div>'


def render_markdown(text: str, resolve: Resolver | None = None, embeds: VaultEmbeds | None = None,
                    note: Note | None = None) -> str:
    """Render a Markdown note body to sanitized HTML, safe to insert with ``innerHTML``.

    ``resolve`` maps a ``[[target]]`` to a note id (or ``None`` when there is no such note);
    ``embeds`` (with ``note``, the note the text is from) fills in embeds and local images.
    """
    if embeds is not None and note is None:
        note = embeds.source
    # Image data is swapped for a key the page's author cannot guess, and back after nh3.
    images = {"nonce": "hw" + secrets.token_hex(8) + "n"}
    env = {"resolve": resolve, "embeds": embeds, "depth": 0, "note": note, "images": images}
    return _fill_images(sanitize_html(parser().render(text or "", env)), images)
