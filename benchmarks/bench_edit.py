"""Edit and live-reload figures (issue 13), each beside a full cold ``load()`` of the same folder.

* ``reload()`` after one note file changed on disk (a stat of every file, one file re-read);
* one ``update_note()`` (read, surgical edit, compare-and-swap write, catalog updated);
* ``watch()``: a note file saved -> the catalog holds the change (watchfiles, 100 ms debounce);
* one note changed on disk -> ``reload()`` -> the next search answered, with the search index
  updated in place (``CatalogSearch.apply``: the changed note re-indexed alone), and that index
  update's own time beside rebuilding the index whole (what every edit cost before).

The edits run on a copy of the catalog, so the shared synthetic folder stays as made.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

from bench_python import Figure, figure, not_measured, timed


def bench_edit(root: Path, n_notes: int, repeats: int) -> list[Figure]:
    """The three figures above for the catalog at ``root`` (``n_notes`` notes)."""
    from hubwidgets.api import Catalog
    from hubwidgets.search import SearchIndex, index_docs

    label = f"{n_notes:,} notes"
    saved = os.environ.get("HUBWIDGETS_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="hw-bench-edit-") as work:
        copy = Path(work) / "catalog"
        shutil.copytree(root, copy)
        runs = iter(range(10_000))

        def cold() -> Catalog:
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(work, f"cold-{next(runs)}")
            return Catalog.load(copy)

        try:
            cold_s = statistics.median(timed(cold) for _ in range(repeats))
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(work, "warm")
            cat = Catalog.load(copy)
            ids = cat.note_ids
            cat.search("edited")  # the index built (or read from the cache) and imports made
            rebuild_s = timed(lambda: SearchIndex(index_docs(cat._notes.values())))
            index_s = _time_index_updates(cat)
            reloads, updates, searched = [], [], []
            for i in range(repeats):
                note = cat.get(ids[i * 7 % len(ids)])
                path = copy / note.path
                path.write_text(path.read_text(encoding="utf-8").replace(
                    "title: ", f"title: Edited {i} ", 1), encoding="utf-8")
                reloads.append(timed(cat.reload))
                searched.append(reloads[-1] + timed(lambda: cat.search("edited")))
                target = ids[(i * 7 + 3) % len(ids)]
                updates.append(timed(lambda t=target, i=i: cat.update_note(t, tags=["edited", str(i)])))
            assert note.id in set(cat.search(f'"edited {repeats - 1}"')["id"])  # it is followed
            live = _watch_latency(cat, copy, repeats)
        finally:
            if saved is None:
                os.environ.pop("HUBWIDGETS_CACHE_DIR", None)
            else:
                os.environ["HUBWIDGETS_CACHE_DIR"] = saved
    base = "a full cold load() of the same folder"
    ms = 1000
    return [
        figure(f"reload() after one note changed on disk, {label}", statistics.median(reloads) * ms,
               "ms", base, cold_s * ms, 0.1),
        figure(f"update_note() of one note, {label}", statistics.median(updates) * ms, "ms", base,
               cold_s * ms, 0.05),
        live(label, cold_s * ms, base),
        figure(f"one note changed on disk -> reload() -> next search answered, {label}",
               statistics.median(searched) * ms, "ms", base, cold_s * ms, 0.1,
               note="search index updated in place"),
        figure(f"search-index update of one changed note (in reload()/update_note()), {label}",
               statistics.median(index_s) * ms, "ms", "the search index rebuilt whole",
               rebuild_s * ms, max_value=50, note=f"median of {len(index_s)} updates"),
    ]


def _time_index_updates(cat) -> list[float]:
    """Seconds of each in-place search-index update the catalog makes from now on (a list that
    fills as it goes)."""
    import time

    search, spent = cat._search, []
    real = search.apply

    def apply(*args) -> None:
        start = time.perf_counter()
        real(*args)
        spent.append(time.perf_counter() - start)

    search.apply = apply
    return spent


def _watch_latency(cat, root: Path, repeats: int):
    """Median seconds from a note file saved to the watched catalog holding it (or why not)."""
    import time

    from hubwidgets.extras import MissingExtraError

    try:
        cat.watch()
    except MissingExtraError as exc:
        reason = str(exc)
        return lambda label, base_ms, base: not_measured(
            f"watch(): note saved -> catalog changed, {label}", "ms", base, "value < 1000 ms", reason)
    try:
        time.sleep(0.3)  # the watcher is listening
        waits = []
        for i in range(repeats):
            note = cat.get(cat.note_ids[(i * 11 + 5) % len(cat)])
            path = root / note.path
            text = path.read_text(encoding="utf-8").replace("title: ", f"title: Live {i} ", 1)
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            while not cat.get(note.id).title.startswith(f"Live {i} "):
                if time.perf_counter() - start > 10:
                    break
                time.sleep(0.005)
            waits.append(time.perf_counter() - start)
    finally:
        cat.unwatch()
    value = statistics.median(waits) * 1000
    return lambda label, base_ms, base: figure(
        f"watch(): note saved -> catalog changed, {label}", value, "ms", base, base_ms,
        max_value=1000, note="watchfiles debounce 100 ms")
