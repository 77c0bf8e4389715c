"""Undo for catalog edits: each edit remembers the bytes of every file before and after it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fsutil import Written

MAX_UNDO = 200  # edits kept; older ones can no longer be taken back


@dataclass(frozen=True)
class Edit:
    """One edit as undo sees it: what it was (``description``) and the files it wrote."""

    description: str
    files: tuple[Written, ...] = field(repr=False)

    @property
    def paths(self) -> list[str]:
        """The files the edit wrote (created, changed or deleted)."""
        return [str(w.path) for w in self.files]


class History:
    """The edits :meth:`~hubwidgets.catalog.Catalog.undo` can take back, newest last."""

    def __init__(self, limit: int = MAX_UNDO) -> None:
        self._edits: list[Edit] = []
        self.limit = limit

    def push(self, edit: Edit) -> None:
        self._edits.append(edit)
        del self._edits[: max(0, len(self._edits) - self.limit)]

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
