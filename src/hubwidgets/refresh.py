"""Keeping a loaded catalog in step with its files: re-read what changed, tell who listens.

Every change to a catalog, whether an edit made from Python, an undo, :meth:`reload` or the
watcher, goes the same way: the changed files are re-read one by one (stat first: a file
whose size and modification time are unchanged is not read again), notes and hubs are
replaced in memory, derived things (DataFrames, cross-file problems) are dropped and a built
search index is updated in place (the changed notes re-indexed alone) through one method,
:meth:`LiveCatalog._notes_changed`, and subscribers get a
:class:`CatalogChange`. A file that no longer parses becomes a problem row and the last good
version of its note or hub stays in the catalog.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .datadir import duplicate_hub_problem, free_id, list_files, parser_for, renamed_note_problem
from .folderfiles import kind_of
from .hubs import HubSpec
from .mocs import MOC_SOURCE, hub_from_note
from .notes import Note
from .problems import WARNING, Problem

if TYPE_CHECKING:
    from .datadir import FolderContents

# Problems of a note file that loads anyway, yet looks half-saved when it had been good.
HALF_SAVED = frozenset({"unclosed-front-matter"})
# What a Catalog caches from its notes and hubs (cached properties): dropped on every change.
DERIVED = ("notes", "hubs", "sections", "memberships", "links", "hubs_of_note", "_linked_from")
# Re-indexed notes past this share of the index (or this many): rebuild it whole on the next
# search, so that word statistics and the overlay every query reads stay close to a fresh build.
REBUILD_SHARE, REBUILD_MIN = 0.05, 256


@dataclass
class CatalogChange:
    """What one edit, undo or reload changed: note ids changed or added (``notes``), note ids
    removed (``removed``), hub ids changed, added or removed (``hubs``) and the files that are
    problems now (``problems``)."""

    notes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    hubs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.notes or self.removed or self.hubs or self.problems)


def _stat_key(st: os.stat_result) -> tuple[int, int]:
    return st.st_mtime_ns, st.st_size


class LiveCatalog:
    """The part of :class:`~hubwidgets.catalog.Catalog` that follows its files (a mixin)."""

    root: Path
    _contents: FolderContents
    _notes: dict[str, Note]
    _hubs: dict[str, HubSpec]
    _computed: dict | None

    def _init_live(self, contents: FolderContents) -> None:
        self._stats: dict[str, tuple[str, int, int]] = dict(contents.file_stats)
        self._note_at: dict[str, str] = {n.path: n.id for n in contents.notes}  # path -> id
        self._hub_at: dict[str, str] = {h.path: h.id for h in contents.hubs
                                        if h.extra.get("source") != MOC_SOURCE}
        # Map-of-content hubs named by load(hubs=[...]) rather than by their own front matter.
        self._named_mocs = {h.id for h in contents.hubs if h.extra.get("source") == MOC_SOURCE}
        self._moc_notes = {n.id for n in contents.notes if n.is_hub} | self._named_mocs
        self._file_problems: list[Problem] = list(contents.problems)
        self._subscribers: list[Callable[[CatalogChange], None]] = []
        self._mutex = threading.RLock()

    # -- listeners ---------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[CatalogChange], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every edit, undo and reload; returns the function
        that unsubscribes it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _notify(self, change: CatalogChange) -> None:
        for callback in list(self._subscribers):
            callback(change)

    # -- live ---------------------------------------------------------------------------------
    def watch(self, debounce: float = 0.1):
        """Follow the folder: files changed on disk (by an editor, git, another kernel) are
        applied within about ``debounce`` seconds and subscribers are told. Needs the ``live``
        extra (watchfiles). Returns the :class:`~hubwidgets.watch.Watcher`."""
        from .watch import Watcher

        self.unwatch()
        self._watcher = Watcher(self, debounce).start()
        return self._watcher

    def unwatch(self) -> None:
        """Stop following the folder (nothing happens when it was not watched)."""
        watcher = getattr(self, "_watcher", None)
        if watcher is not None:
            watcher.stop()
            self._watcher = None

    # -- reload ------------------------------------------------------------------------------
    def reload(self) -> CatalogChange:
        """Re-read the files that changed on disk since the catalog read them (added, changed,
        renamed, deleted; found by their size and modification time) and return what changed."""
        problems: list[Problem] = []
        attachments: list[str] = []
        _, files = list_files(self.root, problems, attachments, self._contents.strict)
        now = {rel: (kind, *_stat_key(st)) for kind, rel, _, st, _ in files}
        changed = [rel for rel, stamp in now.items() if self._stats.get(rel) != stamp]
        changed += [rel for rel in self._stats if rel not in now]
        if set(attachments) != set(self._contents.attachments):
            self._contents.attachments = attachments
            self._contents._resolver = None
        return self._refresh(changed)

    def _refresh(self, rels: Iterable[str], force: bool = False) -> CatalogChange:
        """Re-read the files ``rels`` (paths from the root); notify when anything changed."""
        with self._mutex:
            change = self._apply_files(rels, force)
        if change:
            self._notify(change)
        return change

    def _apply_files(self, rels: Iterable[str], force: bool = False) -> CatalogChange:
        change = CatalogChange()
        note_root, strict = self._contents.note_root, self._contents.strict
        reads = []
        for rel in dict.fromkeys(rels):
            kind = kind_of(rel, note_root)
            if kind is None:
                continue
            parsed, probs, stamp = _read(self.root / rel, rel, parser_for(kind, note_root, strict))
            if stamp is not None and not force and self._stats.get(rel) == (kind, *stamp):
                continue  # unchanged since read (our own write, seen again by the watcher)
            reads.append((stamp is not None, rel, kind, parsed, probs, stamp))
        reads.sort(key=lambda r: r[0])  # deletions first: a renamed file's id moves, not vanishes
        # Copy on write: readers in other threads keep iterating the dicts they hold.
        self._wip_notes, self._wip_hubs = dict(self._notes), dict(self._hubs)
        for _, rel, kind, parsed, probs, stamp in reads:
            self._file_problems = [p for p in self._file_problems if p.file != rel] + probs
            if any(p.severity != WARNING for p in probs) or (stamp is not None and parsed is None):
                change.problems.append(rel)
            if stamp is None:
                self._stats.pop(rel, None)
                self._forget(kind, rel, change)
                continue
            self._stats[rel] = (kind, *stamp)
            if not force and kind == "note" and rel in self._note_at and any(
                    p.code in HALF_SAVED for p in probs):
                parsed = None  # most likely caught mid-save: keep the good version
                change.problems.append(rel)
            if parsed is None:
                continue  # broken now: the last good version stays
            if kind == "note":
                self._put_note(parsed, rel, change)
            elif kind == "hub":
                self._put_hub(parsed, rel, change)
            else:
                self._computed = parsed
        if reads:
            change.removed = [nid for nid in dict.fromkeys(change.removed) if nid not in self._wip_notes]
            change.notes = list(dict.fromkeys(change.notes))
            self._remake_mocs(change)
            self._notes, self._hubs = self._wip_notes, self._wip_hubs
            self._notes_changed(change.notes, change.removed)
        return change

    def _forget(self, kind: str, rel: str, change: CatalogChange) -> None:
        if kind == "note" and rel in self._note_at:
            nid = self._note_at.pop(rel)
            if nid in self._wip_notes and self._wip_notes[nid].path == rel:
                del self._wip_notes[nid]
                change.removed.append(nid)
            if self._wip_hubs.pop(nid, None) is not None:
                change.hubs.append(nid)
        elif kind == "hub" and rel in self._hub_at:
            hid = self._hub_at.pop(rel)
            self._wip_hubs.pop(hid, None)
            change.hubs.append(hid)
        elif kind == "related":
            self._computed = None

    def _put_note(self, note: Note, rel: str, change: CatalogChange) -> None:
        old_id = self._note_at.get(rel)
        if old_id is not None and old_id != note.id:
            self._wip_notes.pop(old_id, None)
            change.removed.append(old_id)
        taken = self._wip_notes.get(note.id)
        if taken is not None and taken.path != rel:  # another file has this id: as load() does
            new_id = free_id(note.id, self._wip_notes)
            self._file_problems.append(renamed_note_problem(note, taken.path, new_id))
            note = dataclasses.replace(note, id=new_id)
        is_new = note.id not in self._wip_notes
        self._wip_notes[note.id] = note
        if note.is_hub:
            self._moc_notes.add(note.id)
        elif note.id not in self._named_mocs:
            self._moc_notes.discard(note.id)
        self._note_at[rel] = note.id
        change.notes.append(note.id)
        if is_new:  # keep reading order (by path), as a fresh load() gives it
            self._wip_notes = dict(sorted(self._wip_notes.items(), key=lambda item: (
                item[1].path.rsplit("/", 1)[-1] != f"{item[1].id}.md", item[1].path)))

    def _put_hub(self, hub: HubSpec, rel: str, change: CatalogChange) -> None:
        old_id = self._hub_at.get(rel)
        if old_id is not None and old_id != hub.id:
            self._wip_hubs.pop(old_id, None)
            change.hubs.append(old_id)
        other = self._wip_hubs.get(hub.id)
        if other is not None and other.path != rel:
            self._file_problems.append(duplicate_hub_problem(hub, other.path, rel))
            return
        self._wip_hubs[hub.id] = hub
        self._hub_at[rel] = hub.id
        change.hubs.append(hub.id)

    def _remake_mocs(self, change: CatalogChange) -> None:
        """Map-of-content hubs again from their notes (links resolve anew when notes change);
        hub files first, in path order, then map-of-content notes, as load() orders them."""
        files = sorted((h for h in self._wip_hubs.values() if h.extra.get("source") != MOC_SOURCE),
                       key=lambda h: h.path)
        taken = {h.id for h in files}
        mocs = []
        wanted = [self._wip_notes[i] for i in self._moc_notes if i in self._wip_notes and i not in taken]
        if wanted:  # only then is the resolver (every note's names) worth building again
            self._contents._resolver = None
            self._contents.notes = list(self._wip_notes.values())
            resolver = self._contents.resolver
            order = {nid: i for i, nid in enumerate(self._wip_notes)}
            wanted.sort(key=lambda n: order[n.id])
        for note in wanted:
            spec = hub_from_note(note, resolver)
            old = self._wip_hubs.get(note.id)
            if old is None or (old.sections, old.title, old.description) != (
                    spec.sections, spec.title, spec.description):
                change.hubs.append(note.id)
            mocs.append(spec)
        for hid, spec in self._wip_hubs.items():
            if spec.extra.get("source") == MOC_SOURCE and hid not in {m.id for m in mocs}:
                change.hubs.append(hid)
        self._wip_hubs = {h.id: h for h in [*files, *mocs]}
        change.hubs = list(dict.fromkeys(change.hubs))

    def _notes_changed(self, changed_ids: Iterable[str], removed_ids: Iterable[str]) -> None:
        """The one place a change of notes or hubs reaches what is derived from them: the
        DataFrames and queries' caches, the search index (updated in place when it was built:
        changed notes re-indexed, added ones appended, removed ones masked), the cross-file
        problems and the folder contents the checks read."""
        self._contents.notes = list(self._notes.values())
        self._contents.hubs = list(self._hubs.values())
        self._contents._resolver = None
        self._contents.stamps = None  # caches keyed by the files read no longer describe us
        self._cross_problems = None
        for name in DERIVED:
            self.__dict__.pop(name, None)
        search = self.__dict__.get("_search")
        if search is None:
            self.__dict__.pop("_index", None)  # built alone (or not at all): built again if asked
            return
        search.apply(self._notes, changed_ids, removed_ids)
        if len(search.index.overlay) > max(REBUILD_MIN, REBUILD_SHARE * len(self._notes)):
            self.__dict__.pop("_search", None)
            self.__dict__.pop("_index", None)


def _read(path: Path, rel: str, parser) -> tuple[object | None, list[Problem], tuple | None]:
    """Parse one file; ``(object, problems, (mtime_ns, size))`` of a stable read, or
    ``(None, [], None)`` when the file is gone."""
    for _ in range(5):
        try:
            before = os.stat(path)
        except FileNotFoundError:
            return None, [], None
        parsed, problems = parser(path, rel, before.st_size)
        try:
            after = os.stat(path)
        except FileNotFoundError:
            return None, [], None
        if _stat_key(after) == _stat_key(before):
            return parsed, problems, _stat_key(after)
    return parsed, problems, _stat_key(after)  # still changing: the next event reads it again
