"""Undo for catalog edits: each edit remembers the bytes of every file before and after it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fsutil import Written

MAX_UNDO = 200  # edits kept; older ones can no longer be taken back
MAX_UNDO_BYTES = 64 * 1024 * 1024  # file bytes kept for undo (the newest edit is always kept)


@dataclass(frozen=True)
class Edit:
    """One edit as undo sees it: what it was (``description``) and the files it wrote."""

    description: str
    files: tuple[Written, ...] = field(repr=False)

    @property
    def size(self) -> int:
        """Bytes this edit keeps to be undone."""
        return sum(len(w.before or b"") + len(w.after or b"") for w in self.files)

    @property
    def paths(self) -> list[str]:
        """The files the edit wrote (created, changed or deleted)."""
        return [str(w.path) for w in self.files]


class History:
    """The edits :meth:`~hubwidgets.catalog.Catalog.undo` can take back, newest last."""

    def __init__(self, limit: int = MAX_UNDO, max_bytes: int = MAX_UNDO_BYTES) -> None:
        self._edits: list[Edit] = []
        self.limit = limit
        self.max_bytes = max_bytes

    def push(self, edit: Edit) -> None:
        """Remember ``edit``; the oldest edits are forgotten past ``limit`` edits or
        ``max_bytes`` of kept file contents."""
        self._edits.append(edit)
        del self._edits[: max(0, len(self._edits) - self.limit)]
        total = sum(e.size for e in self._edits)
        while len(self._edits) > 1 and total > self.max_bytes:
            total -= self._edits.pop(0).size

    def last(self) -> Edit | None:
        return self._edits[-1] if self._edits else None

    def pop(self) -> Edit:
        return self._edits.pop()

    def __len__(self) -> int:
        return len(self._edits)

    def __iter__(self):
        return iter(list(self._edits))

    def __getitem__(self, index: int) -> Edit:
        return self._edits[index]

    def __repr__(self) -> str:
        return "History([" + ", ".join(repr(e.description) for e in self._edits) + "])"
