"""Converter speed: notes -> .ipynb with hubwidgets vs jupytext on the same Markdown files, same run.

``python benchmarks/bench_convert.py [--quick]`` prints one JSON line per figure; ``figures(quick)``
gives the same rows to ``benchmarks/run.py``. Each figure is the median of repeats, run alternately
with its baseline so both see the same machine load:

* in-process: ``hubwidgets.load(folder)`` + ``convert_hub`` (every notebook validated against the
  v4.5 schema, written atomically with fsync) vs ``jupytext.read`` + ``jupytext.write`` of each of
  the same ``.md`` files;
* command line: ``hubwidgets convert HUB --data DIR --out OUT`` vs ``jupytext --to ipynb *.md``
  (both include interpreter start-up).

Catalogs: the bundled ``domain-training`` hub (31 notes) and 1,000 synthetic notes from
``benchmarks/synth.py`` (100 with ``--quick``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_python import figure, median_pair  # noqa: E402
from synth import make_catalog  # noqa: E402

TARGET_RATIO = 0.5


def _fresh(parent: Path, name: str) -> Path:
    path = parent / name
    shutil.rmtree(path, ignore_errors=True)
    return path


def _ours(data: Path, hub_id: str, out: Path) -> int:
    import hubwidgets
    from hubwidgets.convert import convert_hub

    report = convert_hub(hub_id, out, hubwidgets.load(data, cache=False), progress=False)
    if not report.ok or report.skipped or report.unchanged:
        raise RuntimeError(f"conversion did not write everything: {report.summary()}")
    return len(report.written)


def _jupytext(md_files: list[Path], out: Path) -> int:
    import jupytext

    out.mkdir(parents=True)
    for path in md_files:
        jupytext.write(jupytext.read(path), out / f"{path.stem}.ipynb")
    return len(md_files)


def _warm_up(data: Path, md_file: Path, work: Path) -> None:
    """Import both converters and convert one note with each, so no timing pays for imports."""
    import hubwidgets
    from hubwidgets.convert import convert_note

    _jupytext([md_file], _fresh(work, "warm-jupytext"))
    convert_note(md_file.stem, _fresh(work, "warm-ours"), hubwidgets.load(data, cache=False))


def _run(cmd: list[str], cwd: Path | None = None) -> None:
    subprocess.run(cmd, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def in_process(label: str, data: Path, hub_id: str, work: Path, repeats: int) -> dict:
    """Convert one hub in-process, against jupytext on the hub's own Markdown files."""
    import hubwidgets

    ids = [n.id for n in hubwidgets.load(data).hub(hub_id).notes]
    md_files = [data / "notes" / f"{nid}.md" for nid in ids]
    _warm_up(data, md_files[0], work)
    ours, theirs = median_pair(lambda: _ours(data, hub_id, _fresh(work, "ours")),
                               lambda: _jupytext(md_files, _fresh(work, "jupytext")), repeats)
    fig = figure(f"convert {label} to notebooks (in-process, validated)", ours, "s",
                 f"jupytext: read the same {len(md_files)} .md files, write .ipynb", theirs,
                 max_ratio=TARGET_RATIO,
                 note=f"{len(ids)} notes + index.ipynb; median of {repeats}; "
                      f"{len(ids) / ours:.0f} notes/s vs {len(ids) / theirs:.0f}")
    return asdict(fig)


def command_line(label: str, data: Path, hub_id: str, work: Path, repeats: int) -> dict:
    """``hubwidgets convert`` against ``jupytext --to ipynb`` on copies of the same files."""
    import hubwidgets

    ids = [n.id for n in hubwidgets.load(data).hub(hub_id).notes]
    exe = Path(sys.executable).parent

    def ours() -> None:
        _run([str(exe / "hubwidgets"), "convert", hub_id, "--data", str(data), "--out",
              str(_fresh(work, "cli-ours"))])

    def theirs() -> None:
        folder = _fresh(work, "cli-jupytext")
        folder.mkdir()
        for nid in ids:
            shutil.copyfile(data / "notes" / f"{nid}.md", folder / f"{nid}.md")
        _run([str(exe / "jupytext"), "--quiet", "--to", "ipynb", *[f"{nid}.md" for nid in ids]],
             cwd=folder)

    ours_s, theirs_s = median_pair(ours, theirs, repeats)
    return asdict(figure(f"hubwidgets convert CLI, {label}", ours_s, "s",
                         f"jupytext --to ipynb on the same {len(ids)} .md files", theirs_s,
                         max_ratio=1.0, note=f"both include interpreter start-up; median of {repeats}"))


def figures(quick: bool = False) -> list[dict]:
    """Every converter figure, each beside its jupytext baseline from the same run."""
    from hubwidgets.datadir import bundled_data_dir

    n_synth, repeats = (100, 1) if quick else (1000, 3)
    rows = []
    with tempfile.TemporaryDirectory(prefix="hubwidgets-bench-convert-") as tmp:
        work = Path(tmp)
        bundled = bundled_data_dir()
        rows.append(in_process("the bundled hub (31 notes)", bundled, "domain-training", work,
                               1 if quick else 7))
        synth = make_catalog(work / "synth", n_synth, max(1, n_synth // 50), seed=4, related_json=True)
        import hubwidgets

        hub_id = hubwidgets.load(synth).hub_ids[0]
        rows.append(in_process(f"{n_synth:,} synthetic notes", synth, hub_id, work, repeats))
        if not quick:
            rows.append(command_line(f"{n_synth:,} synthetic notes", synth, hub_id, work, repeats))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 synthetic notes, one repeat")
    args = parser.parse_args(argv)
    for row in figures(quick=args.quick):
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
