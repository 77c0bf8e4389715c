"""The front end's unit tests (``tests/js/*.test.mjs``: node's test runner and jsdom) as pytest items.

Node runs once per session over every JS test file, with ``reporter.mjs`` printing one JSON line
per test; each line becomes one pytest item (passing, or failing with node's message), so pytest
counts the JS tests with the others. Without ``node`` or ``node_modules`` (``npm ci``) the items
are skipped, and fail instead under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NODE_TIMEOUT_S = 300


@dataclass
class NodeRun:
    """What one run of node's test runner reported: a row per test, or why it could not run."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""
    stderr: str = ""


_RUN = pytest.StashKey[NodeRun]()


def _test_files() -> list[Path]:
    return sorted(HERE.rglob("*.test.mjs"))


def _run_node() -> NodeRun:
    node = shutil.which("node")
    if node is None:
        return NodeRun(problem="node is not installed: the front-end tests need node >= 18 and npm "
                               "(Debian: apt-get install nodejs npm), then `npm ci`")
    if not (REPO / "node_modules" / "jsdom").is_dir():
        return NodeRun(problem="node_modules is missing: run `npm ci` (make test does)")
    cmd = [node, "--test", f"--test-reporter={HERE / 'reporter.mjs'}",
           "--test-reporter-destination=stdout", *map(str, _test_files())]
    try:
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=NODE_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        return NodeRun(problem=f"node --test did not finish in {NODE_TIMEOUT_S} s", stderr=str(exc.stderr))
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    run = NodeRun(rows=rows, stderr=done.stderr)
    if done.returncode != 0 and not any(r["status"] == "fail" for r in rows):
        run.problem = f"node --test exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return run


def _node_run(config: pytest.Config) -> NodeRun:
    if _RUN not in config.stash:
        config.stash[_RUN] = _run_node()
    return config.stash[_RUN]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(".test.mjs") and HERE in file_path.resolve().parents:
        return JSFile.from_parent(parent, path=file_path)
    return None


class JSFile(pytest.File):
    """One JS test file: an item per test node reported from it."""

    def collect(self):
        run = _node_run(self.config)
        if run.problem:
            yield JSProblem.from_parent(self, name="node", problem=run.problem)
            return
        mine = [r for r in run.rows if Path(r["file"]).resolve() == self.path.resolve()]
        if not mine:
            yield JSProblem.from_parent(self, name="no tests",
                                        problem=f"node reported no test from {self.path.name}\n{run.stderr}")
        seen: dict[str, int] = {}
        for row in mine:
            seen[row["name"]] = seen.get(row["name"], 0) + 1
            name = row["name"] if seen[row["name"]] == 1 else f"{row['name']} [{seen[row['name']]}]"
            yield JSItem.from_parent(self, name=name, row=row)


class JSTestFailed(Exception):
    """A JS test failed; the message is node's."""


class JSItem(pytest.Item):
    """One JS test, already run by node: passes, fails with node's message, or is skipped."""

    def __init__(self, *, row: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.row = row

    def runtest(self) -> None:
        status = self.row["status"]
        if status in ("skip", "todo"):
            pytest.skip(self.row.get("message") or status)
        if status != "pass":
            raise JSTestFailed(self.row.get("message") or "failed")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, JSTestFailed):
            return f"{self.path.name} > {self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"js: {self.name} ({self.row.get('duration_ms', 0):.1f} ms)"


class JSProblem(pytest.Item):
    """Node could not run the JS tests: skipped locally, a failure under CI=true."""

    def __init__(self, *, problem: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem = problem

    def runtest(self) -> None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes") or "no tests" in self.name:
            raise JSTestFailed(self.problem)
        pytest.skip(self.problem)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, JSTestFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"js: {self.name}"
