"""Notebook files: atomic writes survive a killed writer; edits are detected by content hash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import nbformat

WRITER = r'''
import sys
from pathlib import Path
from hubwidgets.nbfiles import atomic_write_text
path = Path(sys.argv[1]); a = Path(sys.argv[2]).read_text(); b = Path(sys.argv[3]).read_text()
print("ready", flush=True)
while True:
    atomic_write_text(path, b)
    atomic_write_text(path, a)
'''


def test_a_killed_writer_leaves_old_or_new_never_half(tmp_path):
    old = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("old")]))
    big = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\n" * 200_000)])
    new = nbformat.writes(big)
    (tmp_path / "a").write_text(old)
    (tmp_path / "b").write_text(new)
    target = tmp_path / "nb.ipynb"
    target.write_text(old)
    seen = set()
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55, 0.89):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(tmp_path / "a"),
                                 str(tmp_path / "b")], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        text = target.read_text()
        assert text in (old, new), f"truncated notebook after a kill at {delay}s"
        seen.add(text == new)
        nbformat.validate(nbformat.reads(text, as_version=4))
    # leftovers of a killed write are hidden temporary files, never the notebook itself
    assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
