"""watch(): real file changes (edit, add, rename, delete, a broken save) reach a watched catalog
and its subscribers, from a background thread or a task on a running loop.

How fast is a benchmark's figure (``benchmarks/bench_edit.py``: a saved note reaches the catalog
in ~60 ms at 10,000 notes, target < 1 s), not these tests': they wait up to a few seconds for
each change, so that a loaded CI machine does not fail them, and go on as soon as it arrives."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

import hubwidgets

from .test_curate import HUB_YAML, NOTES, sections

pytest.importorskip("watchfiles", reason="the 'live' extra is not installed")


@pytest.fixture
def folder(make_catalog):
    return make_catalog(NOTES, raw={"hubs/topic.yaml": HUB_YAML})


class Heard:
    """Changes a subscriber received, with a wait for the next one."""

    def __init__(self) -> None:
        self.changes: list = []
        self.event = threading.Event()

    def __call__(self, change) -> None:
        self.changes.append(change)
        self.event.set()

    def wait(self, until, timeout: float = 5.0) -> float:
        """Seconds until ``until()`` held (fails after ``timeout``)."""
        start = time.monotonic()
        while not until():
            assert time.monotonic() - start < timeout, f"no change within {timeout} s: {self.changes}"
            self.event.wait(0.02)
            self.event.clear()
        return time.monotonic() - start


def off_any_loop(fn):
    """Run ``fn`` in a new thread, where no asyncio loop runs, and return its result.

    watch() makes a task on the loop running in the calling thread (a Jupyter kernel's). A test
    process can have one that nothing drives between tests (Playwright's sync API, used by the
    browser tests, keeps one in the main thread), so the tests start from a thread of their own.
    """
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def watched(folder):
    cat = hubwidgets.load(folder, cache=False)
    heard = Heard()
    cat.subscribe(heard)
    watcher = off_any_loop(cat.watch)
    assert watcher._thread is not None  # a watcher thread, whatever loop the test process has
    time.sleep(0.3)  # the watcher is listening
    yield cat, heard
    cat.unwatch()


def test_edit_add_rename_delete_arrive(watched, folder):
    cat, heard = watched
    (folder / "notes" / "note-b.md").write_text("---\nid: note-b\ntitle: Edited B\n---\n")
    heard.wait(lambda: cat.get("note-b").title == "Edited B")
    (folder / "notes" / "note-g.md").write_text("---\nid: note-g\ntitle: G\n---\n")
    heard.wait(lambda: "note-g" in cat)
    (folder / "notes" / "note-g.md").rename(folder / "notes" / "moved-g.md")
    heard.wait(lambda: "note-g" in cat and cat.get("note-g").path == "notes/moved-g.md")
    (folder / "notes" / "note-c.md").unlink()
    heard.wait(lambda: "note-c" not in cat)
    assert "note-c" in {nid for change in heard.changes for nid in change.removed}
    assert list(cat.notes["id"]) == list(hubwidgets.load(folder, cache=False).notes["id"])


def test_a_broken_save_keeps_the_last_good_note(watched, folder):
    cat, heard = watched
    (folder / "notes" / "note-a.md").write_text("---\ntitle: [half\n")  # caught mid-save
    heard.wait(lambda: any("notes/note-a.md" in c.problems for c in heard.changes))
    assert cat.get("note-a").title == "Note A" and len(cat) == 6
    (folder / "notes" / "note-b.md").write_text("---\nid: note-b\ntitle: [bad yaml\n---\n")
    heard.wait(lambda: any("notes/note-b.md" in c.problems for c in heard.changes))
    assert cat.get("note-b").title == "Note B" and len(cat) == 6
    assert {"notes/note-a.md", "notes/note-b.md"} <= set(cat.problems["file"])
    (folder / "hubs" / "topic.yaml").write_text(HUB_YAML.replace("- title: First", "- title: Primero"))
    heard.wait(lambda: sections(cat, "topic")[0][0] == "Primero")


def test_own_edits_are_heard_once(watched):
    cat, heard = watched
    cat.update_note("note-a", tags=["x"])
    time.sleep(0.5)  # the watcher sees our write too: nothing new to apply
    assert [c.notes for c in heard.changes] == [["note-a"]]


def test_on_a_running_loop_the_watcher_is_a_task(folder):
    async def main():
        loop_thread = threading.current_thread()
        cat = hubwidgets.load(folder, cache=False)
        heard = Heard()
        cat.subscribe(heard)
        watcher = cat.watch()
        assert watcher._task is not None and watcher._thread is None
        await asyncio.sleep(0.3)
        (folder / "notes" / "note-e.md").write_text("---\nid: note-e\ntitle: Loop E\n---\n")
        start = time.monotonic()
        while cat.get("note-e").title != "Loop E":
            assert time.monotonic() - start < 5.0
            await asyncio.sleep(0.02)
        assert threading.current_thread() is loop_thread
        cat.unwatch()
        await asyncio.sleep(0)
        assert not watcher.running or watcher._task.cancelling()

    off_any_loop(lambda: asyncio.run(main()))


def test_reading_the_catalog_while_the_watcher_applies_changes(watched, folder):
    """The watcher thread swaps in new notes while this thread reads them: no read fails."""
    cat, heard = watched
    stop = threading.Event()

    def editor() -> None:
        i = 0
        while not stop.is_set():
            (folder / "notes" / f"churn-{i % 5}.md").write_text(f"---\nid: churn-{i % 5}\ntitle: C{i}\n---\n")
            if i % 3 == 0:
                (folder / "notes" / f"churn-{(i + 2) % 5}.md").unlink(missing_ok=True)
            i += 1
            time.sleep(0.01)

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            known = set(NOTES) | {f"churn-{k}" for k in range(5)}
            assert set(cat.notes["id"]) <= known and set(cat.hubs_of_note) <= known
            assert set(cat.search("c")["id"]) <= known
    finally:
        stop.set()
        thread.join()
    on_disk = sorted(hubwidgets.load(folder, cache=False).note_ids)
    # The watcher catches up with the last save by itself (no reload). Under a loaded CI machine
    # the reading loop above competes for the GIL, so how many batches it made is not the point;
    # that it made some and ends at what is on disk is.
    heard.wait(lambda: heard.changes and sorted(cat.note_ids) == on_disk, timeout=10)
    assert cat._watcher.errors == []


KERNEL_SETUP = """
import pathlib, threading
import hubwidgets
root = pathlib.Path({root!r})
cat = hubwidgets.load(root, cache=False)
seen = []
cat.subscribe(lambda change: seen.append((change.notes, threading.current_thread().name)))
watcher = cat.watch()
print("task" if watcher._task is not None else "thread")
"""


def test_in_a_jupyter_kernel_changes_arrive_on_the_kernels_own_thread(folder):
    """In ipykernel the watcher is a task on the kernel's loop: a file saved while no cell runs
    reaches the catalog, and subscribers (widgets) are called on the kernel's main thread."""
    jupyter_client = pytest.importorskip("jupyter_client.manager")
    import os

    km, kc = jupyter_client.start_new_kernel(kernel_name="python3", env={
        **os.environ, "PYTHONPATH": str(Path(hubwidgets.__file__).parent.parent)})
    out: list[str] = []

    def run(code: str) -> None:
        reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: out.append(
            m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
        assert reply["content"]["status"] == "ok", reply["content"]

    try:
        run(KERNEL_SETUP.format(root=str(folder)))
        assert out[-1].strip() == "task"
        time.sleep(0.3)
        (folder / "notes" / "note-a.md").write_text("---\nid: note-a\ntitle: From disk\n---\n")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            run("print(cat.get('note-a').title, seen)")
            if out[-1].startswith("From disk"):
                break
            time.sleep(0.1)
        assert out[-1].strip() == "From disk [(['note-a'], 'MainThread')]"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
