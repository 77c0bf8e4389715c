"""The committed bundle (src/hubwidgets/static/hub.js, standalone.js) is what js/ builds.

anywidget and the HTML export load the committed files, so a source change without a rebuild
would ship the old front end. This test rebuilds into a temporary folder with the pinned esbuild
and compares byte for byte.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "src" / "hubwidgets" / "static"
BUNDLES = ("hub.js", "standalone.js")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_committed_bundle_is_built_from_js_sources(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        _unavailable("node is not installed (Debian: apt-get install nodejs npm)")
    if not (REPO / "node_modules" / "esbuild").is_dir():
        _unavailable("node_modules is missing: run `npm ci` (make test does)")
    subprocess.run([node, "js/build.mjs", "--outdir", str(tmp_path)], cwd=REPO, check=True, timeout=120)
    stale = [name for name in BUNDLES if (tmp_path / name).read_bytes() != (STATIC / name).read_bytes()]
    assert not stale, f"{', '.join(stale)} differ from a build of js/: run `make js` and commit the result"


def test_bundle_is_one_es_module_that_needs_no_network() -> None:
    text = (STATIC / "hub.js").read_text(encoding="utf-8")
    assert text.rstrip().endswith("export default { render };")
    imports = re.search(r"^\s*import\b|\bimport\(", text, re.M)
    assert not imports, "every module is inlined: the bundle imports nothing"
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text
