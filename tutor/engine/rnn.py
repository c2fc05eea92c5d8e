"""The plain (Elman) tanh RNN: one step, a whole sequence, and BPTT, in numpy.

    z_t = W [h_{t-1}, x_t] + b
    h_t = tanh(z_t)

W is (H, H + D), acting on the concatenation [h_{t-1}, x_t] (h first, as the document writes
the LSTM's gates), b is (H,). PyTorch's ``nn.RNN`` (nonlinearity "tanh") computes the same
with W = [weight_hh | weight_ih] and b = bias_ih + bias_hh (see :mod:`tutor.engine.convert`).

Backpropagating through time multiplies the gradient by ∂h_t/∂h_{t-1} = diag(1 − h_t²) W_h
at every step (W_h = W[:, :H]): the product of T such matrices is what vanishes (or explodes)
over long sequences; :mod:`tutor.engine.jacobian` measures it.

Shapes: D input size, H hidden size, T time steps, B batch size; batches are rows, and every
function also takes a single example without the batch axis. :func:`step` and
:func:`step_backward` are the textbook one-step versions; :func:`forward` and :func:`backward`
run a sequence with the input projection hoisted out of the loop and the weight gradient
computed after it in one product.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from tutor.engine._checks import as_sequence, as_state, as_step_input, as_upstream
from tutor.engine._recurrent import (
    ParamsBase,
    ShapeSpec,
    TraceBase,
    add_batch,
    check_trace_sizes,
    drop_batch,
    from_time_major,
    input_and_weight_grads,
    project_inputs,
    reading_order,
    time_major,
)
from tutor.engine.activations import tanh_grad

__all__ = [
    "RNNGrads",
    "RNNParams",
    "RNNStep",
    "RNNStepGrads",
    "RNNTrace",
    "backward",
    "forward",
    "state_jacobians",
    "step",
    "step_backward",
]


@dataclass(eq=False)
class RNNParams(ParamsBase):
    """The RNN's weights.

    Attributes:
        W: (H, H + D); columns 0..H−1 act on h_{t-1}, the rest on x_t.
        b: (H,).

    Also: ``hidden_size``, ``input_size``, ``dtype``, ``as_dict()``, ``copy()`` and
    ``RNNParams.random(input_size, hidden_size, rng, scale=None, dtype=np.float64)``.
    """

    specs: ClassVar[dict[str, ShapeSpec]] = {"W": ("H", "H + D"), "b": ("H",)}

    W: np.ndarray
    b: np.ndarray

    def _pack(self, hidden_size: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        W, b = self.W.copy(), self.b.copy()
        return W, b, {"W": W, "b": b}


@dataclass(eq=False)
class RNNStep:
    """One time step. Shapes: (B, ·) for a batch, (·) for one example.

    Attributes:
        x: ([B,] D) the input x_t.
        h_prev: ([B,] H) h_{t-1}.
        z: ([B,] H) the pre-activation W [h_{t-1}, x_t] + b.
        h: ([B,] H) h_t = tanh(z).
    """

    x: np.ndarray
    h_prev: np.ndarray
    z: np.ndarray
    h: np.ndarray


@dataclass(eq=False)
class RNNStepGrads:
    """One step's gradients for dh = ∂L/∂h_t. Parameter gradients are summed over the batch.

    Attributes:
        dz: ([B,] H) ∂L/∂z_t = dh ⊙ (1 − h_t²).
        dh_prev: ([B,] H) ∂L/∂h_{t-1} = dz W[:, :H].
        dx: ([B,] D) ∂L/∂x_t = dz W[:, H:].
        dW: (H, H + D) dzᵀ [h_{t-1}, x_t].
        db: (H,).
    """

    dz: np.ndarray
    dh_prev: np.ndarray
    dx: np.ndarray
    dW: np.ndarray
    db: np.ndarray

    def as_params(self) -> RNNParams:
        """The parameter gradients as :class:`RNNParams`."""
        return RNNParams(W=self.dW, b=self.db)


@dataclass(eq=False)
class RNNTrace(TraceBase):
    """What :func:`forward` computed. Index t holds step t, also when ``reverse`` is True.

    Attributes:
        xs: (T[, B], D) the inputs.
        h0: ([B,] H) the initial hidden state.
        preacts: (T[, B], H) the pre-activations z_t.
        hs: (T[, B], H) the hidden states h_t.
        reverse: whether time was processed from T−1 down to 0.

    Views: ``h_prevs`` (T[, B], H), ``h_T`` ([B,] H), ``steps``, ``batched``.
    """

    xs: np.ndarray
    h0: np.ndarray
    preacts: np.ndarray
    hs: np.ndarray
    reverse: bool = False

    @cached_property
    def steps(self) -> list[RNNStep]:
        """Each time step's :class:`RNNStep`, in original time order (views of the trace)."""
        h_prevs = self.h_prevs
        return [
            RNNStep(x=self.xs[t], h_prev=h_prevs[t], z=self.preacts[t], h=self.hs[t])
            for t in range(self.hs.shape[0])
        ]


@dataclass(eq=False)
class RNNGrads:
    """Gradients through a whole sequence.

    Attributes:
        dW: (H, H + D), db: (H,), summed over time and batch.
        dxs: (T[, B], D) ∂L/∂x_t.
        dh0: ([B,] H) ∂L/∂h0.
        dh_total: (T[, B], H) ∂L/∂h_t in full (upstream plus what flows back from later
            steps): watch it shrink towards t = 0.
        dpreacts: (T[, B], H) ∂L/∂z_t.
    """

    dW: np.ndarray
    db: np.ndarray
    dxs: np.ndarray
    dh0: np.ndarray
    dh_total: np.ndarray
    dpreacts: np.ndarray

    def as_params(self) -> RNNParams:
        """The parameter gradients as :class:`RNNParams`."""
        return RNNParams(W=self.dW, b=self.db)


def step(params: RNNParams, x: ArrayLike, h_prev: ArrayLike | None = None) -> RNNStep:
    """One RNN step.

    Args:
        params: the weights.
        x: (D,) or (B, D).
        h_prev: (H,) or (B, H), matching x; None means zeros.

    Returns:
        An :class:`RNNStep` shaped like the inputs.
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    x_b, batched = as_step_input("x", x, D, dtype)
    h_b = as_state("h_prev", h_prev, x_b.shape[0], H, batched, dtype)
    hx = np.concatenate([h_b, x_b], axis=1)  # [h_{t-1}, x_t]: (B, H + D)
    z = hx @ params.W.T + params.b
    h = np.tanh(z)
    return RNNStep(
        x=drop_batch(x_b, batched, 0),
        h_prev=drop_batch(h_b, batched, 0),
        z=drop_batch(z, batched, 0),
        h=drop_batch(h, batched, 0),
    )


def step_backward(params: RNNParams, step: RNNStep, dh: ArrayLike) -> RNNStepGrads:
    """Backpropagate through one step.

    Args:
        params: the weights the step used.
        step: the step's values.
        dh: ([B,] H) ∂L/∂h_t in full.

    Returns:
        An :class:`RNNStepGrads` shaped like the step's arrays.
    """
    H, dtype = params.hidden_size, params.dtype
    batched = step.h.ndim == 2
    dh_b = as_state("dh", dh, step.h.shape[0] if batched else 1, H, batched, dtype)

    dz = dh_b * tanh_grad(add_batch(step.h, batched, 0))  # h = tanh(z)
    dhx = dz @ params.W  # z = W [h_{t-1}, x_t] + b
    hx = np.concatenate([add_batch(step.h_prev, batched, 0), add_batch(step.x, batched, 0)], 1)
    return RNNStepGrads(
        dz=drop_batch(dz, batched, 0),
        dh_prev=drop_batch(dhx[:, :H], batched, 0),
        dx=drop_batch(dhx[:, H:], batched, 0),
        dW=dz.T @ hx,
        db=dz.sum(axis=0),
    )


def forward(
    params: RNNParams, xs: ArrayLike, h0: ArrayLike | None = None, *, reverse: bool = False
) -> RNNTrace:
    """Run the RNN over a sequence.

    Args:
        params: the weights.
        xs: (T, D) or (T, B, D), time first.
        h0: (H,) or (B, H) initial hidden state, matching xs; None means zeros.
        reverse: process time from T−1 down to 0; index t still holds step t.

    Returns:
        An :class:`RNNTrace` (hs: (T[, B], H), h_T: ([B,] H), steps, …).
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    X, batched = as_sequence("xs", xs, D, dtype)
    B = X.shape[1]
    h = h_init = as_state("h0", h0, B, H, batched, dtype)
    W_hT = params.W[:, :H].T  # (H, H)
    # x_t W_xᵀ + b for all t before the loop, in the order the steps are read: (T, B, H)
    Z = project_inputs(reading_order(X, reverse), params.W[:, H:].T, params.b)
    Hs = np.empty_like(Z)  # (T, B, H)
    for t in range(len(Z)):
        z = Z[t]
        z += h @ W_hT  # z_t = W [h_{t-1}, x_t] + b
        h = np.tanh(z, out=Hs[t])  # h_t, written straight into row t
    return RNNTrace(
        xs=drop_batch(X, batched),
        h0=drop_batch(h_init, batched, 0),
        preacts=from_time_major(Z, reverse, batched),
        hs=from_time_major(Hs, reverse, batched),
        reverse=reverse,
    )


def backward(
    params: RNNParams,
    trace: RNNTrace,
    dhs: ArrayLike | None,
    dh_T: ArrayLike | None = None,
) -> RNNGrads:
    """Backpropagation through time.

    Args:
        params: the weights the forward pass used.
        trace: what :func:`forward` returned.
        dhs: (T[, B], H) ∂L/∂h_t taken directly; None means zeros.
        dh_T: ([B,] H) an extra gradient on the final hidden state ``trace.h_T``.

    Returns:
        An :class:`RNNGrads`.
    """
    H, dtype, batched, reverse = params.hidden_size, params.dtype, trace.batched, trace.reverse
    # the trace's arrays as the forward loop read them: (T, B, ·), step 0 first
    X, Hs = time_major(trace.xs, reverse, batched), time_major(trace.hs, reverse, batched)
    h0 = add_batch(trace.h0, batched, 0)
    T, B, _ = Hs.shape
    check_trace_sizes(params, X, Hs)
    dHs = as_upstream("dhs", dhs, (T, B, H), ("T", "B", "H"), batched, dtype)
    dHs = reading_order(dHs, reverse)
    dh_next = as_state("dh_T", dh_T, B, H, batched, dtype)
    W_h = params.W[:, :H]
    tanh_prime = tanh_grad(Hs)  # 1 − h_t², all t at once

    dZ = np.empty((T, B, H), dtype)
    dH_total = np.empty((T, B, H), dtype)
    for t in reversed(range(T)):  # each step writes into row t of dH_total and dZ (out=)
        dh = np.add(dHs[t], dh_next, out=dH_total[t])  # ∂L/∂h_t in full
        dz = np.multiply(dh, tanh_prime[t], out=dZ[t])  # ∂L/∂z_t
        dh_next = dz @ W_h  # ∂L/∂h_{t-1}

    H_prev = np.concatenate([h0[None], Hs[:-1]])  # the h_{t-1} each step read
    dW, db, dX = input_and_weight_grads(dZ, H_prev, X, params.W[:, H:])
    return RNNGrads(
        dW=dW,
        db=db,
        dxs=from_time_major(dX, reverse, batched),
        dh0=drop_batch(dh_next, batched, 0),
        dh_total=from_time_major(dH_total, reverse, batched),
        dpreacts=from_time_major(dZ, reverse, batched),
    )


def state_jacobians(params: RNNParams, trace: RNNTrace) -> np.ndarray:
    """Each step's Jacobian J_t = ∂h_t/∂h_{t-1} = diag(1 − h_t²) W_h, W_h = W[:, :H].

    BPTT multiplies the gradient by them: ∂L/∂h_{t-1} = ∂L/∂h_t J_t (+ what the loss adds at
    t−1), so ∂h_T/∂h_t = J_T J_{T-1} ⋯ J_{t+1}: the product that vanishes or explodes.

    Args:
        params: the weights the trace was computed with.
        trace: from :func:`forward` (not reversed).

    Returns:
        (T[, B], H, H); index t is the Jacobian of step t.
    """
    if trace.reverse:
        raise ValueError("trace: expected a trace computed with reverse=False")
    H, batched = params.hidden_size, trace.batched
    X, Hs = add_batch(trace.xs, batched), add_batch(trace.hs, batched)
    check_trace_sizes(params, X, Hs)
    return drop_batch(tanh_grad(Hs)[..., None] * params.W[:, :H], batched)
