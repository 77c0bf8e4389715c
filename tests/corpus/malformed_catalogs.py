"""Broken catalog folders, built on demand in a temporary folder.

Binary files, a 50 MB note and symlinks are better generated than committed, so each case is a
small function that writes its broken files beside a good base catalog. A case says which
problems (file, field, code) loading it must report and which notes must still load.

Used by ``tests/test_hostile_catalog.py`` (library) and ``tests/test_hostile_cli.py`` (the
``hubwidgets validate`` command in a subprocess).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

# The good base: every case must still load these, unchanged.
GOOD_NOTES = {
    "good-one": {"title": "The first good note", "summary": "Always loads.", "related": ["good-two"]},
    "good-two": {"title": "The second good note", "summary": "Also always loads.", "tags": ["base"]},
}
GOOD_HUB = {"id": "good-hub", "title": "A good hub", "declared_notes": 2,
            "sections": [{"title": "Basics", "declared_notes": 2, "notes": ["good-one", "good-two"]}]}
# Marker file a YAML tag would create if the loader ever built Python objects.
PWNED_MARKER = "pwned-by-yaml"


@dataclass(frozen=True)
class Expected:
    """A problem loading must report: the file (relative to the catalog), field and code."""

    file: str
    field: str
    code: str
    severity: str = "error"


@dataclass
class BrokenCatalog:
    """One malformed catalog: what to write, what must be reported, what must still load."""

    name: str
    build: Callable[[Path], None]
    expect: tuple[Expected, ...]
    loads: tuple[str, ...] = ()  # further note ids that must load (besides GOOD_NOTES)
    rejects: tuple[str, ...] = ()  # note ids that must not be in the catalog

    @property
    def exit_status(self) -> int:
        """What ``hubwidgets validate`` must return: 1 when an error is expected, else 0."""
        return 1 if any(e.severity == "error" for e in self.expect) else 0


def front(fields: dict, body: str = "") -> str:
    """A note file's text: YAML front matter and a body."""
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n" + body


def write_base(root: Path) -> None:
    """The good notes and hub every case starts from."""
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "hubs").mkdir(parents=True, exist_ok=True)
    for nid, fields in GOOD_NOTES.items():
        (root / "notes" / f"{nid}.md").write_text(front({"id": nid, **fields}, "A body.\n"),
                                                  encoding="utf-8")
    (root / "hubs" / "good-hub.yaml").write_text(yaml.safe_dump(GOOD_HUB, sort_keys=False),
                                                 encoding="utf-8")


def build(case: BrokenCatalog, root: Path) -> Path:
    """Write the base catalog and the case's broken files under ``root``; returns ``root``."""
    write_base(root)
    case.build(root)
    return root


def _note(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")

    return write


def _many(*writers: Callable[[Path], None]) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        for w in writers:
            w(root)

    return write


def _hub(name: str, spec: object) -> Callable[[Path], None]:
    return _note(f"hubs/{name}.yaml", yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))


def _huge_note(root: Path) -> None:
    """A 50 MB note: valid front matter, then a sparse tail (no 50 MB written to disk)."""
    path = root / "notes" / "huge.md"
    path.write_text(front({"id": "huge", "title": "Huge"}, "x\n"), encoding="utf-8")
    with open(path, "r+b") as fh:
        fh.truncate(50 * 1024 * 1024)


def _big_but_allowed(root: Path) -> None:
    """A 4.5 MB body: under the 5 MB limit, so it loads."""
    body = ("A long paragraph of text that repeats. " * 20 + "\n\n") * 5600
    (root / "notes" / "big-body.md").write_text(front({"id": "big-body", "title": "Big body"}, body),
                                                encoding="utf-8")


def _symlink(rel: str, target: str | Path) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        target_path = Path(target)
        if not target_path.is_absolute() and str(target).startswith("@outside/"):
            outside = root.parent / "outside"
            outside.mkdir(exist_ok=True)
            (outside / "secret.md").write_text(front({"id": "secret", "title": "Secret"}, "private\n"),
                                               encoding="utf-8")
            target_path = outside / str(target)[len("@outside/"):]
        os.symlink(target_path, link)

    return write


def _non_utf8_name(root: Path) -> None:
    name = os.fsencode(root / "notes") + b"/caf\xe9-latin1.md"
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(front({"id": "odd-file-name", "title": "Odd file name"}))


def _alias_bomb() -> str:
    lines = ["---", "title: A billion laughs", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join([*lines, "---", "body"]) + "\n"


E = Expected
N = "notes/"
CASES: list[BrokenCatalog] = [
    # -- front matter that is not YAML, not closed, not there
    BrokenCatalog("invalid-yaml", _note(N + "bad-yaml.md", "---\ntitle: [unclosed\nsummary: x\n---\n"),
                  (E(N + "bad-yaml.md", "", "invalid-yaml"),), rejects=("bad-yaml",)),
    BrokenCatalog("yaml-bad-indent", _note(N + "bad-indent.md", "---\ntitle: a\n  summary: b\n - c\n---\n"),
                  (E(N + "bad-indent.md", "", "invalid-yaml"),), rejects=("bad-indent",)),
    BrokenCatalog("unclosed-front-matter", _note(N + "unclosed.md", "---\ntitle: Never closed\n\nA body.\n"),
                  (E(N + "unclosed.md", "", "unclosed-front-matter"),), rejects=("unclosed",)),
    BrokenCatalog("only-opening-fence", _note(N + "fence.md", "---"),
                  (E(N + "fence.md", "", "unclosed-front-matter"),), rejects=("fence",)),
    BrokenCatalog("no-front-matter", _note(N + "plain.md", "# Just Markdown\n\nNo front matter.\n"),
                  (E(N + "plain.md", "", "no-front-matter"),), rejects=("plain",)),
    BrokenCatalog("empty-file", _note(N + "empty.md", ""),
                  (E(N + "empty.md", "", "no-front-matter"),), rejects=("empty",)),
    BrokenCatalog("front-matter-is-a-list", _note(N + "listy.md", "---\n- a\n- b\n---\n"),
                  (E(N + "listy.md", "", "front-matter-not-mapping"),), rejects=("listy",)),
    BrokenCatalog("front-matter-is-text", _note(N + "texty.md", "---\njust some words\n---\n"),
                  (E(N + "texty.md", "", "front-matter-not-mapping"),), rejects=("texty",)),
    BrokenCatalog("empty-front-matter", _note(N + "bare.md", "---\n---\nOnly a body.\n"),
                  (E(N + "bare.md", "title", "missing-field"),), loads=("bare",)),
    # -- wrong types
    BrokenCatalog("title-is-a-mapping", _note(N + "title-map.md", front({"title": {"a": 1}})),
                  (E(N + "title-map.md", "title", "wrong-type"),), loads=("title-map",)),
    BrokenCatalog("title-is-a-list", _note(N + "title-list.md", front({"title": ["a", "b"]})),
                  (E(N + "title-list.md", "title", "wrong-type"),), loads=("title-list",)),
    BrokenCatalog("title-is-a-boolean", _note(N + "title-bool.md", "---\ntitle: yes\n---\n"),
                  (E(N + "title-bool.md", "title", "wrong-type"),), loads=("title-bool",)),
    BrokenCatalog("summary-is-a-list", _note(N + "summary-list.md", front({"title": "S", "summary": [1]})),
                  (E(N + "summary-list.md", "summary", "wrong-type"),), loads=("summary-list",)),
    BrokenCatalog("tags-is-a-number", _note(N + "tags-num.md", front({"title": "T", "tags": 5})),
                  (E(N + "tags-num.md", "tags", "wrong-type"),), loads=("tags-num",)),
    BrokenCatalog("tags-nested", _note(N + "tags-nest.md", front({"title": "T", "tags": [["a"], {"b": 1}]})),
                  (E(N + "tags-nest.md", "tags", "wrong-type"),), loads=("tags-nest",)),
    BrokenCatalog("related-is-a-mapping", _note(N + "rel-map.md", front({"title": "R", "related": {"a": 1}})),
                  (E(N + "rel-map.md", "related", "wrong-type"),), loads=("rel-map",)),
    BrokenCatalog("sources-are-numbers", _note(N + "src-num.md", front({"title": "S", "sources": [1, 2]})),
                  (E(N + "src-num.md", "sources", "wrong-type"),), loads=("src-num",)),
    # -- missing ids or titles, ids that are path traversals
    BrokenCatalog("missing-title", _note(N + "no-title.md", front({"summary": "No title here."})),
                  (E(N + "no-title.md", "title", "missing-field"),), loads=("no-title",)),
    BrokenCatalog("missing-id-bad-file-name", _note(N + "Not A Slug.md", front({"title": "No id"})),
                  (E(N + "Not A Slug.md", "id", "invalid-id"),)),
    BrokenCatalog("id-is-null", _note(N + "null-id.md", "---\nid: null\ntitle: Null id\n---\n"),
                  (E(N + "null-id.md", "id", "invalid-id"),), rejects=("null-id",)),
    BrokenCatalog("id-path-traversal",
                  _note(N + "trav.md", front({"id": "../../../etc/passwd", "title": "T"})),
                  (E(N + "trav.md", "id", "invalid-id"),), rejects=("trav",)),
    BrokenCatalog("id-absolute-path", _note(N + "abs.md", front({"id": "/etc/passwd", "title": "T"})),
                  (E(N + "abs.md", "id", "invalid-id"),), rejects=("abs",)),
    BrokenCatalog("id-windows-path", _note(N + "win.md", front({"id": "..\\..\\boot.ini", "title": "T"})),
                  (E(N + "win.md", "id", "invalid-id"),), rejects=("win",)),
    BrokenCatalog("id-not-ascii", _note(N + "uni.md", front({"id": "Ünïcödé id", "title": "T"})),
                  (E(N + "uni.md", "id", "invalid-id"),), rejects=("uni",)),
    BrokenCatalog("related-path-traversal",
                  _note(N + "rel-trav.md", front({"title": "R", "related": ["../../etc/passwd"]})),
                  (E(N + "rel-trav.md", "related", "invalid-link"),), loads=("rel-trav",)),
    # -- duplicates, links
    BrokenCatalog("duplicate-id", _note(N + "copy-of-one.md", front({"id": "good-one", "title": "Impostor"})),
                  (E(N + "copy-of-one.md", "id", "duplicate-id"),)),
    BrokenCatalog("duplicate-id-twice",
                  _many(_note(N + "a-copy.md", front({"id": "shared", "title": "A"})),
                        _note(N + "b-copy.md", front({"id": "shared", "title": "B"}))),
                  (E(N + "b-copy.md", "id", "duplicate-id"),), loads=("shared",)),
    BrokenCatalog("link-cycle",
                  _many(*(_note(N + f"cyc-{a}.md", front({"title": f"Cycle {a}", "related": [f"cyc-{b}"]},
                                                         f"See [[cyc-{b}]].\n"))
                          for a, b in (("a", "b"), ("b", "c"), ("c", "a")))),
                  (), loads=("cyc-a", "cyc-b", "cyc-c")),
    BrokenCatalog("self-link", _note(N + "selfish.md", front({"title": "Me", "related": ["selfish"]},
                                                            "[[selfish]]\n")),
                  (E(N + "selfish.md", "related", "self-link", "warning"),), loads=("selfish",)),
    BrokenCatalog("dangling-links", _note(N + "dangler.md", front({"title": "D", "related": ["ghost"]},
                                                                 "[[nowhere at all]]\n")),
                  (E(N + "dangler.md", "related", "dangling-link", "warning"),
                   E(N + "dangler.md", "body", "dangling-link", "warning")), loads=("dangler",)),
    # -- hubs
    BrokenCatalog("hub-lists-unknown-notes",
                  _hub("ghosts", {"title": "Ghosts",
                                  "sections": [{"title": "S", "notes": ["good-one", "ghost"]}]}),
                  (E("hubs/ghosts.yaml", "sections[1].notes", "missing-note"),)),
    BrokenCatalog("hub-invalid-yaml", _note("hubs/broken.yaml", "title: [oops\nsections: {\n"),
                  (E("hubs/broken.yaml", "", "invalid-yaml"),)),
    BrokenCatalog("hub-is-a-list", _note("hubs/listy.yaml", "- a\n- b\n"),
                  (E("hubs/listy.yaml", "", "hub-not-mapping"),)),
    BrokenCatalog("hub-sections-is-text", _hub("texty", {"title": "T", "sections": "all of them"}),
                  (E("hubs/texty.yaml", "sections", "wrong-type"),)),
    BrokenCatalog("hub-section-without-title",
                  _hub("untitled", {"title": "T", "sections": [{"notes": ["good-one"]}]}),
                  (E("hubs/untitled.yaml", "sections[1].title", "missing-field"),)),
    BrokenCatalog("hub-counts-not-numbers",
                  _hub("counts", {"title": "T", "declared_notes": "many", "sections": [
                      {"title": "S", "declared_notes": -3, "notes": ["good-one"]}]}),
                  (E("hubs/counts.yaml", "declared_notes", "wrong-type"),
                   E("hubs/counts.yaml", "sections[1].declared_notes", "wrong-type"))),
    BrokenCatalog("hub-lists-path-traversal",
                  _hub("trav", {"title": "T", "sections": [{"title": "S", "notes": ["../../etc/passwd"]}]}),
                  (E("hubs/trav.yaml", "sections[1].notes", "invalid-id"),)),
    BrokenCatalog("hub-id-path-traversal", _hub("hub-trav", {"id": "../../x", "title": "T"}),
                  (E("hubs/hub-trav.yaml", "id", "invalid-id"),)),
    BrokenCatalog("hub-too-large",
                  _note("hubs/huge.yaml", "title: Huge\n#" + "x" * (1024 * 1024 + 10) + "\n"),
                  (E("hubs/huge.yaml", "", "too-large"),)),
    # -- bytes that are not UTF-8 text, sizes
    BrokenCatalog("binary-file",
                  _note(N + "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                  (E(N + "image.md", "", "binary-file"),), rejects=("image",)),
    BrokenCatalog("latin-1-file", _note(N + "latin.md", "---\ntitle: Café crème\n---\n".encode("latin-1")),
                  (E(N + "latin.md", "", "not-utf8"),), rejects=("latin",)),
    BrokenCatalog("utf-16-file", _note(N + "wide.md", "---\ntitle: Wide\n---\n".encode("utf-16")),
                  (E(N + "wide.md", "", "binary-file"),), rejects=("wide",)),
    BrokenCatalog("50-mb-note", _huge_note, (E(N + "huge.md", "", "too-large"),), rejects=("huge",)),
    BrokenCatalog("4-mb-note-loads", _big_but_allowed, (), loads=("big-body",)),
    BrokenCatalog("10000-character-title", _note(N + "long-title.md", front({"title": "Why " * 2500})),
                  (E(N + "long-title.md", "title", "long-field", "warning"),), loads=("long-title",)),
    # -- YAML that attacks the parser
    BrokenCatalog("deeply-nested-flow-yaml",
                  _note(N + "deep.md", "---\ntitle: Deep\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"),
                  (E(N + "deep.md", "", "invalid-yaml"),), rejects=("deep",)),
    BrokenCatalog("deeply-nested-block-yaml",
                  _note(N + "deep-block.md", "---\ntitle: Deep\nx: " + "- " * 100_000 + "end\n---\n"),
                  (E(N + "deep-block.md", "", "invalid-yaml"),), rejects=("deep-block",)),
    BrokenCatalog("nested-yaml-2000-levels",
                  _note(N + "deep-2000.md", "---\ntitle: Deep\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n"),
                  (E(N + "deep-2000.md", "", "invalid-yaml"),), rejects=("deep-2000",)),
    BrokenCatalog("deeply-nested-hub",
                  _note("hubs/deep-hub.yaml",
                        "title: Deep\nx: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"),
                  (E("hubs/deep-hub.yaml", "", "invalid-yaml"),)),
    BrokenCatalog("yaml-alias-bomb", _note(N + "laughs.md", _alias_bomb()),
                  (E(N + "laughs.md", "", "invalid-yaml"),), rejects=("laughs",)),
    BrokenCatalog("yaml-recursive-alias", _note(N + "ouroboros.md", "---\ntitle: Loop\nx: &a [1, *a]\n---\n"),
                  (E(N + "ouroboros.md", "", "invalid-yaml"),), rejects=("ouroboros",)),
    BrokenCatalog("yaml-python-object-tag",
                  _note(N + "pyobj.md",
                        f"---\ntitle: !!python/object/apply:os.system ['touch {PWNED_MARKER}']\n---\n"),
                  (E(N + "pyobj.md", "", "invalid-yaml"),), rejects=("pyobj",)),
    BrokenCatalog("yaml-python-name-tag",
                  _note(N + "pyname.md", "---\ntitle: Name\nx: !!python/name:os.system\n---\n"),
                  (E(N + "pyname.md", "", "invalid-yaml"),), rejects=("pyname",)),
    BrokenCatalog("hub-python-object-tag",
                  _note("hubs/pyhub.yaml",
                        f"title: !!python/object/new:os.system ['touch {PWNED_MARKER}']\n"),
                  (E("hubs/pyhub.yaml", "", "invalid-yaml"),)),
    # -- symlinks
    BrokenCatalog("symlink-to-file-outside", _symlink(N + "leak.md", "@outside/secret.md"),
                  (E(N + "leak.md", "", "symlink-outside"),), rejects=("leak", "secret")),
    BrokenCatalog("symlink-to-folder-outside", _symlink(N + "elsewhere", "@outside/"),
                  (E(N + "elsewhere", "", "symlink-outside"),), rejects=("secret",)),
    BrokenCatalog("symlink-to-etc-passwd", _symlink(N + "passwd.md", "/etc/passwd"),
                  (E(N + "passwd.md", "", "symlink-outside"),), rejects=("passwd",)),
    BrokenCatalog("symlink-loop",
                  _many(_symlink(N + "loop-a.md", "loop-b.md"), _symlink(N + "loop-b.md", "loop-a.md")),
                  (E(N + "loop-a.md", "", "unreadable"), E(N + "loop-b.md", "", "unreadable"))),
    BrokenCatalog("symlink-folder-cycle", _symlink(N + "again", "."), (E(N + "again", "", "symlink-cycle"),)),
    BrokenCatalog("symlink-to-parent-folder", _symlink(N + "up", ".."), (E(N + "up", "", "symlink-cycle"),)),
    BrokenCatalog("dangling-symlink", _symlink(N + "gone.md", "does-not-exist.md"),
                  (E(N + "gone.md", "", "unreadable"),)),
    # -- file names and related.json
    BrokenCatalog("file-name-not-utf8", _non_utf8_name, (), loads=("odd-file-name",)),
    BrokenCatalog("related-json-corrupt", _note("related.json", '{"links": {"good-one": [["good-two", '),
                  (E("related.json", "", "invalid-related"),)),
    BrokenCatalog("related-json-wrong-shape", _note("related.json", '{"links": [1, 2, 3]}'),
                  (E("related.json", "", "invalid-related"),)),
]
