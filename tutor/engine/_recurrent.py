"""What the RNN, LSTM and GRU share: parameter checking, the fused weight layout, the input
projection hoisted out of the time loop, and the weight gradients computed after it.

Every cell here has gates of the form  z_k = W_k [h_{t-1}, x_t] + b_k  with W_k of shape
(H, H + D) (h first, then x). Stacking the k gates' weights gives one matrix

    W = [W_1; W_2; ...; W_k]              (kH, H + D)
      = [W_h | W_x]                       W_h: (kH, H), W_x: (kH, D)

so that, for a whole batch (rows are examples),

    z_t = x_t W_xᵀ + b  +  h_{t-1} W_hᵀ     (B, kH)
          └─ for all t at once ─┘  └─ inside the loop ─┘

and, after BPTT has produced every dz_t, the weight gradient is one matrix product over all
time steps and examples:  dW = Σ_t dz_tᵀ [h_{t-1}, x_t] = dZᵀ [H_prev | X].
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import ClassVar, Self

import numpy as np
from numpy.typing import DTypeLike

from tutor.engine._checks import as_float, common_float_dtype, shape_error

__all__ = [
    "ParamsBase",
    "TraceBase",
    "add_batch",
    "add_diagonal",
    "check_trace_sizes",
    "drop_batch",
    "from_time_major",
    "gate_jacobian",
    "init_params",
    "input_and_weight_grads",
    "previous",
    "project_inputs",
    "random_arrays",
    "reading_order",
    "stack",
    "stack_gates",
    "time_major",
]

#: Symbolic shapes a parameter may have, by name: H hidden size, D input size.
ShapeSpec = tuple[str, ...]


def _resolve(symbols: ShapeSpec, hidden_size: int, input_size: int) -> tuple[int, ...]:
    values = {"H": hidden_size, "D": input_size, "H + D": hidden_size + input_size}
    return tuple(values[s] for s in symbols)


def init_params(obj: object, specs: Mapping[str, ShapeSpec]) -> tuple[int, int]:
    """Check and normalise the array fields of a parameter dataclass, in place.

    The first field must have shape (H, H + D); H and D are read from it and every other
    field is checked against its symbolic shape. All fields are converted to one float dtype
    (float64 unless they all are float32).

    Args:
        obj: the dataclass instance.
        specs: field name -> symbolic shape, e.g. {"W_f": ("H", "H + D"), "b_f": ("H",)}.

    Returns:
        (H, D).
    """
    names = list(specs)
    arrays = {name: np.asarray(getattr(obj, name)) for name in names}
    dtype = common_float_dtype(*arrays.values())
    first = names[0]
    shape = arrays[first].shape
    if len(shape) != 2 or shape[1] <= shape[0] or shape[0] < 1:
        raise shape_error(first, ("H", "H + D"), None, shape, " with H >= 1 and D >= 1")
    hidden_size, input_size = shape[0], shape[1] - shape[0]
    for name in names:
        array = as_float(arrays[name], dtype)
        expected = _resolve(specs[name], hidden_size, input_size)
        if array.shape != expected:
            raise shape_error(name, specs[name], expected, array.shape)
        setattr(obj, name, array)
    return hidden_size, input_size


def random_arrays(
    specs: Mapping[str, ShapeSpec],
    input_size: int,
    hidden_size: int,
    rng: np.random.Generator,
    scale: float | None,
    dtype: DTypeLike,
) -> dict[str, np.ndarray]:
    """Arrays drawn uniformly from [−scale, scale], scale = 1/√H by default (PyTorch's init).

    Returns:
        field name -> array of the field's shape, in the order of ``specs``.
    """
    if input_size < 1 or hidden_size < 1:
        raise ValueError(
            f"input_size and hidden_size must be >= 1, got {input_size} and {hidden_size}"
        )
    bound = 1.0 / math.sqrt(hidden_size) if scale is None else float(scale)
    return {
        name: rng.uniform(-bound, bound, size=_resolve(spec, hidden_size, input_size)).astype(
            dtype, copy=False
        )
        for name, spec in specs.items()
    }


class ParamsBase:
    """What every parameter dataclass shares (mixed into ``@dataclass(eq=False)`` classes).

    A subclass lists its array fields and their symbolic shapes in ``specs`` (the first field
    has shape (H, H + D)) and says in ``_pack`` how they stack into the one matrix W and one
    bias vector b its fast path uses. On construction the arrays are checked (a ValueError
    names the field and the shape expected), converted to one float dtype (float64 unless all
    are float32) and copied into W and b; the fields then are views of W and b. So editing
    ``params.W_f`` in place (as a gradient check does) changes W too, and assigning
    ``params.W_f = A`` copies A into it (after checking its shape).
    """

    specs: ClassVar[dict[str, ShapeSpec]]
    _W: np.ndarray
    _b: np.ndarray
    _sizes: tuple[int, int]

    def __post_init__(self) -> None:
        hidden_size, input_size = init_params(self, self.specs)
        object.__setattr__(self, "_sizes", (hidden_size, input_size))
        W, b, views = self._pack(hidden_size)
        for name, view in views.items():
            object.__setattr__(self, name, view)
        object.__setattr__(self, "_b", b)
        object.__setattr__(self, "_W", W)  # last: from here on, fields are views

    def _pack(self, hidden_size: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """(W, b, {field: view of W or b}) for the checked fields."""
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        if name in self.specs and "_W" in self.__dict__:
            target = self.__dict__[name]
            array = np.asarray(value, dtype=target.dtype)
            if array.shape != target.shape:
                raise shape_error(name, self.specs[name], target.shape, array.shape)
            target[...] = array
        else:
            object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[type[Self], tuple[np.ndarray, ...]]:
        # pickle and copy.deepcopy rebuild through the constructor, so the views stay views
        return type(self), tuple(self.as_dict().values())

    def stacked(self) -> tuple[np.ndarray, np.ndarray]:
        """``(W, b)``: the fields stacked as the fast path uses them (shared memory)."""
        return self._W, self._b

    @property
    def hidden_size(self) -> int:
        """H."""
        return self._sizes[0]

    @property
    def input_size(self) -> int:
        """D."""
        return self._sizes[1]

    @property
    def dtype(self) -> np.dtype:
        """The computing dtype (float64 unless every array is float32)."""
        return self._W.dtype

    @classmethod
    def random(
        cls,
        input_size: int,
        hidden_size: int,
        rng: np.random.Generator,
        scale: float | None = None,
        dtype: DTypeLike = np.float64,
    ) -> Self:
        """Every weight and bias uniform in [−scale, scale]; scale = 1/√H by default (PyTorch).

        Args:
            input_size: D.
            hidden_size: H.
            rng: the random generator (same seed, same parameters).
            scale: half-width of the uniform distribution.
            dtype: float64 (default) or float32.
        """
        return cls(**random_arrays(cls.specs, input_size, hidden_size, rng, scale, dtype))

    def as_dict(self) -> dict[str, np.ndarray]:
        """Field name -> array, in the order of the fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]

    def copy(self) -> Self:
        """A deep copy."""
        return type(self)(**self.as_dict())  # the constructor copies


class TraceBase:
    """What every trace shares: ``xs`` (T[, B], D), ``h0`` ([B,] H), ``hs`` (T[, B], H) and
    ``reverse``, mixed into the trace dataclasses. A trace keeps the caller's xs and initial
    states without copying them (as autograd keeps its saved tensors): change them in place
    and a later backward pass uses the new values."""

    xs: np.ndarray
    h0: np.ndarray
    hs: np.ndarray
    reverse: bool

    @property
    def batched(self) -> bool:
        """Whether the inputs had a batch axis."""
        return self.xs.ndim == 3

    @property
    def h_T(self) -> np.ndarray:
        """([B,] H) the hidden state after the last processed step (index T−1, or 0 when
        time was processed in reverse)."""
        return self.hs[0] if self.reverse else self.hs[-1]

    @property
    def h_prevs(self) -> np.ndarray:
        """(T[, B], H) the h_{t-1} each step saw (h_{t+1} when reversed)."""
        return previous(self.hs, self.h0, self.reverse)


def stack_gates(
    weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Stack k gates' weights and biases, in the order given.

    Args:
        weights: k arrays of shape (H, H + D).
        biases: k arrays of shape (H,).

    Returns:
        ``(W, b)``: W (kH, H + D) and b (kH,). ``W[:, :H]`` acts on h_{t-1}, ``W[:, H:]`` on x_t.
    """
    return np.concatenate(weights, axis=0), np.concatenate(biases)


def project_inputs(X: np.ndarray, W_xT: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The input half of every gate for every time step, in one matrix product.

    Args:
        X: (T, B, D) the inputs.
        W_xT: (D, kH) the gates' input weights, transposed.
        b: (kH,) the gates' biases.

    Returns:
        (T, B, kH): x_t W_xᵀ + b for every t, a fresh array the time loop may write into.
    """
    T, B, D = X.shape
    Z = X.reshape(T * B, D) @ W_xT
    Z += b
    return Z.reshape(T, B, -1)


def reading_order(array: np.ndarray, reverse: bool) -> np.ndarray:
    """A (T, …) array in original time order <-> in the order a reverse pass reads it (a view).

    The fast paths run their time loop on arrays in reading order (t = 0 first); for
    ``reverse=True`` that is the sequence flipped, and the traces flip the results back.
    """
    return array[::-1] if reverse else array


def time_major(array: np.ndarray, reverse: bool, batched: bool) -> np.ndarray:
    """A trace's (T[, B], ·) array as the fast path reads it: (T, B, ·) in reading order."""
    return reading_order(array if batched else array[:, None], reverse)


def from_time_major(array: np.ndarray, reverse: bool, batched: bool) -> np.ndarray:
    """The inverse of :func:`time_major`: (T, B, ·) in reading order -> (T[, B], ·)."""
    array = reading_order(array, reverse)
    return array if batched else array[:, 0]


def previous(states: np.ndarray, initial: np.ndarray, reverse: bool) -> np.ndarray:
    """Each step's previous state.

    Args:
        states: (T, B, H), the state after each step, in original time order.
        initial: (B, H), the state before the first processed step.
        reverse: whether time was processed from T−1 down to 0.

    Returns:
        (T, B, H): ``[initial, states[0], …, states[T-2]]``, or when reversed
        ``[states[1], …, states[T-1], initial]``.
    """
    if reverse:
        return np.concatenate([states[1:], initial[None]], axis=0)
    return np.concatenate([initial[None], states[:-1]], axis=0)


def gate_jacobian(coeffs: np.ndarray, W_h: np.ndarray) -> np.ndarray:
    """Σ_k diag(coeffs_k) W_hk, for every step and example.

    Args:
        coeffs: (T, B, k, H), one coefficient vector per gate.
        W_h: (kH, H), the k gates' weights on h_{t-1}, stacked.

    Returns:
        (T, B, H, H).
    """
    k, H = coeffs.shape[2], coeffs.shape[3]
    return (coeffs[..., None] * W_h.reshape(k, H, H)).sum(axis=2)


def add_diagonal(M: np.ndarray, d: np.ndarray) -> None:
    """M[..., j, j] += d[..., j] for square trailing blocks M (..., n, n), in place (M may be
    a view)."""
    idx = np.arange(d.shape[-1])
    M[..., idx, idx] += d


def input_and_weight_grads(
    dZ: np.ndarray, H_prev: np.ndarray, X: np.ndarray, W_x: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """After the BPTT loop: the weight, bias and input gradients in three array operations.

    Args:
        dZ: (T, B, kH), ∂L/∂z_t for every step (the stacked gates' pre-activations).
        H_prev: (T, B, H), the h_{t-1} each step saw.
        X: (T, B, D), the inputs.
        W_x: (kH, D), the gates' input weights.

    Returns:
        ``(dW, db, dX)``: dW (kH, H + D) = Σ_t dz_tᵀ [h_{t-1}, x_t], db (kH,) = Σ_t dz_t,
        dX (T, B, D) = dz_t W_x for every t.
    """
    T, B, kH = dZ.shape
    dZ2 = dZ.reshape(T * B, kH)
    HX = np.concatenate([H_prev, X], axis=2).reshape(T * B, -1)
    dW = dZ2.T @ HX
    db = np.add.reduce(dZ2, axis=0)
    dX = (dZ2 @ W_x).reshape(T, B, -1)
    return dW, db, dX


def stack(arrays: Sequence[np.ndarray], axis: int = 0) -> np.ndarray:
    """``np.stack`` for axis 0 or 1, in one C call (np.stack's Python wrapper costs more than
    the copy at tutoring sizes)."""
    index = (None,) if axis == 0 else (slice(None), None)
    return np.concatenate([a[index] for a in arrays], axis=axis)


def add_batch(array: np.ndarray, batched: bool, axis: int = 1) -> np.ndarray:
    """The inverse of :func:`drop_batch`: a view with a batch axis of size 1 when unbatched
    (axis 0 or 1)."""
    if batched:
        return array
    return array[None] if axis == 0 else array[:, None]


def check_trace_sizes(params: ParamsBase, X: np.ndarray, Hs: np.ndarray) -> None:
    """Raise unless the parameters' D and H are those of a trace's X (T, B, D), Hs (T, B, H)."""
    if params.input_size != X.shape[2] or params.hidden_size != Hs.shape[2]:
        raise ValueError(
            f"params: expected D = {X.shape[2]}, H = {Hs.shape[2]} (the trace's sizes), "
            f"got D = {params.input_size}, H = {params.hidden_size}"
        )


def drop_batch(array: np.ndarray, batched: bool, axis: int = 1) -> np.ndarray:
    """The array as the caller gave it: without the batch axis (0 or 1) when the input had
    none."""
    if batched:
        return array
    return array[0] if axis == 0 else array[:, 0]
