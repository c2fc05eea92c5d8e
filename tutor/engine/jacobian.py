"""How much of a gradient survives k steps back: per-distance Jacobian norms.

Backpropagation through time multiplies the gradient by one Jacobian per step,

    ∂h_T/∂h_{T−k} = J_T J_{T−1} ⋯ J_{T−k+1},       J_t = ∂h_t/∂h_{t−1},

so its norm, as a function of the distance k, shows the gradient vanishing (or exploding):
for the tanh RNN J_t = diag(1 − h_t²) W_h, whose norm is at most ‖W_h‖ and usually below 1.
For the LSTM the state is (h_t, C_t) and, along the cell's direct path,
∂C_T/∂C_{T−k} = diag(f_T ⊙ f_{T−1} ⊙ ⋯ ⊙ f_{T−k+1}): no weight matrix, no activation
derivative, only the forget gates, which the network can hold near 1 (the document's
"information highway").

Norms: ``"spectral"`` (the default) is the largest singular value, ‖J‖₂ = max_{‖v‖=1} ‖Jv‖,
the most a gradient vector can be amplified (so ‖∂h_T/∂h_{T−k}‖₂ ≤ ∏ ‖J_t‖₂);
``"frobenius"`` is √(Σ_ij J_ij²), a smoother average (≥ the spectral norm, ≤ √H times it).
At k = 0 the Jacobian is the identity: norm 1 (spectral) or √H (Frobenius).

Every function takes the parameters and a trace from the matching ``forward`` (time in the
normal order) and returns an array indexed by k = 0 … T (T + 1 entries; entry T is the
Jacobian with respect to the initial state), with a second axis B for batched traces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from tutor.engine import gru, lstm, rnn

__all__ = [
    "LSTMJacobianNorms",
    "Norm",
    "chain_norms",
    "chain_products",
    "gru_jacobian_norms",
    "lstm_jacobian_norms",
    "matrix_norm",
    "rnn_jacobian_norms",
]

Norm = Literal["spectral", "frobenius"]


def _check_norm(norm: str) -> None:
    if norm not in ("spectral", "frobenius"):
        raise ValueError(f"norm: expected 'spectral' or 'frobenius', got {norm!r}")


def matrix_norm(M: np.ndarray, norm: Norm = "spectral") -> np.ndarray:
    """Norms of matrices stacked along leading axes: (..., n, m) -> (...)."""
    _check_norm(norm)
    if norm == "spectral":
        return np.linalg.norm(M, ord=2, axis=(-2, -1))
    return np.sqrt(np.sum(M * M, axis=(-2, -1)))


def chain_products(J: np.ndarray) -> np.ndarray:
    """The products of the last k Jacobians, J_T J_{T−1} ⋯ J_{T−k+1} = ∂s_T/∂s_{T−k}.

    Args:
        J: (T, [B,] S, S) each step's Jacobian, J[t−1] = J_t = ∂s_t/∂s_{t−1}.

    Returns:
        (T + 1, [B,] S, S): entry k is the product of the last k Jacobians (k = 0: identity).
    """
    T, S = J.shape[0], J.shape[-1]
    product = np.broadcast_to(np.eye(S, dtype=J.dtype), J.shape[1:])
    products = [product]
    for t in range(T - 1, -1, -1):
        product = product @ J[t]  # one more step back
        products.append(product)
    return np.array(products)


def chain_norms(
    J: np.ndarray,
    norm: Norm = "spectral",
    rows: slice = slice(None),
    cols: slice = slice(None),
) -> np.ndarray:
    """‖(J_T J_{T−1} ⋯ J_{T−k+1})[rows, cols]‖ for k = 0 … T.

    Args:
        J: (T, [B,] S, S) each step's Jacobian, J[t−1] = J_t = ∂s_t/∂s_{t−1}.
        norm: "spectral" or "frobenius".
        rows, cols: a block of the product to measure (e.g. the C rows and columns).

    Returns:
        (T + 1, [B]): entry k for the product of the last k Jacobians (k = 0: identity).
    """
    return matrix_norm(chain_products(J)[..., rows, cols], norm)


def rnn_jacobian_norms(
    params: rnn.RNNParams, trace: rnn.RNNTrace, norm: Norm = "spectral"
) -> np.ndarray:
    """‖∂h_T/∂h_{T−k}‖ for k = 0 … T, for the tanh RNN.

    Args:
        params: the weights.
        trace: ``rnn.forward(params, xs, h0)`` for xs (T, D) or (T, B, D).
        norm: "spectral" (default) or "frobenius".

    Returns:
        (T + 1,) or (T + 1, B).
    """
    return chain_norms(rnn.state_jacobians(params, trace), norm)


def gru_jacobian_norms(
    params: gru.GRUParams, trace: gru.GRUTrace, norm: Norm = "spectral"
) -> np.ndarray:
    """‖∂h_T/∂h_{T−k}‖ for k = 0 … T, for the GRU (see :func:`gru.state_jacobians`).

    Returns:
        (T + 1,) or (T + 1, B).
    """
    return chain_norms(gru.state_jacobians(params, trace), norm)


@dataclass(eq=False)
class LSTMJacobianNorms:
    """Per-distance norms for the LSTM, each (T + 1,) or (T + 1, B), indexed by k = 0 … T.

    Attributes:
        direct: ‖∂C_T/∂C_{T−k}‖ along the cell's direct path only,
            ‖diag(f_T ⊙ ⋯ ⊙ f_{T−k+1})‖: what C_T = f_T ⊙ C_{T−1} + … passes on when the
            gates are held fixed.
        full: ‖∂C_T/∂C_{T−k}‖ in full, also through the hidden states and the gates (the
            C-block of the product of the (h, C) Jacobians, h_{T−k} held fixed).
        hidden: ‖∂h_T/∂h_{T−k}‖ in full (the h-block, C_{T−k} held fixed), to compare with
            the RNN's.
    """

    direct: np.ndarray
    full: np.ndarray
    hidden: np.ndarray


def lstm_jacobian_norms(
    params: lstm.LSTMParams, trace: lstm.LSTMTrace, norm: Norm = "spectral"
) -> LSTMJacobianNorms:
    """Per-distance Jacobian norms of the LSTM along the direct cell path and in full.

    Args:
        params: the weights.
        trace: ``lstm.forward(params, xs, h0, C0)`` for xs (T, D) or (T, B, D).
        norm: "spectral" (default) or "frobenius".

    Returns:
        An :class:`LSTMJacobianNorms`.
    """
    _check_norm(norm)
    products = chain_products(lstm.state_jacobians(params, trace))  # (T + 1, [B,] 2H, 2H)
    H = params.hidden_size
    f = trace.f  # (T, [B,] H)
    kept = [np.ones_like(f[0])]  # f_T ⊙ ⋯ ⊙ f_{T−k+1}, k = 0 … T
    for t in range(f.shape[0] - 1, -1, -1):
        kept.append(kept[-1] * f[t])
    direct = np.array(kept)  # (T + 1, [B,] H): the diagonal of ∂C_T/∂C_{T−k} on that path
    # a diagonal matrix's spectral norm is its largest |entry|, its Frobenius norm the 2-norm
    direct_norm = (
        np.max(np.abs(direct), axis=-1)
        if norm == "spectral"
        else np.sqrt(np.sum(direct * direct, axis=-1))
    )
    return LSTMJacobianNorms(
        direct=direct_norm,
        full=matrix_norm(products[..., H:, H:], norm),
        hidden=matrix_norm(products[..., :H, :H], norm),
    )
