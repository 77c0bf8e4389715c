"""The ``hubwidgets`` command on hostile input, in subprocesses with a time and memory bound.

``validate`` on every malformed catalog must exit with the documented status (1 when there
are errors) and print a readable line per bad file; ``import-page`` on every malformed page
must give a clear message; neither may print a traceback, hang or blow up in memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .corpus import malformed_pages
from .corpus.malformed_catalogs import CASES, BrokenCatalog, build, front, write_base
from .test_hostile_catalog import time_limit

TIMEOUT = 60  # seconds; each run takes about one
MAX_RSS_MB = 600  # the interpreter with pandas is ~100 MB; a blow-up would be far above this


@dataclass
class Run:
    """What one command run gave."""

    status: int
    out: str
    err: str
    seconds: float
    max_rss_mb: float


# ``python -m hubwidgets ARGS``, reporting the peak memory of its own address space at exit. The
# kernel's rusage for a child counts the parent's pages it was forked with (the high-water mark of
# the memory it replaced at exec), so a test run whose pytest process has grown past the bound
# would fail every command; /proc/self/status's VmHWM is the command's own peak.
LAUNCH = """
import atexit, os, runpy, sys
def _peak():
    with open(os.environ["HW_PEAK_FILE"], "w") as f:
        f.write(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1])
atexit.register(_peak)
sys.argv[0] = "hubwidgets"
runpy.run_module("hubwidgets", run_name="__main__", alter_sys=True)
"""


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run ``python -m hubwidgets ARGS``; fail on timeout; measure the child's peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "HW_PEAK_FILE": str(peak_file)}
        with open(Path(tmp) / "out", "w+b") as out, open(Path(tmp) / "err", "w+b") as err:
            started = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-c", LAUNCH, *args], stdout=out, stderr=err,
                                    cwd=cwd, env=env)
            try:
                proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise AssertionError(f"hubwidgets {' '.join(args)} ran over {TIMEOUT} s") from None
            seconds = time.monotonic() - started
            out.seek(0)
            err.seek(0)
            peak_kb = float(peak_file.read_text()) if peak_file.exists() else float("inf")
            return Run(proc.returncode, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"), seconds, peak_kb / 1024)


def assert_clean(run: Run) -> None:
    """No traceback, no time or memory blow-up, no raw control characters for the terminal."""
    assert "Traceback" not in run.err + run.out, run.err[-3000:]
    assert run.seconds < TIMEOUT
    assert run.max_rss_mb < MAX_RSS_MB, run.max_rss_mb
    for stream in (run.out, run.err):
        assert not any(c in stream for c in "\x1b\x07\x00\x9b"), stream[:2000]


def run_in_process(capsys, *args: str) -> Run:
    """``hubwidgets ARGS`` through :func:`hubwidgets.cli.main` in this process (no start-up cost),
    with a time bound; an exception escaping ``main`` fails the test like a traceback would."""
    from hubwidgets.cli import main

    started = time.monotonic()
    with time_limit(TIMEOUT):
        status = main(list(args))
    seconds = time.monotonic() - started
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err, seconds, 0.0)


# The cases most likely to crash, hang or grow memory also run as real subprocesses.
SUBPROCESS_CASES = {"invalid-yaml", "hub-lists-unknown-notes", "link-cycle", "binary-file",
                    "50-mb-note", "4-mb-note-loads", "deeply-nested-flow-yaml",
                    "deeply-nested-block-yaml", "deeply-nested-hub", "yaml-alias-bomb",
                    "yaml-recursive-alias", "yaml-python-object-tag", "symlink-loop",
                    "symlink-folder-cycle", "symlink-to-parent-folder", "file-name-not-utf8"}


def _check_validate_output(case: BrokenCatalog, run: Run) -> None:
    assert_clean(run)
    assert run.status == case.exit_status, run.out + run.err
    lines = run.out.splitlines()
    assert lines[-1].endswith("warnings") and lines[-1][0].isdigit()
    for expected in case.expect:
        # one line per problem: "file[:line]: severity: message [field]"
        mine = [line for line in lines if line.startswith(expected.file)
                and f": {expected.severity}: " in line]
        if expected.field:
            mine = [line for line in mine if line.endswith(f"[{expected.field}]")]
        assert mine, (expected, lines)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_each_malformed_catalog_readably(case: BrokenCatalog, tmp_path, capsys,
                                                          monkeypatch):
    root = build(case, tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    _check_validate_output(case, run_in_process(capsys, "validate", "--strict", "--data", str(root)))
    if case.name in SUBPROCESS_CASES:
        _check_validate_output(case, run_cli("validate", "--strict", "--data", str(root), cwd=tmp_path))


def test_the_subprocess_cases_exist():
    assert {c.name for c in CASES} >= SUBPROCESS_CASES


def test_validate_json_is_valid_for_every_kind_of_problem(tmp_path):
    """The JSON report of one catalog holding every malformed case at once."""
    root = tmp_path / "catalog"
    write_base(root)
    for case in CASES:
        case.build(root)
    run = run_cli("validate", "--strict", "--data", str(root), "--json", cwd=tmp_path)
    assert_clean(run)
    assert run.status == 1
    report = json.loads(run.out)
    assert report["ok"] is False and report["errors"] > 30
    good = next(h for h in report["hubs"] if h["hub"] == "good-hub")
    assert (good["notes_found"], good["notes_declared"]) == (2, 2)
    codes = {p["code"] for p in report["problems"]}
    assert {"invalid-yaml", "symlink-cycle", "symlink-outside", "binary-file", "not-utf8",
            "duplicate-id", "missing-note", "invalid-id", "wrong-type"} <= codes


def test_titles_with_terminal_escapes_are_printed_as_visible_text(tmp_path):
    """A hostile title cannot retitle the terminal window or hide lines with escape codes."""
    root = tmp_path / "catalog"
    write_base(root)
    evil = "Evil \x1b]0;pwned\x07 \x1b[2J\x1b[31mred\u009b title\r"
    (root / "notes" / "evil.md").write_text(front({"id": "evil", "title": evil}), encoding="utf-8")
    (root / "hubs" / "evil.yaml").write_text(
        f"title: Evil hub\nsections:\n- title: {json.dumps(evil)}\n  declared_notes: 5\n  notes: [evil]\n",
        encoding="utf-8")
    for args in (("validate",), ("list",), ("search", "evil")):
        run = run_cli(*args, "--data", str(root), cwd=tmp_path)
        assert_clean(run)
        assert run.status in (0, 1)
        if args[0] != "list":
            assert "Evil" in run.out


SUBPROCESS_PAGES = {*malformed_pages.GENERATED, malformed_pages.TOO_LARGE, "truncated-mid-card.txt",
                    "missing-header.txt", "control-characters.txt"}


@pytest.mark.parametrize("page", malformed_pages.names())
def test_import_page_gives_a_clear_message_for_every_malformed_page(page: str, tmp_path, capsys):
    path = malformed_pages.write(page, tmp_path)
    data = tmp_path / "data"
    if page in SUBPROCESS_PAGES:
        run = run_cli("import-page", str(path), "--data", str(data), cwd=tmp_path)
    else:
        run = run_in_process(capsys, "import-page", str(path), "--data", str(data))
    assert_clean(run)
    assert run.status in (0, 1), run.err
    if run.status == 1:  # a refusal or errors in the page: said on stderr, in words
        assert run.err.strip(), run.out
        assert all(line.startswith((str(path), "hubwidgets")) for line in run.err.splitlines()), run.err
    if (data / "hubs").is_dir():  # whatever was written is a catalog that validates without errors
        check = run_in_process(capsys, "validate", "--data", str(data), "--json")
        assert_clean(check)
        report = json.loads(check.out)
        assert report["errors"] == 0, report["problems"]


def test_import_page_with_a_hub_id_that_is_a_path_is_refused(tmp_path):
    path = malformed_pages.write("truncated-mid-card.txt", tmp_path)
    run = run_cli("import-page", str(path), "--hub", "../../outside", "--data", str(tmp_path / "d"),
                  cwd=tmp_path)
    assert_clean(run)
    assert run.status == 1
    assert "not a slug" in run.err
    assert not (tmp_path / "outside.yaml").exists() and not (tmp_path.parent / "outside.yaml").exists()


def test_import_page_says_which_unreadable_note_it_kept(tmp_path, capsys):
    path = malformed_pages.write("truncated-mid-card.txt", tmp_path)
    data = tmp_path / "data"
    assert run_in_process(capsys, "import-page", str(path), "--data", str(data)).status == 0
    note = sorted((data / "notes").glob("*.md"))[0]
    note.write_text("---\ntitle: [a typo\n---\nMy precious notes.\n", encoding="utf-8")
    run = run_in_process(capsys, "import-page", str(path), "--data", str(data))
    assert_clean(run)
    assert run.status == 1
    assert f"notes/{note.name}" in run.err and "kept as it is" in run.err
    assert "My precious notes." in note.read_text(encoding="utf-8")
