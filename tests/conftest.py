"""Shared fixtures: an isolated parse cache and small catalog folders built on the fly."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# Keep the test run's parse cache away from the user's ~/.cache.
if "HUBWIDGETS_CACHE_DIR" not in os.environ:
    os.environ["HUBWIDGETS_CACHE_DIR"] = tempfile.mkdtemp(prefix="hubwidgets-test-cache-")
    atexit.register(shutil.rmtree, os.environ["HUBWIDGETS_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
# A copy of shared/seeds/domain-training-hub.txt kept in the repository, so a clone is enough.
SEED_PAGE = REPO / "data" / "pages" / "domain-training-hub.txt"


@pytest.fixture(scope="session")
def bundled():
    """The bundled catalog, loaded once per test session."""
    import hubwidgets

    return hubwidgets.load()


def _front(fields: dict) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n"


@pytest.fixture
def make_catalog(tmp_path: Path) -> Callable[..., Path]:
    """Write notes (id -> front-matter dict, optional 'body') and hubs (id -> YAML dict) to a folder."""

    def make(notes: dict[str, dict] | None = None, hubs: dict[str, dict] | None = None,
             raw: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "catalog"
        (root / "notes").mkdir(parents=True, exist_ok=True)
        (root / "hubs").mkdir(parents=True, exist_ok=True)
        for nid, fields in (notes or {}).items():
            fields = dict(fields)
            body = fields.pop("body", "")
            fields.setdefault("id", nid)
            (root / "notes" / f"{nid}.md").write_text(_front(fields) + body, encoding="utf-8")
        for hid, spec in (hubs or {}).items():
            import yaml

            (root / "hubs" / f"{hid}.yaml").write_text(
                yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
        for rel, content in (raw or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make
