"""Which files of a folder are read, as what, and their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubwidgets.datadir import list_files
from hubwidgets.folderfiles import kind_of, read_text, scan
from hubwidgets.problems import Problem


def test_a_file_read_with_a_stale_size_is_read_whole_or_refused(tmp_path):
    """read_text trusts stat's size only as a first guess: a file that grew or shrank since is
    read whole, and one that grew over the limit is refused, never cut."""
    path = tmp_path / "note.md"
    text = "é" * 3000 + "\nend\n"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    for guess in (0, 1, size - 1, size, size + 1, 10 * size):
        assert read_text(str(path), "note.md", guess, 1 << 20) == (text, [])
    grown, problems = read_text(str(path), "note.md", 10, size - 1)
    assert grown is None and [p.code for p in problems] == ["too-large"]


def test_a_folder_reached_by_a_symlink_and_by_its_own_path_is_read_once(tmp_path):
    """Real folders are not resolved one by one any more: a symlink to a real folder must still be
    seen as the folder it is, whichever of the two the walk meets first (the order of a folder's
    entries is the file system's, so six pairs make both orders all but certain)."""
    for i in range(6):
        real, links = tmp_path / f"P{i}" / "X", tmp_path / f"P{i}" / "Y"
        real.mkdir(parents=True)
        links.mkdir()
        (real / f"Note {i}.md").write_text(f"# Note {i}\n\nText.\n", encoding="utf-8")
        (links / "L").symlink_to(real, target_is_directory=True)
    problems: list[Problem] = []
    found = scan(tmp_path, "", (".md",), problems)
    assert sorted(Path(rel).name for rel, _, _ in found) == [f"Note {i}.md" for i in range(6)]
    assert [p.code for p in problems] == ["symlink-cycle"] * 6


@pytest.mark.parametrize("layout", ["own", "vault"])
def test_kind_of_a_path_is_what_the_folder_read_gives_it(tmp_path, layout):
    """The watcher decides from a path alone whether a changed file matters (:func:`kind_of`):
    that must be the kind the folder read gives each file it lists, and nothing for the rest."""
    files = ["hubs/h.yaml", "hubs/h.yml", "hubs/MOC.md", "related.json", "README.md",
             ".obsidian/app.md", "notes/.hidden/x.md", "node_modules/p.md", "img/a.png", "a.txt",
             "hubs/sub/deep.yaml"]
    files += ["notes/a.md", "notes/sub/b.md"] if layout == "own" else ["a.md", "Daily/2026-12-05.md"]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}" if rel.endswith(".json") else "x\n", encoding="utf-8")
    note_root, listed = list_files(tmp_path, [], [], strict=False)
    assert note_root == ("notes" if layout == "own" else "")
    kinds = {rel: kind for kind, rel, *_ in listed}
    assert "notes/a.md" in kinds or "a.md" in kinds
    for rel in files:
        assert kind_of(rel, note_root) == kinds.get(rel), rel
