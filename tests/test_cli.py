"""The command line, run as a user runs it: a real subprocess, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hubwidgets.cli import build_parser

from .conftest import SEED_PAGE


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hubwidgets", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_every_command_has_help():
    _, handlers = build_parser()
    assert {"import-page", "validate", "related", "list", "search"} <= set(handlers)
    for name in handlers:
        out = run(name, "--help")
        assert out.returncode == 0, out.stderr
        assert "usage: hubwidgets " + name in out.stdout
    assert run("--help").returncode == 0


def test_validate_bundled_exits_0_and_reports_gaps():
    out = run("validate")
    assert out.returncode == 0, out.stderr
    assert "hub domain-training: 31 of 38 declared notes, 9 of 10 declared sections" in out.stdout
    assert "0 errors, 3 warnings" in out.stdout
    report = json.loads(run("validate", "--json").stdout)
    assert report["ok"] and report["notes"] == 31


def test_validate_exit_codes(make_catalog, tmp_path):
    bad = make_catalog(notes={"a": {"title": "A?"}}, raw={"notes/b.md": "no front matter\n"})
    assert run("validate", "--data", str(bad)).returncode == 0  # a vault note: fine as it is
    out = run("validate", "--strict", "--data", str(bad))
    assert out.returncode == 1
    assert "notes/b.md: error: no YAML front matter" in out.stdout
    assert "Traceback" not in out.stderr
    assert run("validate", "--data", str(tmp_path / "nope")).returncode == 2
    assert run("validate", "--bogus").returncode == 2


def test_import_page_then_validate(tmp_path):
    out = run("import-page", str(SEED_PAGE), "--hub", "dt", "--data", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "9 sections, 31 notes (31 created" in out.stdout
    assert "gap: hub: 38 notes declared, 31 shown" in out.stdout
    again = run("import-page", str(SEED_PAGE), "--hub", "dt", "--data", str(tmp_path))
    assert "31 unchanged" in again.stdout
    listing = run("list", "--data", str(tmp_path))
    assert listing.stdout.startswith("dt\t31 notes\t9 sections\t")
    assert run("validate", "--data", str(tmp_path)).returncode == 0


def test_import_page_without_header_is_a_readable_error(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("not a hub page\n", encoding="utf-8")
    out = run("import-page", str(page), "--data", str(tmp_path / "d"))
    assert out.returncode == 1
    assert "no 'Topic Hub · N linked notes · M sections' line found in page.txt" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [["search", "rubric"], ["list"]])
def test_read_commands_work_from_any_directory(args, tmp_path):
    out = run(*args, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip()


def test_search_unknown_hub_style_errors_are_not_tracebacks():
    out = run("search", "rubric", "--data", "/definitely/not/here")
    assert out.returncode == 2 and "no such folder" in out.stderr


def test_search_uses_the_query_language_with_snippets_and_hint():
    out = run("search", "rubrik -medical", "--limit", "3")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert "what-makes-rubric-based-reward-learning-resistant-to" in lines[0]
    assert "[Rubric]" in lines[1]  # not a terminal: matched words in brackets
    assert run("search", "rubrik", "--no-fuzzy").stdout.strip() == ""
    bad = run("search", '"rubric')
    assert bad.returncode == 0
    assert bad.stdout.splitlines()[0] == "note: unclosed quote: searched as plain words"
