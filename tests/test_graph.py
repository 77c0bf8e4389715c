"""graph.py: layout of notes and related links for the graph view."""

from __future__ import annotations

import time

from hubwidgets import load
from hubwidgets.graph import SPRING_LIMIT, graph_edges, graph_layout
from hubwidgets.state import hub_state


def test_bundled_layout_is_normalised_deterministic_and_uses_catalog_links(bundled):
    state = hub_state(bundled, "domain-training")
    first = graph_layout(bundled, state)
    assert first == graph_layout(bundled, state)  # seeded
    assert first["method"] == "spring"
    ids = [n["id"] for n in state["notes"]]
    assert len(first["nodes"]) == len(ids)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first["nodes"])
    links = {frozenset((s, t)) for s, t in zip(bundled.links["source"], bundled.links["target"],
                                                strict=True) if s in ids and t in ids and s != t}
    assert {frozenset((ids[i], ids[j])) for i, j in first["edges"]} == links
    assert all(i < j for i, j in first["edges"])
    assert set(first["groups"]) == {i for i, s in enumerate(state["sections"]) if s["notes"]}


def test_edges_are_undirected_and_unique(make_catalog):
    root = make_catalog(notes={"a": {"title": "A", "related": ["b"]}, "b": {"title": "B", "related": ["a"]},
                               "c": {"title": "C", "body": "[[a]]"}})
    cat = load(root, cache=False)
    assert graph_edges(cat, ["a", "b", "c"]) == [[0, 1], [0, 2]]
    assert graph_edges(cat, ["b", "c"]) == []


def test_large_hubs_use_the_linear_sectional_layout(make_catalog):
    n = SPRING_LIMIT * 3
    notes = {f"n-{i}": {"title": f"Note {i}", "related": [f"n-{(i + 1) % n}"]} for i in range(n)}
    sections = [{"title": f"S{k}", "notes": [f"n-{i}" for i in range(k, n, 10)]} for k in range(10)]
    cat = load(make_catalog(notes=notes, hubs={"big": {"title": "Big", "sections": sections}}), cache=False)
    state = hub_state(cat, "big")
    start = time.perf_counter()
    layout = graph_layout(cat, state)
    assert time.perf_counter() - start < 10
    assert layout["method"] == "sections" and len(layout["nodes"]) == n
    assert len(layout["edges"]) == n
    assert len({tuple(p) for p in layout["nodes"]}) > n * 0.95  # notes do not pile up on one point
