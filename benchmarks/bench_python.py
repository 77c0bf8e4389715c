"""Python-side figures of the benchmark suite, each measured beside its baseline in the same run.

* cold start of ``hub.show('domain-training')`` vs ``import pandas, anywidget`` (whole processes);
* catalog load, cold (empty parse cache) vs a plain PyYAML C-loader loop over the same files;
* catalog load, warm (unchanged files) vs the cold load;
* ``cat.search(q)`` vs pandas ``str.contains`` over title + summary + body;
* the view state a 10,000-note hub sends vs the notes table's ``to_json()``;
* peak RSS of loading and showing 100,000 notes vs reading them into a DataFrame.

Every function returns :class:`Figure` rows; ``benchmarks/run.py`` prints them.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = ("reward", "rub", "reward models", "calibration study", "verifier gradient", "kakaka",
           "quantization low-resource", "the", "zzzz")


@dataclass
class Figure:
    """One measured figure and its baseline, as printed and as one JSON line."""

    name: str
    value: float | None
    unit: str
    baseline: str
    baseline_value: float | None
    ratio: float | None
    target: str
    met: bool | None = None  # None: no target, or not measured
    note: str = ""

    def to_json(self) -> str:
        """The figure as one JSON object (the keys compared across commits)."""
        keys = ("name", "value", "unit", "baseline", "baseline_value", "ratio", "target")
        return json.dumps({k: asdict(self)[k] for k in keys})


def figure(name: str, value: float, unit: str, baseline: str, baseline_value: float,
           max_ratio: float | None = None, max_value: float | None = None, note: str = "") -> Figure:
    """A figure with its ratio to the baseline and whether it meets its target."""
    ratio = value / baseline_value if baseline_value else None
    parts, met = [], None
    if max_ratio is not None:
        parts.append(f"ratio <= {max_ratio:g}")
        met = ratio is not None and ratio <= max_ratio
    if max_value is not None:
        parts.append(f"value < {max_value:g} {unit}")
        met = (met is not False) and value < max_value
    return Figure(name, _sig(value), unit, baseline, _sig(baseline_value),
                  None if ratio is None else _sig(ratio), ", ".join(parts), met, note)


def _sig(x: float, digits: int = 4) -> float:
    """``x`` to ``digits`` significant digits: 2.04 ms in seconds stays 0.002043, not 0.002.
    Counts (bytes) stay exact."""
    return x if isinstance(x, int) else float(f"{x:.{digits}g}")


def not_measured(name: str, unit: str, baseline: str, target: str, reason: str) -> Figure:
    """A figure this run could not measure, and why (never a made-up number)."""
    return Figure(name, None, unit, baseline, None, None, target, None, f"not measured: {reason}")


def timed(fn: Callable[[], Any], cpu: list[float] | None = None) -> float:
    """Seconds one call of ``fn`` takes; garbage from earlier calls is collected first. The CPU
    seconds of this process are appended to ``cpu`` when given (on a shared machine, wall time
    includes the time other processes held the cores)."""
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = fn()
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    del result
    return elapsed


def median_pair(fn: Callable[[], Any], base: Callable[[], Any], repeats: int,
                cpu: tuple[list[float], list[float]] | None = None) -> tuple[float, float]:
    """Medians of ``fn`` and ``base``, run alternately so both see the same machine load
    (their CPU seconds are appended to ``cpu``'s two lists when given)."""
    values, bases = [], []
    for _ in range(repeats):
        bases.append(timed(base, None if cpu is None else cpu[1]))
        values.append(timed(fn, None if cpu is None else cpu[0]))
    return statistics.median(values), statistics.median(bases)


def cpu_note(value_cpu: list[float], base_cpu: list[float]) -> str:
    """The ratio of median CPU times, as a figure's note (steadier than wall time under load)."""
    return f"CPU time {statistics.median(value_cpu) / statistics.median(base_cpu):.3g}x"


# -- cold start ----------------------------------------------------------------------------------
SHOW_CODE = "from hubwidgets import hub; hub.show('domain-training')"
BASE_CODE = "import pandas, anywidget"


def _process_seconds(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tempfile.gettempdir(),
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_cold_start(repeats: int) -> list[Figure]:
    """Whole-process time to show the bundled hub vs importing pandas and anywidget."""
    with tempfile.TemporaryDirectory(prefix="hw-bench-cache-") as cache:
        env = {**os.environ, "HUBWIDGETS_CACHE_DIR": cache}
        _process_seconds(SHOW_CODE, env)  # fills the parse cache and byte-code caches
        _process_seconds(BASE_CODE, env)
        pairs = [(_process_seconds(BASE_CODE, env), _process_seconds(SHOW_CODE, env))
                 for _ in range(repeats)]
        empty = []
        for i in range(repeats):
            fresh = {**env, "HUBWIDGETS_CACHE_DIR": os.path.join(cache, f"empty-{i}")}
            empty.append(_process_seconds(SHOW_CODE, fresh))
    base = statistics.median(b for b, _ in pairs)
    return [
        figure("cold start: hub.show('domain-training'), parse cache filled",
               statistics.median(v for _, v in pairs), "s", f"python -c '{BASE_CODE}'", base, 1.3),
        figure("cold start: hub.show('domain-training'), empty parse cache",
               statistics.median(empty), "s", f"python -c '{BASE_CODE}'", base, 1.3),
    ]


# -- loading -------------------------------------------------------------------------------------
def plain_yaml_loop(root: Path) -> list[tuple[Any, str]]:
    """The baseline reader: each note file read and its front matter parsed with PyYAML's C loader."""
    import yaml

    out = []
    for path in sorted((root / "notes").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        out.append((yaml.load(front, Loader=yaml.CSafeLoader), body))
    return out


def bench_load(root: Path, n_notes: int, repeats: int) -> list[Figure]:
    """Catalog load with an empty parse cache (cold) and with an unchanged folder (warm)."""
    from hubwidgets.api import Catalog

    label = f"{n_notes:,} notes"
    saved = os.environ.get("HUBWIDGETS_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="hw-bench-cache-") as cache:
        runs = iter(range(10_000))

        def cold() -> Catalog:
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(cache, f"cold-{next(runs)}")
            return Catalog.load(root)

        cold_cpu, base_cpu, warm_cpu = [], [], []
        try:
            plain_yaml_loop(root)  # the files are in the OS page cache for both readers
            cold_s, base_s = median_pair(cold, lambda: plain_yaml_loop(root), repeats,
                                         (cold_cpu, base_cpu))
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(cache, "warm")
            Catalog.load(root)
            warm_s = statistics.median(timed(lambda: Catalog.load(root), warm_cpu)
                                       for _ in range(2 * repeats + 1))  # short: more repeats
        finally:
            if saved is None:
                os.environ.pop("HUBWIDGETS_CACHE_DIR", None)
            else:
                os.environ["HUBWIDGETS_CACHE_DIR"] = saved
    return [
        figure(f"catalog load, cold, {label}", cold_s, "s",
               "plain loop: read files + PyYAML CSafeLoader front matter", base_s, 1.5,
               note=cpu_note(cold_cpu, base_cpu)),
        figure(f"catalog load, warm (unchanged files), {label}", warm_s, "s",
               "the cold load", cold_s, 0.1, note=cpu_note(warm_cpu, cold_cpu)),
    ]


def plain_read_loop(root: Path) -> list[str]:
    """A second baseline for a vault: every .md file read as text, nothing parsed."""
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))]


def bench_vault_load(vault: Path, catalog: Path, n_notes: int, repeats: int) -> list[Figure]:
    """A vault of ``n_notes`` notes WITHOUT front matter (wikilinks by title, inline tags), cold
    and warm, vs the plain PyYAML loop over the same notes in hubwidgets' own format (``catalog``)."""
    from hubwidgets.catalog import Catalog

    label = f"{n_notes:,} notes, no front matter"
    saved = os.environ.get("HUBWIDGETS_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="hw-bench-cache-") as cache:
        runs = iter(range(10_000))

        def cold() -> Catalog:
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(cache, f"cold-{next(runs)}")
            return Catalog.load(vault)

        cold_cpu, base_cpu, warm_cpu = [], [], []
        try:
            plain_yaml_loop(catalog)
            plain_read_loop(vault)
            cold_s, base_s = median_pair(cold, lambda: plain_yaml_loop(catalog), repeats,
                                         (cold_cpu, base_cpu))
            read_s = statistics.median(timed(lambda: plain_read_loop(vault)) for _ in range(repeats))
            os.environ["HUBWIDGETS_CACHE_DIR"] = os.path.join(cache, "warm")
            Catalog.load(vault)
            warm_s = statistics.median(timed(lambda: Catalog.load(vault), warm_cpu)
                                       for _ in range(2 * repeats + 1))  # short: more repeats
        finally:
            if saved is None:
                os.environ.pop("HUBWIDGETS_CACHE_DIR", None)
            else:
                os.environ["HUBWIDGETS_CACHE_DIR"] = saved
    return [
        figure(f"vault load, cold, {label}", cold_s, "s",
               "plain loop: read files + PyYAML CSafeLoader front matter (same notes, own format)",
               base_s, 1.5, note=f"{cpu_note(cold_cpu, base_cpu)}; "
                                 f"{cold_s / read_s:.2f}x a bare read of the vault's files"),
        figure(f"vault load, warm (unchanged files), {label}", warm_s, "s", "the cold load",
               cold_s, 0.1, note=cpu_note(warm_cpu, cold_cpu)),
    ]


# -- search --------------------------------------------------------------------------------------
def pandas_contains(df, query: str):
    """The baseline search: every word, case-insensitive, in title, summary or body."""
    mask = None
    for word in query.split():
        hit = (df["title"].str.contains(word, case=False, regex=False)
               | df["summary"].str.contains(word, case=False, regex=False)
               | df["body"].str.contains(word, case=False, regex=False))
        mask = hit if mask is None else mask & hit
    return df[mask]


def bench_search(root: Path, n_notes: int, repeats: int) -> list[Figure]:
    """``cat.search`` per query (median of repeats), the median and slowest query, vs pandas."""
    from hubwidgets.api import Catalog

    label = f"{n_notes:,} notes"
    saved = os.environ.get("HUBWIDGETS_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="hw-bench-cache-") as cache:
        os.environ["HUBWIDGETS_CACHE_DIR"] = cache
        try:
            cat = Catalog.load(root)
            df = cat.notes
            build = timed(lambda: cat.search("warm-up"))  # builds and saves the index
            session = [Catalog.load(root)]  # as in a new session: the index is on disk only
            load_index = timed(lambda: session[0].search("warm-up"))
            session.clear()
        finally:
            if saved is None:
                os.environ.pop("HUBWIDGETS_CACHE_DIR", None)
            else:
                os.environ["HUBWIDGETS_CACHE_DIR"] = saved
        ours, theirs = [], []
        for q in QUERIES:
            value, base = median_pair(lambda q=q: cat.search(q), lambda q=q: pandas_contains(df, q),
                                      repeats)
            ours.append(value * 1000)
            theirs.append(base * 1000)
    worst = max(range(len(QUERIES)), key=ours.__getitem__)
    one_query = statistics.median(theirs)
    return [
        figure(f"cat.search(q), median of {len(QUERIES)} queries, {label}", statistics.median(ours),
               "ms", "pandas str.contains over title+summary+body", one_query, 0.2, 20),
        figure(f"cat.search(q), slowest query ({QUERIES[worst]!r}), {label}", ours[worst], "ms",
               "pandas str.contains, same query", theirs[worst], 0.2, 20),
        figure(f"search index build (first search, nothing saved), {label}", build * 1000, "ms",
               "one pandas str.contains query (median)", one_query,
               note="once per catalog change; saved beside the parse cache"),
        figure(f"search index read back (first search in a new session), {label}",
               load_index * 1000, "ms", "one pandas str.contains query (median)", one_query),
    ]


# -- widget state --------------------------------------------------------------------------------
def bench_state(root: Path, n_notes: int, hub_id: str = "synthetic") -> list[Figure]:
    """Bytes of the state the widget syncs for one hub vs the notes table as JSON."""
    from hubwidgets.api import Catalog
    from hubwidgets.state import hub_state

    cat = Catalog.load(root)
    state = hub_state(cat, hub_id)
    widget = cat.show(hub_id)
    synced = widget.get_state()  # every synced trait, front-end code included: the comm's opening
    bundle = widget._repr_mimebundle_()
    display = bundle[0] if isinstance(bundle, tuple) else bundle  # the output, with its HTML fallback
    sent = len(json.dumps(synced)) + len(json.dumps(display))
    return [
        figure(f"widget state sent for a {n_notes:,}-note hub", sent, "bytes",
               "notes table .to_json()", len(cat.notes.to_json()), 0.5,
               note=f"of which hub_state {len(json.dumps(state)):,} bytes"),
    ]


# -- memory --------------------------------------------------------------------------------------
PEAK_RSS = r"""
def peak_rss_mib():  # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
RSS_CODE = PEAK_RSS + r"""
import json, sys, time
from hubwidgets.api import Catalog
import hubwidgets.widgets.hub  # imports are not what "show" measures
start = time.perf_counter()
cat = Catalog.load(sys.argv[1])
loaded = time.perf_counter()
widget = cat.show()
state = len(json.dumps(widget.get_state()["state"]))
shown = time.perf_counter()
cat.search("reward models")
print(json.dumps({"rss_mib": peak_rss_mib(), "load_s": loaded - start, "show_s": shown - loaded,
                  "state_bytes": state, "notes": widget.state["counts"]["notes"]}))
"""
RSS_BASE_CODE = PEAK_RSS + r"""
import json, sys
from pathlib import Path
import pandas as pd
sys.path.insert(0, sys.argv[2])
from bench_python import plain_yaml_loop
rows = [{**meta, "body": body} for meta, body in plain_yaml_loop(Path(sys.argv[1]))]
df = pd.DataFrame(rows)
print(json.dumps({"rss_mib": peak_rss_mib()}))
"""


def _run_json(code: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, env=env,
                         capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_memory(root: Path, n_notes: int) -> list[Figure]:
    """Peak RSS of a process that loads the catalog, shows every note and searches once."""
    with tempfile.TemporaryDirectory(prefix="hw-bench-cache-") as cache:
        env = {**os.environ, "HUBWIDGETS_CACHE_DIR": cache}
        cold = _run_json(RSS_CODE, [str(root)], env)
        warm = _run_json(RSS_CODE, [str(root)], env)
        base = _run_json(RSS_BASE_CODE, [str(root), str(HERE)], env)
    label = f"{n_notes:,} notes"
    return [
        figure(f"peak RSS: load (cold) + show all + search, {label}", cold["rss_mib"], "MiB",
               "PyYAML loop into a pandas DataFrame", base["rss_mib"], max_value=1024,
               note=f"load {cold['load_s']:.1f} s, show {cold['show_s']:.1f} s"),
        figure(f"peak RSS: load (warm) + show all + search, {label}", warm["rss_mib"], "MiB",
               "PyYAML loop into a pandas DataFrame", base["rss_mib"], max_value=1024,
               note=f"load {warm['load_s']:.1f} s, show {warm['show_s']:.1f} s, "
                    f"state {warm['state_bytes']:,} bytes"),
        figure(f"show all notes (index widget built), {label}", warm["show_s"], "s",
               "the warm load", warm["load_s"]),
    ]


# -- one figure alone ----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/bench_python.py load|vault [--notes N] [--repeats R] [--workdir DIR]``:
    the load figures alone (the full suite is ``run.py``), to measure one change in a minute."""
    import argparse

    sys.path.insert(0, str(HERE))
    from run import catalog_shape
    from synth import make_catalog, make_vault

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("figures", choices=("load", "vault", "both"), help="which load figures")
    parser.add_argument("--notes", type=int, default=10_000, help="catalog size (default 10,000)")
    parser.add_argument("--repeats", type=int, default=5, help="repeats; medians are reported")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) the generated folders here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hw-bench-") as tmp:
        work = args.workdir or Path(tmp)
        catalog, vault = work / f"catalog-{args.notes}", work / f"vault-{args.notes}"
        if not (catalog / "notes").is_dir():
            sections, hubs = catalog_shape(args.notes)
            make_catalog(catalog, args.notes, sections, seed=0, n_hubs=hubs, related_json=True)
        if args.figures != "load" and not vault.is_dir():
            make_vault(vault, args.notes)
        print(f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
        rows = []
        if args.figures != "vault":
            rows += bench_load(catalog, args.notes, args.repeats)
        if args.figures != "load":
            rows += bench_vault_load(vault, catalog, args.notes, args.repeats)
        print(f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    for row in rows:
        print(f"{row.name}: {row.value} {row.unit}, {row.ratio}x {row.baseline} "
              f"({row.target}: {'met' if row.met else 'MISSED'}) {row.note}")
        print(row.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
