"""The one link resolver: ``[[wikilinks]]``, embeds and relative Markdown links -> notes and files.

Resolution follows Obsidian's rules, in this order:

1. an empty target (``[[#Heading]]``) is the note the link is in;
2. a note id, exactly (hubwidgets' own ``[[note-id]]`` links);
3. a path (``[[folder/Note]]``, ``.md`` optional, any case): the note at that path relative to
   the vault, else the notes whose path ends with it;
4. a file name (``[[Note]]``, any case): when several files share it, the one in the linking
   note's folder, else the one with the shortest path (then the first in path order);
5. an alias (front matter ``aliases``), then a title, any case;
6. the slug of the target as a note id or a title's slug (how hubwidgets resolved links before).

A target with a file extension other than ``.md`` (``![[image.png]]``, ``[pdf](docs/a.pdf)``)
is looked for among the folder's attachments the same way. Relative Markdown links
(``[t](../other%20note.md)``) are resolved against the linking note's folder first. Anything
else is dangling: kept, counted and shown, never an error.

Used by ``Catalog.links``, the cross-file checks, map-of-content hubs and the reader.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from .bodyscan import EMBED, MARKDOWN, WIKILINK
from .notes import Note
from .slugs import slugify

NOTE = "note"
ATTACHMENT = "attachment"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif")
ATTACHMENT_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf", ".mp3", ".mp4", ".webm", ".ogg", ".wav", ".m4a",
                       ".mov", ".csv", ".txt", ".json", ".canvas", ".excalidraw")


@dataclass(frozen=True)
class Resolved:
    """Where a link leads: a note (``id``) or an attachment (``id`` = its path in the folder)."""

    type: str  # NOTE or ATTACHMENT
    id: str


def _key(text: str) -> str:
    """A target or path as compared: forward slashes, no leading ``./`` or ``/``, any case."""
    text = text.replace("\\", "/").strip()
    while text.startswith(("./", "/")):
        text = text[2:] if text.startswith("./") else text[1:]
    return text.casefold()


def _strip_md(key: str) -> str:
    return key[:-3] if key.endswith(".md") else key


def _has_other_suffix(key: str) -> bool:
    name = key.rpartition("/")[2]
    dot = name.rfind(".")
    return dot > 0 and name[dot:] != ".md" and " " not in name[dot:]


class LinkResolver:
    """Resolves link targets of one catalog (see the module doc for the rules)."""

    def __init__(self, notes: Iterable[Note], attachments: Iterable[str] = (), note_root: str = ""):
        self.note_root = note_root.strip("/")
        prefix = self.note_root + "/" if self.note_root else ""
        self._ids: dict[str, Note] = {}
        self._paths: dict[str, str] = {}  # key of the path without .md -> note id
        self._names: dict[str, list[str]] = {}  # key of the file name without .md -> note ids
        self._aliases: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._title_slugs: dict[str, str] = {}
        self._folders: dict[str, str] = {}  # note id -> key of its folder
        for note in notes:
            self._ids[note.id] = note
            rel = note.path[len(prefix):] if prefix and note.path.startswith(prefix) else note.path
            key = _strip_md(_key(rel))
            self._paths.setdefault(key, note.id)
            self._names.setdefault(key.rpartition("/")[2], []).append(note.id)
            self._folders[note.id] = key.rpartition("/")[0]
        for note in self._ids.values():  # aliases and titles after every file name is known
            for alias in note.aliases:
                self._aliases.setdefault(_key(alias), note.id)
            self._titles.setdefault(_key(note.title), note.id)
        for ids in self._names.values():
            if len(ids) > 1:  # shortest path first, then path order
                ids.sort(key=lambda nid: (self._folders[nid].count("/") + bool(self._folders[nid]),
                                          self._ids[nid].path))
        self._attachments: dict[str, str] = {}
        self._attachment_names: dict[str, list[str]] = {}
        for path in sorted(attachments, key=lambda p: (p.count("/"), p)):
            rel = path[len(prefix):] if prefix and path.startswith(prefix) else path
            self._attachments.setdefault(_key(rel), path)
            self._attachment_names.setdefault(_key(rel).rpartition("/")[2], []).append(path)

    def note(self, note_id: str) -> Note | None:
        """The note with this id, if any."""
        return self._ids.get(note_id)

    @property
    def attachments(self) -> list[str]:
        """Paths (relative to the catalog folder) of every attachment."""
        return list(self._attachments.values())

    # -- notes ----------------------------------------------------------------------------------
    def resolve(self, target: str, source: Note | None = None) -> str | None:
        """The id of the note ``target`` names (as written in ``[[target]]``), or ``None``."""
        if not target:
            return source.id if source is not None else None
        if target in self._ids:
            return target
        key = _strip_md(_key(target))
        if not key:
            return None
        found = self._by_path_or_name(key, source)
        if found is not None:
            return found
        found = self._aliases.get(key) or self._titles.get(key)
        if found is not None:
            return found
        slug = slugify(target)
        if slug in self._ids:
            return slug
        if not self._title_slugs:
            self._title_slugs = {slugify(n.title): n.id for n in self._ids.values()}
        return self._title_slugs.get(slug)

    def _by_path_or_name(self, key: str, source: Note | None) -> str | None:
        folder, _, name = key.rpartition("/")
        candidates = self._names.get(name)
        if not candidates:
            return None
        if folder:
            exact = self._paths.get(key)
            if exact is not None:
                return exact
            suffix = "/" + folder
            matching = [nid for nid in candidates
                        if self._folders[nid] == folder or self._folders[nid].endswith(suffix)]
            return matching[0] if matching else None
        if len(candidates) > 1 and source is not None:
            here = self._folders.get(source.id)
            for nid in candidates:
                if self._folders[nid] == here:
                    return nid
        return candidates[0]

    # -- attachments ----------------------------------------------------------------------------
    def resolve_attachment(self, target: str) -> str | None:
        """The path of the attachment ``target`` names (``image.png``, ``folder/a.pdf``), or ``None``."""
        key = _key(target)
        if not key:
            return None
        exact = self._attachments.get(key)
        if exact is not None:
            return exact
        folder, _, name = key.rpartition("/")
        candidates = self._attachment_names.get(name) or []
        if folder:
            candidates = [p for p in candidates if _key(p).endswith("/" + key) or _key(p) == key]
        return candidates[0] if candidates else None

    # -- references, as read by bodyscan --------------------------------------------------------
    def resolve_ref(self, kind: str, target: str, source: Note | None = None) -> Resolved | None:
        """Where one reference of a note leads (a note or an attachment), or ``None``: dangling."""
        if kind == WIKILINK and target in self._ids and target and "." not in target:
            return Resolved(NOTE, target)  # [[note-id]] (what the rules below give, sooner)
        if kind == MARKDOWN or (kind == EMBED and ("/" in target or "." in target)):
            relative = self._relative(target, source)
            if relative is not None:
                return relative
        key = _key(target)
        if _has_other_suffix(key):
            path = self.resolve_attachment(target)
            if path is not None:
                return Resolved(ATTACHMENT, path)
        note_id = self.resolve(target, source)
        return None if note_id is None else Resolved(NOTE, note_id)

    def _relative(self, target: str, source: Note | None) -> Resolved | None:
        """A Markdown link's path, relative to the linking note's folder (or to the vault, ``/x``)."""
        if not target:
            return None if source is None else Resolved(NOTE, source.id)
        base = self._folders.get(source.id, "") if source is not None else ""
        joined = _key(target) if target.startswith("/") else _key(posixpath.join(base, _key(target)))
        path = posixpath.normpath(joined) if joined else ""
        if not path or path.startswith(".."):
            return None
        if path.endswith(".md") or not _has_other_suffix(path):
            note_id = self._paths.get(_strip_md(path))
            return None if note_id is None else Resolved(NOTE, note_id)
        attachment = self._attachments.get(path)
        return None if attachment is None else Resolved(ATTACHMENT, attachment)

    def has_anchor(self, note_id: str, anchor: str) -> bool:
        """Does the note have the heading (``Heading``) or block (``^id``) an anchor names?"""
        note = self._ids.get(note_id)
        if note is None:
            return False
        if anchor.startswith("^"):
            return anchor[1:] in note.blocks
        wanted = _key(anchor.split("#")[-1])
        return any(_key(text) == wanted or slugify(text) == slugify(anchor.split("#")[-1])
                   for _, text in note.headings)
