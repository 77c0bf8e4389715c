"""Search engines side by side on the same synthetic notes (issue 14): which one hubwidgets uses.

``python benchmarks/bench_search_engines.py [--sizes 1000,10000,100000]`` measures, per engine and
catalog size: index build, median and slowest query over :data:`QUERIES` (one matching every note,
a prefix, a phrase, an OR, an exclusion, a typo), peak memory of the build (RSS high-water mark of
a fresh process, after the notes are in memory), and nDCG@10 on a relevance set built from the
generator (queries naming a title's subject and object; relevant: notes whose title holds both;
distractors: bodies that cite other titles),
beside a reference BM25 (bm25s, plain BM25 over the same four fields concatenated).

Engines: ``csr`` (hubwidgets' own index, :mod:`hubwidgets.search` + :mod:`hubwidgets.ranking`),
``tantivy``, ``fts5`` (sqlite3) and ``bm25s``. Each runs in its own process (``--worker``) so that
memory and timings do not mix. An engine that cannot run (not installed, no FTS5) is reported as
not measured, with the reason. :func:`figures` gives the rows for ``run.py``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

FIELDS = ("title", "tags", "summary", "body")
BOOSTS = {"title": 6.0, "tags": 3.0, "summary": 2.0, "body": 1.0}
# (label, the query in hubwidgets' language); engines translate what they can.
QUERIES = [("word", "reward"), ("prefix", "rub"), ("two words", "reward models"),
           ("phrase", '"reward models"'), ("or", "medical OR calibration"),
           ("every note", "the"), ("exclusion", "quantization -calibration"),
           ("typo", "verifer"), ("rare pair", "verifier gradient"), ("nothing", "zzzz")]
ENGINES = ("csr", "tantivy", "fts5", "bm25s")


# -- the notes and the relevance set -------------------------------------------------------------
def load_docs(n: int, workdir: Path) -> tuple[list[dict[str, str]], list[tuple[str, list[int]]]]:
    """The notes of a synthetic catalog of ``n`` notes, and (query, relevant positions) pairs."""
    from synth import OBJECTS, SUBJECTS, make_catalog

    from hubwidgets import load
    from hubwidgets.search import index_docs

    root = make_catalog(workdir / f"engines-{n}", n, max(10, min(200, n // 100)), seed=0)
    docs = index_docs(load(root, cache=False)._notes.values())
    titles = [d["title"].casefold() for d in docs]
    relevance = []
    for i, s in enumerate(SUBJECTS[:10]):
        o = OBJECTS[(i * 7) % len(OBJECTS)]
        relevant = [p for p, t in enumerate(titles) if s in t and o in t]
        if relevant:
            relevance.append((f"{s} {o}".replace("-", " "), relevant))
    return docs, relevance


def ndcg_at_10(ranked: list[int], relevant: list[int]) -> float:
    """Binary nDCG@10."""
    wanted = set(relevant)
    dcg = sum(1 / math.log2(i + 2) for i, p in enumerate(ranked[:10]) if p in wanted)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(wanted))))
    return dcg / ideal if ideal else 0.0


# -- engines: build(docs) -> search(query, relevance_mode) -> positions --------------------------
def build_csr(docs):
    from hubwidgets.query import parse
    from hubwidgets.ranking import Ranker, fields_text
    from hubwidgets.search import SearchIndex

    ranker = Ranker(SearchIndex(docs),
                    texts=lambda ps, f: [fields_text(docs[p], f) for p in ps.tolist()])

    def search(q: str):
        return ranker.rank(parse(q).ast).positions
    return search


def build_tantivy(docs):
    import tantivy

    sb = tantivy.SchemaBuilder()
    for f in FIELDS:
        sb.add_text_field(f, stored=False)
    sb.add_integer_field("pos", stored=True, fast=True, indexed=False)
    index = tantivy.Index(sb.build())
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for i, d in enumerate(docs):
        writer.add_document(tantivy.Document(pos=i, **{f: d.get(f, "") for f in FIELDS}))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    n = len(docs)

    def search(q: str):
        fuzzy = {}
        if q == "rub":
            fuzzy = {f: (True, 0, False) for f in FIELDS}
        elif q == "verifer":
            fuzzy = {f: (False, 1, True) for f in FIELDS}
        query = index.parse_query(q, list(FIELDS), field_boosts=BOOSTS, fuzzy_fields=fuzzy,
                                  conjunction_by_default=True)
        hits = searcher.search(query, max(1, n)).hits
        return [searcher.doc(a)["pos"][0] for _, a in hits]
    return search


def build_fts5(docs):
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, tags, summary, body)")
    db.executemany("INSERT INTO t(rowid, title, tags, summary, body) VALUES (?, ?, ?, ?, ?)",
                   ((i, *(d.get(f, "") for f in FIELDS)) for i, d in enumerate(docs)))
    db.commit()
    weights = ", ".join(str(BOOSTS[f]) for f in FIELDS)

    def search(q: str):
        q = {"rub": "rub*", "quantization -calibration": "quantization NOT calibration"}.get(q, q)
        return [r[0] for r in db.execute(
            f"SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, {weights})", (q,))]
    return search


def build_bm25s(docs):
    import bm25s
    import numpy as np

    texts = [" ".join(d.get(f, "") for f in FIELDS) for d in docs]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords=None, show_progress=False), show_progress=False)
    n = len(docs)

    def search(q: str):
        tokens = bm25s.tokenize([q], stopwords=None, show_progress=False)
        if not tokens.vocab:
            return []
        docs_, scores = retriever.retrieve(tokens, k=n, show_progress=False, n_threads=1)
        keep = scores[0] > 0
        return np.asarray(docs_[0])[keep].tolist()
    return search


BUILDERS = {"csr": build_csr, "tantivy": build_tantivy, "fts5": build_fts5, "bm25s": build_bm25s}


def _peak_rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker(engine: str, data: Path, repeats: int) -> dict:
    """Build one engine over the pickled notes, time the queries, score the relevance set."""
    with open(data, "rb") as f:
        docs, relevance = pickle.load(f)
    before = _peak_rss_mib()
    start = time.perf_counter()
    search = BUILDERS[engine](docs)
    build = time.perf_counter() - start
    rss = _peak_rss_mib() - before
    for _, q in QUERIES:  # warm-up: lazy imports and first-call set-up are not query time
        search(q)
    times, counts = {}, {}
    for label, q in QUERIES:
        runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            found = search(q)
            runs.append(time.perf_counter() - t)
        times[label] = statistics.median(runs) * 1000
        counts[label] = len(found)
    # Each engine as a user gets it: every word required (AND), except bm25s (the reference,
    # plain BM25: any word).
    ndcg = [ndcg_at_10(list(search(q))[:10], rel) for q, rel in relevance]
    return {"engine": engine, "build_s": build, "rss_mib": rss, "ms": times, "hits": counts,
            "ndcg": statistics.mean(ndcg) if ndcg else None}


def measure(sizes: list[int], repeats: int, log=print, engines=ENGINES) -> list[dict]:
    """One result dict per (engine, size); failures carry ``error``."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            docs, relevance = load_docs(n, Path(tmp))
            data = Path(tmp) / f"docs-{n}.pickle"
            with open(data, "wb") as f:
                pickle.dump((docs, relevance), f)
            del docs
            for engine in engines:
                proc = subprocess.run([sys.executable, __file__, "--worker", engine, str(data),
                                       "--repeats", str(repeats)], capture_output=True, text=True,
                                      env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")})
                if proc.returncode == 0:
                    row = json.loads(proc.stdout.strip().splitlines()[-1])
                else:
                    row = {"engine": engine, "error": proc.stderr.strip().splitlines()[-1:]}
                row["n"] = n
                log(json.dumps(row))
                out.append(row)
    return out


def catalog_figures(n: int, repeats: int, workdir: Path) -> dict:
    """``Catalog.search`` (DataFrame with snippets) per query at ``n`` notes beside pandas
    ``str.contains`` over title + summary + body, and one note re-indexed (``upsert``).

    Each of our runs follows a pandas run, which reads every note's text and so leaves the
    caches cold (``search_ms``, what the targets are judged on); ``search_warm_ms`` is the same
    queries back to back."""
    import pandas as pd
    from synth import make_catalog

    from hubwidgets import load
    from hubwidgets.search import note_doc

    root = make_catalog(workdir / f"catalog-{n}", n, max(10, min(200, n // 100)), seed=0)
    cat = load(root, cache=False)
    df = pd.DataFrame({f: [getattr(x, f) for x in cat._notes.values()]
                       for f in ("title", "summary", "body")})

    def contains(q: str):
        hit = pd.Series(True, index=df.index)
        for word in q.replace('"', "").split():
            if word.startswith("-") or word == "OR":
                continue
            hit &= (df["title"].str.contains(word, case=False, regex=False)
                    | df["summary"].str.contains(word, case=False, regex=False)
                    | df["body"].str.contains(word, case=False, regex=False))
        return df[hit]

    cat.search("warm-up")
    ours, theirs = {}, {}
    for label, q in QUERIES:
        cat.search(q)
        runs, base = [], []
        for _ in range(repeats):
            t = time.perf_counter()
            cat.search(q)
            runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            contains(q)
            base.append(time.perf_counter() - t)
        ours[label], theirs[label] = statistics.median(runs) * 1000, statistics.median(base) * 1000
    # Back to back, nothing between: the caches hold what the last query read (search as you type).
    # For information; the targets are judged on the runs above, which start cold.
    warm = {}
    for label, q in QUERIES:
        runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            cat.search(q)
            runs.append(time.perf_counter() - t)
        warm[label] = statistics.median(runs) * 1000
    notes = list(cat._notes.values())
    index = cat._index
    upserts = []
    for i in range(20):
        t = time.perf_counter()
        index.upsert(i, note_doc(notes[-1 - i]))
        upserts.append(time.perf_counter() - t)
    t = time.perf_counter()
    cat.search("reward")
    after = time.perf_counter() - t
    return {"n": n, "search_ms": ours, "contains_ms": theirs, "search_warm_ms": warm,
            "upsert_ms": statistics.median(upserts) * 1000, "search_after_upserts_ms": after * 1000}


def figures(quick: bool) -> list[dict]:
    """Rows for ``run.py``: per size, each engine's median query against the reference (bm25s)."""
    sizes = [500] if quick else [1_000, 10_000, 100_000]
    rows = measure(sizes, repeats=3 if quick else 5, log=lambda *_: None)
    out = []
    for n in sizes:
        at = {r["engine"]: r for r in rows if r["n"] == n}
        ref = at.get("bm25s")
        for engine in ENGINES:
            r = at.get(engine)
            name = f"search engine {engine}: median query, {n:,} notes"
            base = "bm25s (reference BM25), same queries"
            if not r or "error" in r or not ref or "error" in ref:
                why = (r or {}).get("error") or (ref or {}).get("error") or "did not run"
                out.append({"name": name, "value": None, "unit": "ms", "baseline": base,
                            "baseline_value": None, "ratio": None, "target": "",
                            "note": f"not measured: {why}"})
                continue
            value = statistics.median(r["ms"].values())
            base_value = statistics.median(ref["ms"].values())
            out.append({"name": name, "value": round(value, 3), "unit": "ms", "baseline": base,
                        "baseline_value": round(base_value, 3),
                        "ratio": round(value / base_value, 4) if base_value else None, "target": "",
                        "note": f"nDCG@10 {r['ndcg']:.3f} (reference {ref['ndcg']:.3f}), build "
                                f"{r['build_s']:.2f} s, slowest {max(r['ms'].values()):.1f} ms"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "DATA"))
    parser.add_argument("--catalog", type=int, metavar="N", help="Catalog.search and upsert at N notes")
    args = parser.parse_args()
    if args.catalog:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(catalog_figures(args.catalog, args.repeats, Path(tmp))))
        return
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.repeats)))
        return
    measure([int(s) for s in args.sizes.split(",")], args.repeats, engines=args.engines.split(","))


if __name__ == "__main__":
    main()
