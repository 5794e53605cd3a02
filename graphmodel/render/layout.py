"""Where the nodes of the HTML page start: a seeded, numpy-only ForceAtlas2-style layout.

:func:`layout_positions` gives every node a position in pixels. The page draws big graphs there
as they are, and lets vis-network's physics settle small ones from there.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from graphmodel.render.mesh import mesh_repulsion, sampled_nearest

__all__ = ["EXACT_LIMIT", "layout_positions"]

EXACT_LIMIT = 2000  # above this many nodes, repulsion and spacing are approximated (render/mesh.py)


def layout_positions(graph: nx.MultiDiGraph, iterations: int = 60) -> dict[str, tuple[float, float]]:
    """ForceAtlas2-style positions in pixels: seeded, numpy only, about a second for 2,000 nodes.

    Repulsion grows with both nodes' degrees and attraction is linear in distance, which pulls
    communities apart better than Fruchterman-Reingold (and networkx's own layouts need scipy
    or take many seconds at this size). Up to :data:`EXACT_LIMIT` nodes every pair repels; above
    it a particle mesh approximates the repulsion, so big graphs take near-linear time
    (:mod:`graphmodel.render.mesh`).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> sorted(layout_positions(g)) == ["a", "b", "c"]
    True
    """
    import numpy as np

    nodes = list(graph)
    index = {key: number for number, key in enumerate(nodes)}
    pairs = np.array([(index[s], index[t]) for s, t in graph.edges() if s != t], dtype=np.intp).reshape(-1, 2)
    mass = np.bincount(pairs.ravel(), minlength=len(nodes)).astype(np.float32) + 1
    pos = np.random.default_rng(1).random((len(nodes), 2), dtype=np.float32) - np.float32(0.5)
    k = np.float32(1 / math.sqrt(max(len(nodes), 1)))  # the natural spacing in a unit square
    temperature = 0.1
    repulsion = _repulsion if len(nodes) <= EXACT_LIMIT else mesh_repulsion
    for _ in range(iterations):
        force = repulsion(pos, mass, 0.2 * k * k) + _attraction(pos, pairs) / k - pos * (0.2 * mass)[:, None]
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force * (np.minimum(length, temperature) / length)[:, None]
        temperature *= 0.95
    pos = _pull_in(pos)
    pos *= _pixels_per_unit(pos)
    return {key: (round(float(x), 1), round(float(y), 1)) for key, (x, y) in zip(nodes, pos, strict=True)}


def _pixels_per_unit(pos: Any, block: int = 256) -> float:
    """Scale so that a typical node's nearest neighbour sits 60 px away, room for its label."""
    import numpy as np

    if len(pos) > EXACT_LIMIT:
        return 60.0 / max(float(np.median(sampled_nearest(pos))), 1e-6)
    nearest = np.full(len(pos), np.inf, dtype=np.float32)
    for start in range(0, len(pos), block):
        distance = np.linalg.norm(pos[start:start + block, None, :] - pos[None, :, :], axis=2)
        distance[np.arange(len(distance)), np.arange(start, start + len(distance))] = np.inf
        nearest[start:start + block] = distance.min(axis=1)
    typical = float(np.median(nearest)) if len(pos) > 1 else 1.0
    return 60.0 / max(typical, 1e-6)


def _pull_in(pos: Any) -> Any:
    """Move stragglers (isolated nodes drift far) onto a ring just outside the bulk of the graph."""
    import numpy as np

    if len(pos) < 20:
        return pos
    radius = np.linalg.norm(pos, axis=1)
    ring = np.float32(1.1 * np.percentile(radius, 95))
    return pos * (np.minimum(radius, ring) / np.maximum(radius, 1e-9))[:, None]


def _repulsion(pos: Any, mass: Any, k2: Any, block: int = 64) -> Any:
    """Every pair pushes apart with k2·mᵢ·mⱼ/d, a block of rows at a time to stay in cache."""
    import numpy as np

    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    force = np.empty_like(pos)
    for start in range(0, len(pos), block):
        rows = slice(start, start + block)
        dx, dy = x[rows, None] - x[None, :], y[rows, None] - y[None, :]
        weight = dx * dx + dy * dy
        np.maximum(weight, 1e-6, out=weight)
        np.divide(mass[None, :] * (k2 * mass[rows, None]), weight, out=weight)
        force[rows, 0] = np.einsum("ij,ij->i", dx, weight)
        force[rows, 1] = np.einsum("ij,ij->i", dy, weight)
    return force


def _attraction(pos: Any, pairs: Any) -> Any:
    """Every edge pulls its ends together, linearly in their distance."""
    import numpy as np

    pull = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    force = np.empty_like(pos)
    for axis in (0, 1):  # bincount sums per node far faster than np.add.at
        force[:, axis] = np.bincount(pairs[:, 1], pull[:, axis], len(pos)) - np.bincount(
            pairs[:, 0], pull[:, axis], len(pos)
        )
    return force
