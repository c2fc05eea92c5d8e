"""The GRU, with PyTorch's equations: one step, a whole sequence, and BPTT, in numpy.

    r_t = σ(W_r [h_{t-1}, x_t] + b_r)                         reset gate
    z_t = σ(W_z [h_{t-1}, x_t] + b_z)                         update gate
    n_t = tanh(W_xn x_t + b_xn + r_t ⊙ (W_hn h_{t-1} + b_hn))  candidate
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}

W_r, W_z are (H, H + D) on [h_{t-1}, x_t] (h first), W_hn is (H, H), W_xn is (H, D), every
bias (H,). PyTorch's ``nn.GRU`` stores the same numbers as weight_ih (r, z, n stacked),
weight_hh and two biases; b_r and b_z are the sums of its two biases, while the candidate
keeps both, b_xn outside the reset and b_hn inside it (see :mod:`tutor.engine.convert`).

How this differs from the GRU of Cho et al. (2014): there the reset gate acts *before* the
matrix product, h̃_t = tanh(W x_t + U (r_t ⊙ h_{t-1})), so U cannot be applied to h_{t-1} until
r_t is known. PyTorch and cuDNN apply it *after*, r_t ⊙ (W_hn h_{t-1} + b_hn), which lets the
three gates' h-products be one matrix product per step (the form used here). The update
h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t is Cho's (some texts swap z_t and 1 − z_t). The two
variants are different functions of the weights: their numbers do not agree.

Shapes: D input size, H hidden size, T time steps, B batch size; batches are rows, and every
function also takes a single example without the batch axis. :func:`step` and
:func:`step_backward` are the textbook one-step versions; :func:`forward` and :func:`backward`
are the fast paths (gates stacked r, z, n; input projection before the loop; weight gradients
after it in one product).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from tutor.engine._checks import as_sequence, as_state, as_step_input, as_upstream
from tutor.engine._recurrent import (
    ParamsBase,
    ShapeSpec,
    TraceBase,
    add_batch,
    add_diagonal,
    check_trace_sizes,
    drop_batch,
    from_time_major,
    gate_jacobian,
    input_and_weight_grads,
    previous,
    project_inputs,
    reading_order,
    stack_gates,
    time_major,
)
from tutor.engine.activations import GateActivations, sigmoid, sigmoid_grad, tanh_grad

__all__ = [
    "GATES",
    "GRUGrads",
    "GRUParams",
    "GRUStep",
    "GRUStepGrads",
    "GRUTrace",
    "backward",
    "forward",
    "state_jacobians",
    "step",
    "step_backward",
]

#: The order in which the fast path stacks the gates (PyTorch's).
GATES: tuple[str, ...] = ("r", "z", "n")

_HD = ("H", "H + D")
_SPECS: dict[str, ShapeSpec] = {
    "W_r": _HD, "W_z": _HD, "W_hn": ("H", "H"), "W_xn": ("H", "D"),
    "b_r": ("H",), "b_z": ("H",), "b_hn": ("H",), "b_xn": ("H",),
}  # fmt: skip


@dataclass(eq=False)
class GRUParams(ParamsBase):
    """The GRU's weights.

    Attributes:
        W_r, W_z: (H, H + D); columns 0..H−1 act on h_{t-1}, the rest on x_t.
        W_hn: (H, H), the candidate's weights on h_{t-1} (inside the reset gate).
        W_xn: (H, D), the candidate's weights on x_t.
        b_r, b_z, b_hn, b_xn: (H,); b_hn is inside the reset gate, b_xn outside.

    Also: ``hidden_size``, ``input_size``, ``dtype``, ``as_dict()``, ``copy()`` and
    ``GRUParams.random(input_size, hidden_size, rng, scale=None, dtype=np.float64)``.
    """

    specs: ClassVar[dict[str, ShapeSpec]] = _SPECS

    W_r: np.ndarray
    W_z: np.ndarray
    W_hn: np.ndarray
    W_xn: np.ndarray
    b_r: np.ndarray
    b_z: np.ndarray
    b_hn: np.ndarray
    b_xn: np.ndarray

    def _pack(self, hidden_size: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        # W (3H, H + D): rows r, z, n, the n rows being [W_hn | W_xn];
        # b (4H,): b_r, b_z, b_xn (added to the input projection), then b_hn (inside the reset)
        H = hidden_size
        W, b = stack_gates(
            [self.W_r, self.W_z, np.concatenate([self.W_hn, self.W_xn], axis=1)],
            [self.b_r, self.b_z, self.b_xn, self.b_hn],
        )
        views = {
            "W_r": W[:H], "W_z": W[H : 2 * H], "W_hn": W[2 * H :, :H], "W_xn": W[2 * H :, H:],
            "b_r": b[:H], "b_z": b[H : 2 * H], "b_xn": b[2 * H : 3 * H], "b_hn": b[3 * H :],
        }  # fmt: skip
        return W, b, views


@dataclass(eq=False)
class GRUStep:
    """One time step. Shapes: (B, ·) for a batch, (·) for one example.

    Attributes:
        x: ([B,] D) x_t.
        h_prev: ([B,] H) h_{t-1}.
        z_r, z_z: ([B,] H) pre-activations W_r [h_{t-1}, x_t] + b_r and W_z [...] + b_z
            (z_k is gate k's pre-activation: z_z is that of the update gate z).
        hn: ([B,] H) W_hn h_{t-1} + b_hn, the part the reset gate scales.
        z_n: ([B,] H) the candidate's pre-activation W_xn x_t + b_xn + r ⊙ hn.
        r, z, n: ([B,] H) reset gate, update gate, candidate.
        h: ([B,] H) h_t.
    """

    x: np.ndarray
    h_prev: np.ndarray
    z_r: np.ndarray
    z_z: np.ndarray
    hn: np.ndarray
    z_n: np.ndarray
    r: np.ndarray
    z: np.ndarray
    n: np.ndarray
    h: np.ndarray


@dataclass(eq=False)
class GRUStepGrads:
    """One step's gradients for dh = ∂L/∂h_t. Shapes ([B,] H) unless stated; parameter
    gradients are summed over the batch.

    Attributes:
        dn: ∂L/∂n_t = dh ⊙ (1 − z).
        dz: ∂L/∂z_t (the update gate) = dh ⊙ (h_{t-1} − n).
        dz_n: ∂L/∂z_n = dn ⊙ (1 − n²).
        dr: ∂L/∂r_t = dz_n ⊙ hn.
        dhn: ∂L/∂hn = dz_n ⊙ r.
        dz_r, dz_z: dr ⊙ r(1 − r), dz ⊙ z(1 − z).
        dh_prev: ∂L/∂h_{t-1} = dh ⊙ z + dz_r W_r[:, :H] + dz_z W_z[:, :H] + dhn W_hn.
        dx: ([B,] D) dz_r W_r[:, H:] + dz_z W_z[:, H:] + dz_n W_xn.
        dW_r, dW_z: (H, H + D); dW_hn: (H, H) dhnᵀ h_{t-1}; dW_xn: (H, D) dz_nᵀ x_t.
        db_r, db_z, db_hn, db_xn: (H,).
    """

    dn: np.ndarray
    dz: np.ndarray
    dz_n: np.ndarray
    dr: np.ndarray
    dhn: np.ndarray
    dz_r: np.ndarray
    dz_z: np.ndarray
    dh_prev: np.ndarray
    dx: np.ndarray
    dW_r: np.ndarray
    dW_z: np.ndarray
    dW_hn: np.ndarray
    dW_xn: np.ndarray
    db_r: np.ndarray
    db_z: np.ndarray
    db_hn: np.ndarray
    db_xn: np.ndarray

    def as_params(self) -> GRUParams:
        """The parameter gradients as :class:`GRUParams` (dW_r in W_r, …)."""
        return _grads_as_params(self)


@dataclass(eq=False)
class GRUTrace(TraceBase):
    """What :func:`forward` computed. Index t holds step t, also when ``reverse`` is True.

    Attributes:
        xs: (T[, B], D) the inputs.
        h0: ([B,] H) the initial hidden state.
        preacts: (T[, B], 3H) z_r, z_z, z_n stacked in this order along the last axis.
        gates: (T[, B], 3H) r, z, n stacked the same way.
        hns: (T[, B], H) W_hn h_{t-1} + b_hn at every step.
        hs: (T[, B], H) the hidden states.
        reverse: whether time was processed from T−1 down to 0.

    Views: ``r``, ``z``, ``n``, ``z_r``, ``z_z``, ``z_n`` (T[, B], H); ``h_prevs``; ``h_T``;
    ``steps``; ``batched``.
    """

    xs: np.ndarray
    h0: np.ndarray
    preacts: np.ndarray
    gates: np.ndarray
    hns: np.ndarray
    hs: np.ndarray
    reverse: bool = False

    def _gate(self, array: np.ndarray, k: int) -> np.ndarray:
        H = self.hs.shape[-1]
        return array[..., k * H : (k + 1) * H]

    @property
    def r(self) -> np.ndarray:
        """(T[, B], H) reset gates."""
        return self._gate(self.gates, 0)

    @property
    def z(self) -> np.ndarray:
        """(T[, B], H) update gates."""
        return self._gate(self.gates, 1)

    @property
    def n(self) -> np.ndarray:
        """(T[, B], H) candidates."""
        return self._gate(self.gates, 2)

    @property
    def z_r(self) -> np.ndarray:
        """(T[, B], H) reset-gate pre-activations."""
        return self._gate(self.preacts, 0)

    @property
    def z_z(self) -> np.ndarray:
        """(T[, B], H) update-gate pre-activations."""
        return self._gate(self.preacts, 1)

    @property
    def z_n(self) -> np.ndarray:
        """(T[, B], H) candidate pre-activations."""
        return self._gate(self.preacts, 2)

    @cached_property
    def steps(self) -> list[GRUStep]:
        """Each time step's :class:`GRUStep`, in original time order (views of the trace)."""
        h_prevs = self.h_prevs
        z_r, z_z, z_n, r, z, n = self.z_r, self.z_z, self.z_n, self.r, self.z, self.n
        steps = []
        for t in range(self.hs.shape[0]):
            step_t = GRUStep(
                x=self.xs[t], h_prev=h_prevs[t], z_r=z_r[t], z_z=z_z[t], hn=self.hns[t],
                z_n=z_n[t], r=r[t], z=z[t], n=n[t], h=self.hs[t],
            )  # fmt: skip
            steps.append(step_t)
        return steps


@dataclass(eq=False)
class GRUGrads:
    """Gradients through a whole sequence.

    Attributes:
        dW_r, dW_z: (H, H + D); dW_hn: (H, H); dW_xn: (H, D); db_r, db_z, db_hn, db_xn: (H,);
            summed over time and batch.
        dxs: (T[, B], D); dh0: ([B,] H).
        dh_total: (T[, B], H) ∂L/∂h_t in full.
        dpreacts: (T[, B], 3H) ∂L/∂z_r, ∂L/∂z_z, ∂L/∂z_n stacked; views ``dz_r``, ``dz_z``,
            ``dz_n``.
    """

    dW_r: np.ndarray
    dW_z: np.ndarray
    dW_hn: np.ndarray
    dW_xn: np.ndarray
    db_r: np.ndarray
    db_z: np.ndarray
    db_hn: np.ndarray
    db_xn: np.ndarray
    dxs: np.ndarray
    dh0: np.ndarray
    dh_total: np.ndarray
    dpreacts: np.ndarray

    def _gate(self, k: int) -> np.ndarray:
        H = self.dh0.shape[-1]
        return self.dpreacts[..., k * H : (k + 1) * H]

    @property
    def dz_r(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_r at every step."""
        return self._gate(0)

    @property
    def dz_z(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_z at every step."""
        return self._gate(1)

    @property
    def dz_n(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_n at every step."""
        return self._gate(2)

    def as_params(self) -> GRUParams:
        """The parameter gradients as :class:`GRUParams` (dW_r in W_r, …)."""
        return _grads_as_params(self)


def _grads_as_params(grads: GRUGrads | GRUStepGrads) -> GRUParams:
    return GRUParams(**{name: getattr(grads, "d" + name) for name in _SPECS})


@cache
def _rz_activations(hidden_size: int, dtype: np.dtype) -> GateActivations:
    """σ, σ for the gates r, z (cached per H and dtype)."""
    return GateActivations(("sigmoid", "sigmoid"), hidden_size, dtype)


@cache
def _gru_scale(hidden_size: int, dtype: np.dtype) -> np.ndarray:
    """(3H,): ½ on r and z (see GateActivations), 1 on n."""
    return np.concatenate([_rz_activations(hidden_size, dtype).scale, np.ones(hidden_size, dtype)])


def _coefficients(
    G: np.ndarray, HNs: np.ndarray, H_prev: np.ndarray, H: int, dtype: np.dtype
) -> tuple[np.ndarray, np.ndarray]:
    """What BPTT multiplies dh = ∂L/∂h_t by, for all steps at once.

    From h_t = (1 − z) ⊙ n + z ⊙ h_{t-1} and n = tanh(W_xn x + b_xn + r ⊙ hn):
    dz_n = dh ⊙ (1 − z) tanh'(n) = dh ⊙ A_n, and the three h-halves' gradients
    dz_r = dz_n ⊙ hn σ'(r), dz_z = dh ⊙ (h_{t-1} − n) σ'(z), dhn = dz_n ⊙ r.

    Args:
        G: (T, B, 3H) the gates r, z, n; HNs: (T, B, H) W_hn h_{t-1} + b_hn; H_prev: (T, B, H).

    Returns:
        ``(A_h, A_n)``: A_h (T, B, 3, H) with [dz_r, dz_z, dhn] = dh ⊙ A_h, and A_n (T, B, H).
    """
    r, z, n = G[:, :, :H], G[:, :, H : 2 * H], G[:, :, 2 * H :]
    dsig = _rz_activations(H, dtype).grad(G[:, :, : 2 * H])  # r(1 − r), z(1 − z)
    A_n = (1.0 - z) * tanh_grad(n)
    A_h = np.concatenate(
        [
            A_n * HNs * dsig[:, :, :H],  # dz_r
            (H_prev - n) * dsig[:, :, H:],  # dz_z
            A_n * r,  # dhn
        ],
        axis=2,
    )
    return A_h.reshape(*A_n.shape[:2], 3, H), A_n


def state_jacobians(params: GRUParams, trace: GRUTrace) -> np.ndarray:
    """Each step's Jacobian J_t = ∂h_t/∂h_{t-1}:

        J_t = diag(z_t) + diag(a_r) W_hr + diag(a_z) W_hz + diag(a_n) W_hn

    with a_r = (1 − z) tanh'(n) hn σ'(r), a_z = (h_{t-1} − n) σ'(z), a_n = (1 − z) tanh'(n) r,
    and W_hr, W_hz the h-columns of W_r, W_z. The diag(z_t) term is the GRU's direct path,
    like the LSTM's f_t.

    Args:
        params: the weights the trace was computed with.
        trace: from :func:`forward` (not reversed).

    Returns:
        (T[, B], H, H); index t is the Jacobian of step t.
    """
    if trace.reverse:
        raise ValueError("trace: expected a trace computed with reverse=False")
    H, dtype, batched = params.hidden_size, params.dtype, trace.batched
    X, Hs, G, HNs = (add_batch(a, batched) for a in (trace.xs, trace.hs, trace.gates, trace.hns))
    check_trace_sizes(params, X, Hs)
    H_prev = previous(Hs, add_batch(trace.h0, batched, 0), False)
    A_h, _ = _coefficients(G, HNs, H_prev, H, dtype)
    W, _ = params.stacked()
    J = gate_jacobian(A_h, W[:, :H])
    add_diagonal(J, G[:, :, H : 2 * H])
    return drop_batch(J, batched)


# --------------------------------------------------------------------------- one step


def step(params: GRUParams, x: ArrayLike, h_prev: ArrayLike | None = None) -> GRUStep:
    """One GRU step, gate by gate.

    Args:
        params: the weights.
        x: (D,) or (B, D).
        h_prev: (H,) or (B, H), matching x; None means zeros.

    Returns:
        A :class:`GRUStep` shaped like the inputs.
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    x_b, batched = as_step_input("x", x, D, dtype)
    h_b = as_state("h_prev", h_prev, x_b.shape[0], H, batched, dtype)

    hx = np.concatenate([h_b, x_b], axis=1)  # [h_{t-1}, x_t]: (B, H + D)
    z_r = hx @ params.W_r.T + params.b_r
    z_z = hx @ params.W_z.T + params.b_z
    r = sigmoid(z_r)
    z = sigmoid(z_z)
    hn = h_b @ params.W_hn.T + params.b_hn
    z_n = x_b @ params.W_xn.T + params.b_xn + r * hn
    n = np.tanh(z_n)
    h = (1.0 - z) * n + z * h_b

    def out(a: np.ndarray) -> np.ndarray:
        return drop_batch(a, batched, 0)

    return GRUStep(
        x=out(x_b), h_prev=out(h_b), z_r=out(z_r), z_z=out(z_z), hn=out(hn), z_n=out(z_n),
        r=out(r), z=out(z), n=out(n), h=out(h),
    )  # fmt: skip


def step_backward(params: GRUParams, step: GRUStep, dh: ArrayLike) -> GRUStepGrads:
    """Backpropagate through one step, gate by gate.

    Args:
        params: the weights the step used.
        step: the step's values.
        dh: ([B,] H) ∂L/∂h_t in full.

    Returns:
        A :class:`GRUStepGrads` shaped like the step's arrays.
    """
    H, dtype = params.hidden_size, params.dtype
    batched = step.h.ndim == 2
    dh_b = as_state("dh", dh, step.h.shape[0] if batched else 1, H, batched, dtype)
    x, h_prev, hn, r, z, n = (
        add_batch(a, batched, 0) for a in (step.x, step.h_prev, step.hn, step.r, step.z, step.n)
    )

    # h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
    dn = dh_b * (1.0 - z)
    dz = dh_b * (h_prev - n)
    dz_n = dn * tanh_grad(n)  # n = tanh(z_n)
    # z_n = W_xn x + b_xn + r ⊙ hn
    dr = dz_n * hn
    dhn = dz_n * r
    dz_r = dr * sigmoid_grad(r)
    dz_z = dz * sigmoid_grad(z)
    W_r, W_z = params.W_r, params.W_z
    dh_prev = dh_b * z + dz_r @ W_r[:, :H] + dz_z @ W_z[:, :H] + dhn @ params.W_hn
    dx = dz_r @ W_r[:, H:] + dz_z @ W_z[:, H:] + dz_n @ params.W_xn
    hx = np.concatenate([h_prev, x], axis=1)

    def out(a: np.ndarray) -> np.ndarray:
        return drop_batch(a, batched, 0)

    return GRUStepGrads(
        dn=out(dn), dz=out(dz), dz_n=out(dz_n), dr=out(dr), dhn=out(dhn),
        dz_r=out(dz_r), dz_z=out(dz_z), dh_prev=out(dh_prev), dx=out(dx),
        dW_r=dz_r.T @ hx, dW_z=dz_z.T @ hx, dW_hn=dhn.T @ h_prev, dW_xn=dz_n.T @ x,
        db_r=dz_r.sum(0), db_z=dz_z.sum(0), db_hn=dhn.sum(0), db_xn=dz_n.sum(0),
    )  # fmt: skip


# --------------------------------------------------------------------------- a sequence


def forward(
    params: GRUParams, xs: ArrayLike, h0: ArrayLike | None = None, *, reverse: bool = False
) -> GRUTrace:
    """Run the GRU over a sequence.

    Args:
        params: the weights.
        xs: (T, D) or (T, B, D), time first.
        h0: (H,) or (B, H) initial hidden state, matching xs; None means zeros.
        reverse: process time from T−1 down to 0; index t still holds step t.

    Returns:
        A :class:`GRUTrace` (hs: (T[, B], H), h_T: ([B,] H), steps, …).
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    X, batched = as_sequence("xs", xs, D, dtype)
    B = X.shape[1]
    h = h_init = as_state("h0", h0, B, H, batched, dtype)
    W, b = params.stacked()  # (3H, H + D) rows r, z, n; (4H,) b_r, b_z, b_xn, b_hn
    # σ(z) = ½ + ½·tanh(½z): the r and z columns are pre-scaled by ½ (exactly), n's by 1.
    s = _gru_scale(H, dtype)  # (3H,)
    W_sT = W.T * s  # (H + D, 3H)
    W_hT = W_sT[:H]  # (H, 3H)
    b_hn = params.b_hn  # added to W_hn h_{t-1}: it sits inside the reset gate
    # the x-halves of every step before the loop, in the order the steps are read: (T, B, 3H)
    Zs = project_inputs(reading_order(X, reverse), W_sT[H:], b[: 3 * H] * s)
    T, H2 = len(Zs), 2 * H
    G = np.empty_like(Zs)  # (T, B, 3H): r, z, n
    HNs, Hs = np.empty((T, B, H), dtype), np.empty((T, B, H), dtype)
    # Each step writes its results straight into row t of the arrays above (out=).
    for t in range(T):
        zx = Zs[t]  # (B, 3H): the x-halves (r, z scaled by ½)
        gh = h @ W_hT  # (B, 3H): the h-halves
        a_rz = zx[:, :H2]
        a_rz += gh[:, :H2]
        g = np.tanh(a_rz, out=G[t, :, :H2])  # r, z = ½ tanh(½ a) + ½
        g *= 0.5
        g += 0.5
        r, z = g[:, :H], g[:, H:]
        hn = np.add(gh[:, H2:], b_hn, out=HNs[t])  # W_hn h_{t-1} + b_hn
        z_n = zx[:, H2:]
        z_n += r * hn  # W_xn x + b_xn + r ⊙ (W_hn h + b_hn)
        n = np.tanh(z_n, out=G[t, :, H2:])
        h = np.subtract(h, n, out=Hs[t])  # h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
        h *= z  #     = n + z ⊙ (h_{t-1} − n)
        h += n
    Zs /= s  # the pre-activations themselves

    return GRUTrace(
        xs=drop_batch(X, batched),
        h0=drop_batch(h_init, batched, 0),
        preacts=from_time_major(Zs, reverse, batched),
        gates=from_time_major(G, reverse, batched),
        hns=from_time_major(HNs, reverse, batched),
        hs=from_time_major(Hs, reverse, batched),
        reverse=reverse,
    )


def backward(
    params: GRUParams,
    trace: GRUTrace,
    dhs: ArrayLike | None,
    dh_T: ArrayLike | None = None,
) -> GRUGrads:
    """Backpropagation through time.

    Args:
        params: the weights the forward pass used.
        trace: what :func:`forward` returned.
        dhs: (T[, B], H) ∂L/∂h_t taken directly; None means zeros.
        dh_T: ([B,] H) an extra gradient on the final hidden state ``trace.h_T``.

    Returns:
        A :class:`GRUGrads`.
    """
    H, dtype, batched, reverse = params.hidden_size, params.dtype, trace.batched, trace.reverse
    # the trace's arrays as the forward loop read them: (T, B, ·), step 0 first
    X, Hs, G, HNs = (
        time_major(a, reverse, batched) for a in (trace.xs, trace.hs, trace.gates, trace.hns)
    )
    h0 = add_batch(trace.h0, batched, 0)
    T, B, _ = Hs.shape
    check_trace_sizes(params, X, Hs)
    dHs = as_upstream("dhs", dhs, (T, B, H), ("T", "B", "H"), batched, dtype)
    dHs = reading_order(dHs, reverse)
    dh_next = as_state("dh_T", dh_T, B, H, batched, dtype)
    W, _ = params.stacked()
    W_h = W[:, :H]  # (3H, H): W_hr, W_hz, W_hn

    # Everything that does not depend on the recursion, for all t at once:
    z = G[:, :, H : 2 * H]
    H_prev = np.concatenate([h0[None], Hs[:-1]])  # the h_{t-1} each step read
    A_h, A_n = _coefficients(G, HNs, H_prev, H, dtype)  # [dz_r, dz_z, dhn] = dh ⊙ A_h

    dGH = np.empty((T, B, 3, H), dtype)  # ∂L/∂(h-halves): dz_r, dz_z, dhn
    dGH_flat = dGH.reshape(T, B, 3 * H)
    dH_total = np.empty((T, B, H), dtype)
    # Each step writes its results straight into row t of the arrays above (out=).
    for t in reversed(range(T)):
        dh = np.add(dHs[t], dh_next, out=dH_total[t])  # ∂L/∂h_t in full
        np.multiply(dh[:, None], A_h[t], out=dGH[t])  # dz_r, dz_z, dhn
        dh_next = dh * z[t]  # ∂L/∂h_{t-1}: directly,
        dh_next += dGH_flat[t] @ W_h  # and through the three gates
    dZ_n = dH_total * A_n  # ∂L/∂z_n, all t at once

    dZ = np.concatenate([dGH_flat[:, :, : 2 * H], dZ_n], axis=2)  # dz_r, dz_z, dz_n
    # dW's n rows get W_xn's gradient right (dz_nᵀ x); W_hn's is dhnᵀ h_{t-1}, below.
    dW, db, dX = input_and_weight_grads(dZ, H_prev, X, W[:, H:])
    dhn = dGH[:, :, 2].reshape(T * B, H)
    H2 = 2 * H
    return GRUGrads(
        dW_r=dW[:H], dW_z=dW[H:H2],
        dW_hn=dhn.T @ H_prev.reshape(T * B, H), dW_xn=dW[H2:, H:],
        db_r=db[:H], db_z=db[H:H2], db_hn=dhn.sum(axis=0), db_xn=db[H2:],
        dxs=from_time_major(dX, reverse, batched),
        dh0=drop_batch(dh_next, batched, 0),
        dh_total=from_time_major(dH_total, reverse, batched),
        dpreacts=from_time_major(dZ, reverse, batched),
    )  # fmt: skip
