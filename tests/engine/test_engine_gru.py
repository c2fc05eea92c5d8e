"""The GRU's own equations, its step's intermediate gradients and its parameter layout (its
agreement with torch.nn.GRU, its one-step version and its gradient checks:
test_engine_rnn_gru.py)."""

from __future__ import annotations

import numpy as np
import pytest
from engine_testlib import CASES, Case, assert_close, case_id, random_case, random_step

from tutor.engine import gru


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_steps_follow_the_equations(case: Case) -> None:
    params, data = random_case(gru.GRUParams, case, 100)
    trace = gru.forward(params, data.xs, data.h0)
    for t, one in enumerate(trace.steps):
        assert_close(one.h, (1 - one.z) * one.n + one.z * one.h_prev, "h_t")
        assert_close(one.n, np.tanh(one.z_n), "n_t")
        assert_close(one.z_n, data.xs[t] @ params.W_xn.T + params.b_xn + one.r * one.hn, "z_n")
        assert_close(trace.r[t], one.r, "trace.r")
        assert_close(trace.z_z[t], one.z_z, "trace.z_z")


@pytest.mark.parametrize("batch", [None, 2])
def test_step_backward_intermediates_follow_the_chain_rule(batch: int | None) -> None:
    params, x, h_prev, dh = random_step(gru.GRUParams, batch)
    H = params.hidden_size
    s = gru.step(params, x, h_prev)
    g = gru.step_backward(params, s, dh)
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
