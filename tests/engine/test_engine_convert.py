"""Conversions to and from PyTorch's and CS231n's layouts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch
from engine_testlib import DTYPE, assert_close, one_thread

from tutor.engine import bilstm, convert, gru, lstm, rnn
from tutor.engine._recurrent import ParamsBase


def _state(module: torch.nn.Module) -> dict[str, np.ndarray]:
    return {k: v.detach().numpy().copy() for k, v in module.state_dict().items()}


def _params_equal(a: ParamsBase, b: ParamsBase) -> None:
    for (name, x), y in zip(a.as_dict().items(), b.as_dict().values(), strict=True):
        assert_close(x, y, name)


@pytest.mark.parametrize(
    ("to_torch", "from_torch", "cls"),
    [
        (convert.lstm_to_torch, convert.lstm_from_torch, lstm.LSTMParams),
        (convert.gru_to_torch, convert.gru_from_torch, gru.GRUParams),
        (convert.rnn_to_torch, convert.rnn_from_torch, rnn.RNNParams),
    ],
)
def test_round_trip_through_torch_layout(
    to_torch: Callable[..., dict[str, np.ndarray]],
    from_torch: Callable[..., ParamsBase],
    cls: type[ParamsBase],
) -> None:
    params = cls.random(3, 5, np.random.default_rng(0))
    state = to_torch(params, layer=2, reverse=True, prefix="enc.")
    assert set(state) == {
        f"enc.{kind}_l2_reverse" for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    }
    _params_equal(from_torch(state, layer=2, reverse=True, prefix="enc."), params)


def test_lstm_layout_is_i_f_g_o_with_two_biases_summed() -> None:
    params = lstm.LSTMParams.random(2, 3, np.random.default_rng(1))
    state = convert.lstm_to_torch(params)
    assert state["weight_ih_l0"].shape == (12, 2) and state["weight_hh_l0"].shape == (12, 3)
    assert_close(state["weight_ih_l0"][3:6], params.W_f[:, 3:])  # f is torch's second block
    assert_close(state["weight_hh_l0"][6:9], params.W_C[:, :3])  # g (= C̃) its third
    assert_close(state["bias_ih_l0"][9:], params.b_o)
    assert_close(state["bias_hh_l0"], np.zeros(12))
    state["bias_hh_l0"] = np.arange(12.0)
    state["bias_ih_l0"] = state["bias_ih_l0"] - np.arange(12.0)
    _params_equal(convert.lstm_from_torch(state), params)  # only the sum matters


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_torch_modules_with_both_biases_run_the_same(kind: str) -> None:
    """From a torch module's own state dict (random init, both biases non-zero)."""
    torch.manual_seed(0)
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
    module = cls(3, 4, num_layers=2, dtype=DTYPE)
    state = _state(module)
    xs = np.random.default_rng(2).standard_normal((6, 2, 3))
    with one_thread(), torch.no_grad():
        expected = module(torch.from_numpy(xs))[0].numpy()
    engine = {"lstm": lstm, "gru": gru, "rnn": rnn}[kind]
    reader = getattr(convert, f"{kind}_from_torch")
    hs = xs
    for layer in (0, 1):
        hs = engine.forward(reader(state, layer=layer), hs).hs
    assert_close(hs, expected)


def test_bidirectional_and_prefixed_state_dicts() -> None:
    torch.manual_seed(1)
    module = torch.nn.LSTM(3, 4, bidirectional=True, dtype=DTYPE)
    state = {"encoder.lstm." + k: v for k, v in _state(module).items()}
    params = convert.bilstm_from_torch(state, prefix="encoder.lstm.")
    xs = np.random.default_rng(3).standard_normal((5, 3))
    with one_thread(), torch.no_grad():
        expected = module(torch.from_numpy(xs))[0].numpy()
    assert_close(bilstm.forward(params, xs).hs, expected)
    back = convert.bilstm_to_torch(params)
    assert set(back) == set(_state(module))


def test_module_without_biases_reads_as_zero_biases() -> None:
    module = torch.nn.GRU(2, 3, bias=False, dtype=DTYPE)
    params = convert.gru_from_torch(_state(module))
    for name in ("b_r", "b_z", "b_hn", "b_xn"):
        assert_close(getattr(params, name), np.zeros(3), name)


def test_errors_name_the_key_and_shape() -> None:
    state = convert.lstm_to_torch(lstm.LSTMParams.random(2, 3, np.random.default_rng(0)))
    with pytest.raises(ValueError, match="no 'weight_ih_l1'"):
        convert.lstm_from_torch(state, layer=1)
    with pytest.raises(ValueError, match=r"weight_hh_l0: expected shape \(4H, H\), got \(12, 4\)"):
        convert.lstm_from_torch(state | {"weight_hh_l0": np.zeros((12, 4))})
    with pytest.raises(ValueError, match=r"bias_ih_l0: expected shape \(4H,\) = \(12,\)"):
        convert.lstm_from_torch(state | {"bias_ih_l0": np.zeros(11)})
    with pytest.raises(ValueError, match=r"weight_hh_l0: expected shape \(3H, H\)"):
        convert.gru_from_torch(state)  # an LSTM's state dict is not a GRU's


def _cs231n_lstm_step_forward(
    x: np.ndarray, prev_h: np.ndarray, prev_c: np.ndarray, Wx: np.ndarray, Wh: np.ndarray,
    b: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """CS231n's ``rnn_layers.lstm_step_forward``, as the assignment writes it."""
    H = prev_h.shape[1]
    a = x.dot(Wx) + prev_h.dot(Wh) + b
    i = 1 / (1 + np.exp(-a[:, :H]))
    f = 1 / (1 + np.exp(-a[:, H : 2 * H]))
    o = 1 / (1 + np.exp(-a[:, 2 * H : 3 * H]))
    g = np.tanh(a[:, 3 * H :])
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c


def test_cs231n_layout() -> None:
    rng = np.random.default_rng(4)
    D, H, B = 3, 4, 2
    Wx, Wh = rng.standard_normal((D, 4 * H)), rng.standard_normal((H, 4 * H))
    b = rng.standard_normal(4 * H)
    x, h, C = rng.standard_normal((B, D)), rng.standard_normal((B, H)), rng.standard_normal((B, H))
    params = convert.lstm_from_cs231n(Wx, Wh, b)
    step = lstm.step(params, x, h, C)
    next_h, next_c = _cs231n_lstm_step_forward(x, h, C, Wx, Wh, b)
    assert_close(step.h, next_h)
    assert_close(step.C, next_c)
    for ours, theirs in zip(convert.lstm_to_cs231n(params), (Wx, Wh, b), strict=True):
        assert_close(ours, theirs)
    assert_close(params.W_o, np.concatenate([Wh[:, 2 * H : 3 * H].T, Wx[:, 2 * H : 3 * H].T], 1))
    with pytest.raises(ValueError, match=r"Wx: expected shape \(D, 4H\)"):
        convert.lstm_from_cs231n(Wx[:, :8], Wh, b)
