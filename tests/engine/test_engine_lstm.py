"""The LSTM against torch.nn.LSTM (float64), against its own one-step version, and against
central differences."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable

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
    random_case,
    run_torch,
)

from tutor.engine import convert, lstm


def _setup(case: Case) -> tuple[lstm.LSTMParams, Data]:
    return random_case(lstm.LSTMParams, case, 0)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_and_backward_agree_with_torch(case: Case) -> None:
    params, data = _setup(case)
    _, D, H, _, _ = case
    trace = lstm.forward(params, data.xs, data.h0, data.C0)
    grads = lstm.backward(params, trace, data.dhs, data.dh_T, data.dC_T)

    ref = run_torch(
        "lstm", convert.lstm_to_torch(params), D, H, data.xs,
        data.h0[None], data.C0[None], data.dhs, data.dh_T[None], data.dC_T[None],
    )  # fmt: skip
    assert_close(trace.hs, ref.out, "hs")
    assert_close(trace.h_T, ref.h_n[0], "h_T")
    assert_close(trace.C_T, ref.c_n[0], "C_T")
    assert_close(grads.dxs, ref.dxs, "dxs")
    assert_close(grads.dh0, ref.dh0[0], "dh0")
    assert_close(grads.dC0, ref.dC0[0], "dC0")
    assert_param_grads("lstm", convert.lstm_to_torch(grads.as_params()), ref.grads)


@pytest.mark.parametrize("case", CASES[1:6:2], ids=case_id)
def test_reverse_is_the_forward_pass_on_the_flipped_sequence(case: Case) -> None:
    params, data = _setup(case)
    _, D, H, _, _ = case
    trace = lstm.forward(params, data.xs, data.h0, data.C0, reverse=True)
    grads = lstm.backward(params, trace, data.dhs, data.dh_T, data.dC_T)
    ref = run_torch(
        "lstm", convert.lstm_to_torch(params), D, H, data.xs[::-1].copy(),
        data.h0[None], data.C0[None], data.dhs[::-1].copy(), data.dh_T[None], data.dC_T[None],
    )  # fmt: skip
    assert_close(trace.hs, ref.out[::-1], "hs")
    assert_close(trace.h_T, ref.h_n[0], "h_T")
    assert_close(trace.h_T, trace.hs[0], "h_T is step 0's")
    assert_close(trace.C_T, ref.c_n[0], "C_T")
    assert_close(grads.dxs, ref.dxs[::-1], "dxs")
    assert_close(grads.dh0, ref.dh0[0], "dh0")
    assert_close(grads.dC0, ref.dC0[0], "dC0")
    assert_param_grads("lstm", convert.lstm_to_torch(grads.as_params()), ref.grads)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_steps_follow_the_equations(case: Case) -> None:
    """The fast forward pass and the gate-by-gate step give the same numbers."""
    params, data = _setup(case)
    trace = lstm.forward(params, data.xs, data.h0, data.C0)
    h, C = data.h0, data.C0
    assert len(trace.steps) == data.xs.shape[0]
    for t, recorded in enumerate(trace.steps):
        one = lstm.step(params, data.xs[t], h, C)
        for name in (
            "x", "h_prev", "C_prev", "z_f", "z_i", "z_C", "z_o",
            "f", "i", "C_tilde", "o", "C", "tanh_C", "h",
        ):  # fmt: skip
            assert_close(getattr(recorded, name), getattr(one, name), f"t={t} {name}")
        # the equations themselves
        assert_close(one.C, one.f * one.C_prev + one.i * one.C_tilde, "C_t")
        assert_close(one.h, one.o * np.tanh(one.C), "h_t")
        assert_close(one.f, 1 / (1 + np.exp(-one.z_f)), "f_t")
        assert_close(trace.f[t], one.f, "trace.f")
        assert_close(trace.z_C[t], one.z_C, "trace.z_C")
        h, C = one.h, one.C


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_step_backward_chained_is_backward(case: Case) -> None:
    """Running step_backward from the last step to the first reproduces backward."""
    params, data = _setup(case)
    trace = lstm.forward(params, data.xs, data.h0, data.C0)
    grads = lstm.backward(params, trace, data.dhs, data.dh_T, data.dC_T)
    dh_next, dC_next = data.dh_T, data.dC_T
    total = {name: np.zeros_like(value) for name, value in params.as_dict().items()}
    for t in reversed(range(data.xs.shape[0])):
        g = lstm.step_backward(params, trace.steps[t], data.dhs[t] + dh_next, dC_next)
        assert_close(g.dx, grads.dxs[t], f"dx t={t}")
        assert_close(g.dC_total, grads.dC_total[t], f"dC_total t={t}")
        assert_close(data.dhs[t] + dh_next, grads.dh_total[t], f"dh_total t={t}")
        for gate in ("f", "i", "C", "o"):
            assert_close(getattr(g, "dz_" + gate), getattr(grads, "dz_" + gate)[t], gate)
        for name in total:
            total[name] = total[name] + getattr(g, "d" + name)
        dh_next, dC_next = g.dh_prev, g.dC_prev
    assert_close(dh_next, grads.dh0, "dh0")
    assert_close(dC_next, grads.dC0, "dC0")
    for name, value in total.items():
        assert_close(value, getattr(grads, "d" + name), "d" + name)


def _loss_and_grads(
    params: lstm.LSTMParams, data: Data, reverse: bool = False
) -> tuple[Callable[[], float], lstm.LSTMGrads]:
    def loss() -> float:
        trace = lstm.forward(params, data.xs, data.h0, data.C0, reverse=reverse)
        return float(
            np.sum(trace.hs * data.dhs)
            + np.sum(trace.h_T * data.dh_T)
            + np.sum(trace.C_T * data.dC_T)
        )

    trace = lstm.forward(params, data.xs, data.h0, data.C0, reverse=reverse)
    return loss, lstm.backward(params, trace, data.dhs, data.dh_T, data.dC_T)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", [CASES[1], CASES[3]], ids=case_id)
def test_backward_passes_a_gradient_check(case: Case, reverse: bool) -> None:
    params, data = _setup(case)
    loss, grads = _loss_and_grads(params, data, reverse)
    arrays = params.as_dict() | {"xs": data.xs, "h0": data.h0, "C0": data.C0}
    analytic = {name: getattr(grads, "d" + name) for name in params.as_dict()}
    analytic |= {"xs": grads.dxs, "h0": grads.dh0, "C0": grads.dC0}
    assert_gradcheck(loss, arrays, analytic)


@pytest.mark.parametrize("batch", [None, 3])
def test_step_backward_passes_a_gradient_check(batch: int | None) -> None:
    rng = np.random.default_rng(7)
    D, H = 3, 4
    params = lstm.LSTMParams.random(D, H, rng, scale=0.8)
    shape = () if batch is None else (batch,)
    x = rng.standard_normal((*shape, D))
    h_prev, C_prev = rng.standard_normal((*shape, H)), rng.standard_normal((*shape, H))
    dh, dC = rng.standard_normal((*shape, H)), rng.standard_normal((*shape, H))

    def loss() -> float:
        s = lstm.step(params, x, h_prev, C_prev)
        return float(np.sum(s.h * dh) + np.sum(s.C * dC))

    g = lstm.step_backward(params, lstm.step(params, x, h_prev, C_prev), dh, dC)
    arrays = params.as_dict() | {"x": x, "h_prev": h_prev, "C_prev": C_prev}
    analytic = {name: getattr(g, "d" + name) for name in arrays}
    assert_gradcheck(loss, arrays, analytic)
    # the intermediates: each pre-activation's gradient is its bias's (summed over the batch),
    # and the chain rule links them as the docstring writes it
    for gate in ("f", "i", "C", "o"):
        assert_close(getattr(g, "dz_" + gate).reshape(-1, H).sum(0), getattr(g, "db_" + gate))
    s = lstm.step(params, x, h_prev, C_prev)
    assert_close(g.do, dh * s.tanh_C)
    assert_close(g.dC_total, dC + dh * s.o * (1 - s.tanh_C**2))
    assert_close(g.df, g.dC_total * s.C_prev)
    assert_close(g.di, g.dC_total * s.C_tilde)
    assert_close(g.dC_tilde, g.dC_total * s.i)
    assert_close(g.dz_f, g.df * s.f * (1 - s.f))
    assert_close(g.dz_C, g.dC_tilde * (1 - s.C_tilde**2))


def test_upstream_gradients_default_to_zero() -> None:
    params, data = _setup(CASES[4])
    trace = lstm.forward(params, data.xs)
    only_hs = lstm.backward(params, trace, data.dhs)
    explicit = lstm.backward(
        params, trace, data.dhs, np.zeros_like(data.dh_T), np.zeros_like(data.dC_T)
    )
    assert_close(only_hs.dW_f, explicit.dW_f)
    only_final = lstm.backward(params, trace, None, data.dh_T)
    with_zero_dhs = lstm.backward(params, trace, np.zeros_like(data.dhs), data.dh_T)
    assert_close(only_final.dxs, with_zero_dhs.dxs)
    assert_close(trace.h0, np.zeros_like(data.h0))


def test_float32_parameters_compute_in_float32() -> None:
    rng = np.random.default_rng(0)
    params = lstm.LSTMParams.random(3, 4, rng, dtype=np.float32)
    trace = lstm.forward(params, rng.standard_normal((5, 3)))
    assert params.dtype == np.float32
    assert trace.hs.dtype == np.float32
    grads = lstm.backward(params, trace, np.ones((5, 4)))
    assert grads.dW_f.dtype == np.float32
    reference = lstm.forward(
        lstm.LSTMParams(**{k: v.astype(np.float64) for k, v in params.as_dict().items()}),
        trace.xs,
    )
    np.testing.assert_allclose(trace.hs, reference.hs, atol=1e-6)


def test_params_are_views_of_the_stacked_weights() -> None:
    rng = np.random.default_rng(1)
    params = lstm.LSTMParams.random(2, 3, rng)
    assert params.hidden_size == 3 and params.input_size == 2 and params.dtype == np.float64
    W, b = params.stacked()
    assert W.shape == (12, 5) and b.shape == (12,)
    assert_close(W[3:6], params.W_i)
    xs = rng.standard_normal((4, 2))
    before = lstm.forward(params, xs).hs.copy()
    params.W_o[0, 0] += 1.0  # in place: the next forward pass sees it
    assert_close(W[9, 0], params.W_o[0, 0])
    assert not np.allclose(lstm.forward(params, xs).hs, before)
    params.W_o = params.W_o - np.eye(3, 5) * np.eye(3, 5)[0]  # assignment copies into W
    assert_close(lstm.forward(params, xs).hs, before)
    assert np.shares_memory(params.W_o, W)
    with pytest.raises(ValueError, match=r"W_o: expected shape \(H, H \+ D\) = \(3, 5\)"):
        params.W_o = np.zeros((3, 4))
    clone = params.copy()
    clone.W_f[...] = 0.0
    assert not np.allclose(params.W_f, 0.0)
    for other in (copy.deepcopy(params), pickle.loads(pickle.dumps(params))):
        assert np.shares_memory(other.W_C, other.stacked()[0])
        assert_close(lstm.forward(other, xs).hs, lstm.forward(params, xs).hs)
    arrays = params.as_dict()
    assert list(arrays) == ["W_f", "W_i", "W_C", "W_o", "b_f", "b_i", "b_C", "b_o"]


def test_random_is_reproducible_and_scaled() -> None:
    a = lstm.LSTMParams.random(3, 16, np.random.default_rng(5))
    b = lstm.LSTMParams.random(3, 16, np.random.default_rng(5))
    assert_close(a.W_C, b.W_C)
    assert np.max(np.abs(a.stacked()[0])) <= 0.25  # 1/√16
    wide = lstm.LSTMParams.random(3, 16, np.random.default_rng(5), scale=2.0)
    assert np.max(np.abs(wide.stacked()[0])) > 1.0


def test_trace_views() -> None:
    params, data = _setup(CASES[5])
    trace = lstm.forward(params, data.xs, data.h0, data.C0)
    H = params.hidden_size
    assert trace.batched
    assert trace.gates.shape == trace.preacts.shape == (13, 4, 4 * H)
    assert_close(trace.o, trace.gates[..., 3 * H :])
    assert_close(trace.h_prevs[0], data.h0)
    assert_close(trace.C_prevs[1:], trace.Cs[:-1])
    assert_close(trace.tanh_Cs, np.tanh(trace.Cs))
