"""Reading a catalog folder (``notes/*.md``, ``hubs/*.yaml``, ``related.json``) from disk.

Parsed files are cached by ``(path, mtime, size)`` in a pickle under the user's
cache folder, so loading an unchanged catalog of 10,000 notes costs a directory
scan and one unpickle instead of 10,000 YAML parses.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .hubs import HubSpec, parse_hub
from .notes import MAX_NOTE_BYTES, Note, parse_note
from .problems import ERROR, Problem

RELATED_FILE = "related.json"
_CACHE_FORMAT = 1


@dataclass
class FolderContents:
    """Everything read from a catalog folder, before it becomes DataFrames."""

    root: Path
    notes: list[Note] = field(default_factory=list)
    hubs: list[HubSpec] = field(default_factory=list)
    computed_related: dict[str, list[tuple[str, float]]] | None = None
    problems: list[Problem] = field(default_factory=list)


def bundled_data_dir() -> Path:
    """The catalog shipped with the package (``hubwidgets/data`` in a wheel, ``data/`` in a clone)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / "hubs").is_dir():
            return candidate
    raise FileNotFoundError("the bundled catalog is missing from this installation of hubwidgets")


def cache_dir() -> Path:
    """Where parsed catalogs are cached (``$HUBWIDGETS_CACHE_DIR``, else the user cache)."""
    env = os.environ.get("HUBWIDGETS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hubwidgets"


def _scan(root: Path, sub: str, suffixes: tuple[str, ...], problems: list[Problem]):
    """Yield ``(relative_path, absolute_path, stat)`` for files under ``root/sub``, sorted."""
    real_root = root.resolve()
    base = root / sub if sub else root
    if not base.is_dir():
        return []
    found = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            problems.append(Problem(ERROR, "unreadable", f"cannot list folder: {exc.strerror}",
                                    file=os.path.relpath(folder, root)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            if entry.is_symlink():
                target = Path(entry.path).resolve()
                if not target.is_relative_to(real_root):
                    problems.append(Problem(ERROR, "symlink-outside",
                                            "symlink points outside the data folder; not read",
                                            file=rel))
                    continue
            try:
                if entry.is_dir():
                    stack.append(Path(entry.path))
                    continue
                if not entry.name.endswith(suffixes):
                    continue
                if not sub and entry.name.lower() == "readme.md":
                    continue
                found.append((rel, entry.path, entry.stat()))
            except OSError as exc:
                problems.append(Problem(ERROR, "unreadable", f"cannot read: {exc.strerror}", file=rel))
    found.sort(key=lambda item: item[0])
    return found


def _read_text(abs_path: str, rel: str, size: int, limit: int) -> tuple[str | None, list[Problem]]:
    if size > limit:
        return None, [Problem(ERROR, "too-large",
                              f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit; "
                              "not read", file=rel)]
    try:
        with open(abs_path, "rb") as fh:
            # read(limit + 1) would allocate the whole limit for every small file: ask for the
            # size seen by stat, then for the rest only if the file grew since.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(limit + 1 - len(data))
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


def _parse_note_file(abs_path: str, rel: str, size: int):
    text, problems = _read_text(abs_path, rel, size, MAX_NOTE_BYTES)
    if text is None:
        return None, problems
    stem = rel.rsplit("/", 1)[-1][: -len(".md")]
    note, more = parse_note(text, file=rel, default_id=stem)
    return note, problems + more


def _parse_hub_file(abs_path: str, rel: str, size: int):
    text, problems = _read_text(abs_path, rel, size, 1024 * 1024)
    if text is None:
        return None, problems
    name = rel.rsplit("/", 1)[-1]
    hub, more = parse_hub(text, file=rel, default_id=name.rsplit(".", 1)[0])
    return hub, problems + more


def _load_cache(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if data.get("format") == (_CACHE_FORMAT, __version__):
            return data["files"]
    except Exception:  # a stale or corrupt cache is simply rebuilt
        pass
    return {}


def _save_cache(path: Path, files: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"format": (_CACHE_FORMAT, __version__), "files": files}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # read-only home, full disk: caching is an optimisation only
        pass


def read_folder(root: str | os.PathLike, use_cache: bool = True) -> FolderContents:
    """Read every note and hub under ``root``; problems are collected, never raised."""
    root = Path(root)
    contents = FolderContents(root=root)
    problems = contents.problems
    if not root.is_dir():
        raise FileNotFoundError(f"catalog folder not found: {root}")
    note_sub = "notes" if (root / "notes").is_dir() else ""
    cache_path = cache_dir() / (hashlib.sha1(str(root.resolve()).encode()).hexdigest() + ".pickle")
    cached = _load_cache(cache_path) if use_cache else {}
    fresh: dict = {}
    changed = False

    def parsed(kind, rel, abs_path, st, parser):
        nonlocal changed
        key = (kind, rel)
        stamp = (st.st_mtime_ns, st.st_size)
        hit = cached.get(key)
        if hit is not None and hit[0] == stamp:
            fresh[key] = hit
            return hit[1], hit[2]
        changed = True
        obj, probs = parser(abs_path, rel, st.st_size)
        fresh[key] = (stamp, obj, probs)
        return obj, probs

    read: list[Note] = []
    for rel, abs_path, st in _scan(root, note_sub, (".md",), problems):
        note, probs = parsed("note", rel, abs_path, st, _parse_note_file)
        problems.extend(probs)
        if note is not None:
            read.append(note)
    # When two files claim one id, the file named after the id keeps it.
    read.sort(key=lambda n: n.path.rsplit("/", 1)[-1] != f"{n.id}.md")
    seen: dict[str, str] = {}
    for note in read:
        rel = note.path
        if note.id in seen:
            problems.append(Problem(ERROR, "duplicate-id",
                                    f"note id {note.id!r} is already used by {seen[note.id]}; "
                                    "this file is not loaded", file=rel, field="id"))
            continue
        seen[note.id] = rel
        contents.notes.append(note)

    hub_seen: dict[str, str] = {}
    for rel, abs_path, st in _scan(root, "hubs", (".yaml", ".yml"), problems):
        hub, probs = parsed("hub", rel, abs_path, st, _parse_hub_file)
        problems.extend(probs)
        if hub is None:
            continue
        if hub.id in hub_seen:
            problems.append(Problem(ERROR, "duplicate-id", f"hub id {hub.id!r} is already used by "
                                    f"{hub_seen[hub.id]}", file=rel, field="id", hub=hub.id))
            continue
        hub_seen[hub.id] = rel
        contents.hubs.append(hub)

    related_path = root / RELATED_FILE
    if related_path.is_file():
        contents.computed_related = _read_related(related_path, problems)
    if use_cache and (changed or len(fresh) != len(cached)):
        _save_cache(cache_path, fresh)
    return contents


def _read_related(path: Path, problems: list[Problem]) -> dict[str, list[tuple[str, float]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        links = data["links"]
        return {src: [(str(t), float(s)) for t, s in targets] for src, targets in links.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.append(Problem(ERROR, "invalid-related",
                                f"cannot read computed related links ({type(exc).__name__}); "
                                "run `hubwidgets related` to rebuild them", file=path.name))
        return {}
