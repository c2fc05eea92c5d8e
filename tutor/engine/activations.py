"""Activation functions and their derivatives, as the LSTM / GRU / RNN equations use them.

The logistic sigmoid is computed through the identity

    σ(z) = ½ + ½·tanh(z / 2),

which never overflows (``1 / (1 + exp(-z))`` does for z < -709) and is within 1.2e-16 of the
exact value everywhere. The same identity lets one ``tanh`` call activate the four LSTM gates at
once (three sigmoids and one tanh): see :class:`GateActivations`.

Derivatives are written in terms of the *output* y, as backpropagation uses them:

    σ'(z)    = y (1 − y)         with y = σ(z)
    tanh'(z) = 1 − y² = (1 + y)(1 − y)   with y = tanh(z)

Both have the form (y − lower)(1 − y), where (lower, 1) is the function's range.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

Activation = Literal["sigmoid", "tanh"]

__all__ = [
    "Activation",
    "GateActivations",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
]


def sigmoid(z: ArrayLike) -> np.ndarray:
    """Logistic sigmoid σ(z) = 1 / (1 + e^{−z}), computed as ½ + ½·tanh(z/2) (never overflows).

    Args:
        z: any shape.

    Returns:
        σ(z), same shape as ``z``, values in [0, 1].
    """
    return np.tanh(np.asarray(z) * 0.5) * 0.5 + 0.5


def tanh(z: ArrayLike) -> np.ndarray:
    """Hyperbolic tangent, any shape -> same shape, values in [−1, 1]."""
    return np.tanh(z)


def sigmoid_grad(y: ArrayLike) -> np.ndarray:
    """σ'(z) written through the output y = σ(z): y (1 − y). Any shape -> same shape."""
    y = np.asarray(y)
    return y * (1.0 - y)


def tanh_grad(y: ArrayLike) -> np.ndarray:
    """tanh'(z) written through the output y = tanh(z): 1 − y². Any shape -> same shape."""
    y = np.asarray(y)
    return 1.0 - y * y


class GateActivations:
    """Activate several stacked gates with one ``tanh`` call, and differentiate them.

    The pre-activations of k gates of size H are stacked along the last axis, shape (..., k·H).
    Each block is either a sigmoid gate or a tanh gate. Since σ(z) = ½·tanh(½·z) + ½, every
    block is ``tanh(z · s) · s + m`` with (s, m) = (½, ½) for a sigmoid and (1, 0) for a tanh:
    one scaling, one tanh, one scaling and one shift for all k gates, whatever their kinds.

    Example: the LSTM's gates f, i, C̃, o are ``GateActivations(("sigmoid", "sigmoid", "tanh",
    "sigmoid"), H)``.
    """

    def __init__(
        self, kinds: Sequence[Activation], hidden_size: int, dtype: DTypeLike = np.float64
    ) -> None:
        for kind in kinds:
            if kind not in ("sigmoid", "tanh"):
                raise ValueError(f"kinds: expected 'sigmoid' or 'tanh', got {kind!r}")
        self.kinds: tuple[Activation, ...] = tuple(kinds)
        self.hidden_size = hidden_size
        is_sigmoid = np.repeat([kind == "sigmoid" for kind in kinds], hidden_size)
        #: (k·H,) input and output scale: ½ on sigmoid blocks, 1 on tanh blocks.
        self.scale: np.ndarray = np.where(is_sigmoid, 0.5, 1.0).astype(dtype)
        #: (k·H,) output shift: ½ on sigmoid blocks, 0 on tanh blocks.
        self.shift: np.ndarray = np.where(is_sigmoid, 0.5, 0.0).astype(dtype)
        #: (k·H,) lower end of the range: 0 for σ, −1 for tanh (the upper end is 1 for both).
        self.lower: np.ndarray = np.where(is_sigmoid, 0.0, -1.0).astype(dtype)

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Activations of stacked pre-activations z, shape (..., k·H) -> (..., k·H)."""
        return self.from_scaled(z * self.scale)

    def from_scaled(self, zs: np.ndarray) -> np.ndarray:
        """Activations from pre-activations already multiplied by ``scale``: the fast paths
        fold the scale into the weights (exactly: it is a power of two), saving one
        multiplication per step. (..., k·H) -> (..., k·H)."""
        return np.tanh(zs) * self.scale + self.shift

    def grad(self, y: np.ndarray) -> np.ndarray:
        """Derivatives from the outputs y, shape (..., k·H) -> (..., k·H): (y − lower)(1 − y)."""
        return (y - self.lower) * (1.0 - y)
