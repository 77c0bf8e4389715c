"""Live files: watch a catalog's folder and apply what changes on disk as it happens.

``watchfiles`` (the optional extra ``live``, imported here only) reports changed paths; after a
short quiet time (``debounce``) the catalog re-reads just those files and tells its
subscribers. Inside a running asyncio loop (a Jupyter kernel) the watcher is a task on that
loop, so subscribers (widgets) are called on the kernel's own thread; elsewhere it runs in a
daemon thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .extras import require
from .folderfiles import kind_of


class Watcher:
    """Follows one catalog's folder until :meth:`stop`."""

    def __init__(self, catalog: Any, debounce: float = 0.1) -> None:
        require("live")
        self.catalog = catalog
        self.debounce_ms = max(1, int(debounce * 1000))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._task: asyncio.Task | None = None
        self.errors: list[BaseException] = []  # what applying a change raised (kept, not lost)

    def start(self) -> Watcher:
        """Start watching: an asyncio task when a loop runs here, else a daemon thread."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        ready = threading.Event()
        if loop is not None:
            self._task = loop.create_task(self._run_async(ready))
        else:
            self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True,
                                            name=f"hubwidgets-watch {self.catalog.root}")
            self._thread.start()
            ready.wait(5)
        return self

    def stop(self) -> None:
        """Stop watching (the thread or task ends within a fraction of a second)."""
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        if self._task is not None:
            return not self._task.done()
        return self._thread is not None and self._thread.is_alive()

    def _rels(self, changes: Iterable[tuple[Any, str]]) -> list[str]:
        root = Path(self.catalog.root).resolve()
        note_root = self.catalog._contents.note_root
        out = []
        for _change, path in changes:
            try:
                rel = Path(path).resolve().relative_to(root).as_posix()
            except ValueError:
                continue
            if kind_of(rel, note_root) is not None:
                out.append(rel)
        return out

    def _apply(self, changes) -> None:
        rels = self._rels(changes)
        if rels:
            try:
                self.catalog._refresh(rels)
            except Exception as exc:  # a bad callback must not end the watch
                self.errors.append(exc)

    def _run(self, ready: threading.Event) -> None:
        from watchfiles import watch

        ready.set()
        for changes in watch(self.catalog.root, stop_event=self._stop, debounce=self.debounce_ms,
                             step=20, rust_timeout=200, yield_on_timeout=False):
            self._apply(changes)

    async def _run_async(self, ready: threading.Event) -> None:
        from watchfiles import awatch

        ready.set()
        async for changes in awatch(self.catalog.root, debounce=self.debounce_ms, step=20,
                                    rust_timeout=200):  # ended by cancelling the task
            self._apply(changes)
