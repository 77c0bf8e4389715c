"""The converter on hostile input: payloads stay inert text, notebooks stay valid, nothing is lost.

Every XSS payload, placed in titles, summaries, section names, tags, links and bodies through
the real importer, is converted; a converter killed mid-write leaves every notebook either
old or new; notebooks read back into the notes they came from.
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from markdown_it import MarkdownIt

from hubwidgets.catalog import Catalog
from hubwidgets.cells import canonical_body
from hubwidgets.convert import convert_hub, from_notebook

from .corpus import payload_catalog, xss_payloads

# What CommonMark gives for escaped text, headings, lists and links: nothing that runs.
MARKDOWN_TAGS = {"h1", "h2", "p", "ul", "li", "a", "em", "strong", "code", "br"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def rendered_tags(markdown: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Tags of the HTML a Markdown cell renders to (raw HTML allowed, as in Jupyter)."""
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    return parser.tags


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[Catalog, Path, object]:
    root = tmp_path_factory.mktemp("hostile")
    cat = Catalog.load(payload_catalog(root / "data"), cache=False)
    report = convert_hub("hostile", root / "out", catalog=cat, progress=False)
    return cat, root / "out", report


def test_every_payload_note_converts_to_a_valid_untrusted_notebook(converted):
    _cat, out, report = converted
    assert report.ok and not report.skipped
    paths = sorted(out.glob("*.ipynb"))
    assert len(paths) == len(xss_payloads()) + 1  # every note and the index
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert "signature" not in nb.metadata  # never marked trusted
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_no_payload_becomes_code(converted):
    _cat, out, _ = converted
    for path in out.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            role = cell.metadata["hubwidgets"]["role"]
            ast.parse(cell.source)  # a payload cannot break out of a string literal
            if role == "body":  # the note's own ```python block, verbatim
                assert cell.source.startswith("print(")
                continue
            assert role in {"card", "related-code", "index"}, role
            assert "__pwned" not in cell.source and "<" not in cell.source


def test_generated_markdown_shows_payloads_as_text(converted):
    _cat, out, _ = converted
    for path in out.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            role = cell.metadata["hubwidgets"]["role"]
            if cell.cell_type != "markdown" or role == "body":
                continue
            for tag, attrs in rendered_tags(cell.source):
                assert tag in MARKDOWN_TAGS, (path.name, tag, cell.source[:200])
                for name, value in attrs:
                    assert not name.startswith("on"), (path.name, name)
                    if name == "href":
                        assert value and value.endswith(".ipynb") and ":" not in value, value


def test_bodies_stay_the_persons_markdown_and_notebooks_read_back(converted):
    cat, out, _ = converted
    for note in cat.hub("hostile").notes:
        nb = nbformat.read(out / f"{note.id}.ipynb", as_version=4)
        body_cells = [c for c in nb.cells if c.metadata["hubwidgets"]["role"] == "body"]
        assert all(c.cell_type == "markdown" or c.source.startswith("print(") for c in body_cells)
        back = from_notebook(out / f"{note.id}.ipynb")
        assert (back.id, back.title, back.summary, back.tags, back.sources) == (
            note.id, note.title, note.summary, note.tags, note.sources)
        assert back.body == canonical_body(note.body)


def test_a_persons_edit_to_a_hostile_notebook_survives_reconversion(converted, tmp_path):
    cat, out, _ = converted
    note = cat.hub("hostile").notes[3]
    path = out / f"{note.id}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("My own words, keep them."))
    nbformat.write(nb, path)
    report = convert_hub("hostile", out, catalog=cat, progress=False)
    assert str(path) in report.skipped
    assert "My own words, keep them." in path.read_text(encoding="utf-8")


CHILD = """
import sys
from hubwidgets.catalog import Catalog
from hubwidgets.convert import convert_hub
cat = Catalog.load(sys.argv[1], cache=False)
print("ready", flush=True)
convert_hub("big", sys.argv[2], catalog=cat, progress=False)
print("done", flush=True)
"""


def _big_catalog(root: Path, version: str) -> Path:
    """24 notes of ~100 KB: writing them takes long enough for a kill to land in the middle."""
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "hubs").mkdir(parents=True, exist_ok=True)
    ids = [f"note-{i:02d}" for i in range(24)]
    para = f"Version {version} paragraph with <b>markup</b> and `code`. " * 40
    for nid in ids:
        (root / "notes" / f"{nid}.md").write_text(
            f"---\nid: {nid}\ntitle: {nid} version {version}\n---\n" + (para + "\n\n") * 50,
            encoding="utf-8")
    sections = "\n".join(f"  - {nid}" for nid in ids)
    (root / "hubs" / "big.yaml").write_text(f"title: Big\nsections:\n- title: All\n  notes:\n{sections}\n",
                                            encoding="utf-8")
    (root / "related.json").write_text('{"links": {}}', encoding="utf-8")  # no TF-IDF needed
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}


def _run_child(data: Path, out: Path, kill_after_changes: int | None) -> None:
    """Convert in a subprocess; SIGKILL it as soon as ``kill_after_changes`` notebooks have
    been replaced (polled by modification time), or let it finish when ``None``."""
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.ipynb")}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(out)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while kill_after_changes is not None and child.poll() is None and time.monotonic() < deadline:
            changed = 0
            for name, mtime in before.items():
                try:
                    changed += (out / name).stat().st_mtime_ns != mtime
                except FileNotFoundError:  # a loss: the snapshot check after the kill fails on it
                    changed += 1
            if changed >= kill_after_changes:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        child.wait(timeout=60)
    finally:
        child.stdout.close()


def test_a_converter_killed_mid_write_leaves_every_notebook_old_or_new(tmp_path):
    data_a, data_b = _big_catalog(tmp_path / "a" / "data", "A"), _big_catalog(tmp_path / "b" / "data", "B")
    convert_hub("big", tmp_path / "a" / "out", catalog=Catalog.load(data_a, cache=False), progress=False)
    old = _snapshot(tmp_path / "a" / "out")
    out = tmp_path / "b" / "out"  # same depth as a/out: the catalog path inside is the same

    def start_from_old() -> None:
        out.mkdir(exist_ok=True)
        for name, text in old.items():
            (out / name).write_bytes(text)

    start_from_old()
    _run_child(data_b, out, None)  # an uninterrupted run gives the new notebooks
    new = _snapshot(out)
    assert new.keys() == old.keys() and all(old[k] != new[k] for k in old)
    mixed = 0
    for changes in (1, 4, 12):
        start_from_old()
        time.sleep(0.01)  # a new write must get a later modification time than the restore
        _run_child(data_b, out, changes)
        now = _snapshot(out)
        assert now.keys() == old.keys()
        kinds = set()
        for name, text in now.items():
            assert text in (old[name], new[name]), f"{name} is neither old nor new after a kill"
            nbformat.validate(nbformat.reads(text.decode("utf-8"), as_version=4))
            kinds.add("new" if text == new[name] else "old")
        mixed += kinds == {"old", "new"}
        leftovers = [p.name for p in out.iterdir() if p.suffix != ".ipynb"]
        assert all(n.startswith(".") and n.endswith(".tmp") for n in leftovers), leftovers
        for stale in leftovers:
            os.unlink(out / stale)
    assert mixed >= 1, "no kill landed while notebooks were being written"  # killed after 1 of 25
    report = convert_hub("big", out, catalog=Catalog.load(data_b, cache=False), progress=False)
    assert report.ok and not report.skipped
    assert _snapshot(out) == new
