"""Writing a person's files safely: atomic replace, compare-and-swap, one writer at a time.

Every write of hubwidgets goes through :func:`atomic_write`: a temporary file in the same
folder, flushed to disk (``fsync``), renamed over the old file (``os.replace``), then the
folder itself synced, so that a crash or a ``SIGKILL`` leaves the old file or the new one,
never half of one. :func:`apply_writes` adds compare-and-swap: under a lock file, every file
must still hold the bytes the caller last saw (their SHA-256), else :class:`StaleFileError`
names the file and nothing is written (no lost update between two kernels).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LOCK_TIMEOUT = 10.0  # seconds a writer waits for another one before giving up


class StaleFileError(RuntimeError):
    """A file changed on disk since the catalog read it: writing would lose that change."""

    def __init__(self, path: str | os.PathLike, detail: str = "changed on disk since it was read") -> None:
        self.path = str(path)
        super().__init__(f"{self.path} {detail}; reload() the catalog and try again, "
                         "or pass force=True to overwrite it")


class LockTimeoutError(TimeoutError):
    """Another process held the folder's write lock for longer than the timeout."""


def digest(data: bytes | None) -> str | None:
    """SHA-256 of ``data`` (``None`` for a file that does not exist)."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: str | os.PathLike) -> bytes | None:
    """The bytes of ``path``, or ``None`` when there is no such file."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible, and not needed, on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data``: old or new after any crash, never half a file.

    The temporary file sits in the same folder (``os.replace`` is atomic only within one file
    system), starts with a dot (folder readers skip it) and keeps the old file's permissions.
    """
    path = Path(path)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None  # a new file: 0o666 less the umask, as any editor would create it
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600 if mode is not None else 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """:func:`atomic_write` of ``text`` as UTF-8, written as given (no newline translation)."""
    atomic_write(path, text.encode("utf-8"))


def remove_file(path: str | os.PathLike) -> None:
    """Delete ``path`` (atomic by nature) and make the deletion durable."""
    path = Path(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    _fsync_folder(path.parent)


@dataclass(frozen=True)
class Write:
    """One file of an edit: what it must hold now (``expected``, a digest or ``None`` for "no
    file") and what it holds afterwards (``data``; ``None`` deletes it)."""

    path: Path
    expected: str | None
    data: bytes | None


@dataclass(frozen=True)
class Written:
    """A file as an edit left it: its bytes before and after (``None``: no file)."""

    path: Path
    before: bytes | None
    after: bytes | None


def folder_lock(lock_path: str | os.PathLike, timeout: float = LOCK_TIMEOUT):
    """A lock file that one writer holds at a time, across processes (``filelock``)."""
    from filelock import FileLock

    Path(lock_path).parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(lock_path), timeout=timeout)


def apply_writes(writes: Iterable[Write], lock_path: str | os.PathLike, *, force: bool = False,
                 timeout: float = LOCK_TIMEOUT) -> list[Written]:
    """Compare-and-swap a set of files under one lock: check every file first, then write each
    atomically. A file whose bytes are not the ``expected`` ones raises :class:`StaleFileError`
    before anything is written, unless ``force``."""
    from filelock import Timeout

    writes = list(writes)
    try:
        with folder_lock(lock_path, timeout):
            current = {w.path: read_bytes(w.path) for w in writes}
            if not force:
                for w in writes:
                    if digest(current[w.path]) != w.expected:
                        what = "was created" if w.expected is None else (
                            "was deleted" if current[w.path] is None else "changed")
                        raise StaleFileError(w.path, f"{what} on disk since it was read")
            done = []
            for w in writes:
                if w.data is None:
                    remove_file(w.path)
                else:
                    w.path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(w.path, w.data)
                done.append(Written(w.path, current[w.path], w.data))
            return done
    except Timeout:
        raise LockTimeoutError(f"another process holds {lock_path} (waited {timeout:g} s); "
                               "try again") from None
