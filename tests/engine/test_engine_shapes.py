"""Wrong shapes give a ValueError that names the argument and the shape expected."""

from __future__ import annotations

from contextlib import AbstractContextManager

import numpy as np
import pytest

from tutor.engine import gru, lstm, rnn

D, H, T, B = 3, 4, 5, 2
RNG = np.random.default_rng(0)
CELLS = {
    "lstm": (lstm, lstm.LSTMParams.random(D, H, RNG)),
    "gru": (gru, gru.GRUParams.random(D, H, RNG)),
    "rnn": (rnn, rnn.RNNParams.random(D, H, RNG)),
}


def _raises(pattern: str) -> AbstractContextManager[pytest.ExceptionInfo[ValueError]]:
    return pytest.raises(ValueError, match=pattern)


@pytest.mark.parametrize("cell", list(CELLS))
def test_sequence_inputs_and_states(cell: str) -> None:
    module, params = CELLS[cell]
    with _raises(r"xs: expected shape \(T, D\) or \(T, B, D\) .*D = 3 .*got \(5, 4\)"):
        module.forward(params, np.zeros((T, 4)))
    with _raises(r"xs: expected shape .*got \(3,\)"):
        module.forward(params, np.zeros(3))
    with _raises(r"xs: expected shape .*T >= 1.*got \(0, 3\)"):
        module.forward(params, np.zeros((0, D)))
    with _raises(r"h0: expected shape \(B, H\) = \(2, 4\), got \(4,\)"):
        module.forward(params, np.zeros((T, B, D)), np.zeros(H))
    with _raises(r"h0: expected shape \(H,\) = \(4,\) for unbatched inputs, got \(2, 4\)"):
        module.forward(params, np.zeros((T, D)), np.zeros((B, H)))
    trace = module.forward(params, np.zeros((T, B, D)))
    with _raises(r"dhs: expected shape \(T, B, H\) = \(5, 2, 4\), got \(5, 4\)"):
        module.backward(params, trace, np.zeros((T, H)))
    with _raises(r"dh_T: expected shape \(B, H\) = \(2, 4\), got \(2, 3\)"):
        module.backward(params, trace, None, np.zeros((B, 3)))
    unbatched = module.forward(params, np.zeros((T, D)))
    with _raises(r"dhs: expected shape \(T, H\) = \(5, 4\) for unbatched inputs, got \(5, 1, 4\)"):
        module.backward(params, unbatched, np.zeros((T, 1, H)))
    other = type(params).random(D, H + 1, RNG)
    with _raises(r"params: expected D = 3, H = 4 \(the trace's sizes\), got D = 3, H = 5"):
        module.backward(other, trace, None)


@pytest.mark.parametrize("cell", list(CELLS))
def test_step_inputs(cell: str) -> None:
    module, params = CELLS[cell]
    with _raises(r"x: expected shape \(D,\) or \(B, D\) with D = 3"):
        module.step(params, np.zeros(4))
    with _raises(r"h_prev: expected shape \(B, H\) = \(2, 4\), got \(2, 5\)"):
        module.step(params, np.zeros((B, D)), np.zeros((B, 5)))
    step = module.step(params, np.zeros(D))
    with _raises(r"dh: expected shape \(H,\) = \(4,\)"):
        module.step_backward(params, step, np.zeros(3))


def test_lstm_specific_arguments() -> None:
    _, params = CELLS["lstm"]
    with _raises(r"C0: expected shape \(B, H\) = \(2, 4\), got \(4, 2\)"):
        lstm.forward(params, np.zeros((T, B, D)), None, np.zeros((4, 2)))
    with _raises(r"C_prev: expected shape \(H,\) = \(4,\)"):
        lstm.step(params, np.zeros(D), None, np.zeros(5))
    trace = lstm.forward(params, np.zeros((T, D)))
    with _raises(r"dC_T: expected shape \(H,\) = \(4,\)"):
        lstm.backward(params, trace, None, None, np.zeros(2))
    with _raises(r"dC: expected shape \(H,\) = \(4,\)"):
        lstm.step_backward(params, trace.steps[0], np.zeros(H), np.zeros(3))


def test_parameters() -> None:
    good = CELLS["lstm"][1].as_dict()
    with _raises(r"W_i: expected shape \(H, H \+ D\) = \(4, 7\), got \(4, 6\)"):
        lstm.LSTMParams(**(good | {"W_i": np.zeros((4, 6))}))
    with _raises(r"b_o: expected shape \(H,\) = \(4,\), got \(5,\)"):
        lstm.LSTMParams(**(good | {"b_o": np.zeros(5)}))
    with _raises(r"W_f: expected shape \(H, H \+ D\) with H >= 1 and D >= 1, got \(4, 4\)"):
        lstm.LSTMParams(**(good | {"W_f": np.zeros((4, 4))}))
    g = CELLS["gru"][1].as_dict()
    with _raises(r"W_hn: expected shape \(H, H\) = \(4, 4\), got \(4, 7\)"):
        gru.GRUParams(**(g | {"W_hn": np.zeros((4, 7))}))
    with _raises(r"W_xn: expected shape \(H, D\) = \(4, 3\)"):
        gru.GRUParams(**(g | {"W_xn": np.zeros((3, 4))}))
    with _raises(r"W: expected shape \(H, H \+ D\)"):
        rnn.RNNParams(W=np.zeros(4), b=np.zeros(4))
    with pytest.raises(ValueError, match="input_size and hidden_size must be >= 1"):
        lstm.LSTMParams.random(0, 3, RNG)
    ints = lstm.LSTMParams(**{k: np.ones(v.shape, dtype=int) for k, v in good.items()})
    assert ints.dtype == np.float64
