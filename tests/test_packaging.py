"""Packaging: a wheel built from the repository, installed into a clean venv, finds the bundled hub."""

from __future__ import annotations

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


def test_clean_venv_install_shows_the_bundled_hub_from_any_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
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
    import json

    info = json.loads(out.stdout.strip().splitlines()[-1])
    assert (info["notes"], info["sections"]) == (31, 9)
    assert "site-packages" in info["data"] and not info["data"].startswith(str(REPO))
    assert info["widget"] == "HubWidget"
    cli = subprocess.run([str(env_dir / "bin" / "hubwidgets"), "validate"], capture_output=True,
                         text=True, cwd=elsewhere, timeout=300)
    assert cli.returncode == 0 and "31 of 38 declared notes" in cli.stdout
