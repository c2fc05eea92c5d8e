"""Numerical gradients by central differences, and the relative error, as in CS231n.

Every backward pass of the engine is checked against these (tests/engine): perturb one entry
of an input by ±h, run the forward pass, and compare the difference quotient with the analytic
gradient. Two central differences are offered:

    order 2 (CS231n's):  (f(x + h) − f(x − h)) / 2h                          error O(h²)
    order 4:             (8(f(x + h) − f(x − h)) − (f(x + 2h) − f(x − 2h))) / 12h   O(h⁴)

Both also suffer the rounding of f, about ε·|f| / h. With order 2 and h = 1e-5 the two errors
meet around 1e-10 (absolute), so a gradient entry near 1e-4 can already show a relative error
of 1e-7; with order 4 and h = 1e-3 the total error is nearer 1e-13, which is why the tests use
it to hold every entry of every backward pass to a relative error below 1e-7.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "check_gradients",
    "numerical_gradient",
    "numerical_gradient_array",
    "rel_error",
]


def rel_error(x: ArrayLike, y: ArrayLike) -> float:
    """CS231n's relative error: max |x − y| / max(1e-8, |x| + |y|), entry by entry.

    Args:
        x, y: arrays of the same shape.

    Returns:
        The largest entry-wise relative error (0 for identical arrays).
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"y: expected the shape of x, {x.shape}, got {y.shape}")
    if x.size == 0:
        return 0.0
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5, order: int = 2
) -> np.ndarray:
    """∂f/∂x by central differences, for a scalar function (CS231n's
    ``eval_numerical_gradient`` when order = 2).

    Args:
        f: called with ``x`` (perturbed in place, one entry at a time) and returning a float.
        x: a float array of any shape; restored exactly on return.
        h: the step.
        order: 2 or 4, the order of the central difference (see the module's docstring).

    Returns:
        An array shaped like x.
    """
    if order not in (2, 4):
        raise ValueError(f"order: expected 2 or 4, got {order}")

    def at(index: tuple[int, ...], value: float) -> float:
        x[index] = value
        return float(f(x))

    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        old = x[index]
        one = at(index, old + h) - at(index, old - h)
        if order == 2:
            grad[index] = one / (2.0 * h)
        else:
            two = at(index, old + 2.0 * h) - at(index, old - 2.0 * h)
            grad[index] = (8.0 * one - two) / (12.0 * h)
        x[index] = old
    return grad


def numerical_gradient_array(
    f: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    df: ArrayLike,
    h: float = 1e-5,
    order: int = 2,
) -> np.ndarray:
    """∂L/∂x for L = Σ f(x) ⊙ df, by central differences (CS231n's
    ``eval_numerical_gradient_array``): the gradient a backward pass returns for upstream df.

    Args:
        f: called with ``x`` (perturbed in place) and returning an array shaped like df.
        x: a float array of any shape; restored exactly on return.
        df: the upstream gradient.
        h: the step.
        order: 2 or 4.

    Returns:
        An array shaped like x.
    """
    upstream = np.asarray(df, dtype=np.float64)
    return numerical_gradient(lambda v: float(np.sum(np.asarray(f(v)) * upstream)), x, h, order)


def check_gradients(
    loss: Callable[[], float],
    arrays: Mapping[str, np.ndarray],
    analytic: Mapping[str, ArrayLike],
    h: float = 1e-3,
    order: int = 4,
) -> dict[str, float]:
    """Relative errors between analytic and numerical gradients, array by array.

    Args:
        loss: computes the scalar loss from the current contents of ``arrays``.
        arrays: name -> array the loss reads (perturbed in place, then restored), e.g.
            ``params.as_dict()`` plus the inputs.
        analytic: name -> the gradient the backward pass gave for that array.
        h, order: the central difference (fourth order by default, see above).

    Returns:
        name -> :func:`rel_error` (below 1e-7 for a correct float64 backward pass).
    """
    return {
        name: rel_error(analytic[name], numerical_gradient(lambda _: loss(), array, h, order))
        for name, array in arrays.items()
    }
