"""Problems found in user data, collected as rows instead of raised.

A broken note must never hide the other notes, so readers append a
:class:`Problem` and carry on; :mod:`hubwidgets.validate` turns them into
reports and exit codes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

PROBLEM_COLUMNS = ["severity", "code", "file", "line", "field", "message", "hub"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file of the catalog (or with a hub as a whole)."""

    severity: str  # "error" or "warning"
    code: str  # stable machine-readable kind, e.g. "invalid-yaml"
    message: str  # a sentence a person can act on
    file: str = ""  # path relative to the data folder
    line: int | None = None  # 1-based line in ``file`` when known
    field: str = ""  # front-matter / YAML field concerned
    hub: str = ""  # hub id when the problem belongs to a hub

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = self.file or (f"hub {self.hub}" if self.hub else "catalog")
        if self.line:
            where += f":{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}: {self.severity}: {self.message}{field} ({self.code})"


class HubwidgetsError(Exception):
    """Base class for errors raised by hubwidgets."""


class UnknownNameError(HubwidgetsError, KeyError):
    """An unknown hub or note id; the message lists what exists and the closest match."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class PageImportError(HubwidgetsError, ValueError):
    """A copied topic-hub page that cannot be read at all (e.g. no header line)."""
