"""No lost write, no damaged file: atomic replace, compare-and-swap naming the stale file, two
processes editing one hub, and a process killed mid-edit leaving every file old or new."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hubwidgets
from hubwidgets.fsutil import (
    StaleFileError,
    Write,
    apply_writes,
    atomic_write,
    digest,
    folder_lock,
)

REPO = Path(__file__).resolve().parent.parent


def test_atomic_write_replaces_keeps_the_mode_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("old")
    os.chmod(path, 0o640)
    atomic_write(path, b"new \r\n bytes")
    assert path.read_bytes() == b"new \r\n bytes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    atomic_write(tmp_path / "b.md", b"fresh")
    assert (tmp_path / "b.md").read_bytes() == b"fresh"


def test_compare_and_swap_refuses_a_changed_file_and_writes_nothing(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_bytes(b"A")
    b.write_bytes(b"B")
    lock = tmp_path / "lock"
    writes = [Write(a, digest(b"A"), b"A2"), Write(b, digest(b"not B"), b"B2")]
    with pytest.raises(StaleFileError, match=r"b\.md changed on disk"):
        apply_writes(writes, lock)
    assert (a.read_bytes(), b.read_bytes()) == (b"A", b"B")  # checked first: a is not written either
    with pytest.raises(StaleFileError, match=r"c\.md was deleted"):
        apply_writes([Write(tmp_path / "c.md", digest(b"C"), b"C2")], lock)
    (tmp_path / "c.md").write_bytes(b"there")
    with pytest.raises(StaleFileError, match=r"c\.md was created"):
        apply_writes([Write(tmp_path / "c.md", None, b"C2")], lock)
    done = apply_writes(writes, lock, force=True)
    assert (a.read_bytes(), b.read_bytes()) == (b"A2", b"B2")
    assert [(w.before, w.after) for w in done] == [(b"A", b"A2"), (b"B", b"B2")]
    apply_writes([Write(a, digest(b"A2"), None)], lock)
    assert not a.exists()


def test_a_held_lock_times_out_with_a_clear_error(tmp_path):
    from hubwidgets.fsutil import LockTimeoutError

    lock = tmp_path / "lock"
    (tmp_path / "a").write_bytes(b"x")
    held = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from hubwidgets.fsutil import folder_lock\n"
        "with folder_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(30)\n"), str(lock)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    try:
        assert held.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeoutError, match="another process holds"):
            apply_writes([Write(tmp_path / "a", digest(b"x"), b"y")], lock, timeout=0.2)
        assert (tmp_path / "a").read_bytes() == b"x"
    finally:
        held.kill()
        held.wait()
        held.stdout.close()
    with folder_lock(lock, timeout=5):
        pass


EDITOR = """
import sys
import hubwidgets
from hubwidgets.fsutil import StaleFileError

cat = hubwidgets.load(sys.argv[1], cache=False)
print("ready", flush=True)
sys.stdin.readline()
retries = 0
for nid in sys.argv[2:]:
    while True:
        try:
            cat.hub("shared").add(nid, section="All")
            break
        except StaleFileError:
            retries += 1
            cat.reload()
print(retries, flush=True)
"""


def test_two_processes_editing_one_hub_lose_no_edit(make_catalog):
    ids = [f"n-{i:02d}" for i in range(24)]
    root = make_catalog({nid: {"title": nid} for nid in ids},
                        {"shared": {"title": "Shared", "sections": [{"title": "All", "notes": []}]}})
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    kids = [subprocess.Popen([sys.executable, "-c", EDITOR, str(root), *half], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env) for half in (ids[::2], ids[1::2])]
    for kid in kids:
        assert kid.stdout.readline().strip() == "ready"
    for kid in kids:  # both start together
        kid.stdin.write("go\n")
        kid.stdin.flush()
    retries = [int(kid.communicate(timeout=120)[0].strip()) for kid in kids]
    assert [kid.returncode for kid in kids] == [0, 0]
    hub = hubwidgets.load(root, cache=False).hub("shared")
    assert sorted(n.id for n in hub.notes) == ids, f"lost edits (retries: {retries})"


KILLED = """
import pathlib, pickle, sys
import hubwidgets

root = pathlib.Path(sys.argv[1])
record = sys.argv[2] if len(sys.argv) > 2 else None
states = []


def snap():
    if record:
        states.append({str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
                       if p.is_file() and not p.name.startswith(".")})


cat = hubwidgets.load(root, cache=False)
print("ready", flush=True)
body = "Version B paragraph with <b>markup</b> and `code`. " * 40
for round in range(3):
    for nid in cat.note_ids:
        cat.update_note(nid, body=(body + str(round) + "\\n\\n") * 50, tags=["b", str(round)])
        snap()
        cat.hub("big").move(nid, section="Round %d" % round)
        snap()
if record:
    pickle.dump(states, open(record, "wb"))
"""


def _big(root: Path) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / "hubs").mkdir()
    para = "Version A paragraph. " * 40
    for i in range(12):
        (root / "notes" / f"note-{i:02d}.md").write_text(
            f"---\nid: note-{i:02d}\ntitle: Note {i} # A\n---\n" + (para + "\n\n") * 50)
    notes = "\n".join(f"  - note-{i:02d}" for i in range(12))
    (root / "hubs" / "big.yaml").write_text(f"title: Big\nsections:\n- title: All\n  notes:\n{notes}\n")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def test_a_process_killed_mid_edit_leaves_every_file_old_or_new(tmp_path):
    """A series of 72 edits (a note's body and tags, then its place in the hub) is killed at
    several points: every file is a version some edit wrote, and the folder loads cleanly."""
    import pickle

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    initial = _files(_big(tmp_path / "initial"))
    full = _big(tmp_path / "full")  # every version of every file the whole series writes
    subprocess.run([sys.executable, "-c", KILLED, str(full), str(tmp_path / "states")], env=env,
                   check=True, timeout=300, stdout=subprocess.DEVNULL)
    states = pickle.loads((tmp_path / "states").read_bytes())
    seen: dict[str, set[bytes]] = {rel: {data} for rel, data in initial.items()}
    for state in states:
        for rel, data in state.items():
            seen[rel].add(data)
    assert len(seen["hubs/big.yaml"]) == 37 and len(seen["notes/note-00.md"]) == 4
    interrupted = 0
    for n, wait in enumerate((0.05, 0.3, 1.0)):
        root = _big(tmp_path / f"kill-{n}")
        child = subprocess.Popen([sys.executable, "-c", KILLED, str(root)], stdout=subprocess.PIPE,
                                 text=True, env=env)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(wait)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
        finally:
            child.stdout.close()
        now = _files(root)
        assert now.keys() == initial.keys()
        for rel, data in now.items():
            assert data in seen[rel], f"{rel} is no version an edit wrote, after a kill"
        interrupted += now not in (initial, states[-1])
        leftovers = [p.name for p in root.rglob(".*") if p.is_file()]
        assert all(name.endswith(".tmp") for name in leftovers), leftovers
        cat = hubwidgets.load(root, cache=False)
        assert not (cat.problems["severity"] == "error").any(), cat.problems
        assert len(cat) == 12 and cat.hub("big").n_notes == 12
    assert interrupted >= 1, "no kill landed in the middle of the edits"


def test_a_new_file_gets_the_umask_s_mode(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.md", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
