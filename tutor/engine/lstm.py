"""LSTM: one step, a whole sequence, and backpropagation through time, in numpy.

The equations, in the document's notation ([h_{t-1}, x_t] is the concatenation, h first):

    f_t  = σ(W_f [h_{t-1}, x_t] + b_f)          forget gate
    i_t  = σ(W_i [h_{t-1}, x_t] + b_i)          input gate
    C̃_t  = tanh(W_C [h_{t-1}, x_t] + b_C)        candidate cell state
    o_t  = σ(W_o [h_{t-1}, x_t] + b_o)          output gate
    C_t  = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t             cell state
    h_t  = o_t ⊙ tanh(C_t)                       hidden state

Shapes: D input size, H hidden size, T time steps, B batch size. Each W_k is (H, H + D), each
b_k is (H,). Batches are rows: x_t is (B, D), h_t and C_t are (B, H), and W_k [h, x] is
computed as [h, x] W_kᵀ. Every function also takes a single example without the batch axis.
Arrays are float64 unless all parameters are float32.

Two versions of the same maths live here:

* :func:`step` and :func:`step_backward` follow the equations gate by gate, one time step,
  for worked solutions and exercises;
* :func:`forward` and :func:`backward` run a whole sequence fast, with the accelerations the
  tutor teaches: the four gates' weights stacked in one (4H, H + D) matrix (order f, i, C̃, o)
  so each step makes one matrix product, the input half x_t W_xᵀ + b of every step computed
  before the loop in one product, one tanh call activating all four gates
  (σ(z) = ½ + ½·tanh(z/2)), and the weight gradients computed after the BPTT loop as one
  product over all time steps. The tests keep the two versions (and PyTorch) in agreement.
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
    "LSTMGrads",
    "LSTMParams",
    "LSTMStep",
    "LSTMStepGrads",
    "LSTMTrace",
    "backward",
    "forward",
    "state_jacobians",
    "step",
    "step_backward",
]

#: The order in which the fast path stacks the gates (the document's order).
GATES: tuple[str, ...] = ("f", "i", "C", "o")

_HD = ("H", "H + D")
_SPECS: dict[str, ShapeSpec] = {
    "W_f": _HD, "W_i": _HD, "W_C": _HD, "W_o": _HD,
    "b_f": ("H",), "b_i": ("H",), "b_C": ("H",), "b_o": ("H",),
}  # fmt: skip


@dataclass(eq=False)
class LSTMParams(ParamsBase):
    """The LSTM's weights and biases, one pair per gate.

    Attributes:
        W_f, W_i, W_C, W_o: (H, H + D) each; columns 0..H−1 act on h_{t-1}, the rest on x_t.
        b_f, b_i, b_C, b_o: (H,) each.

    Also: ``hidden_size`` (H), ``input_size`` (D), ``dtype``, ``as_dict()``, ``copy()``,
    ``stacked()`` -> (W (4H, H + D), b (4H,)) with the gates stacked f, i, C̃, o, and
    ``LSTMParams.random(input_size, hidden_size, rng, scale=None, dtype=np.float64)`` (uniform
    in [−scale, scale], scale = 1/√H by default as in PyTorch).

    The constructor checks the shapes (a ValueError names the field and the shape expected),
    converts to float64 (unless all arrays are float32) and copies the arrays into the
    stacked W and b, of which the fields are views: editing ``params.W_f`` in place changes
    the next forward pass; assigning ``params.W_f = A`` copies A in.
    """

    specs: ClassVar[dict[str, ShapeSpec]] = _SPECS

    W_f: np.ndarray
    W_i: np.ndarray
    W_C: np.ndarray
    W_o: np.ndarray
    b_f: np.ndarray
    b_i: np.ndarray
    b_C: np.ndarray
    b_o: np.ndarray

    def _pack(self, hidden_size: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        # W (4H, H + D) and b (4H,): the gates stacked f, i, C̃, o
        W, b = stack_gates(
            [self.W_f, self.W_i, self.W_C, self.W_o], [self.b_f, self.b_i, self.b_C, self.b_o]
        )
        views = {}
        for k, gate in enumerate(GATES):
            rows = slice(k * hidden_size, (k + 1) * hidden_size)
            views["W_" + gate], views["b_" + gate] = W[rows], b[rows]
        return W, b, views


@dataclass(eq=False)
class LSTMStep:
    """Every quantity of one time step. Shapes: (B, ·) for a batch, (·) for one example.

    Attributes:
        x: ([B,] D) the input x_t.
        h_prev, C_prev: ([B,] H) h_{t-1} and C_{t-1}.
        z_f, z_i, z_C, z_o: ([B,] H) pre-activations W_k [h_{t-1}, x_t] + b_k.
        f, i, C_tilde, o: ([B,] H) the gates and the candidate C̃_t.
        C: ([B,] H) the cell state C_t.
        tanh_C: ([B,] H) tanh(C_t).
        h: ([B,] H) the hidden state h_t.
    """

    x: np.ndarray
    h_prev: np.ndarray
    C_prev: np.ndarray
    z_f: np.ndarray
    z_i: np.ndarray
    z_C: np.ndarray
    z_o: np.ndarray
    f: np.ndarray
    i: np.ndarray
    C_tilde: np.ndarray
    o: np.ndarray
    C: np.ndarray
    tanh_C: np.ndarray
    h: np.ndarray


@dataclass(eq=False)
class LSTMStepGrads:
    """Every gradient of one time step, for upstream gradients dh = ∂L/∂h_t and dC.

    Shapes: ([B,] H) unless stated; parameter gradients are summed over the batch.

    Attributes:
        do: ∂L/∂o_t = dh ⊙ tanh(C_t).
        dC_total: ∂L/∂C_t in full = dC + dh ⊙ o_t ⊙ (1 − tanh²(C_t)).
        df, di, dC_tilde: ∂L/∂f_t = dC_total ⊙ C_{t-1}, ∂L/∂i_t = dC_total ⊙ C̃_t,
            ∂L/∂C̃_t = dC_total ⊙ i_t.
        dz_f, dz_i, dz_C, dz_o: gradients of the pre-activations: df ⊙ f(1 − f),
            di ⊙ i(1 − i), dC_tilde ⊙ (1 − C̃²), do ⊙ o(1 − o).
        dh_prev: ∂L/∂h_{t-1} = Σ_k dz_k W_k[:, :H].
        dC_prev: ∂L/∂C_{t-1} = dC_total ⊙ f_t.
        dx: ([B,] D) ∂L/∂x_t = Σ_k dz_k W_k[:, H:].
        dW_f, dW_i, dW_C, dW_o: (H, H + D) dz_kᵀ [h_{t-1}, x_t].
        db_f, db_i, db_C, db_o: (H,) dz_k summed over the batch.
    """

    do: np.ndarray
    dC_total: np.ndarray
    df: np.ndarray
    di: np.ndarray
    dC_tilde: np.ndarray
    dz_f: np.ndarray
    dz_i: np.ndarray
    dz_C: np.ndarray
    dz_o: np.ndarray
    dh_prev: np.ndarray
    dC_prev: np.ndarray
    dx: np.ndarray
    dW_f: np.ndarray
    dW_i: np.ndarray
    dW_C: np.ndarray
    dW_o: np.ndarray
    db_f: np.ndarray
    db_i: np.ndarray
    db_C: np.ndarray
    db_o: np.ndarray

    def as_params(self) -> LSTMParams:
        """The parameter gradients as an :class:`LSTMParams` (dW_f in W_f, …)."""
        return _grads_as_params(self)


@dataclass(eq=False)
class LSTMTrace(TraceBase):
    """What :func:`forward` computed, kept for :func:`backward` and for exercises.

    Time is always in the original order: index t holds step t, also when ``reverse`` is True
    (the sequence was then processed from t = T−1 down to 0, as the backward half of a
    BiLSTM does, and step t's previous state is that of step t + 1).

    Attributes:
        xs: (T[, B], D) the inputs.
        h0, C0: ([B,] H) the initial states.
        preacts: (T[, B], 4H) the gates' pre-activations z_f, z_i, z_C, z_o stacked in this
            order along the last axis.
        gates: (T[, B], 4H) f, i, C̃, o stacked the same way.
        Cs: (T[, B], H) the cell states C_t.
        tanh_Cs: (T[, B], H) tanh(C_t).
        hs: (T[, B], H) the hidden states h_t.
        reverse: whether time was processed backwards.

    Views: ``f``, ``i``, ``C_tilde``, ``o``, ``z_f``, ``z_i``, ``z_C``, ``z_o`` (T[, B], H);
    ``h_prevs``, ``C_prevs`` (T[, B], H); ``h_T``, ``C_T`` ([B,] H), the states after the last
    processed step; ``steps``, one :class:`LSTMStep` per time step; ``batched``.
    """

    xs: np.ndarray
    h0: np.ndarray
    C0: np.ndarray
    preacts: np.ndarray
    gates: np.ndarray
    Cs: np.ndarray
    tanh_Cs: np.ndarray
    hs: np.ndarray
    reverse: bool = False

    @property
    def C_T(self) -> np.ndarray:
        """([B,] H) the cell state after the last processed step."""
        return self.Cs[0] if self.reverse else self.Cs[-1]

    def _gate(self, array: np.ndarray, k: int) -> np.ndarray:
        H = self.hs.shape[-1]
        return array[..., k * H : (k + 1) * H]

    @property
    def f(self) -> np.ndarray:
        """(T[, B], H) forget gates."""
        return self._gate(self.gates, 0)

    @property
    def i(self) -> np.ndarray:
        """(T[, B], H) input gates."""
        return self._gate(self.gates, 1)

    @property
    def C_tilde(self) -> np.ndarray:
        """(T[, B], H) candidate cell states."""
        return self._gate(self.gates, 2)

    @property
    def o(self) -> np.ndarray:
        """(T[, B], H) output gates."""
        return self._gate(self.gates, 3)

    @property
    def z_f(self) -> np.ndarray:
        """(T[, B], H) forget-gate pre-activations."""
        return self._gate(self.preacts, 0)

    @property
    def z_i(self) -> np.ndarray:
        """(T[, B], H) input-gate pre-activations."""
        return self._gate(self.preacts, 1)

    @property
    def z_C(self) -> np.ndarray:
        """(T[, B], H) candidate pre-activations."""
        return self._gate(self.preacts, 2)

    @property
    def z_o(self) -> np.ndarray:
        """(T[, B], H) output-gate pre-activations."""
        return self._gate(self.preacts, 3)

    @property
    def C_prevs(self) -> np.ndarray:
        """(T[, B], H) the C_{t-1} each step saw."""
        return previous(self.Cs, self.C0, self.reverse)

    @cached_property
    def steps(self) -> list[LSTMStep]:
        """Each time step's :class:`LSTMStep`, in original time order (views of the trace)."""
        h_prevs, C_prevs = self.h_prevs, self.C_prevs
        z_f, z_i, z_C, z_o = self.z_f, self.z_i, self.z_C, self.z_o
        f, i, C_tilde, o = self.f, self.i, self.C_tilde, self.o
        steps = []
        for t in range(self.hs.shape[0]):
            step_t = LSTMStep(
                x=self.xs[t], h_prev=h_prevs[t], C_prev=C_prevs[t],
                z_f=z_f[t], z_i=z_i[t], z_C=z_C[t], z_o=z_o[t],
                f=f[t], i=i[t], C_tilde=C_tilde[t], o=o[t],
                C=self.Cs[t], tanh_C=self.tanh_Cs[t], h=self.hs[t],
            )  # fmt: skip
            steps.append(step_t)
        return steps


@dataclass(eq=False)
class LSTMGrads:
    """Gradients of a loss through a whole sequence (BPTT).

    Attributes:
        dW_f, dW_i, dW_C, dW_o: (H, H + D), summed over time and batch.
        db_f, db_i, db_C, db_o: (H,).
        dxs: (T[, B], D) ∂L/∂x_t.
        dh0, dC0: ([B,] H) ∂L/∂h0 and ∂L/∂C0.
        dh_total: (T[, B], H) ∂L/∂h_t in full: the upstream gradient plus what flows back
            from later steps (the quantity that vanishes in a plain RNN).
        dC_total: (T[, B], H) ∂L/∂C_t in full.
        dpreacts: (T[, B], 4H) ∂L/∂z_t for the gates stacked in the order f, i, C̃, o; the
            views ``dz_f``, ``dz_i``, ``dz_C``, ``dz_o`` give one gate each.
    """

    dW_f: np.ndarray
    dW_i: np.ndarray
    dW_C: np.ndarray
    dW_o: np.ndarray
    db_f: np.ndarray
    db_i: np.ndarray
    db_C: np.ndarray
    db_o: np.ndarray
    dxs: np.ndarray
    dh0: np.ndarray
    dC0: np.ndarray
    dh_total: np.ndarray
    dC_total: np.ndarray
    dpreacts: np.ndarray

    def _gate(self, k: int) -> np.ndarray:
        H = self.dh0.shape[-1]
        return self.dpreacts[..., k * H : (k + 1) * H]

    @property
    def dz_f(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_f at every step."""
        return self._gate(0)

    @property
    def dz_i(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_i at every step."""
        return self._gate(1)

    @property
    def dz_C(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_C at every step."""
        return self._gate(2)

    @property
    def dz_o(self) -> np.ndarray:
        """(T[, B], H) ∂L/∂z_o at every step."""
        return self._gate(3)

    def as_params(self) -> LSTMParams:
        """The parameter gradients as an :class:`LSTMParams` (dW_f in W_f, …)."""
        return _grads_as_params(self)


def _grads_as_params(grads: LSTMGrads | LSTMStepGrads) -> LSTMParams:
    return LSTMParams(**{name: getattr(grads, "d" + name) for name in _SPECS})


@cache
def _gate_activations(hidden_size: int, dtype: np.dtype) -> GateActivations:
    """σ, σ, tanh, σ for the gates stacked f, i, C̃, o (cached: built once per H and dtype)."""
    return GateActivations(("sigmoid", "sigmoid", "tanh", "sigmoid"), hidden_size, dtype)


def _coefficients(
    G: np.ndarray, TCs: np.ndarray, C_prev: np.ndarray, H: int, dtype: np.dtype
) -> tuple[np.ndarray, np.ndarray]:
    """What BPTT multiplies by, for all steps at once.

    Args:
        G: (…, 4H) the gates f, i, C̃, o; TCs: (…, H) tanh(C_t); C_prev: (…, H) C_{t-1}, with
            the same leading axes (e.g. T, B).

    Returns:
        ``(A, K)``: A (…, 4, H) with dz_k = A_k ⊙ dC_t for k = f, i, C̃ and dz_o = A_o ⊙ dh_t,
        i.e. A = [C_{t-1} σ'(f), C̃ σ'(i), i tanh'(C̃), tanh(C_t) σ'(o)]; and K (…, H) =
        ∂h_t/∂C_t = o ⊙ (1 − tanh²C_t).
    """
    i, C_tilde, o = G[..., H : 2 * H], G[..., 2 * H : 3 * H], G[..., 3 * H :]
    multiplier = np.concatenate([C_prev, C_tilde, i, TCs], axis=-1)  # what multiplies each gate
    A = multiplier * _gate_activations(H, dtype).grad(G)  # (…, 4H)
    return A.reshape(*G.shape[:-1], 4, H), o * tanh_grad(TCs)


def _state_jacobians(W_h: np.ndarray, A: np.ndarray, K: np.ndarray, f: np.ndarray) -> np.ndarray:
    """J_t = ∂(h_t, C_t)/∂(h_{t-1}, C_{t-1}), (T, B, 2H, 2H), from the coefficients above."""
    T, B, _, H = A.shape
    dC_dh = gate_jacobian(A[:, :, :3], W_h[: 3 * H])  # Σ_{k=f,i,C̃} diag(A_k) W_hk
    J = np.zeros((T, B, 2 * H, 2 * H), A.dtype)
    J[:, :, :H, :H] = gate_jacobian(A[:, :, 3:], W_h[3 * H :]) + K[..., None] * dC_dh
    J[:, :, H:, :H] = dC_dh
    add_diagonal(J[:, :, :H, H:], K * f)  # ∂h_t/∂C_{t-1} = diag(o tanh'(C_t) f_t)
    add_diagonal(J[:, :, H:, H:], f)  # ∂C_t/∂C_{t-1} = diag(f_t): the cell's highway
    return J


def state_jacobians(params: LSTMParams, trace: LSTMTrace) -> np.ndarray:
    """Each step's Jacobian of the state (h, C), for the vanishing-gradient lesson.

    J_t = ∂(h_t, C_t)/∂(h_{t-1}, C_{t-1}), a 2H × 2H block matrix (rows: h_t then C_t;
    columns: h_{t-1} then C_{t-1}):

        ∂C_t/∂C_{t-1} = diag(f_t)
        ∂C_t/∂h_{t-1} = diag(C_{t-1} σ'(f)) W_hf + diag(C̃ σ'(i)) W_hi + diag(i tanh'(C̃)) W_hC
        ∂h_t/∂C_{t-1} = diag(o_t tanh'(C_t)) diag(f_t)
        ∂h_t/∂h_{t-1} = diag(tanh(C_t) σ'(o)) W_ho + diag(o_t tanh'(C_t)) ∂C_t/∂h_{t-1}

    where W_hk = W_k[:, :H]. Backpropagation through time multiplies by them:
    [∂L/∂h_{t-1}, ∂L/∂C_{t-1}] = [∂L/∂h_t, ∂L/∂C_t] J_t (+ what the loss adds at t-1).

    Args:
        params: the weights the trace was computed with.
        trace: from :func:`forward` (not reversed).

    Returns:
        (T[, B], 2H, 2H); index t is the Jacobian of step t (of the state after step t with
        respect to the state before it).
    """
    if trace.reverse:
        raise ValueError("trace: expected a trace computed with reverse=False")
    H, dtype, batched = params.hidden_size, params.dtype, trace.batched
    X, Cs, TCs, G = (
        add_batch(a, batched) for a in (trace.xs, trace.Cs, trace.tanh_Cs, trace.gates)
    )
    check_trace_sizes(params, X, Cs)
    C0 = add_batch(trace.C0, batched, 0)
    A, K = _coefficients(G, TCs, previous(Cs, C0, False), H, dtype)
    W, _ = params.stacked()
    return drop_batch(_state_jacobians(W[:, :H], A, K, G[:, :, :H]), batched)


# --------------------------------------------------------------------------- one step


def step(
    params: LSTMParams,
    x: ArrayLike,
    h_prev: ArrayLike | None = None,
    C_prev: ArrayLike | None = None,
) -> LSTMStep:
    """One LSTM step, gate by gate, as the equations are written.

    Args:
        params: the weights.
        x: (D,) one example, or (B, D) a batch.
        h_prev: (H,) or (B, H), matching x; None means zeros.
        C_prev: (H,) or (B, H), matching x; None means zeros.

    Returns:
        An :class:`LSTMStep` with every intermediate, shaped like the inputs ((H,) or (B, H)).
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    x_b, batched = as_step_input("x", x, D, dtype)
    h_b = as_state("h_prev", h_prev, x_b.shape[0], H, batched, dtype)
    C_b = as_state("C_prev", C_prev, x_b.shape[0], H, batched, dtype)

    hx = np.concatenate([h_b, x_b], axis=1)  # [h_{t-1}, x_t]: (B, H + D)
    z_f = hx @ params.W_f.T + params.b_f
    z_i = hx @ params.W_i.T + params.b_i
    z_C = hx @ params.W_C.T + params.b_C
    z_o = hx @ params.W_o.T + params.b_o
    f = sigmoid(z_f)
    i = sigmoid(z_i)
    C_tilde = np.tanh(z_C)
    o = sigmoid(z_o)
    C = f * C_b + i * C_tilde
    tanh_C = np.tanh(C)
    h = o * tanh_C

    def out(a: np.ndarray) -> np.ndarray:
        return drop_batch(a, batched, axis=0)

    return LSTMStep(
        x=out(x_b), h_prev=out(h_b), C_prev=out(C_b),
        z_f=out(z_f), z_i=out(z_i), z_C=out(z_C), z_o=out(z_o),
        f=out(f), i=out(i), C_tilde=out(C_tilde), o=out(o),
        C=out(C), tanh_C=out(tanh_C), h=out(h),
    )  # fmt: skip


def step_backward(
    params: LSTMParams, step: LSTMStep, dh: ArrayLike, dC: ArrayLike | None = None
) -> LSTMStepGrads:
    """Backpropagate through one step, gate by gate.

    Args:
        params: the weights the step used.
        step: the step's values (from :func:`step` or ``trace.steps[t]``).
        dh: ([B,] H) ∂L/∂h_t in full (upstream plus what came back from step t + 1).
        dC: ([B,] H) ∂L/∂C_t arriving from step t + 1 through C_{t+1} = f ⊙ C_t + …;
            None means zeros (the last step).

    Returns:
        An :class:`LSTMStepGrads`, shaped like the step's arrays.
    """
    H = params.hidden_size
    dtype = params.dtype
    batched = step.h.ndim == 2
    B = step.h.shape[0] if batched else 1
    dh_b = as_state("dh", dh, B, H, batched, dtype)
    dC_b = as_state("dC", dC, B, H, batched, dtype)

    x, h_prev, C_prev, f, i, C_tilde, o, tanh_C = (
        add_batch(a, batched, 0)
        for a in (step.x, step.h_prev, step.C_prev, step.f, step.i, step.C_tilde, step.o,
                  step.tanh_C)
    )  # fmt: skip

    # h_t = o_t ⊙ tanh(C_t)
    do = dh_b * tanh_C
    dC_total = dC_b + dh_b * o * tanh_grad(tanh_C)
    # C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
    df = dC_total * C_prev
    di = dC_total * C_tilde
    dC_tilde = dC_total * i
    dC_prev = dC_total * f
    # through the activations
    dz_f = df * sigmoid_grad(f)
    dz_i = di * sigmoid_grad(i)
    dz_C = dC_tilde * tanh_grad(C_tilde)
    dz_o = do * sigmoid_grad(o)
    # z_k = W_k [h_{t-1}, x_t] + b_k
    hx = np.concatenate([h_prev, x], axis=1)
    dhx = dz_f @ params.W_f + dz_i @ params.W_i + dz_C @ params.W_C + dz_o @ params.W_o
    dh_prev, dx = dhx[:, :H], dhx[:, H:]

    def out(a: np.ndarray) -> np.ndarray:
        return drop_batch(a, batched, axis=0)

    return LSTMStepGrads(
        do=out(do), dC_total=out(dC_total), df=out(df), di=out(di), dC_tilde=out(dC_tilde),
        dz_f=out(dz_f), dz_i=out(dz_i), dz_C=out(dz_C), dz_o=out(dz_o),
        dh_prev=out(dh_prev), dC_prev=out(dC_prev), dx=out(dx),
        dW_f=dz_f.T @ hx, dW_i=dz_i.T @ hx, dW_C=dz_C.T @ hx, dW_o=dz_o.T @ hx,
        db_f=dz_f.sum(0), db_i=dz_i.sum(0), db_C=dz_C.sum(0), db_o=dz_o.sum(0),
    )  # fmt: skip


# --------------------------------------------------------------------------- a sequence


@cache
def _gate_slices(hidden_size: int) -> tuple[slice, slice, slice, slice]:
    """The columns of f, i, C̃, o in the stacked (…, 4H) arrays."""
    H = hidden_size
    return slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H), slice(3 * H, 4 * H)


def forward(
    params: LSTMParams,
    xs: ArrayLike,
    h0: ArrayLike | None = None,
    C0: ArrayLike | None = None,
    *,
    reverse: bool = False,
) -> LSTMTrace:
    """Run the LSTM over a sequence.

    Args:
        params: the weights.
        xs: (T, D) one sequence, or (T, B, D) a batch (time first, as in PyTorch).
        h0: (H,) or (B, H) initial hidden state, matching xs; None means zeros.
        C0: (H,) or (B, H) initial cell state; None means zeros.
        reverse: process time from T−1 down to 0 (the backward half of a BiLSTM); the trace
            still stores step t at index t.

    Returns:
        An :class:`LSTMTrace`: hs and Cs (T[, B], H), h_T and C_T ([B,] H), steps, ….
    """
    H, D, dtype = params.hidden_size, params.input_size, params.dtype
    X, batched = as_sequence("xs", xs, D, dtype)
    B = X.shape[1]
    h = h_init = as_state("h0", h0, B, H, batched, dtype)
    C = C_init = as_state("C0", C0, B, H, batched, dtype)
    W, b = params.stacked()  # (4H, H + D), (4H,): gates f, i, C̃, o
    # One tanh call activates the four gates: σ(z) = ½ + ½·tanh(½z) on f, i, o and tanh(z) on
    # C̃, i.e. tanh(z·s)·s + m with s = ½ and m = ½ on f, i, o, s = 1 and m = 0 on C̃. The
    # weights are pre-scaled by s (exactly: s is a power of 2) so the products give z·s.
    act = _gate_activations(H, dtype)
    s, m = act.scale, act.shift  # (4H,) each
    W_sT = W.T * s  # (H + D, 4H)
    W_hT = W_sT[:H]  # (H, 4H)
    # The input half x_t W_xᵀ + b of every step before the loop, in one product, with the
    # steps in the order they are read (t = 0 first; the sequence flipped when reversed):
    Zs = project_inputs(reading_order(X, reverse), W_sT[H:], b * s)  # (T, B, 4H)
    T = len(Zs)
    G = np.empty_like(Zs)  # (T, B, 4H): f, i, C̃, o
    Cs, TCs, Hs = (np.empty((T, B, H), dtype) for _ in range(3))  # C_t, tanh(C_t), h_t
    f_, i_, C_, o_ = _gate_slices(H)
    # Each step writes its results straight into row t of the arrays above (out=).
    for t in range(T):
        z = Zs[t]
        z += h @ W_hT  # z_t·s: the four gates in one product
        g = np.tanh(z, out=G[t])  # f, i, C̃, o = tanh(z·s)·s + m
        g *= s
        g += m
        f, i, C_tilde, o = g[:, f_], g[:, i_], g[:, C_], g[:, o_]
        C = np.multiply(f, C, out=Cs[t])  # C_t = f ⊙ C_{t-1} + i ⊙ C̃
        C += i * C_tilde
        tanh_C = np.tanh(C, out=TCs[t])
        h = np.multiply(o, tanh_C, out=Hs[t])  # h_t = o ⊙ tanh(C_t)
    Zs /= s  # the pre-activations z_t themselves

    def out(steps: np.ndarray) -> np.ndarray:  # (T, B, ·) read order -> (T[, B], ·) time order
        return from_time_major(steps, reverse, batched)

    return LSTMTrace(
        xs=drop_batch(X, batched),
        h0=drop_batch(h_init, batched, axis=0),
        C0=drop_batch(C_init, batched, axis=0),
        preacts=out(Zs),
        gates=out(G),
        Cs=out(Cs),
        tanh_Cs=out(TCs),
        hs=out(Hs),
        reverse=reverse,
    )


def backward(
    params: LSTMParams,
    trace: LSTMTrace,
    dhs: ArrayLike | None,
    dh_T: ArrayLike | None = None,
    dC_T: ArrayLike | None = None,
) -> LSTMGrads:
    """Backpropagation through time, for a loss that depends on the hidden states h_t and
    on the final states.

    Args:
        params: the weights the forward pass used.
        trace: what :func:`forward` returned.
        dhs: (T[, B], H) ∂L/∂h_t taken directly (e.g. from an output layer); None means zeros.
        dh_T: ([B,] H) an extra gradient on the final hidden state ``trace.h_T``; None, zeros.
        dC_T: ([B,] H) the gradient on the final cell state ``trace.C_T``; None, zeros.

    Returns:
        An :class:`LSTMGrads` with every parameter, input and initial-state gradient.
    """
    H, dtype, batched, reverse = params.hidden_size, params.dtype, trace.batched, trace.reverse
    # The trace's arrays as the forward loop read them: (T, B, ·), step 0 first.
    X, Hs, Cs, TCs, G = (
        time_major(a, reverse, batched)
        for a in (trace.xs, trace.hs, trace.Cs, trace.tanh_Cs, trace.gates)
    )
    h0, C0 = add_batch(trace.h0, batched, 0), add_batch(trace.C0, batched, 0)
    T, B, _ = Hs.shape
    check_trace_sizes(params, X, Hs)
    dHs = as_upstream("dhs", dhs, (T, B, H), ("T", "B", "H"), batched, dtype)
    dHs = reading_order(dHs, reverse)
    dh_next = as_state("dh_T", dh_T, B, H, batched, dtype)
    dC_next = as_state("dC_T", dC_T, B, H, batched, dtype)
    W, _ = params.stacked()
    W_h = W[:, :H]  # (4H, H)

    # Everything that does not depend on the recursion, for all t at once:
    C_prev = np.concatenate([C0[None], Cs[:-1]])  # the C_{t-1} each step read
    A, dh_to_dC = _coefficients(G, TCs, C_prev, H, dtype)
    A_cell, A_o = A[:, :, :3], A[:, :, 3]  # (T, B, 3, H), (T, B, H)
    f = G[:, :, :H]

    dZ = np.empty((T, B, 4, H), dtype)  # ∂L/∂z_t, gates f, i, C̃, o
    dZ_cell, dZ_o, dZ_flat = dZ[:, :, :3], dZ[:, :, 3], dZ.reshape(T, B, 4 * H)
    dH_total = np.empty((T, B, H), dtype)
    dC_total = np.empty((T, B, H), dtype)
    # Each step writes its results straight into row t of the arrays above (out=).
    for t in reversed(range(T)):
        dh = np.add(dHs[t], dh_next, out=dH_total[t])  # ∂L/∂h_t in full
        dC = np.multiply(dh, dh_to_dC[t], out=dC_total[t])  # ∂L/∂C_t in full: through h_t
        dC += dC_next  # and through C_{t+1}
        np.multiply(A_cell[t], dC[:, None], out=dZ_cell[t])  # dz_f, dz_i, dz_C
        np.multiply(A_o[t], dh, out=dZ_o[t])  # dz_o
        dh_next = dZ_flat[t] @ W_h  # ∂L/∂h_{t-1} = Σ_k dz_k W_k[:, :H]
        dC_next = dC * f[t]  # ∂L/∂C_{t-1} = dC_t ⊙ f_t

    # The weights' gradients after the loop, in one product over all steps:
    H_prev = np.concatenate([h0[None], Hs[:-1]])  # the h_{t-1} each step read
    dW, db, dX = input_and_weight_grads(dZ_flat, H_prev, X, W[:, H:])

    def out(steps: np.ndarray) -> np.ndarray:  # (T, B, ·) read order -> (T[, B], ·) time order
        return from_time_major(steps, reverse, batched)

    H2, H3 = 2 * H, 3 * H
    return LSTMGrads(
        dW_f=dW[:H], dW_i=dW[H:H2], dW_C=dW[H2:H3], dW_o=dW[H3:],
        db_f=db[:H], db_i=db[H:H2], db_C=db[H2:H3], db_o=db[H3:],
        dxs=out(dX),
        dh0=drop_batch(dh_next, batched, axis=0),
        dC0=drop_batch(dC_next, batched, axis=0),
        dh_total=out(dH_total),
        dC_total=out(dC_total),
        dpreacts=out(dZ_flat),
    )  # fmt: skip
