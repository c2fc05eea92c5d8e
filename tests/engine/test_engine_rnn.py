"""The tanh RNN's own equations and the vanishing gradient it shows (its agreement with
torch.nn.RNN, its one-step version and its gradient checks: test_engine_rnn_gru.py)."""

from __future__ import annotations

import numpy as np
import pytest
from engine_testlib import CASES, Case, assert_close, case_id, random_case

from tutor.engine import rnn


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_steps_follow_the_equation(case: Case) -> None:
    params, data = random_case(rnn.RNNParams, case, 200)
    for one in rnn.forward(params, data.xs, data.h0).steps:
        hx = np.concatenate([one.h_prev, one.x], axis=-1)
        assert_close(one.z, hx @ params.W.T + params.b, "z_t")
        assert_close(one.h, np.tanh(one.z), "h_t")


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
