"""Bidirectional LSTM: two independent LSTMs, one reading x_1 … x_T, one reading x_T … x_1,
their hidden states merged at every time step.

    h^f_t = LSTM_f(x_t, h^f_{t-1})          forward direction, t = 1 … T
    h^b_t = LSTM_b(x_t, h^b_{t+1})          backward direction, t = T … 1
    h_t   = [h^f_t ; h^b_t]                 merge "concat"  (2H)
          = h^f_t + h^b_t                   merge "sum"     (H)
          = (h^f_t + h^b_t) / 2             merge "mean"    (H)

the document's three merge modes. PyTorch's ``nn.LSTM(bidirectional=True)`` is merge
"concat", with the backward direction's weights under the ``_reverse`` names (see
:mod:`tutor.engine.convert`). Both directions' traces are kept aligned to the original time
order: ``trace.backward.hs[t]`` is h^b_t.

Shapes: D input size, H hidden size (per direction), T, B as everywhere; the initial and
final states are stacked by direction like PyTorch's h_n: (2, [B,] H), forward first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from tutor.engine import lstm
from tutor.engine._checks import as_float, as_sequence, shape_error
from tutor.engine._recurrent import stack

__all__ = [
    "MERGES",
    "BiLSTMGrads",
    "BiLSTMParams",
    "BiLSTMTrace",
    "Merge",
    "backward",
    "forward",
    "merge_outputs",
]

Merge = Literal["concat", "sum", "mean"]
MERGES: tuple[Merge, ...] = ("concat", "sum", "mean")


@dataclass(eq=False)
class BiLSTMParams:
    """The two directions' weights (same D and H).

    Attributes:
        forward: :class:`~tutor.engine.lstm.LSTMParams` of the left-to-right LSTM.
        backward: :class:`~tutor.engine.lstm.LSTMParams` of the right-to-left LSTM.
    """

    forward: lstm.LSTMParams
    backward: lstm.LSTMParams

    def __post_init__(self) -> None:
        f, b = self.forward, self.backward
        if (f.input_size, f.hidden_size) != (b.input_size, b.hidden_size):
            raise ValueError(
                "backward: expected the forward direction's sizes "
                f"(D, H) = ({f.input_size}, {f.hidden_size}), "
                f"got ({b.input_size}, {b.hidden_size})"
            )

    @property
    def hidden_size(self) -> int:
        """H, per direction."""
        return self.forward.hidden_size

    @property
    def input_size(self) -> int:
        """D."""
        return self.forward.input_size

    def as_dict(self) -> dict[str, np.ndarray]:
        """``"forward.W_f"`` -> array, …, then ``"backward.W_f"`` -> array, …"""
        return {
            f"{direction}.{name}": array
            for direction, params in (("forward", self.forward), ("backward", self.backward))
            for name, array in params.as_dict().items()
        }

    def copy(self) -> BiLSTMParams:
        """A deep copy."""
        return BiLSTMParams(forward=self.forward.copy(), backward=self.backward.copy())

    @classmethod
    def random(
        cls,
        input_size: int,
        hidden_size: int,
        rng: np.random.Generator,
        scale: float | None = None,
        dtype: DTypeLike = np.float64,
    ) -> BiLSTMParams:
        """Both directions from :meth:`LSTMParams.random <tutor.engine.lstm.LSTMParams>`,
        forward first."""
        return cls(
            forward=lstm.LSTMParams.random(input_size, hidden_size, rng, scale, dtype),
            backward=lstm.LSTMParams.random(input_size, hidden_size, rng, scale, dtype),
        )


@dataclass(eq=False)
class BiLSTMTrace:
    """What :func:`forward` computed.

    Attributes:
        forward: the forward direction's :class:`~tutor.engine.lstm.LSTMTrace`.
        backward: the backward direction's trace (``reverse=True``): index t holds h^b_t,
            and its ``h_T`` / ``C_T`` are its states after reading x_1, i.e. at t = 0.
        hs: (T[, B], 2H) for "concat", (T[, B], H) for "sum" and "mean": the merged outputs.
        merge: the merge mode.
    """

    forward: lstm.LSTMTrace
    backward: lstm.LSTMTrace
    hs: np.ndarray
    merge: Merge

    @property
    def h_T(self) -> np.ndarray:
        """(2, [B,] H) each direction's final hidden state, forward first (PyTorch's h_n)."""
        return stack([self.forward.h_T, self.backward.h_T])

    @property
    def C_T(self) -> np.ndarray:
        """(2, [B,] H) each direction's final cell state, forward first (PyTorch's c_n)."""
        return stack([self.forward.C_T, self.backward.C_T])


@dataclass(eq=False)
class BiLSTMGrads:
    """Gradients of both directions.

    Attributes:
        forward, backward: each direction's :class:`~tutor.engine.lstm.LSTMGrads` (their
            ``dxs`` are that direction's share).
        dxs: (T[, B], D) ∂L/∂x_t, the sum of both directions' shares.
        dh0, dC0: (2, [B,] H) the initial states' gradients, forward first.
    """

    forward: lstm.LSTMGrads
    backward: lstm.LSTMGrads
    dxs: np.ndarray
    dh0: np.ndarray
    dC0: np.ndarray

    def as_params(self) -> BiLSTMParams:
        """The parameter gradients as :class:`BiLSTMParams`."""
        return BiLSTMParams(forward=self.forward.as_params(), backward=self.backward.as_params())


def merge_outputs(hs_forward: np.ndarray, hs_backward: np.ndarray, merge: Merge) -> np.ndarray:
    """Merge the two directions' hidden states, (…, H) each, into (…, 2H) or (…, H)."""
    if merge == "concat":
        return np.concatenate([hs_forward, hs_backward], axis=-1)
    if merge == "sum":
        return hs_forward + hs_backward
    if merge == "mean":
        return (hs_forward + hs_backward) * 0.5
    raise ValueError(f"merge: expected one of {', '.join(MERGES)}, got {merge!r}")


def _by_direction(
    name: str, value: ArrayLike | None, batched: bool, batch: int, hidden_size: int, dtype: np.dtype
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Split a (2, [B,] H) state into its forward and backward halves."""
    if value is None:
        return None, None
    array = as_float(value, dtype)
    symbols = ("2", "B", "H") if batched else ("2", "H")
    expected = (2, batch, hidden_size) if batched else (2, hidden_size)
    if array.shape != expected:
        raise shape_error(name, symbols, expected, array.shape)
    return array[0], array[1]


def forward(
    params: BiLSTMParams,
    xs: ArrayLike,
    h0: ArrayLike | None = None,
    C0: ArrayLike | None = None,
    merge: Merge = "concat",
) -> BiLSTMTrace:
    """Run both directions and merge.

    Args:
        params: both directions' weights.
        xs: (T, D) or (T, B, D).
        h0, C0: (2, H) or (2, B, H) initial states, forward direction first; None, zeros.
        merge: "concat", "sum" or "mean".

    Returns:
        A :class:`BiLSTMTrace`.
    """
    if merge not in MERGES:
        raise ValueError(f"merge: expected one of {', '.join(MERGES)}, got {merge!r}")
    dtype, H = params.forward.dtype, params.hidden_size
    X3, batched = as_sequence("xs", xs, params.input_size, dtype)  # (T, B, D)
    B = X3.shape[1]
    X = X3 if batched else X3[:, 0]
    h0_f, h0_b = _by_direction("h0", h0, batched, B, H, dtype)
    C0_f, C0_b = _by_direction("C0", C0, batched, B, H, dtype)
    trace_f = lstm.forward(params.forward, X, h0_f, C0_f)
    trace_b = lstm.forward(params.backward, X, h0_b, C0_b, reverse=True)
    return BiLSTMTrace(
        forward=trace_f,
        backward=trace_b,
        hs=merge_outputs(trace_f.hs, trace_b.hs, merge),
        merge=merge,
    )


def backward(
    params: BiLSTMParams,
    trace: BiLSTMTrace,
    dhs: ArrayLike | None,
    dh_T: ArrayLike | None = None,
    dC_T: ArrayLike | None = None,
) -> BiLSTMGrads:
    """Backpropagate through both directions.

    Args:
        params: both directions' weights.
        trace: what :func:`forward` returned.
        dhs: ∂L/∂(merged h_t), shaped like ``trace.hs``; None means zeros.
        dh_T, dC_T: (2, [B,] H) gradients on the final states ``trace.h_T`` / ``trace.C_T``
            (forward direction first); None means zeros.

    Returns:
        A :class:`BiLSTMGrads`.
    """
    dtype = params.forward.dtype
    H = params.hidden_size
    batched = trace.forward.batched
    B = trace.forward.xs.shape[1] if batched else 1
    if dhs is None:
        d_f = d_b = None
    else:
        d = as_float(dhs, dtype)
        if d.shape != trace.hs.shape:
            symbols = ("T", "B") if batched else ("T",)
            width = "2H" if trace.merge == "concat" else "H"
            raise shape_error("dhs", (*symbols, width), trace.hs.shape, d.shape, " like trace.hs")
        if trace.merge == "concat":
            d_f, d_b = d[..., :H], d[..., H:]
        elif trace.merge == "sum":
            d_f = d_b = d
        else:
            d_f = d_b = d * 0.5
    dh_T_f, dh_T_b = _by_direction("dh_T", dh_T, batched, B, H, dtype)
    dC_T_f, dC_T_b = _by_direction("dC_T", dC_T, batched, B, H, dtype)
    grads_f = lstm.backward(params.forward, trace.forward, d_f, dh_T_f, dC_T_f)
    grads_b = lstm.backward(params.backward, trace.backward, d_b, dh_T_b, dC_T_b)
    return BiLSTMGrads(
        forward=grads_f,
        backward=grads_b,
        dxs=grads_f.dxs + grads_b.dxs,
        dh0=stack([grads_f.dh0, grads_b.dh0]),
        dC0=stack([grads_f.dC0, grads_b.dC0]),
    )
