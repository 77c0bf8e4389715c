"""Graph view layout: notes as nodes, related links as edges, positions from networkx.

Computed on demand (the first time a widget shows its graph view) and imported
lazily, so networkx is only needed by people who look at graphs
(``pip install "hubwidgets[graph]"``). Small hubs get a seeded force-directed
layout; large ones lay out their *sections* with the same algorithm and place each
section's notes on a sunflower spiral around it, which stays linear in the number
of notes.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Catalog

SPRING_LIMIT = 600  # above this many notes, lay out sections instead of notes
SEED = 7
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def graph_edges(catalog: Catalog, ids: list[str]) -> list[list[int]]:
    """Undirected related links between the given notes, as ``[i, j]`` index pairs (i < j)."""
    where = {nid: i for i, nid in enumerate(ids)}
    links = catalog.links
    seen: set[tuple[int, int]] = set()
    for source, target in zip(links["source"].tolist(), links["target"].tolist(), strict=True):
        i, j = where.get(source), where.get(target)
        if i is None or j is None or i == j:
            continue
        seen.add((min(i, j), max(i, j)))
    return [list(pair) for pair in sorted(seen)]


def _section_of(state: dict[str, Any]) -> list[int]:
    """The first section (index into ``state["sections"]``) listing each note, or -1."""
    group = [-1] * len(state["notes"])
    for s_index, section in enumerate(state["sections"]):
        for pos in section["notes"]:
            if group[pos] < 0:
                group[pos] = s_index
    return group


def _normalise(points: list[tuple[float, float]]) -> list[list[float]]:
    if not points:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = min(xs), min(ys)
    span = max(max(xs) - x0, max(ys) - y0) or 1.0
    return [[round((x - x0) / span, 4), round((y - y0) / span, 4)] for x, y in points]


def graph_layout(catalog: Catalog, state: dict[str, Any], seed: int = SEED) -> dict[str, Any]:
    """Node positions in [0, 1]², section of each node and edges, for a view ``state``."""
    from .extras import require

    require("graph")  # MissingExtraError, naming the extra
    import networkx as nx

    ids = [row["id"] for row in state["notes"]]
    edges = graph_edges(catalog, ids)
    group = _section_of(state)
    if len(ids) <= SPRING_LIMIT:
        g = nx.Graph()
        g.add_nodes_from(range(len(ids)))
        g.add_edges_from(map(tuple, edges))
        # Notes of one section attract each other a little, so colours form regions.
        for members in _members(group).values():
            for a, b in itertools.pairwise(members):
                if not g.has_edge(a, b):
                    g.add_edge(a, b, weight=0.3)
        pos = nx.spring_layout(g, seed=seed, k=1.6 / math.sqrt(max(1, len(ids))))
        points = [(float(pos[i][0]), float(pos[i][1])) for i in range(len(ids))]
    else:
        points = _clustered_points(nx, group, edges, seed)
    return {"nodes": _normalise(points), "groups": group, "edges": edges,
            "method": "spring" if len(ids) <= SPRING_LIMIT else "sections"}


def _members(group: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for node, g in enumerate(group):
        out.setdefault(g, []).append(node)
    return out


def _clustered_points(nx: Any, group: list[int], edges: list[list[int]],
                      seed: int) -> list[tuple[float, float]]:
    """Sections laid out by spring_layout (weighted by links between them), notes spiralled."""
    members = _members(group)
    sg = nx.Graph()
    sg.add_nodes_from(members)
    for i, j in edges:
        a, b = group[i], group[j]
        if a != b:
            w = sg.get_edge_data(a, b, {"weight": 0})["weight"]
            sg.add_edge(a, b, weight=w + 1)
    centres = nx.spring_layout(sg, seed=seed, weight="weight")
    total = max(1, len(group))
    points: list[tuple[float, float]] = [(0.0, 0.0)] * len(group)
    for g, nodes in members.items():
        cx, cy = (float(c) for c in centres[g])
        radius = 0.9 * math.sqrt(len(nodes) / total)
        for k, node in enumerate(nodes):
            r = radius * math.sqrt((k + 0.5) / len(nodes))
            points[node] = (cx + r * math.cos(k * _GOLDEN_ANGLE), cy + r * math.sin(k * _GOLDEN_ANGLE))
    return points
