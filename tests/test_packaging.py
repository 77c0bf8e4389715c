"""Packaging: a wheel built from the repository, installed into a clean venv (no extras), finds the
bundled hub, and names each missing optional extra in one line wherever it is needed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(REPO)], check=True, timeout=600)
    (whl,) = out.glob("hubwidgets-*.whl")
    return whl


def test_wheel_ships_the_data_and_the_front_end(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hubwidgets/data/hubs/domain-training.yaml" in names
    assert "hubwidgets/data/related.json" in names
    notes = [n for n in names if n.startswith("hubwidgets/data/notes/") and n.endswith(".md")]
    assert len(notes) == len(list((REPO / "data" / "notes").glob("*.md")))
    assert {"hubwidgets/static/hub.js", "hubwidgets/static/hub.css"} <= names


@pytest.fixture(scope="module")
def clean_env(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed as a user would: ``pip install hubwidgets``, no extras."""
    env_dir = tmp_path_factory.mktemp("clean") / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
    return env_dir


def test_clean_venv_install_shows_the_bundled_hub_from_any_directory(clean_env, tmp_path):
    env_dir = clean_env
    py = env_dir / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import hubwidgets, json\n"
        "from hubwidgets.datadir import bundled_data_dir\n"
        "from hubwidgets import hub\n"
        "h = hub.hub('domain-training')\n"
        "w = hub.show('domain-training')\n"
        "print(json.dumps({'notes': h.n_notes, 'sections': h.n_sections,\n"
        "                  'data': str(bundled_data_dir()), 'widget': type(w).__name__}))\n"
    )
    out = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=elsewhere,
                         check=True, timeout=300)
    info = json.loads(out.stdout.strip().splitlines()[-1])
    assert (info["notes"], info["sections"]) == (31, 9)
    assert "site-packages" in info["data"] and not info["data"].startswith(str(REPO))
    assert info["widget"] == "HubWidget"
    cli = subprocess.run([str(env_dir / "bin" / "hubwidgets"), "validate"], capture_output=True,
                         text=True, cwd=elsewhere, timeout=300)
    assert cli.returncode == 0 and "31 of 38 declared notes" in cli.stdout


def _one_line(extra: str) -> str:
    return f'pip install "hubwidgets[{extra}]"'


def test_each_missing_extra_is_named_in_one_line(clean_env, tmp_path):
    """Without extras: Python warns and answers with what it has, the widget's answers carry the line,
    the CLI prints it alone and exits 1 before writing anything."""
    py = clean_env / "bin" / "python"
    cli = clean_env / "bin" / "hubwidgets"
    probe = subprocess.run([str(py), "-c", "import importlib.util as u; print([u.find_spec(m) is None "
                            "for m in ('sklearn', 'networkx', 'nbclient')])"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[True, True, True]", "the clean venv must lack every extra"
    folder = tmp_path / "my-notes"  # a person's folder: no related.json, so similarity is needed
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("related.json", "pages"))
    code = (
        "import json, sys, warnings\n"
        "import hubwidgets\n"
        "cat = hubwidgets.load(sys.argv[1])\n"
        "nid = 'can-we-train-better-models-on-less-data'\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        "    warnings.simplefilter('always')\n"
        "    related = cat.related(nid)\n"
        "w = cat.show('domain-training')\n"
        "reply = w.answer({'type': 'related', 'id': nid, 'request': 1})\n"
        "note = w.answer({'type': 'note', 'id': nid, 'request': 2})\n"
        "w.answer({'type': 'graph', 'request': 3})\n"
        "try:\n"
        "    hubwidgets.convert_hub('domain-training', sys.argv[2], execute=True)\n"
        "    raised = ''\n"
        "except ImportError as exc:\n"
        "    raised = f'{type(exc).__name__}: {exc}'\n"
        "print(json.dumps({'warnings': [f'{x.category.__name__}: {x.message}' for x in seen],\n"
        "    'related_rows': len(related), 'related_items': reply.get('items'),\n"
        "    'notice': reply.get('notice'), 'note_notice': note.get('notice'),\n"
        "    'graph': w.graph, 'raised': raised}))\n"
    )
    out = tmp_path / "notebooks"
    run = subprocess.run([str(py), "-c", code, str(folder), str(out)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    similarity = [w for w in got["warnings"] if _one_line("similarity") in w]
    assert len(similarity) == 1 and similarity[0].startswith("MissingExtraWarning: ")
    assert "\n" not in similarity[0]
    # explicit [[links]] still answer; only the text-similarity part is missing, and the page says so
    assert all(item["kind"] != "computed" for item in got["related_items"])
    assert _one_line("similarity") in got["notice"] and _one_line("similarity") in got["note_notice"]
    assert _one_line("graph") in got["graph"]["error"]
    assert got["raised"].startswith("MissingExtraError: ") and _one_line("execute") in got["raised"]
    assert not out.exists(), "convert must stop before it writes a notebook"

    def cli_run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(cli), *args], capture_output=True, text=True, cwd=tmp_path,
                              timeout=300)

    before = sorted(p.name for p in folder.iterdir())
    for args, extra in ((("related", "--data", str(folder)), "similarity"),
                        (("convert", "domain-training", "--out", str(out), "--execute"), "execute")):
        res = cli_run(*args)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 1, (args, res.stderr)
        assert len(lines) == 1 and _one_line(extra) in lines[0] and "Traceback" not in res.stderr
    assert not out.exists() and sorted(p.name for p in folder.iterdir()) == before
    # a command that can still answer warns in one line and goes on (exit 0)
    res = cli_run("search", "rubric", "--data", str(folder))
    assert res.returncode == 0 and "rubric" in res.stdout.lower()
