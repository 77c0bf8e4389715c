"""Curating a catalog from Python: new hubs and notes, sections and memberships, undo.

Every edit checks its arguments first (an unknown note or section, an id that is not a slug, an
empty title, a taken id raise and write nothing), computes the new text of each file it changes
from the bytes on disk (surgical edits: :mod:`hubwidgets.frontedit`, :mod:`hubwidgets.hubedit`,
:mod:`hubwidgets.mocedit`), checks that the new text reads back as the intended hub or note, then
writes all its files at once by compare-and-swap (:func:`hubwidgets.fsutil.apply_writes`): a file
that changed on disk since the catalog read it raises :class:`~hubwidgets.fsutil.StaleFileError`
unless ``force=True``. The catalog is then updated through :mod:`hubwidgets.refresh`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import hubedit, mocedit
from .cachefiles import cache_file
from .frontedit import edit_note_text
from .fsutil import StaleFileError, Write, apply_writes, digest
from .history import Edit, History
from .hubs import parse_hub
from .mocs import MOC_SOURCE, hub_from_note
from .notes import Note, dump_note, parse_note
from .problems import HubwidgetsError
from .refresh import CatalogChange, LiveCatalog
from .slugs import is_valid_id, slugify

if TYPE_CHECKING:
    from .catalog import Catalog, Hub


class EditError(HubwidgetsError, ValueError):
    """An edit that cannot be made as asked (bad argument, or a file it cannot edit safely)."""


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f]')  # what vault apps refuse in file names


def _title(value: object, what: str = "title") -> str:
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"the {what} must be non-empty text, not {value!r}")
    if any(unicodedata.category(c) == "Cc" and c != "\t" for c in value):
        raise EditError(f"the {what} must be one line of text, without control characters")
    return value.strip()


def _slug(value: object, what: str) -> str:
    if not is_valid_id(value):
        raise EditError(f"{what} {value!r} is not a slug (lowercase a-z, 0-9 and single '-'); "
                        f"for example {slugify(str(value)) or 'my-id'!r}")
    return value  # type: ignore[return-value]


class CurateMixin(LiveCatalog):
    """The edit methods of :class:`~hubwidgets.catalog.Catalog` (see the module doc)."""

    def _init_curate(self) -> None:
        self.history = History()
        self._lock_path = cache_file(self.root, ".lock")
        self.read_only = _is_bundled(self.root)  # part of the installation: never offered for editing

    def copy_to(self, path: str | os.PathLike) -> Catalog:
        """Copy this catalog's folder to ``path`` (which must not exist) and load the copy: the
        way to curate the bundled catalog, which is read-only. Returns the copy's catalog."""
        import shutil

        target = Path(path).expanduser()
        if target.exists():
            raise EditError(f"{target} exists already; copy_to() writes a new folder")
        shutil.copytree(self.root, target, ignore=shutil.ignore_patterns("__pycache__"))
        return type(self).load(target, strict=self._contents.strict)  # type: ignore[attr-defined]

    # -- reading a file for an edit ---------------------------------------------------------
    def _current(self, rel: str, force: bool) -> tuple[str, str]:
        """The text of ``rel`` as the catalog read it, and its digest; raises
        :class:`StaleFileError` when the file changed on disk since (unless ``force``)."""
        path = self.root / rel
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                data = fh.read()
        except FileNotFoundError:
            raise StaleFileError(path, "was deleted on disk since it was read") from None
        known = self._stats.get(rel)
        if not force and (known is None or known[1:] != (st.st_mtime_ns, st.st_size)):
            raise StaleFileError(path)
        try:
            return data.decode("utf-8"), digest(data)
        except UnicodeDecodeError:
            raise EditError(f"{path} is not UTF-8 text; it is not edited") from None

    def _commit(self, description: str, plan: dict[str, tuple[bytes | None, str | None]],
                force: bool) -> CatalogChange:
        """Write the planned files by compare-and-swap, remember them for undo, update the
        catalog and tell subscribers."""
        self._check_writable()
        if any(data is not None and b"\x00" in data for data, _ in plan.values()):
            raise EditError("the text contains a NUL character: the file would no longer be text")
        with self._mutex:
            writes = [Write(self.root / rel, expected, data) for rel, (data, expected) in plan.items()]
            written = apply_writes(writes, self._lock_path, force=force)
            self.history.push(Edit(description, tuple(written)))
            change = self._apply_files(plan, force=True)
        self._notify(change)  # outside the lock: a subscriber may read the catalog from anywhere
        return change

    def _check_writable(self) -> None:
        """The catalog bundled with hubwidgets is part of the installation: not edited."""
        if self.read_only or _is_bundled(self.root):
            raise EditError("the catalog bundled with hubwidgets is read-only; edit a copy: "
                            "cat = hubwidgets.load().copy_to('my-notes')")

    # -- notes ------------------------------------------------------------------------------
    def new_note(self, title: str, summary: str = "", body: str = "", tags: list[str] | None = None,
                 *, id: str | None = None) -> Note:
        """Create a note file (``notes/<id>.md``, or ``<title>.md`` in a vault); the id is a
        slug of the title unless given. Returns the note as the catalog now holds it."""
        title = _title(title)
        tags = _tags(tags)
        note_id = _slug(id if id is not None else slugify(title), "note id")
        if note_id in self._notes:
            raise EditError(f"a note {note_id!r} exists already ({self._notes[note_id].path}); "
                            "pass another id=")
        note_root = self._contents.note_root
        if note_root:
            rel = f"{note_root}/{note_id}.md"
            text = dump_note(Note(id=note_id, title=title, summary=summary.strip(), body=body,
                                  tags=tags))
        else:
            name = _UNSAFE_NAME.sub("", title).strip(" .") or note_id
            rel = f"{name}.md"
            from .datadir import path_id

            meta = {} if path_id(rel) == note_id else {"id": note_id}
            meta.update({"title": title, **({"summary": summary.strip()} if summary.strip() else {}),
                         **({"tags": tags} if tags else {})})
            text = edit_note_text("", meta, body) if body.strip() else edit_note_text("", meta)
        if (self.root / rel).exists():
            raise EditError(f"{self.root / rel} exists already; pass another id= or title")
        self._check_note(text, rel, note_id)
        self._check_fields(text, rel, {"title": title, "summary": summary.strip(), "tags": tags}, body)
        self._commit(f"new note {note_id!r}", {rel: (text.encode("utf-8"), None)}, force=False)
        return self._notes[note_id]

    def update_note(self, note_id: str, *, title: str | None = None, summary: str | None = None,
                    body: str | None = None, tags: list[str] | None = None,
                    force: bool = False) -> Note:
        """Change a note's title, summary, tags or body in its file (``None``: unchanged);
        every other byte of the file stays. Returns the updated note."""
        note = self.get(note_id)
        fields: dict[str, Any] = {}
        if title is not None:
            fields["title"] = _title(title)
        if summary is not None:
            if not isinstance(summary, str):
                raise EditError(f"the summary must be text, not {summary!r}")
            fields["summary"] = summary.strip()
        if tags is not None:
            fields["tags"] = _tags(tags)
        if body is not None and not isinstance(body, str):
            raise EditError(f"the body must be text, not {body!r}")
        if not fields and body is None:
            return note
        text, expected = self._current(note.path, force)
        new = edit_note_text(text, fields, body)
        if new == text:
            return note
        self._check_note(new, note.path, self._parsed_id(text, note.path))  # "x" for a note "x-2"
        self._check_fields(new, note.path, fields, body)
        self._commit(f"update note {note_id!r}", {note.path: (new.encode("utf-8"), expected)}, force)
        return self._notes[note_id]

    def _parsed_id(self, text: str, rel: str) -> str | None:
        """The id the file's text gives its note (before duplicate ids are told apart)."""
        from .datadir import path_id

        cut = len(self._contents.note_root) + 1 if self._contents.note_root else 0
        name = rel.rsplit("/", 1)[-1][:-3]
        default = name if self._contents.strict else path_id(rel[cut:])
        parsed, _ = parse_note(text, file=rel, default_id=default, strict=self._contents.strict,
                               name=name)
        return None if parsed is None else parsed.id

    def _check_fields(self, text: str, rel: str, fields: dict[str, Any], body: str | None) -> None:
        """The new text must read back with the fields asked for (a body that starts like front
        matter in a note without any, say, would not): else nothing is written."""
        from .datadir import path_id

        cut = len(self._contents.note_root) + 1 if self._contents.note_root else 0
        name = rel.rsplit("/", 1)[-1][:-3]
        got, _ = parse_note(text, file=rel, strict=self._contents.strict, name=name,
                            default_id=name if self._contents.strict else path_id(rel[cut:]))
        want = {k: v for k, v in fields.items() if k != "summary" or v}
        if body is not None:
            want["body"] = body.replace("\r\n", "\n").strip("\n")
        read = {"title": got.title, "summary": got.summary, "tags": got.tags,
                "body": got.body.replace("\r\n", "\n")} if got is not None else {}
        wrong = [k for k, v in want.items() if read.get(k) != v]
        if wrong:
            raise EditError(f"{self.root / rel} would not read back with the {', '.join(wrong)} "
                            "given (it would be read differently); nothing written")

    def _check_note(self, text: str, rel: str, note_id: str | None) -> None:
        """The new text must read back as a note with ``note_id`` (never write a broken file)."""
        if note_id is None or self._parsed_id(text, rel) != note_id:
            raise EditError(f"the edit of {self.root / rel} would not read back as note "
                            f"{note_id!r}; nothing written")

    # -- hubs -------------------------------------------------------------------------------
    def new_hub(self, hub_id: str, title: str, description: str = "",
                sections: list[str] | tuple[str, ...] = ()) -> Hub:
        """Create a hub: ``hubs/<id>.yaml``, or in a vault a map-of-content note ``<id>.md``."""
        hub_id = _slug(hub_id, "hub id")
        title = _title(title)
        sections = [_title(s, "section title") for s in sections]
        if len(set(sections)) != len(sections):
            raise EditError("two sections have the same title")
        if hub_id in self._hubs:
            raise EditError(f"a hub {hub_id!r} exists already ({self._hubs[hub_id].path})")
        if self._contents.note_root or ((self.root / "hubs").is_dir() and not self._has_mocs()):
            rel = f"hubs/{hub_id}.yaml"
            text = hubedit.new_hub_text(hub_id, title, description.strip(), sections)
        else:
            if hub_id in self._notes:
                raise EditError(f"a note {hub_id!r} exists already; a new hub needs another id")
            rel = f"{hub_id}.md"
            text = _moc_text(title, description.strip(), sections)
        if (self.root / rel).exists():
            raise EditError(f"{self.root / rel} exists already")
        self._commit(f"new hub {hub_id!r}", {rel: (text.encode("utf-8"), None)}, force=False)
        return self.hub(hub_id)

    def _has_mocs(self) -> bool:
        return any(h.extra.get("source") == MOC_SOURCE for h in self._hubs.values())

    def _edit_hub(self, hub_id: str, description: str, ops: list[tuple], force: bool = False) -> None:
        """Apply section operations to a hub's file; ``ops`` are tuples that
        :func:`_apply_ops` knows, already checked against the hub."""
        spec = self._hubs[hub_id]
        rel = spec.path
        text, expected = self._current(rel, force)
        want = [(s.title, list(s.notes)) for s in spec.sections]
        moc = spec.extra.get("source") == MOC_SOURCE
        new = text
        for op in ops:
            new = (self._moc_op(new, hub_id, want, op) if moc else _yaml_op(new, want, op))
            _apply_op(want, op)
        got = self._read_back_hub(new, rel, hub_id, moc)
        if got != want:
            raise EditError(f"cannot edit {self.root / rel} safely (it would read back "
                            "differently); nothing written")
        if new != text:
            self._commit(description, {rel: (new.encode("utf-8"), expected)}, force)

    def _read_back_hub(self, text: str, rel: str, hub_id: str, moc: bool) -> list:
        if not moc:
            spec, _ = parse_hub(text, file=rel, default_id=rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        else:
            old = self._notes[hub_id]
            note, _ = parse_note(text, file=rel, default_id=hub_id, strict=self._contents.strict,
                                 name=rel.rsplit("/", 1)[-1][:-3])
            spec = None if note is None else hub_from_note(
                Note(**{**note.__dict__, "id": old.id}), self._contents.resolver)
        if spec is None:
            raise EditError(f"the edit would break {self.root / rel}; nothing written")
        return [(s.title, list(s.notes)) for s in spec.sections]

    def _moc_op(self, text: str, hub_id: str, want: list, op: tuple) -> str:
        note = self._notes[hub_id]
        resolver = self._contents.resolver

        def resolve(line: str) -> list[str]:
            from .bodyscan import scan_body
            from .links import NOTE

            out = []
            for kind, target, _a, _l, _h in scan_body(line).refs:
                found = resolver.resolve_ref(kind, target, note)
                if found is not None and found.type == NOTE and found.id != hub_id:
                    out.append(found.id)
            return out

        kind = op[0]
        try:
            if kind == "add_section":
                return mocedit.add_section(text, note.title, op[2], op[1])
            if kind == "rename_section":
                return mocedit.rename_section(text, note.title, op[1], op[2])
            if kind == "remove_section":
                return mocedit.remove_section(text, note.title, op[1])
            if kind == "remove":
                return mocedit.remove_note(text, note.title, op[1], op[2], resolve)
            target = self._notes[op[1]]
            base = os.path.dirname(note.path)
            ref = mocedit.NoteRef(Path(target.path).stem, target.title,
                                  os.path.relpath(target.path, base or "."))
            return mocedit.add_note(text, note.title, op[2], ref, op[3], resolve)
        except mocedit.MocEditError as exc:
            raise EditError(f"{self.root / note.path}: {exc}") from None

    # -- undo -------------------------------------------------------------------------------
    def undo(self, force: bool = False) -> Edit:
        """Take back the last edit: its files get their old bytes again (a created file is
        deleted). Refused (:class:`StaleFileError`) when a file changed since that edit."""
        with self._mutex:
            edit = self.history.last()
            if edit is None:
                raise EditError("nothing to undo")
            writes = [Write(w.path, digest(w.after), w.before) for w in edit.files]
            apply_writes(writes, self._lock_path, force=force)
            self.history.pop()
            rels = [Path(w.path).relative_to(self.root).as_posix() for w in edit.files]
            change = self._apply_files(rels, force=True)
        self._notify(change)
        return edit


def _is_bundled(root: Path) -> bool:
    """True when ``root`` is the catalog shipped with hubwidgets."""
    from .datadir import bundled_data_dir

    try:
        return root.resolve() == bundled_data_dir().resolve()
    except FileNotFoundError:
        return False


def _tags(tags: object) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise EditError(f"tags must be a list of non-empty texts, not {tags!r}")
    return list(dict.fromkeys(t.strip().lstrip("#") for t in tags))


def _moc_text(title: str, description: str, sections: list[str]) -> str:
    import json

    lines = ["---", "hub: true", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    lines += ["---", "", f"# {title}", ""]
    for s in sections:
        lines += [f"## {s}", ""]
    return "\n".join(lines)


def _apply_op(want: list, op: tuple) -> None:
    """The section list ``want`` (``[(title, ids)]``) after ``op``."""
    kind = op[0]
    if kind == "add_section":
        want.insert(len(want) if op[2] is None else op[2], (op[1], []))
    elif kind == "rename_section":
        want[op[1]] = (op[2], want[op[1]][1])
    elif kind == "remove_section":
        del want[op[1]]
    elif kind == "remove":
        for i, (title, ids) in enumerate(want):
            if op[2] is None or i == op[2]:
                want[i] = (title, [n for n in ids if n != op[1]])
    elif kind == "add":
        ids = want[op[2]][1]
        ids.insert(len(ids) if op[3] is None else op[3], op[1])


def _yaml_op(text: str, want: list, op: tuple) -> str:
    kind = op[0]
    if kind == "add_section":
        return hubedit.insert_section(text, len(want) if op[2] is None else op[2], op[1])
    if kind == "rename_section":
        return hubedit.rename_section(text, op[1], op[2])
    if kind == "remove_section":
        return hubedit.delete_section(text, op[1])
    after = [(t, list(ids)) for t, ids in want]
    _apply_op(after, op)
    for i, ((_, old), (_, new)) in enumerate(zip(want, after, strict=True)):
        if old != new:
            raw = hubedit.section_note_values(text, i)
            text = hubedit.set_section_notes(text, i, _as_written(raw, old, new))
    return text


def _as_written(raw: list, old: list[str], new: list[str]) -> list:
    """The section's list as the file has it (``raw``: invalid or repeated entries included)
    changed the way ``old`` (the ids read from it) became ``new``: one id added or removed."""
    gone = set(old) - set(new)
    out = [v for v in raw if not (isinstance(v, str) and v in gone)]
    for k, nid in enumerate(new):
        if nid in old:
            continue
        anchor = next((n for n in new[k + 1:] if n in old), None)
        at = next((j for j, v in enumerate(out) if v == anchor), len(out)) if anchor else len(out)
        out.insert(at, nid)
    return out

