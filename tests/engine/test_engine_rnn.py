"""The tanh RNN against torch.nn.RNN (float64), its one-step version, and central
differences."""

from __future__ import annotations

import numpy as np
import pytest
from engine_testlib import (
    CASES,
    Case,
    Data,
    assert_close,
    assert_gradcheck,
    assert_param_grads,
    case_id,
    make_data,
    run_torch,
)

from tutor.engine import convert, rnn


def _setup(case: Case) -> tuple[rnn.RNNParams, Data]:
    seed, D, H, T, B = case
    rng = np.random.default_rng(200 + seed)
    params = rnn.RNNParams.random(D, H, rng, scale=0.8)
    return params, make_data(rng, D, H, T, B)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_and_backward_agree_with_torch(case: Case, reverse: bool) -> None:
    params, data = _setup(case)
    _, D, H, _, _ = case
    trace = rnn.forward(params, data.xs, data.h0, reverse=reverse)
    grads = rnn.backward(params, trace, data.dhs, data.dh_T)
    flip = (lambda a: a[::-1].copy()) if reverse else (lambda a: a)
    ref = run_torch(
        "rnn", convert.rnn_to_torch(params), D, H, flip(data.xs),
        data.h0[None], None, flip(data.dhs), data.dh_T[None], None,
    )  # fmt: skip
    assert_close(trace.hs, flip(ref.out), "hs")
    assert_close(trace.h_T, ref.h_n[0], "h_T")
    assert_close(grads.dxs, flip(ref.dxs), "dxs")
    assert_close(grads.dh0, ref.dh0[0], "dh0")
    assert_param_grads("rnn", convert.rnn_to_torch(grads.as_params()), ref.grads)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_steps_and_step_backward_match_the_sequence(case: Case) -> None:
    params, data = _setup(case)
    trace = rnn.forward(params, data.xs, data.h0)
    grads = rnn.backward(params, trace, data.dhs, data.dh_T)
    h = data.h0
    for t, recorded in enumerate(trace.steps):
        one = rnn.step(params, data.xs[t], h)
        for name in ("x", "h_prev", "z", "h"):
            assert_close(getattr(recorded, name), getattr(one, name), f"t={t} {name}")
        hx = np.concatenate([one.h_prev, one.x], axis=-1)
        assert_close(one.h, np.tanh(hx @ params.W.T + params.b), "h_t")
        h = one.h
    dh_next = data.dh_T
    dW, db = np.zeros_like(params.W), np.zeros_like(params.b)
    for t in reversed(range(data.xs.shape[0])):
        g = rnn.step_backward(params, trace.steps[t], data.dhs[t] + dh_next)
        assert_close(g.dz, grads.dpreacts[t], f"dz t={t}")
        assert_close(g.dx, grads.dxs[t], f"dx t={t}")
        dW, db, dh_next = dW + g.dW, db + g.db, g.dh_prev
    assert_close(dh_next, grads.dh0)
    assert_close(dW, grads.dW)
    assert_close(db, grads.db)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", [CASES[1], CASES[3]], ids=case_id)
def test_backward_passes_a_gradient_check(case: Case, reverse: bool) -> None:
    params, data = _setup(case)

    def loss() -> float:
        trace = rnn.forward(params, data.xs, data.h0, reverse=reverse)
        return float(np.sum(trace.hs * data.dhs) + np.sum(trace.h_T * data.dh_T))

    grads = rnn.backward(
        params, rnn.forward(params, data.xs, data.h0, reverse=reverse), data.dhs, data.dh_T
    )
    arrays = {"W": params.W, "b": params.b, "xs": data.xs, "h0": data.h0}
    analytic = {"W": grads.dW, "b": grads.db, "xs": grads.dxs, "h0": grads.dh0}
    assert_gradcheck(loss, arrays, analytic)


def test_step_backward_passes_a_gradient_check() -> None:
    rng = np.random.default_rng(9)
    params = rnn.RNNParams.random(3, 4, rng, scale=0.8)
    x = rng.standard_normal((2, 3))
    h_prev, dh = rng.standard_normal((2, 4)), rng.standard_normal((2, 4))

    def loss() -> float:
        return float(np.sum(rnn.step(params, x, h_prev).h * dh))

    g = rnn.step_backward(params, rnn.step(params, x, h_prev), dh)
    arrays = {"W": params.W, "b": params.b, "x": x, "h_prev": h_prev}
    analytic = {"W": g.dW, "b": g.db, "x": g.dx, "h_prev": g.dh_prev}
    assert_gradcheck(loss, arrays, analytic)


def test_gradient_vanishes_along_the_sequence() -> None:
    """The lesson's claim, on the engine's own numbers: with small weights ∂L/∂h_t shrinks
    geometrically as t moves away from the loss at the last step."""
    rng = np.random.default_rng(0)
    params = rnn.RNNParams.random(2, 8, rng, scale=0.2)
    trace = rnn.forward(params, rng.standard_normal((30, 2)))
    dhs = np.zeros((30, 8))
    dhs[-1] = 1.0
    norms = np.linalg.norm(rnn.backward(params, trace, dhs).dh_total, axis=-1)
    assert norms[0] < 1e-6 * norms[-1]
    assert np.all(np.diff(norms) > 0)
