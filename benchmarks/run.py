"""The benchmark suite: ``python benchmarks/run.py [--quick] [--markdown RESULTS.md]``.

Generates synthetic catalogs (``benchmarks/synth.py``) in a temporary folder, measures every
figure beside its baseline in the same run (medians of several repeats), and prints a table and
then one JSON object per figure and line::

    {"name", "value", "unit", "baseline", "baseline_value", "ratio", "target"}

Python figures come from ``bench_python.py``; converter and browser figures from
``bench_convert.py`` and ``bench_browser.py`` when those provide ``figures(quick: bool) ->
list[dict]`` (dicts with the keys above, plus an optional ``note``). A figure that cannot be
measured is printed as "not measured" with the reason, never estimated. ``--quick`` uses small
catalogs and few repeats (a CI smoke run under two minutes); it asserts nothing about times.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_edit  # noqa: E402
import bench_python as bp  # noqa: E402
from bench_python import Figure, not_measured  # noqa: E402
from synth import make_catalog  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Plan:
    """Catalog sizes and repeats of one run."""

    load_sizes: tuple[int, ...]
    search_size: int
    state_size: int
    memory_size: int
    repeats: int
    search_repeats: int
    start_repeats: int
    edit_size: int = 10_000


FULL = Plan(load_sizes=(100, 1_000, 10_000, 100_000), search_size=100_000, state_size=10_000,
            memory_size=100_000, repeats=5, search_repeats=7, start_repeats=7)
QUICK = Plan(load_sizes=(100, 1_000), search_size=5_000, state_size=1_000, memory_size=2_000,
             repeats=3, search_repeats=3, start_repeats=3, edit_size=1_000)


def catalog_shape(n_notes: int) -> tuple[int, int]:
    """(sections per hub, hubs) for a catalog size: 10-200 sections; hubs of at most 10,000 notes."""
    n_hubs = max(1, n_notes // 10_000)
    return min(200, max(10, n_notes // n_hubs // 80)), n_hubs


class Catalogs:
    """Synthetic catalogs made on first use, one per size, under one work folder."""

    def __init__(self, workdir: Path, log):
        self.workdir = workdir
        self.log = log
        self.made: dict[int, Path] = {}

    def __call__(self, n_notes: int) -> Path:
        if n_notes not in self.made:
            sections, hubs = catalog_shape(n_notes)
            root = self.workdir / f"catalog-{n_notes}"
            if not (root / "notes").is_dir():
                start = time.perf_counter()
                make_catalog(root, n_notes, sections, seed=0, n_hubs=hubs, related_json=True)
                self.log(f"made {n_notes:,} notes, {hubs} hub(s) x {sections} sections in "
                         f"{time.perf_counter() - start:.1f} s")
            self.made[n_notes] = root
        return self.made[n_notes]


# -- figures from other modules ---------------------------------------------------------------
CONVERT_FIGURES = [("convert 1,000 notes to notebooks (in-process, validated)", "s",
                    "jupytext: read the same .md files, write .ipynb", "ratio <= 0.5")]
ENGINE_FIGURES = [(f"search engine {e}: median query", "ms", "bm25s (reference BM25), same queries", "")
                  for e in ("csr", "tantivy", "fts5", "bm25s")]
BROWSER_FIGURES = [
    ("browser: cell run -> hub visible, 10,000 notes", "ms",
     "itables.show() of the notes table, maxBytes=0", "ratio <= 1"),
    ("browser: search keystroke -> list updated, 10,000 notes", "ms",
     "itables' search box on the same table", "ratio <= 1, value < 50 ms"),
]


def external_figures(module_name: str, expected: list[tuple[str, str, str, str]], quick: bool,
                     skip_reason: str | None = None) -> list[Figure]:
    """Figures from ``benchmarks/<module_name>.py``'s ``figures(quick)``, or why they are missing."""

    def missing(reason: str) -> list[Figure]:
        return [not_measured(name, unit, base, target, reason) for name, unit, base, target in expected]

    if skip_reason:
        return missing(skip_reason)
    if not (HERE / f"{module_name}.py").is_file():
        return missing(f"benchmarks/{module_name}.py does not exist yet")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # report it as a row: one broken module must not hide the rest
        return missing(f"importing benchmarks/{module_name}.py failed: {type(exc).__name__}: {exc}")
    if not hasattr(module, "figures"):
        return missing(f"benchmarks/{module_name}.py has no figures(quick) function yet "
                       "(needed: each figure beside its baseline, measured in the same run)")
    try:
        rows = module.figures(quick=quick)
    except Exception as exc:
        return missing(f"{module_name}.figures() failed: {type(exc).__name__}: {exc}")
    out = []
    for row in rows:
        fig = Figure(name=row["name"], value=row.get("value"), unit=row.get("unit", ""),
                     baseline=row.get("baseline", ""), baseline_value=row.get("baseline_value"),
                     ratio=row.get("ratio"), target=row.get("target", ""), met=row.get("met"),
                     note=row.get("note", ""))
        out.append(fig)
    return out


def browser_skip_reason(quick: bool) -> str | None:
    """Why browser figures are not measured in this run, if they are not."""
    if Path(CHROMIUM).exists():
        return None
    if quick and os.environ.get("CI") != "true":
        return f"{CHROMIUM} is missing (allowed in --quick outside CI)"
    return f"{CHROMIUM} is missing"


# -- the run ----------------------------------------------------------------------------------
def measure(plan: Plan, catalogs: Catalogs, quick: bool, log) -> list[Figure]:
    """Every figure of the suite, in the issue's order."""
    figures: list[Figure] = []

    def step(label: str, fn):
        start = time.perf_counter()
        rows = fn()
        log(f"{label}: {time.perf_counter() - start:.1f} s")
        figures.extend(rows)

    step("cold start", lambda: bp.bench_cold_start(plan.start_repeats))
    for n in plan.load_sizes:
        root = catalogs(n)
        repeats = plan.repeats if n < 100_000 else max(2, plan.repeats - 2)
        step(f"load {n:,}", lambda root=root, n=n, r=repeats: bp.bench_load(root, n, r))
    step("search", lambda: bp.bench_search(catalogs(plan.search_size), plan.search_size,
                                           plan.search_repeats))
    step("search engines", lambda: external_figures("bench_search_engines", ENGINE_FIGURES, quick))
    step("convert", lambda: external_figures("bench_convert", CONVERT_FIGURES, quick))
    step("state", lambda: bp.bench_state(catalogs(plan.state_size), plan.state_size,
                                         _first_hub(plan.state_size)))
    step("browser", lambda: external_figures("bench_browser", BROWSER_FIGURES, quick,
                                             browser_skip_reason(quick)))
    step("memory", lambda: bp.bench_memory(catalogs(plan.memory_size), plan.memory_size))
    step("edit", lambda: bench_edit.bench_edit(catalogs(plan.edit_size), plan.edit_size, plan.repeats))
    return figures


def _first_hub(n_notes: int) -> str:
    return "synthetic" if catalog_shape(n_notes)[1] == 1 else "synthetic-1"


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def _met(fig: Figure) -> str:
    if fig.value is None:
        return "not measured"
    return {True: "met", False: "MISSED", None: "-"}[fig.met]


def table(figures: list[Figure]) -> str:
    """The figures as an aligned plain-text table."""
    head = ("figure", "value", "unit", "baseline", "baseline value", "ratio", "target", "")
    rows = [head] + [(f.name, _fmt(f.value), f.unit, f.baseline, _fmt(f.baseline_value),
                      _fmt(f.ratio), f.target, _met(f)) for f in figures]
    widths = [min(60, max(len(r[i]) for r in rows)) for i in range(len(head))]
    lines = ["  ".join(cell[:60].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  * {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    info = {"python": sys.version.split()[0], "platform": platform.platform(),
            "cpus": str(os.cpu_count())}
    if shutil.which("lscpu"):
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "CPU max MHz"):
                info[key.strip()] = value.strip()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    with contextlib.suppress(OSError):
        info["commit"] = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
    info["load average at the start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


def markdown(figures: list[Figure], info: dict[str, str], quick: bool, seconds: float) -> str:
    """RESULTS.md: the machine, then the full table with targets met or missed."""
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = ["# Benchmark results", "",
           f"`python benchmarks/run.py{' --quick' if quick else ''}`, {when}, "
           f"{seconds / 60:.1f} minutes.", "", "## Machine", ""]
    out += [f"- {k}: {v}" for k, v in info.items()]
    if shutil.which("lscpu"):
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.strip()
        out += ["", "<details><summary>lscpu</summary>", "", "```", lscpu, "```", "", "</details>"]
    out += ["", "## Figures", "",
            "| figure | value | unit | baseline (same run) | baseline value | ratio | target | |",
            "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        out.append(f"| {f.name} | {_fmt(f.value)} | {f.unit} | {f.baseline} | "
                   f"{_fmt(f.baseline_value)} | {_fmt(f.ratio)} | {f.target} | {_met(f)} |")
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    if notes:
        out += ["", "Notes:", "", *notes]
    out += ["", "## JSON lines", "", "```", *(f.to_json() for f in figures), "```", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="hubwidgets benchmark suite")
    parser.add_argument("--quick", action="store_true", help="small catalogs, few repeats (CI)")
    parser.add_argument("--workdir", type=Path, help="keep generated catalogs here (reused)")
    parser.add_argument("--markdown", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    def log(message: str) -> None:
        print(f"# {message}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    info = machine()  # the commit measured is the one checked out when the run starts
    with tempfile.TemporaryDirectory(prefix="hw-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        # Parse caches of this run stay in the work folder, away from the user's.
        os.environ["HUBWIDGETS_CACHE_DIR"] = str(Path(tmp) / "cache")
        figures = measure(plan, Catalogs(workdir, log), args.quick, log)
    seconds = time.perf_counter() - start
    info["load average at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(table(figures))
    print()
    for fig in figures:
        print(fig.to_json())
    if args.markdown:
        args.markdown.write_text(markdown(figures, info, args.quick, seconds), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
