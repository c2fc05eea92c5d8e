"""What the tanh RNN and the GRU share, one table for both: agreement with torch.nn.RNN and
torch.nn.GRU (float64), the one-step versions chained into the sequence, and central
differences. Each cell's own equations are tested in its own file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from types import ModuleType
from typing import Any

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
    random_step,
    run_torch,
)

from tutor.engine import convert, gru, rnn


@dataclass(frozen=True)
class Cell:
    """One cell's module and what differs between the cells."""

    kind: str  # torch.nn's name, lower case
    module: ModuleType
    params: type
    to_torch: Callable[[Any], dict[str, np.ndarray]]
    seed_offset: int
    step_preacts: Callable[[Any], np.ndarray]  # a step's ∂L/∂z, stacked as in grads.dpreacts

    def setup(self, case: Case) -> tuple[Any, Data]:
        return random_case(self.params, case, self.seed_offset)


CELLS = [
    Cell("rnn", rnn, rnn.RNNParams, convert.rnn_to_torch, 200, lambda g: g.dz),
    Cell(
        "gru", gru, gru.GRUParams, convert.gru_to_torch, 100,
        lambda g: np.concatenate([g.dz_r, g.dz_z, g.dz_n], axis=-1),
    ),
]  # fmt: skip
by_kind = pytest.mark.parametrize("cell", CELLS, ids=lambda c: c.kind)


@by_kind
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_and_backward_agree_with_torch(cell: Cell, case: Case, reverse: bool) -> None:
    params, data = cell.setup(case)
    _, D, H, _, _ = case
    trace = cell.module.forward(params, data.xs, data.h0, reverse=reverse)
    grads = cell.module.backward(params, trace, data.dhs, data.dh_T)
    flip = (lambda a: a[::-1].copy()) if reverse else (lambda a: a)
    ref = run_torch(
        cell.kind, cell.to_torch(params), D, H, flip(data.xs),
        data.h0[None], None, flip(data.dhs), data.dh_T[None], None,
    )  # fmt: skip
    assert_close(trace.hs, flip(ref.out), "hs")
    assert_close(trace.h_T, ref.h_n[0], "h_T")
    assert_close(grads.dxs, flip(ref.dxs), "dxs")
    assert_close(grads.dh0, ref.dh0[0], "dh0")
    assert_param_grads(cell.kind, cell.to_torch(grads.as_params()), ref.grads)


@by_kind
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_trace_steps_are_the_one_step_version(cell: Cell, case: Case) -> None:
    params, data = cell.setup(case)
    trace = cell.module.forward(params, data.xs, data.h0)
    h = data.h0
    for t, recorded in enumerate(trace.steps):
        one = cell.module.step(params, data.xs[t], h)
        for field in fields(one):
            name = field.name
            assert_close(getattr(recorded, name), getattr(one, name), f"t={t} {name}")
        h = one.h


@by_kind
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_step_backward_chained_is_backward(cell: Cell, case: Case) -> None:
    params, data = cell.setup(case)
    trace = cell.module.forward(params, data.xs, data.h0)
    grads = cell.module.backward(params, trace, data.dhs, data.dh_T)
    dh_next = data.dh_T
    total = {name: np.zeros_like(value) for name, value in params.as_dict().items()}
    for t in reversed(range(data.xs.shape[0])):
        dh = data.dhs[t] + dh_next
        assert_close(dh, grads.dh_total[t], f"dh_total t={t}")
        g = cell.module.step_backward(params, trace.steps[t], dh)
        assert_close(g.dx, grads.dxs[t], f"dx t={t}")
        assert_close(cell.step_preacts(g), grads.dpreacts[t], f"dpreacts t={t}")
        for name in total:
            total[name] = total[name] + getattr(g, "d" + name)
        dh_next = g.dh_prev
    assert_close(dh_next, grads.dh0, "dh0")
    for name, value in total.items():
        assert_close(value, getattr(grads, "d" + name), "d" + name)


@by_kind
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", [CASES[1], CASES[3]], ids=case_id)
def test_backward_passes_a_gradient_check(cell: Cell, case: Case, reverse: bool) -> None:
    params, data = cell.setup(case)
    forward, backward = cell.module.forward, cell.module.backward

    def loss() -> float:
        trace = forward(params, data.xs, data.h0, reverse=reverse)
        return float(np.sum(trace.hs * data.dhs) + np.sum(trace.h_T * data.dh_T))

    grads = backward(
        params, forward(params, data.xs, data.h0, reverse=reverse), data.dhs, data.dh_T
    )
    arrays = params.as_dict() | {"xs": data.xs, "h0": data.h0}
    analytic = {name: getattr(grads, "d" + name) for name in params.as_dict()}
    analytic |= {"xs": grads.dxs, "h0": grads.dh0}
    assert_gradcheck(loss, arrays, analytic)


@by_kind
@pytest.mark.parametrize("batch", [None, 2])
def test_step_backward_passes_a_gradient_check(cell: Cell, batch: int | None) -> None:
    params, x, h_prev, dh = random_step(cell.params, batch)

    def loss() -> float:
        return float(np.sum(cell.module.step(params, x, h_prev).h * dh))

    g = cell.module.step_backward(params, cell.module.step(params, x, h_prev), dh)
    arrays = params.as_dict() | {"x": x, "h_prev": h_prev}
    assert_gradcheck(loss, arrays, {name: getattr(g, "d" + name) for name in arrays})
