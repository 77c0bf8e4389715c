"""Reading a catalog folder or a vault of Markdown notes from disk into notes, hubs and problems.

:mod:`hubwidgets.folderfiles` finds the files (hubwidgets' own layout or a vault's) and reads
their text; this module parses each, tells apart two notes that claim one id (``-2``, with a
warning) and gives a note without an id of its own a slug of its path.

Parsed files are cached by ``(path, mtime, size)`` in a pickle under the user's
cache folder (never in the folder read), so loading an unchanged catalog of 10,000 notes
costs a directory scan and one unpickle instead of 10,000 parses.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cachefiles import cache_file, load_cache, save_cache
from .folderfiles import RELATED_FILE, note_layout, read_text, scan
from .hubs import HubSpec, parse_hub
from .links import LinkResolver
from .mocs import hub_from_note
from .notes import MAX_NOTE_BYTES, Note, parse_note
from .problems import ERROR, WARNING, Problem, UnknownNameError
from .slugs import slugify


@dataclass
class FolderContents:
    """Everything read from a catalog folder, before it becomes DataFrames."""

    root: Path
    notes: list[Note] = field(default_factory=list)
    hubs: list[HubSpec] = field(default_factory=list)
    computed_related: dict[str, list[tuple[str, float]]] | None = None
    problems: list[Problem] = field(default_factory=list)
    # Cross-file problems (the ``cross_check`` given to :func:`read_folder`), kept with the stat cache:
    # files unchanged since the last load give the same ones. ``None``: not checked yet.
    cross_problems: list[Problem] | None = None
    # (kind, path, mtime_ns, size) of every file read, when read with the cache: what caches of
    # things derived from the catalog (the search index) are keyed by. ``None``: do not cache.
    stamps: list[tuple[str, str, int, int]] | None = field(default=None, repr=False)
    attachments: list[str] = field(default_factory=list)  # images, PDFs...: paths from root
    note_root: str = ""  # "notes" in hubwidgets' own layout, "" for a vault
    # path -> (kind, mtime_ns, size) of every file read: what reload() compares, always kept.
    file_stats: dict[str, tuple[str, int, int]] = field(default_factory=dict, repr=False)
    strict: bool = False
    _resolver: LinkResolver | None = field(default=None, repr=False)

    @property
    def resolver(self) -> LinkResolver:
        """The link resolver of these notes and attachments (built on first use)."""
        if self._resolver is None:
            self._resolver = LinkResolver(self.notes, self.attachments, self.note_root)
        return self._resolver


def bundled_data_dir() -> Path:
    """The catalog shipped with the package (``hubwidgets/data`` in a wheel, ``data/`` in a clone)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / "hubs").is_dir():
            return candidate
    raise FileNotFoundError("the bundled catalog is missing from this installation of hubwidgets")


def path_id(rel: str) -> str:
    """The id of a note file without an ``id`` of its own: a slug of its path (``Research/My
    Note.md`` -> ``research-my-note``), or of a hash of it when the path has no letters a slug keeps."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    return slugify(stem.replace("/", " "), max_length=80) or (
        "note-" + hashlib.sha1(stem.encode("utf-8", "surrogateescape")).hexdigest()[:10])


def _note_parser(note_root: str, strict: bool):
    """How note files of a folder are parsed: their ids are relative to ``note_root``."""
    cut = len(note_root) + 1 if note_root else 0

    def parse(abs_path: str, rel: str, size: int):
        text, problems = read_text(abs_path, rel, size, MAX_NOTE_BYTES)
        if text is None:
            return None, problems
        name = rel.rsplit("/", 1)[-1][: -len(".md")]
        if strict:
            note, more = parse_note(text, file=rel, default_id=name, strict=True, name=name)
        else:  # the slug of the path only for a note without an id of its own
            note, more = parse_note(text, file=rel, strict=False, name=name,
                                    default_id_of=lambda: path_id(rel[cut:]))
        return note, problems + more

    return parse


def _parse_hub_file(abs_path: str, rel: str, size: int):
    text, problems = read_text(abs_path, rel, size, 1024 * 1024)
    if text is None:
        return None, problems
    name = rel.rsplit("/", 1)[-1]
    hub, more = parse_hub(text, file=rel, default_id=name.rsplit(".", 1)[0])
    return hub, problems + more


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that stay alive.

    Parsing or unpickling 10,000 notes allocates ~300,000 containers; each collection the
    allocations trigger walks the growing heap again, for nothing (nothing is garbage yet).
    Afterwards the objects built are moved to the oldest generation as they are (``freeze`` +
    ``unfreeze``: two list splices), so that young collections do not walk them twice more and
    their arrival does not trigger a full collection of the whole heap (30-40% of a warm load).
    Skipped when the program froze objects itself: ``unfreeze`` would release those too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


CrossCheck = Callable[[FolderContents], list[Problem]]


def read_folder(root: str | os.PathLike, use_cache: bool = True,
                cross_check: CrossCheck | None = None, *, strict: bool = False,
                hubs: list[str] | tuple[str, ...] = ()) -> FolderContents:
    """Read every note and hub under ``root``; problems are collected, never raised.

    ``cross_check`` finds the problems that need every file (the catalog layer passes
    :func:`hubwidgets.checks.check_catalog`); its result is cached with the files' stamps.
    Without it, ``cross_problems`` stays ``None``. ``strict``: hubwidgets' own format only (see
    :func:`hubwidgets.notes.parse_note`). ``hubs``: names (ids, titles, file names) of notes to
    read as map-of-content hubs, besides those that say so themselves; an unknown name raises
    :class:`~hubwidgets.problems.UnknownNameError`.
    """
    with _no_gc():
        contents = _read_folder(Path(root), use_cache, strict, cross_check)
    if hubs:
        _add_named_hubs(contents, list(hubs))
        if cross_check is not None:  # orphans depend on the hubs
            contents.cross_problems = cross_check(contents)
    return contents


def list_files(root: Path, problems: list[Problem], attachments: list[str],
               strict: bool) -> tuple[str, list[tuple]]:
    """The note root and ``(kind, rel, abs_path, stat, parser)`` of every file a catalog reads,
    in reading order; ``parser(abs_path, rel, size)`` gives ``(object or None, problems)``."""
    note_root, note_files = note_layout(root, problems, attachments)
    parse_note_file = _note_parser(note_root, strict)
    files = [("note", rel, abs_path, st, parse_note_file) for rel, abs_path, st in note_files]
    files += [("hub", rel, abs_path, st, _parse_hub_file)
              for rel, abs_path, st in scan(root, "hubs", (".yaml", ".yml"), problems)]
    related_path = root / RELATED_FILE
    if related_path.is_file():
        files.append(("related", RELATED_FILE, related_path, related_path.stat(),
                      _parse_related_file))
    return note_root, files


def parser_for(kind: str, note_root: str, strict: bool) -> Callable:
    """The parser :func:`list_files` gives files of ``kind``: ``(abs_path, rel, size)`` ->
    ``(object or None, problems)``."""
    if kind == "note":
        return _note_parser(note_root, strict)
    return _parse_hub_file if kind == "hub" else _parse_related_file


def _read_folder(root: Path, use_cache: bool, strict: bool,
                 cross_check: CrossCheck | None) -> FolderContents:
    contents = FolderContents(root=root, strict=strict)
    problems = contents.problems
    if not root.is_dir():
        raise FileNotFoundError(f"catalog folder not found: {root}")
    contents.note_root, files = list_files(root, problems, contents.attachments, strict)
    contents.file_stats = {rel: (kind, st.st_mtime_ns, st.st_size) for kind, rel, _, st, _ in files}
    # The cache holds, in reading order, each file's stamp and what parsing it gave. When every
    # stamp is unchanged (one list comparison) the parsed objects and the cross-file problems are
    # reused as they are; otherwise unchanged files are reused one by one.
    stamps = [(kind, rel, st.st_mtime_ns, st.st_size) for kind, rel, _, st, _ in files]
    n_scan_problems = len(problems)
    contents.stamps = stamps if use_cache else None
    cache_path = cache_file(root, ".strict.pickle" if strict else ".pickle")
    cached = load_cache(cache_path) if use_cache else {}
    # The same files give the same catalog (and, once checked, the same cross-file problems).
    if cached and cached.get("stamps") == stamps and (cross_check is None or cached["cross"] is not None):
        contents.notes, contents.hubs, contents.computed_related = cached["catalog"]
        problems.extend(cached["problems"])
        contents.cross_problems = cached["cross"]
        return contents
    old = {stamp[:2]: (stamp, entry)
           for stamp, entry in zip(cached.get("stamps", ()), cached_entries(cached), strict=False)}
    entries = []
    canon: dict[str, str] = {}
    for (_, rel, abs_path, st, parser), stamp in zip(files, stamps, strict=True):
        hit = old.get(stamp[:2])
        entries.append(hit[1] if hit is not None and hit[0] == stamp
                       else _share_strings(parser(abs_path, rel, st.st_size), canon))
    _assemble(contents, files, entries)
    contents.hubs.extend(hub_from_note(n, contents.resolver) for n in contents.notes
                         if n.is_hub and n.id not in {h.id for h in contents.hubs})
    contents.cross_problems = None if cross_check is None else cross_check(contents)
    if use_cache:
        save_cache(cache_path, {
            "stamps": stamps, "entries": _entries_to_keep(contents, stamps, entries),
            "cross": contents.cross_problems,
            "catalog": (contents.notes, contents.hubs, contents.computed_related),
            "problems": problems[n_scan_problems:]})
    return contents


# Each file's parse ("entry": the object read and its problems) is kept in the cache to be reused
# when other files change. Most entries are the catalog's own objects without problems: only the
# others are pickled (by position), the rest are found again by path. 20,000 fewer objects make
# a third of the cache's pickling time and a tenth of its unpickling (warm load) time.
def _entries_to_keep(contents: FolderContents, stamps: list, entries: list) -> dict[int, tuple]:
    """The entries :func:`cached_entries` cannot derive from the catalog, by position."""
    notes = {n.path: n for n in contents.notes}
    hubs = {h.path: h for h in contents.hubs}
    kept = {}
    for i, ((kind, rel, *_), entry) in enumerate(zip(stamps, entries, strict=True)):
        obj, probs = entry
        derived = (notes.get(rel) if kind == "note" else hubs.get(rel) if kind == "hub"
                   else contents.computed_related)
        if probs or obj is None or derived is not obj:
            kept[i] = entry
    return kept


def cached_entries(cached: dict) -> list[tuple]:
    """Each file's entry ``(object read, problems)`` of a cache, in the order of its stamps."""
    kept = cached.get("entries", {})
    notes, hubs, related = cached.get("catalog", ((), (), None))
    by_path = {"note": {n.path: n for n in notes}, "hub": {h.path: h for h in hubs}}
    return [kept[i] if i in kept else
            (by_path[kind][rel] if kind in by_path else related, [])
            for i, (kind, rel, *_) in enumerate(cached.get("stamps", ()))]


def _assemble(contents: FolderContents, files: list, entries: list) -> None:
    """Notes and hubs from the parsed files, in reading order; a duplicate id is a problem."""
    problems = contents.problems
    read: list[Note] = []
    hubs: list[tuple[str, HubSpec]] = []
    for (kind, rel, *_), (obj, probs) in zip(files, entries, strict=True):
        problems.extend(probs)
        if obj is None:
            continue
        if kind == "note":
            read.append(obj)
        elif kind == "hub":
            hubs.append((rel, obj))
        else:
            contents.computed_related = obj
    # When two files claim one id, the file named after the id keeps it (then path order).
    read.sort(key=lambda n: n.path.rsplit("/", 1)[-1] != f"{n.id}.md")
    seen: dict[str, str] = {}
    renamed: list[Note] = []
    for note in read:
        rel = note.path
        if note.id in seen:
            if contents.strict:
                problems.append(Problem(ERROR, "duplicate-id",
                                        f"note id {note.id!r} is already used by {seen[note.id]}; "
                                        "this file is not loaded", file=rel, field="id"))
                continue
            renamed.append(note)
            continue
        seen[note.id] = rel
        contents.notes.append(note)
    for note in renamed:  # after every id that was free is taken, so that those stay stable
        new_id = free_id(note.id, seen)
        problems.append(renamed_note_problem(note, seen[note.id], new_id))
        seen[new_id] = note.path
        contents.notes.append(dataclasses.replace(note, id=new_id))  # the cached parse stays as read

    hub_seen: dict[str, str] = {}
    for rel, hub in hubs:
        if hub.id in hub_seen:
            problems.append(duplicate_hub_problem(hub, hub_seen[hub.id], rel))
            continue
        hub_seen[hub.id] = rel
        contents.hubs.append(hub)


def free_id(note_id: str, taken: Container[str]) -> str:
    """The id a second note claiming ``note_id`` gets: ``note_id-2``, ``-3``... the first free one."""
    n = 2
    while f"{note_id}-{n}" in taken:
        n += 1
    return f"{note_id}-{n}"


def renamed_note_problem(note: Note, owner: str, new_id: str) -> Problem:
    """The warning that ``note`` lost its id to the file ``owner`` and reads as ``new_id``."""
    return Problem(WARNING, "duplicate-id", f"note id {note.id!r} is already used by {owner}; this "
                   f"note's id is {new_id!r}", file=note.path, field="id")


def duplicate_hub_problem(hub: HubSpec, owner: str, rel: str) -> Problem:
    """The error for the hub file ``rel`` whose id the hub file ``owner`` already has (not loaded)."""
    return Problem(ERROR, "duplicate-id", f"hub id {hub.id!r} is already used by {owner}",
                   file=rel, field="id", hub=hub.id)


def _add_named_hubs(contents: FolderContents, names: list[str]) -> None:
    """Read the notes ``names`` names as map-of-content hubs (``load(DIR, hubs=[...])``)."""
    resolver = contents.resolver
    taken = {h.id for h in contents.hubs}
    for name in names:
        note_id = resolver.resolve(name)
        if note_id is None:
            import difflib

            options = [n.title for n in contents.notes] + [n.id for n in contents.notes]
            close = difflib.get_close_matches(name, options, n=1, cutoff=0.4)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise UnknownNameError(f"no note {name!r} in {contents.root} to read as a hub.{hint}")
        if note_id not in taken:
            taken.add(note_id)
            contents.hubs.append(hub_from_note(resolver.note(note_id), resolver))


def _share_strings(parsed: tuple, canon: dict[str, str]) -> tuple:
    """Point every mention of a note id, tag or link target at one string object, as files are parsed.

    A note id is repeated in ``related`` lists, hub sections and ``related.json`` (~10 times
    each): sharing saves ~150 MB at 100,000 notes, and the pickle cache keeps the sharing (a
    string met again is a 2-byte memo reference: a vault's link titles unpickle 2x faster).
    """
    obj = parsed[0]
    if isinstance(obj, Note):
        obj.id = canon.setdefault(obj.id, obj.id)
        obj.related = [canon.setdefault(r, r) for r in obj.related]
        obj.tags = [canon.setdefault(t, t) for t in obj.tags]
        if obj.refs:  # link targets are titles that many notes repeat; anchors repeat too
            obj.refs = tuple((kind, canon.setdefault(target, target), canon.setdefault(anchor, anchor),
                              canon.setdefault(label, label), heading)
                             for kind, target, anchor, label, heading in obj.refs)
    elif isinstance(obj, HubSpec):
        for section in obj.sections:
            section.notes = [canon.setdefault(n, n) for n in section.notes]
    elif isinstance(obj, dict):  # related.json
        for source, targets in obj.items():
            obj[source] = [(canon.setdefault(t, t), score) for t, score in targets]
    return parsed


def _parse_related_file(abs_path: Path, rel: str, size: int):
    problems: list[Problem] = []
    return _read_related(abs_path, problems), problems


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
