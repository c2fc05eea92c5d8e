"""The GRU against torch.nn.GRU (float64), its one-step version, and central differences."""

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

from tutor.engine import convert, gru


def _setup(case: Case) -> tuple[gru.GRUParams, Data]:
    seed, D, H, T, B = case
    rng = np.random.default_rng(100 + seed)
    params = gru.GRUParams.random(D, H, rng, scale=0.8)
    return params, make_data(rng, D, H, T, B)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_and_backward_agree_with_torch(case: Case, reverse: bool) -> None:
    params, data = _setup(case)
    _, D, H, _, _ = case
    trace = gru.forward(params, data.xs, data.h0, reverse=reverse)
    grads = gru.backward(params, trace, data.dhs, data.dh_T)
    flip = (lambda a: a[::-1].copy()) if reverse else (lambda a: a)
    ref = run_torch(
        "gru", convert.gru_to_torch(params), D, H, flip(data.xs),
        data.h0[None], None, flip(data.dhs), data.dh_T[None], None,
    )  # fmt: skip
    assert_close(trace.hs, flip(ref.out), "hs")
    assert_close(trace.h_T, ref.h_n[0], "h_T")
    assert_close(grads.dxs, flip(ref.dxs), "dxs")
    assert_close(grads.dh0, ref.dh0[0], "dh0")
    assert_param_grads("gru", convert.gru_to_torch(grads.as_params()), ref.grads)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_steps_follow_the_equations(case: Case) -> None:
    params, data = _setup(case)
    trace = gru.forward(params, data.xs, data.h0)
    h = data.h0
    for t, recorded in enumerate(trace.steps):
        one = gru.step(params, data.xs[t], h)
        for name in ("x", "h_prev", "z_r", "z_z", "hn", "z_n", "r", "z", "n", "h"):
            assert_close(getattr(recorded, name), getattr(one, name), f"t={t} {name}")
        assert_close(one.h, (1 - one.z) * one.n + one.z * one.h_prev, "h_t")
        assert_close(one.n, np.tanh(one.z_n), "n_t")
        assert_close(one.z_n, data.xs[t] @ params.W_xn.T + params.b_xn + one.r * one.hn, "z_n")
        assert_close(trace.r[t], one.r, "trace.r")
        assert_close(trace.z_z[t], one.z_z, "trace.z_z")
        h = one.h


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_step_backward_chained_is_backward(case: Case) -> None:
    params, data = _setup(case)
    trace = gru.forward(params, data.xs, data.h0)
    grads = gru.backward(params, trace, data.dhs, data.dh_T)
    dh_next = data.dh_T
    total = {name: np.zeros_like(value) for name, value in params.as_dict().items()}
    for t in reversed(range(data.xs.shape[0])):
        dh = data.dhs[t] + dh_next
        assert_close(dh, grads.dh_total[t], f"dh_total t={t}")
        g = gru.step_backward(params, trace.steps[t], dh)
        assert_close(g.dx, grads.dxs[t], f"dx t={t}")
        for gate in ("r", "z", "n"):
            assert_close(getattr(g, "dz_" + gate), getattr(grads, "dz_" + gate)[t], gate)
        for name in total:
            total[name] = total[name] + getattr(g, "d" + name)
        dh_next = g.dh_prev
    assert_close(dh_next, grads.dh0, "dh0")
    for name, value in total.items():
        assert_close(value, getattr(grads, "d" + name), "d" + name)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", [CASES[1], CASES[3]], ids=case_id)
def test_backward_passes_a_gradient_check(case: Case, reverse: bool) -> None:
    params, data = _setup(case)

    def loss() -> float:
        trace = gru.forward(params, data.xs, data.h0, reverse=reverse)
        return float(np.sum(trace.hs * data.dhs) + np.sum(trace.h_T * data.dh_T))

    grads = gru.backward(
        params, gru.forward(params, data.xs, data.h0, reverse=reverse), data.dhs, data.dh_T
    )
    arrays = params.as_dict() | {"xs": data.xs, "h0": data.h0}
    analytic = {name: getattr(grads, "d" + name) for name in params.as_dict()}
    analytic |= {"xs": grads.dxs, "h0": grads.dh0}
    assert_gradcheck(loss, arrays, analytic)


@pytest.mark.parametrize("batch", [None, 2])
def test_step_backward_passes_a_gradient_check(batch: int | None) -> None:
    rng = np.random.default_rng(3)
    D, H = 4, 3
    params = gru.GRUParams.random(D, H, rng, scale=0.8)
    shape = () if batch is None else (batch,)
    x, h_prev = rng.standard_normal((*shape, D)), rng.standard_normal((*shape, H))
    dh = rng.standard_normal((*shape, H))

    def loss() -> float:
        return float(np.sum(gru.step(params, x, h_prev).h * dh))

    s = gru.step(params, x, h_prev)
    g = gru.step_backward(params, s, dh)
    arrays = params.as_dict() | {"x": x, "h_prev": h_prev}
    assert_gradcheck(loss, arrays, {name: getattr(g, "d" + name) for name in arrays})
    assert_close(g.dn, dh * (1 - s.z))
    assert_close(g.dz, dh * (s.h_prev - s.n))
    assert_close(g.dr, g.dz_n * s.hn)
    assert_close(g.dhn.reshape(-1, H).sum(0), g.db_hn)
    assert_close(g.dz_n.reshape(-1, H).sum(0), g.db_xn)


def test_params_layout() -> None:
    params = gru.GRUParams.random(2, 3, np.random.default_rng(0))
    W, b = params.stacked()
    assert W.shape == (9, 5) and b.shape == (12,)
    assert np.shares_memory(params.W_hn, W) and np.shares_memory(params.b_hn, b)
    assert_close(W[6:, :3], params.W_hn)
    assert_close(W[6:, 3:], params.W_xn)
    assert list(params.as_dict()) == ["W_r", "W_z", "W_hn", "W_xn", "b_r", "b_z", "b_hn", "b_xn"]
