"""What an embed shows in the reader: a part of another note, or a local image as a ``data:`` URI.

``![[Note]]``, ``![[Note#Heading]]`` and ``![[Note#^block]]`` show that note's text (the
whole body, the heading's section, or the block). ``![[image.png]]``, ``![[image.png|200]]``
and ``![alt](attachments/img.png)`` show the image, read from the vault only: a target that
leaves the folder (``../``, an absolute path, a symlink out) is refused. Images travel with the
note's answer as ``data:`` URIs, so the page needs no server round trip per image and the HTML
export, Voila and marimo show them too. Sizes are capped (:data:`MAX_IMAGE_BYTES` per image,
:data:`MAX_NOTE_IMAGE_BYTES` per note); past a cap, or for a file that is missing, the reader
shows a line naming the file. Nothing here writes anything.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .bodyscan import EMBED, MARKDOWN
from .links import ATTACHMENT
from .slugs import slugify

if TYPE_CHECKING:
    from .links import LinkResolver
    from .notes import Note

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_NOTE_IMAGE_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp",
               ".bmp": "image/bmp", ".avif": "image/avif"}
_SIZE = re.compile(r"^(\d{1,5})(?:x(\d{1,5}))?$")
_BLOCK_MARK = re.compile(r"[ \t]+\^[A-Za-z0-9\-]+[ \t]*$|^\^[A-Za-z0-9\-]+[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Image:
    """An image to show (``src`` is a ``data:`` URI) or, with ``src`` empty, why it is not shown."""

    name: str
    src: str = ""
    reason: str = ""
    alt: str = ""
    width: str = ""
    height: str = ""


@dataclass(frozen=True)
class NotePart:
    """The Markdown an embed of a note shows, and the note it comes from."""

    note: Note
    text: str


def image_size(label: str) -> tuple[str, str, str]:
    """``"200"`` / ``"200x100"`` / ``"alt|200"`` -> (alt, width, height), as Obsidian reads them."""
    alt, _, size = label.rpartition("|") if "|" in label else ("", "", label)
    match = _SIZE.match(size.strip())
    if match is None:
        return label, "", ""
    return alt, match.group(1), match.group(2) or ""


class VaultEmbeds:
    """Embeds and images of one note's answer (one instance per answer: it keeps the size budget)."""

    def __init__(self, resolver: LinkResolver, root: Path, source: Note,
                 max_image: int = MAX_IMAGE_BYTES, max_total: int = MAX_NOTE_IMAGE_BYTES):
        self.resolver, self.source = resolver, source
        self.root = Path(root).resolve()
        self.max_image, self.max_total, self.budget = max_image, max_total, max_total

    def resolve_for(self, note: Note):
        """A ``[[target]] -> note id`` resolver for links written in ``note``."""
        return lambda target: self.resolver.resolve(target, note)

    # -- notes ------------------------------------------------------------------------------
    def note_part(self, target: str, anchor: str, within: Note | None = None) -> NotePart | None:
        """The text ``![[target#anchor]]`` (written in ``within``) shows, or ``None``: no such note."""
        note_id = self.resolver.resolve(target, within or self.source)
        note = self.resolver.note(note_id) if note_id else None
        if note is None:
            return None
        if not anchor:
            return NotePart(note, _strip_blocks(note.body))
        text = _block(note.body, anchor[1:]) if anchor.startswith("^") else _section(note.body, anchor)
        return None if text is None else NotePart(note, text)

    # -- images -----------------------------------------------------------------------------
    def image(self, target: str, label: str = "", *, markdown: bool = False,
              within: Note | None = None) -> Image:
        """The image ``![[target|label]]`` (or ``![label](target)``, ``markdown``) shows."""
        alt, width, height = image_size(label)
        name = unquote(target) if markdown else target
        shown = name.rpartition("/")[2] or name
        kind = MARKDOWN if markdown else EMBED
        found = self.resolver.resolve_ref(kind, name, within or self.source)
        if found is None or found.type != ATTACHMENT:
            return Image(shown, reason="not found in the folder")
        suffix = Path(found.id).suffix.lower()
        mime = IMAGE_TYPES.get(suffix)  # the suffixes links.IMAGE_SUFFIXES names (a test checks)
        if mime is None:
            return Image(shown, reason="not an image")
        path = self._inside(found.id)
        if path is None:
            return Image(shown, reason="outside the folder")
        try:
            size = path.stat().st_size
            if size > self.max_image:
                return Image(shown, reason=f"{size / 2**20:.1f} MB, over the {_mb(self.max_image)} "
                                           "limit per image")
            if size > self.budget:
                return Image(shown, reason=f"over the {_mb(self.max_total)} limit of images per note")
            data = path.read_bytes()
        except OSError as exc:
            return Image(shown, reason=f"unreadable ({exc.strerror or type(exc).__name__})")
        self.budget -= len(data)
        src = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        return Image(shown, src=src, alt=alt or shown, width=width, height=height)

    def _inside(self, rel: str) -> Path | None:
        """The file at ``rel`` when it (symlinks followed) is a file inside the folder."""
        if rel.startswith(("/", "\\")) or ".." in Path(rel).parts:
            return None
        try:
            real = (self.root / rel).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return real if real.is_relative_to(self.root) and real.is_file() else None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def _tokens(text: str):
    from .render import parser

    return parser().parse(text)


def _lines(text: str, start: int, end: int | None) -> str:
    return "\n".join(text.split("\n")[start:end])


def _section(body: str, heading: str) -> str | None:
    """The heading's line and everything under it, up to the next heading of its level or above."""
    wanted = heading.split("#")[-1].strip()
    tokens = _tokens(body)
    start = level = None
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open" or tok.map is None:
            continue
        depth = int(tok.tag[1])
        if start is None:
            text = tokens[i + 1].content.strip()
            if text.casefold() == wanted.casefold() or slugify(text) == slugify(wanted):
                start, level = tok.map[0], depth
        elif depth <= level:
            return _strip_blocks(_lines(body, start, tok.map[0]))
    return None if start is None else _strip_blocks(_lines(body, start, None))


def _block(body: str, block_id: str) -> str | None:
    """The paragraph or list item that ends in ``^block_id`` (or the block before a lone ``^id``)."""
    mark = re.compile(rf"(?:^|[ \t])\^{re.escape(block_id)}[ \t]*$")
    tokens = _tokens(body)
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not any(mark.search(line) for line in tok.content.split("\n")):
            continue
        if tok.content.strip() == f"^{block_id}":
            target = _previous_block(tokens, i - 1)
        else:
            target = _enclosing(tokens, i, "list_item_open") or tokens[i - 1]
        if target is not None and target.map is not None:
            return _strip_blocks(_lines(body, target.map[0], target.map[1]))
    return None


def _enclosing(tokens, index: int, kind: str):
    """The innermost still-open ``kind`` token around ``tokens[index]``, if any."""
    depth = 0
    for j in range(index - 1, -1, -1):
        if tokens[j].nesting == -1:
            depth += 1
        elif tokens[j].nesting == 1:
            if depth:
                depth -= 1
            elif tokens[j].type == kind:
                return tokens[j]
    return None


def _previous_block(tokens, index: int):
    """The top-level block before the one opened at ``index`` (where a lone ``^id`` points)."""
    for j in range(index - 1, -1, -1):
        if tokens[j].level == 0 and tokens[j].nesting >= 0 and tokens[j].map is not None:
            return tokens[j]
    return None


def _strip_blocks(text: str) -> str:
    """Text without its ``^block-id`` markers (Obsidian hides them when reading)."""
    return _BLOCK_MARK.sub("", text)
