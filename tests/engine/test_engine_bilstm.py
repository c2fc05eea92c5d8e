"""The bidirectional LSTM against torch.nn.LSTM(bidirectional=True) (float64) and central
differences, for the three merge modes."""

from __future__ import annotations

import numpy as np
import pytest
from engine_testlib import (
    CASES,
    Case,
    assert_close,
    assert_gradcheck,
    assert_param_grads,
    case_id,
    random_case,
    run_torch,
)

from tutor.engine import bilstm, convert, lstm

Arrays6 = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _setup(case: Case) -> tuple[bilstm.BiLSTMParams, *Arrays6]:
    """params, xs, h0 (2, [B,] H), C0, dhs (T, [B,] 2H), dh_T (2, [B,] H), dC_T."""
    seed, H = case[0], case[2]
    params, data = random_case(bilstm.BiLSTMParams, case, 300)
    rng = np.random.default_rng([300 + seed, 1])  # the second direction's states
    h0 = np.stack([data.h0, rng.standard_normal(data.h0.shape) * 0.5])  # (2, [B,] H)
    C0 = np.stack([data.C0, rng.standard_normal(data.C0.shape) * 0.5])
    dh_T = np.stack([data.dh_T, rng.standard_normal(data.dh_T.shape)])
    dC_T = np.stack([data.dC_T, rng.standard_normal(data.dC_T.shape)])
    width = (*data.dhs.shape[:-1], 2 * H)
    return params, data.xs, h0, C0, rng.standard_normal(width), dh_T, dC_T


@pytest.mark.parametrize("merge", ["concat", "sum"])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_agrees_with_torch_bidirectional_lstm(case: Case, merge: bilstm.Merge) -> None:
    params, xs, h0, C0, d_concat, dh_T, dC_T = _setup(case)
    _, D, H, _, _ = case
    # torch concatenates; the sum's gradient reaches both halves unchanged
    d_merged = d_concat if merge == "concat" else d_concat[..., :H]
    d_torch = d_concat if merge == "concat" else np.concatenate([d_merged, d_merged], -1)
    trace = bilstm.forward(params, xs, h0, C0, merge=merge)
    grads = bilstm.backward(params, trace, d_merged, dh_T, dC_T)
    ref = run_torch(
        "lstm", convert.bilstm_to_torch(params), D, H, xs, h0, C0, d_torch, dh_T, dC_T,
        bidirectional=True,
    )  # fmt: skip
    expected = ref.out if merge == "concat" else ref.out[..., :H] + ref.out[..., H:]
    assert_close(trace.hs, expected, "hs")
    assert_close(trace.h_T, ref.h_n, "h_n")
    assert_close(trace.C_T, ref.c_n, "c_n")
    assert_close(grads.dxs, ref.dxs, "dxs")
    assert_close(grads.dh0, ref.dh0, "dh0")
    assert_close(grads.dC0, ref.dC0, "dC0")
    assert_param_grads("lstm", convert.bilstm_to_torch(grads.as_params()), ref.grads)


@pytest.mark.parametrize("case", CASES[:4], ids=case_id)
def test_each_direction_is_an_lstm_aligned_to_the_original_time(case: Case) -> None:
    params, xs, h0, C0, *_ = _setup(case)
    trace = bilstm.forward(params, xs, h0, C0, merge="mean")
    H = params.hidden_size
    forward = lstm.forward(params.forward, xs, h0[0], C0[0])
    flipped = lstm.forward(params.backward, xs[::-1], h0[1], C0[1])
    assert_close(trace.forward.hs, forward.hs)
    assert_close(trace.backward.hs, flipped.hs[::-1])  # index t holds h^b_t
    assert_close(trace.backward.h_T, trace.backward.hs[0])
    assert_close(trace.hs, (forward.hs + flipped.hs[::-1]) / 2)
    assert trace.backward.steps[0].h_prev.shape == (H,) or trace.backward.batched
    assert_close(trace.backward.steps[-1].h_prev, h0[1])  # the last step is processed first


@pytest.mark.parametrize("merge", ["concat", "sum", "mean"])
@pytest.mark.parametrize("case", [(1, 3, 2, 4, None), CASES[3]], ids=case_id)
def test_backward_passes_a_gradient_check(case: Case, merge: bilstm.Merge) -> None:
    params, xs, h0, C0, d_concat, dh_T, dC_T = _setup(case)
    H = params.hidden_size
    d = d_concat if merge == "concat" else d_concat[..., :H]

    def loss() -> float:
        trace = bilstm.forward(params, xs, h0, C0, merge=merge)
        return float(
            np.sum(trace.hs * d) + np.sum(trace.h_T * dh_T) + np.sum(trace.C_T * dC_T)
        )

    grads = bilstm.backward(params, bilstm.forward(params, xs, h0, C0, merge=merge), d, dh_T, dC_T)
    arrays = params.as_dict() | {"xs": xs, "h0": h0, "C0": C0}
    analytic = grads.as_params().as_dict() | {"xs": grads.dxs, "h0": grads.dh0, "C0": grads.dC0}
    assert_gradcheck(loss, arrays, analytic)


def test_merge_modes_and_shapes() -> None:
    rng = np.random.default_rng(0)
    params = bilstm.BiLSTMParams.random(3, 4, rng)
    xs = rng.standard_normal((5, 2, 3))
    shapes = {m: bilstm.forward(params, xs, merge=m).hs.shape for m in bilstm.MERGES}
    assert shapes == {"concat": (5, 2, 8), "sum": (5, 2, 4), "mean": (5, 2, 4)}
    trace = bilstm.forward(params, xs)
    assert trace.h_T.shape == trace.C_T.shape == (2, 2, 4)
    with pytest.raises(ValueError, match="merge: expected one of concat, sum, mean"):
        bilstm.forward(params, xs, merge="max")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"dhs: expected shape \(T, B, 2H\) = \(5, 2, 8\)"):
        bilstm.backward(params, trace, np.zeros((5, 2, 4)))
    with pytest.raises(ValueError, match=r"h0: expected shape \(2, B, H\) = \(2, 2, 4\)"):
        bilstm.forward(params, xs, h0=np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"backward: expected the forward direction's sizes"):
        bilstm.BiLSTMParams(params.forward, lstm.LSTMParams.random(3, 5, rng))
