"""Gradient clipping by global norm, as ``torch.nn.utils.clip_grad_norm_`` does it.

The document pairs the LSTM with gradient clipping: the cell state tames vanishing gradients,
clipping tames exploding ones. All gradients are treated as one long vector g:

    total = ‖g‖_p                       (p = 2 by default; p = inf: the largest |entry|)
    coef  = min(1, max_norm / (total + 1e-6))
    g    ← coef · g

so the direction is kept and only the length is capped. (PyTorch multiplies even when coef is
1; the numbers are the same.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TypeVar, overload

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["clip_grad_norm", "global_norm"]

K = TypeVar("K")

#: Added to the norm before dividing, as PyTorch does.
EPS = 1e-6


def _as_float(g: ArrayLike) -> np.ndarray:
    """A float array (float32 stays float32, anything else becomes float64)."""
    array = np.asarray(g)
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def _arrays(grads: Mapping[K, ArrayLike] | Sequence[ArrayLike]) -> list[np.ndarray]:
    values = grads.values() if isinstance(grads, Mapping) else grads
    return [_as_float(g) for g in values]


def global_norm(
    grads: Mapping[K, ArrayLike] | Sequence[ArrayLike], norm_type: float = 2.0
) -> float:
    """The p-norm of all gradients taken together as one vector.

    Args:
        grads: arrays of any shapes, in a sequence or a mapping (e.g. ``params.as_dict()``).
        norm_type: p ≥ 1, or ``math.inf`` for the largest absolute entry.

    Returns:
        ‖g‖_p = (Σ_arrays ‖a‖_p^p)^{1/p}, as a float.
    """
    arrays = _arrays(grads)
    if not arrays:
        return 0.0
    if norm_type == math.inf:
        return float(max(np.max(np.abs(a)) if a.size else 0.0 for a in arrays))
    if norm_type < 1:
        raise ValueError(f"norm_type: expected p >= 1 or math.inf, got {norm_type}")
    per_array = np.array([np.linalg.norm(a.ravel(), ord=norm_type) for a in arrays])
    return float(np.linalg.norm(per_array, ord=norm_type))


@overload
def clip_grad_norm(
    grads: Mapping[K, ArrayLike], max_norm: float, norm_type: float = 2.0
) -> tuple[dict[K, np.ndarray], float]: ...


@overload
def clip_grad_norm(
    grads: Sequence[ArrayLike], max_norm: float, norm_type: float = 2.0
) -> tuple[list[np.ndarray], float]: ...


def clip_grad_norm(
    grads: Mapping[K, ArrayLike] | Sequence[ArrayLike], max_norm: float, norm_type: float = 2.0
) -> tuple[dict[K, np.ndarray] | list[np.ndarray], float]:
    """Scale all gradients together so their global norm is at most ``max_norm``.

    Args:
        grads: arrays in a sequence or a mapping, e.g. ``grads.as_params().as_dict()``.
        max_norm: the largest norm allowed.
        norm_type: p (2 by default) or ``math.inf``.

    Returns:
        ``(clipped, total_norm)``: new arrays in the same kind of container (a dict for a
        mapping, a list otherwise; the inputs are not modified) and the norm *before*
        clipping, as ``torch.nn.utils.clip_grad_norm_`` returns it.
    """
    if max_norm < 0:
        raise ValueError(f"max_norm: expected a number >= 0, got {max_norm}")
    total = global_norm(grads, norm_type)
    coef = min(1.0, max_norm / (total + EPS))
    if isinstance(grads, Mapping):
        return {k: _as_float(g) * coef for k, g in grads.items()}, total
    return [a * coef for a in _arrays(grads)], total
