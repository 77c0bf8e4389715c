"""Binder: a fresh environment built from binder/ alone runs every notebook in notebooks/.

This does what repo2docker does, without a container engine: install binder/requirements.txt into a
new virtual environment, run binder/postBuild from the repository root, then execute each notebook
with nbclient in that environment's kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

RUNNER = r'''
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import nbformat
from nbclient import NotebookClient

def run(path):
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except Exception as exc:  # report every failure, not just the first
        return str(path), f"{type(exc).__name__}: {str(exc)[-2000:]}"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    return str(path), (f"{len(errors)} error outputs" if errors else "")

paths = sorted(Path(sys.argv[1]).rglob("*.ipynb"))
with ThreadPoolExecutor(max_workers=2) as pool:
    results = dict(pool.map(run, paths))
print(json.dumps(results))
'''


def _binder_python(tmp: Path) -> Path:
    env_dir = tmp / "binder-venv"
    venv.create(env_dir, with_pip=True, clear=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "-r",
                    str(REPO / "binder" / "requirements.txt")], check=True, timeout=1500)
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}:{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    # postBuild runs from the repository root, as in repo2docker; a copy keeps the checkout clean
    checkout = tmp / "repo"
    shutil.copytree(REPO, checkout, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "test-artifacts"))
    subprocess.run(["bash", "binder/postBuild"], cwd=checkout, env=env, check=True, timeout=600)
    return py


def test_every_notebook_runs_in_a_fresh_binder_environment(tmp_path):
    notebooks = sorted((REPO / "notebooks").rglob("*.ipynb"))
    assert {"00-tour.ipynb", "01-workshop.ipynb"} <= {p.name for p in notebooks}
    py = _binder_python(tmp_path)
    where = subprocess.run([str(py), "-c", "import hubwidgets, sys; print(hubwidgets.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert str(tmp_path / "binder-venv") in where.stdout  # the installed copy, not the checkout
    work = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", work)
    out = subprocess.run([str(py), "-c", RUNNER, str(work)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=1800,
                         env={**os.environ, "HUBWIDGETS_CACHE_DIR": str(tmp_path / "cache")})
    assert out.returncode == 0, out.stderr[-3000:]
    results = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(results) == len(notebooks)
    failures = {Path(p).relative_to(work).as_posix(): err for p, err in results.items() if err}
    assert failures == {}


def test_repo2docker_sees_python_311_requirements_and_postbuild():
    r2d = shutil.which("jupyter-repo2docker") or str(Path(sys.executable).parent /
                                                      "jupyter-repo2docker")
    out = subprocess.run([r2d, "--no-build", "--debug", str(REPO)], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout + out.stderr
    assert "python=3.11" in text
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in text
    assert "./binder/postBuild" in text


def test_binder_pins_every_dependency_the_lab_extra_needs():
    """postBuild installs hubwidgets with --no-deps, so requirements.txt must pin each distribution
    that ``pip install hubwidgets[lab]`` would bring directly: a new dependency forgotten there
    only fails when a workshop's Binder starts."""
    import re

    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]

    def names(specs: list[str]) -> set[str]:
        out: set[str] = set()
        for spec in specs:
            name = re.match(r"[A-Za-z0-9_.\-]+", spec).group(0).lower().replace("_", "-")
            if name == "hubwidgets":  # hubwidgets[a,b]: those extras' dependencies
                for extra in re.search(r"\[(.*)\]", spec).group(1).split(","):
                    out |= names(extras[extra.strip()])
            else:
                out.add(name)
        return out

    needed = names(project["dependencies"]) | names(extras["lab"])
    pinned = {line.split("==")[0].strip().lower().replace("_", "-")
              for line in (REPO / "binder" / "requirements.txt").read_text().splitlines()
              if "==" in line and not line.lstrip().startswith("#")}
    assert sorted(needed - pinned) == []
