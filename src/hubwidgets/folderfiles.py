"""Which files of a folder a catalog reads, and their text.

The walk skips hidden folders (``.obsidian/``, ``.trash/``, ``.git/``), ``node_modules/`` and
``__pycache__/``, follows symlinks only while they stay inside the folder (a loop or a cycle is a
problem, not a hang), and lists attachments (images, PDFs) so that links to them resolve. The
layout is hubwidgets' own (``notes/*.md``, ``hubs/*.yaml``, ``related.json``) when every
Markdown file sits under ``notes/``, else a vault's: every ``.md`` file is a note. Text is read
as UTF-8 with a size limit; a file that cannot be read is a problem naming it, never an
exception.
"""

from __future__ import annotations

import os
from operator import itemgetter
from pathlib import Path

from .links import ATTACHMENT_SUFFIXES
from .problems import ERROR, Problem

RELATED_FILE = "related.json"
NOTES_FOLDER = "notes"
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})  # besides every hidden folder


def scan(root: Path, sub: str, suffixes: tuple[str, ...], problems: list[Problem],
          attachments: list[str] | None = None, skip: frozenset[str] = frozenset()):
    """``(relative_path, absolute_path, stat)`` for files under ``root/sub``, sorted; the paths of
    attachments are added to ``attachments`` when given. Hidden folders and ``skip`` are not read."""
    real_root = root.resolve()
    base = root / sub if sub else root
    if not base.is_dir():
        return []
    found = []
    real_base = base.resolve()
    # (folder, its path relative to root + "/", its real path): a real folder's real sub-folder is
    # its real path + name, so that only symlinks are resolved (resolving is a system call per
    # part of the path: 40 of them were a third of the warm load of a 1,000-note, 20-folder vault).
    stack = [(base, f"{sub}/" if sub else "", real_base)]
    seen_folders = {real_base}  # a folder symlink must not lead the walk round in circles
    while stack:
        folder, prefix, real_folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            problems.append(Problem(ERROR, "unreadable", f"cannot list folder: {exc.strerror}",
                                    file=os.path.relpath(folder, root)))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in SKIPPED_FOLDERS or (not prefix and name in skip):
                continue
            rel = prefix + name
            target = None
            if entry.is_symlink():
                try:
                    target = Path(entry.path).resolve()
                except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
                    problems.append(Problem(ERROR, "unreadable", "symlink loop: the link leads "
                                            "back to itself; not read", file=rel))
                    continue
                if not target.is_relative_to(real_root):
                    problems.append(Problem(ERROR, "symlink-outside",
                                            "symlink points outside the data folder; not read",
                                            file=rel))
                    continue
            try:
                if entry.is_dir():
                    real = real_folder / name if target is None else target
                    if real in seen_folders or (target is not None
                                                and real_folder.is_relative_to(real)):
                        problems.append(Problem(ERROR, "symlink-cycle",
                                                "folder symlink leads back to a folder already read; "
                                                "not read again", file=rel))
                        continue
                    seen_folders.add(real)
                    stack.append((Path(entry.path), rel + "/", real))
                    continue
                if not name.endswith(suffixes):
                    if attachments is not None and name.lower().endswith(ATTACHMENT_SUFFIXES):
                        attachments.append(rel)
                    continue
                found.append((rel, entry.path, entry.stat()))
            except OSError as exc:
                problems.append(Problem(ERROR, "unreadable", f"cannot read: {exc.strerror}", file=rel))
    found.sort(key=itemgetter(0))
    return found


def read_text(abs_path: str, rel: str, size: int, limit: int) -> tuple[str | None, list[Problem]]:
    """A file's UTF-8 text, or ``None`` and problems naming ``rel`` and the cause."""
    if size > limit:
        return None, [Problem(ERROR, "too-large",
                              f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit; "
                              "not read", file=rel)]
    try:
        data = _read_bytes(abs_path, size, limit)
        if len(data) > limit:
            return None, [Problem(ERROR, "too-large",
                                  f"file grew over the {limit / 1e6:.0f} MB limit while read; "
                                  "not read", file=rel)]
    except OSError as exc:
        return None, [Problem(ERROR, "unreadable", f"cannot read: {exc.strerror}", file=rel)]
    if b"\x00" in data:
        return None, [Problem(ERROR, "binary-file", "file is binary, not UTF-8 text", file=rel)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem(ERROR, "not-utf8",
                              f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                              f"{exc.start})", file=rel, line=line)]


def _read_bytes(abs_path: str, size: int, limit: int) -> bytes:
    """The bytes of a file that stat said has ``size`` bytes, at most ``limit + 1`` of them.

    One ``os.read`` of ``size + 1`` bytes: a file object (``open(..., "rb")``) costs as much again
    in Python objects, and its ``read(n)`` makes a second system call to see the end of the file.
    ``read(limit + 1)`` would allocate the whole limit for every small file. A file that grew since
    stat is read on up to the limit; a read that came back short is continued to the end.
    """
    fd = os.open(abs_path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        chunks = [data]
        total = len(data)
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def note_layout(root: Path, problems: list[Problem], attachments: list[str]) -> tuple[str, list]:
    """The note root (``"notes"`` or ``""``) and the note files under it, sorted."""
    found = scan(root, "", (".md",), problems, attachments, skip=frozenset({"hubs"}))
    inside = NOTES_FOLDER + "/"
    if (root / NOTES_FOLDER).is_dir() and all(
            rel.startswith(inside) or rel.lower() == "readme.md" for rel, _, _ in found):
        return NOTES_FOLDER, [f for f in found if f[0].startswith(inside)]
    hub_notes = scan(root, "hubs", (".md",), problems, attachments)  # a vault's own hubs/ folder
    return "", sorted(found + hub_notes, key=lambda item: item[0])


def kind_of(rel: str, note_root: str) -> str | None:
    """What :func:`hubwidgets.datadir.list_files` reads the file at ``rel`` as (``note``, ``hub``,
    ``related``), or ``None`` for a file a catalog does not read (hidden, outside the notes,
    another suffix)."""
    parts = rel.split("/")
    if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts):
        return None
    if rel == RELATED_FILE:
        return "related"
    if parts[0] == "hubs" and len(parts) > 1 and rel.endswith((".yaml", ".yml")):
        return "hub"
    if not rel.endswith(".md"):
        return None
    if note_root:
        return "note" if parts[0] == note_root and len(parts) > 1 else None
    return "note"
