"""Repulsion and spacing for big layouts in near-linear time: a particle-mesh approximation.

All-pairs repulsion costs n² per iteration; here every node's mass is spread onto a square grid
(cloud-in-cell), the grid is convolved with the repulsion kernel by FFT, and each node reads its
force back from the grid. One iteration costs O(n + G² log G) for a G × G grid, with G about √n.
Nodes closer than a grid cell still push apart, more gently (the kernel is softened by one cell),
which is all a drawing needs.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["mesh_repulsion", "mesh_size", "sampled_nearest"]


def mesh_size(nodes: int) -> int:
    """Grid points per side: the power of two at or above √n, from 64 to 256.

    >>> mesh_size(100), mesh_size(20_000), mesh_size(1_000_000)
    (64, 256, 256)
    """
    size = 64
    while size * size < nodes and size < 256:
        size *= 2
    return size


def mesh_repulsion(pos: Any, mass: Any, k2: Any) -> Any:
    """Approximately, for every node i, the sum over j of k2·mᵢ·mⱼ·(pᵢ − pⱼ)/|pᵢ − pⱼ|².

    >>> import numpy as np
    >>> force = mesh_repulsion(np.array([[0.0, 0.0], [1.0, 0.0]], np.float32), np.ones(2, np.float32), 1.0)
    >>> bool(force[0, 0] < 0 < force[1, 0])
    True
    """
    import numpy as np

    size = mesh_size(len(pos))
    low = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - low).max()), 1e-6) / (size - 1)
    grid = (pos - low) / np.float32(cell)
    corner = np.minimum(grid.astype(np.intp), size - 2)
    frac = grid - corner
    spread = _spread(corner, frac, mass, 2 * size)
    kernel_x, kernel_y = _kernel(size)
    density = np.fft.rfft2(spread)
    shape = spread.shape
    field_x = np.fft.irfft2(density * kernel_x, s=shape)
    field_y = np.fft.irfft2(density * kernel_y, s=shape)
    force = np.stack([_gather(field_x, corner, frac), _gather(field_y, corner, frac)], axis=1)
    return (force * (k2 / cell) * mass[:, None]).astype(pos.dtype)


def _weights(frac: Any) -> list[tuple[int, int, Any]]:
    """The four cloud-in-cell corners (dx, dy) of every node and their bilinear weights."""
    fx, fy = frac[:, 0], frac[:, 1]
    return [(0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)]


def _spread(corner: Any, frac: Any, mass: Any, side: int) -> Any:
    """The mass of every node spread onto the four grid points around it (a zero-padded grid)."""
    import numpy as np

    total = np.zeros(side * side, dtype=np.float64)
    for dx, dy, weight in _weights(frac):
        flat = (corner[:, 0] + dx) * side + corner[:, 1] + dy
        total += np.bincount(flat, weights=weight * mass, minlength=side * side)
    return total.reshape(side, side)


def _gather(field: Any, corner: Any, frac: Any) -> Any:
    """The field at every node, interpolated bilinearly from the four grid points around it."""
    value = 0.0
    for dx, dy, weight in _weights(frac):
        value = value + weight * field[corner[:, 0] + dx, corner[:, 1] + dy]
    return value


@cache
def _kernel(size: int) -> tuple[Any, Any]:
    """The Fourier transforms of the softened kernel r/(|r|² + 1), r in cells, on a 2·size grid."""
    import numpy as np

    offsets = np.fft.fftfreq(2 * size, d=1 / (2 * size))  # 0, 1, ..., size - 1, -size, ..., -1
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    scale = 1 / (dx * dx + dy * dy + 1)
    return np.fft.rfft2(dx * scale), np.fft.rfft2(dy * scale)


def sampled_nearest(pos: Any, sample: int = 1024, block: int = 256) -> Any:
    """The distance from each of ``sample`` seeded, randomly chosen nodes to its nearest other node."""
    import numpy as np

    rows = np.sort(np.random.default_rng(1).choice(len(pos), size=min(sample, len(pos)), replace=False))
    nearest = np.full(len(rows), np.inf, dtype=np.float32)
    for start in range(0, len(rows), block):
        chosen = rows[start:start + block]
        distance = np.linalg.norm(pos[chosen, None, :] - pos[None, :, :], axis=2)
        distance[np.arange(len(chosen)), chosen] = np.inf
        nearest[start:start + block] = distance.min(axis=1)
    return nearest
