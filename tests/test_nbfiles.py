"""Notebook files: atomic writes survive a killed writer; edits are detected by content hash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.convert import note_to_notebook, to_notebook
from hubwidgets.nbfiles import notebook_text, write_notebook
from hubwidgets.notes import Note

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
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55, 0.89):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(tmp_path / "a"),
                                 str(tmp_path / "b")], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        text = target.read_text()
        assert text in (old, new), f"truncated notebook after a kill at {delay}s"
        nbformat.validate(nbformat.reads(text, as_version=4))
    # leftovers of a killed write are hidden temporary files, never the notebook itself
    assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p.name.endswith(".tmp"))


# -- the writer's text, path safety ------------------------------------------------------------


def test_text_is_byte_identical_to_nbformat_for_every_bundled_note(bundled):
    for nid in bundled.note_ids:
        nb = to_notebook(nid, bundled)
        assert notebook_text(nb) == nbformat.writes(nb) + "\n", nid


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_text_matches_nbformat_for_any_sources(title, body):
    nb = note_to_notebook(Note(id="n", title=title or "t", body=body))
    assert notebook_text(nb) == nbformat.writes(nb) + "\n"


def test_notebooks_with_outputs_take_nbformats_own_writer():
    nb = note_to_notebook(Note(id="n", title="t", body="```python\nprint(1)\n```"))
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")]
    nb.metadata["signature"] = "transient"
    assert notebook_text(nb) == nbformat.writes(nb) + "\n"
    assert '"signature"' not in notebook_text(nb)


def test_an_invalid_notebook_is_never_written(tmp_path):
    nb = note_to_notebook(Note(id="n", title="t"))
    nb.cells[0].cell_type = "nonsense"
    with pytest.raises(nbformat.ValidationError):
        write_notebook(nb, tmp_path, "n.ipynb")
    assert list(tmp_path.iterdir()) == []


def test_names_that_leave_the_folder_are_refused(tmp_path):
    nb = note_to_notebook(Note(id="n", title="t"))
    out = tmp_path / "out"
    for name in ("../escape.ipynb", "sub/x.ipynb", ".hidden.ipynb", "/etc/x.ipynb"):
        assert write_notebook(nb, out, name).status == "refused", name
    (out / "link.ipynb").symlink_to(tmp_path / "target.ipynb")
    assert write_notebook(nb, out, "link.ipynb").status == "refused"
    assert not (tmp_path / "target.ipynb").exists() and not (tmp_path / "escape.ipynb").exists()
    assert sorted(p.name for p in out.iterdir()) == ["link.ipynb"]


def test_a_successful_write_leaves_no_temporary_file(tmp_path):
    nb = note_to_notebook(Note(id="n", title="t"))
    assert write_notebook(nb, tmp_path, "n.ipynb").status == "written"
    assert [p.name for p in tmp_path.iterdir()] == ["n.ipynb"]
    assert Path(tmp_path / "n.ipynb").read_text(encoding="utf-8") == notebook_text(nb)
