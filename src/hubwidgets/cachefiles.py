"""Where hubwidgets keeps what it derives from a folder (parsed notes, the search index, related
links, edit locks): under the user's cache folder, never in the folder read, one file per folder
and kind; and the versioned pickle the parse caches are kept in.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __version__
from .fsutil import atomic_write

_CACHE_FORMAT = 4  # with the package version: a cache written by any other is rebuilt


def cache_file(root: str | os.PathLike, suffix: str) -> Path:
    """Where something cached for the catalog folder ``root`` is kept (``suffix``: its kind)."""
    return cache_dir() / (hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest() + suffix)


def cache_dir() -> Path:
    """Where parsed catalogs are cached (``$HUBWIDGETS_CACHE_DIR``, else the user cache)."""
    env = os.environ.get("HUBWIDGETS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hubwidgets"


def load_cache(path: Path) -> dict:
    """What :func:`save_cache` stored at ``path`` by this version of hubwidgets, else ``{}``."""
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if data.get("format") == (_CACHE_FORMAT, __version__):
            return data
    except Exception:  # a stale or corrupt cache is simply rebuilt
        pass
    return {}


def save_cache(path: Path, data: dict) -> None:
    """Pickle ``data`` to ``path`` atomically; a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps({"format": (_CACHE_FORMAT, __version__), **data},
                                        protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # read-only home, full disk: caching is an optimisation only
        pass
