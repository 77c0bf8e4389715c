"""Running notebooks in real kernels (nbclient), a few at a time, with a progress bar on a TTY."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def execute_notebook(path: str | Path, timeout: int = 600, kernel_name: str = "python3") -> str:
    """Run a notebook in place (outputs saved atomically); returns "" or the error."""
    import nbformat

    from .extras import require

    require("execute")  # MissingExtraError, naming the extra
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from .nbfiles import atomic_write_text

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:  # gone or not a notebook: reported, the others still run
        return f"cannot read {path.name}: {type(exc).__name__}: {exc}"
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        return str(exc).strip().splitlines()[-1] if str(exc).strip() else "cell failed"
    except Exception as exc:  # kernel died, timeout: reported per notebook, the rest go on
        return f"{type(exc).__name__}: {exc}"
    atomic_write_text(path, nbformat.writes(nb) + "\n")
    return ""


def execute_notebooks(paths: list[str], workers: int = 2, timeout: int = 600,
                      progress: bool | None = None) -> dict[str, str]:
    """Run each notebook; returns ``{path: error or ""}`` in the order given."""
    from tqdm.auto import tqdm

    if progress is None:
        progress = sys.stderr.isatty()
    results: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool, \
            tqdm(total=len(paths), desc="executing", unit="nb", disable=not progress,
                 leave=False) as bar:
        futures = {path: pool.submit(execute_notebook, path, timeout) for path in paths}
        for path, future in futures.items():
            results[path] = future.result()
            bar.update(1)
    return results
