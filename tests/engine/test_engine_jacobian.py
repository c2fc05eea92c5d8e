"""Per-distance Jacobian norms against torch.autograd's Jacobians of torch.nn modules."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from engine_testlib import DTYPE, assert_close, one_thread

from tutor.engine import convert, gru, jacobian, lstm, rnn

T, D, H = 6, 2, 3


def _module(kind: str, state: dict[str, np.ndarray]) -> torch.nn.Module:
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
    module = cls(D, H, dtype=DTYPE)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    return module


def _norm(J: torch.Tensor, norm: jacobian.Norm) -> float:
    return float(torch.linalg.matrix_norm(J, ord=2 if norm == "spectral" else "fro"))


def _start(states: np.ndarray, initial: np.ndarray, k: int) -> torch.Tensor:
    """The state k steps before the end: s_{T−k} (the initial state when k = T)."""
    return torch.tensor(initial if k == T else states[T - k - 1], dtype=DTYPE)


@pytest.mark.parametrize("norm", ["spectral", "frobenius"])
@pytest.mark.parametrize("kind", ["rnn", "gru"])
def test_hidden_state_jacobian_norms_match_autograd(kind: str, norm: jacobian.Norm) -> None:
    rng = np.random.default_rng(0)
    engine = {"rnn": rnn, "gru": gru}[kind]
    params = (rnn.RNNParams if kind == "rnn" else gru.GRUParams).random(D, H, rng, scale=1.0)
    xs, h0 = rng.standard_normal((T, D)), rng.standard_normal(H)
    trace = engine.forward(params, xs, h0)
    norms = getattr(jacobian, f"{kind}_jacobian_norms")(params, trace, norm)
    module = _module(kind, getattr(convert, f"{kind}_to_torch")(params))
    assert norms.shape == (T + 1,)
    with one_thread():
        for k in range(T + 1):
            tail = torch.tensor(xs[T - k :], dtype=DTYPE)

            def run(h: torch.Tensor, tail: torch.Tensor = tail) -> torch.Tensor:
                return module(tail, h[None])[1][0] if len(tail) else h

            J = torch.autograd.functional.jacobian(run, _start(trace.hs, h0, k))
            assert norms[k] == pytest.approx(_norm(J, norm), rel=1e-10, abs=1e-12), k
    assert norms[0] == pytest.approx(1.0 if norm == "spectral" else np.sqrt(H))


def _torch_lstm_run(
    state: dict[str, np.ndarray],
    xs_tail: torch.Tensor,
    h: torch.Tensor,
    C: torch.Tensor,
    detach_h: bool,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Torch's LSTM equations on torch's layout, optionally feeding the gates a detached h
    (so that C_T depends on the earlier C only through C_t = f_t ⊙ C_{t−1} + …)."""
    W_ih, W_hh = (torch.from_numpy(state[k]) for k in ("weight_ih_l0", "weight_hh_l0"))
    b = torch.from_numpy(state["bias_ih_l0"] + state["bias_hh_l0"])
    for x in xs_tail:
        gates = W_ih @ x + W_hh @ (h.detach() if detach_h else h) + b
        i, f, g, o = gates.chunk(4)
        C = torch.sigmoid(f) * C + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(C)
    return h, C


@pytest.mark.parametrize("norm", ["spectral", "frobenius"])
def test_lstm_cell_jacobian_norms_match_autograd(norm: jacobian.Norm) -> None:
    rng = np.random.default_rng(1)
    params = lstm.LSTMParams.random(D, H, rng, scale=1.0)
    xs, h0, C0 = rng.standard_normal((T, D)), rng.standard_normal(H), rng.standard_normal(H)
    trace = lstm.forward(params, xs, h0, C0)
    norms = jacobian.lstm_jacobian_norms(params, trace, norm)
    state = convert.lstm_to_torch(params)
    module = _module("lstm", state)
    for name in ("direct", "full", "hidden"):
        assert getattr(norms, name).shape == (T + 1,)
    with one_thread():
        for k in range(T + 1):
            tail = torch.tensor(xs[T - k :], dtype=DTYPE)
            h_s, c_s = _start(trace.hs, h0, k), _start(trace.Cs, C0, k)

            def C_T(
                C: torch.Tensor, tail: torch.Tensor = tail, h_s: torch.Tensor = h_s
            ) -> torch.Tensor:
                return module(tail, (h_s[None], C[None]))[1][1][0] if len(tail) else C

            def h_T(
                h: torch.Tensor, tail: torch.Tensor = tail, c_s: torch.Tensor = c_s
            ) -> torch.Tensor:
                return module(tail, (h[None], c_s[None]))[1][0][0] if len(tail) else h

            def c_T_direct(
                C: torch.Tensor, tail: torch.Tensor = tail, h_s: torch.Tensor = h_s
            ) -> torch.Tensor:
                return _torch_lstm_run(state, tail, h_s, C, detach_h=True)[1]

            full = torch.autograd.functional.jacobian(C_T, c_s)
            hidden = torch.autograd.functional.jacobian(h_T, h_s)
            direct = torch.autograd.functional.jacobian(c_T_direct, c_s)
            assert norms.full[k] == pytest.approx(_norm(full, norm), rel=1e-10, abs=1e-12)
            assert norms.hidden[k] == pytest.approx(_norm(hidden, norm), rel=1e-10, abs=1e-12)
            assert norms.direct[k] == pytest.approx(_norm(direct, norm), rel=1e-10, abs=1e-12)


def test_state_jacobians_are_the_per_step_derivatives() -> None:
    """J_t from lstm.state_jacobians against autograd of one torch step."""
    rng = np.random.default_rng(2)
    params = lstm.LSTMParams.random(D, H, rng, scale=1.0)
    xs, h0, C0 = rng.standard_normal((T, D)), rng.standard_normal(H), rng.standard_normal(H)
    trace = lstm.forward(params, xs, h0, C0)
    J = lstm.state_jacobians(params, trace)
    assert J.shape == (T, 2 * H, 2 * H)
    state = convert.lstm_to_torch(params)
    x = torch.tensor(xs[2], dtype=DTYPE)
    s = torch.tensor(np.concatenate([trace.hs[1], trace.Cs[1]]), dtype=DTYPE)

    def one_step(s: torch.Tensor) -> torch.Tensor:
        h, C = _torch_lstm_run(state, x[None], s[:H], s[H:], detach_h=False)
        return torch.cat([h, C])

    assert_close(J[2], torch.autograd.functional.jacobian(one_step, s).numpy())


def test_batched_norms_are_per_example() -> None:
    rng = np.random.default_rng(3)
    params = rnn.RNNParams.random(D, H, rng, scale=1.0)
    xs = rng.standard_normal((T, 4, D))
    batched = jacobian.rnn_jacobian_norms(params, rnn.forward(params, xs))
    assert batched.shape == (T + 1, 4)
    for b in range(4):
        single = jacobian.rnn_jacobian_norms(params, rnn.forward(params, xs[:, b]))
        assert_close(batched[:, b], single)
    lstm_params = lstm.LSTMParams.random(D, H, rng)
    both = jacobian.lstm_jacobian_norms(lstm_params, lstm.forward(lstm_params, xs), "frobenius")
    one_trace = lstm.forward(lstm_params, xs[:, 1])
    one = jacobian.lstm_jacobian_norms(lstm_params, one_trace, "frobenius")
    assert_close(both.full[:, 1], one.full)
    assert_close(both.direct[:, 1], one.direct)


def test_the_lessons_claim_rnn_vanishes_while_the_cell_path_holds() -> None:
    """Small recurrent weights: the RNN's ∂h_T/∂h_t decays geometrically; an LSTM whose
    forget gates sit near 1 keeps ∂C_T/∂C_t near 1 along the cell path."""
    rng = np.random.default_rng(4)
    xs = rng.standard_normal((40, D))
    rnn_params = rnn.RNNParams.random(D, H, rng, scale=0.3)
    rnn_norms = jacobian.rnn_jacobian_norms(rnn_params, rnn.forward(rnn_params, xs))
    assert rnn_norms[40] < 1e-6
    assert np.all(np.diff(rnn_norms) < 0)
    lstm_params = lstm.LSTMParams.random(D, H, rng, scale=0.3)
    lstm_params.b_f = np.full(H, 6.0)  # σ(6) ≈ 0.9975
    cell = jacobian.lstm_jacobian_norms(lstm_params, lstm.forward(lstm_params, xs))
    assert cell.direct[40] > 0.8
    assert cell.full[40] > 0.5


def test_bad_arguments() -> None:
    params = rnn.RNNParams.random(D, H, np.random.default_rng(0))
    trace = rnn.forward(params, np.zeros((T, D)))
    with pytest.raises(ValueError, match="norm: expected 'spectral' or 'frobenius'"):
        jacobian.rnn_jacobian_norms(params, trace, "nuclear")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reverse=False"):
        jacobian.rnn_jacobian_norms(params, rnn.forward(params, np.zeros((T, D)), reverse=True))
    with pytest.raises(ValueError, match="params: expected D = 2, H = 3"):
        jacobian.rnn_jacobian_norms(rnn.RNNParams.random(D, 4, np.random.default_rng(0)), trace)
