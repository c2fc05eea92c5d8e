"""clipping.global-norm against torch.nn.utils.clip_grad_norm_, and its worksheet."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutor.exercises import generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_agrees_with_torch(difficulty: int) -> None:
    clipped_some = set()
    for seed in range(40):
        exercise = generate("clipping.global-norm", seed, difficulty)
        grads = [v for k, v in exercise.givens.items() if k.startswith("g_")]
        params = [torch.zeros(np.shape(g), dtype=torch.float64, requires_grad=True) for g in grads]
        for p, g in zip(params, grads, strict=True):
            p.grad = torch.tensor(g, dtype=torch.float64)
        total = torch.nn.utils.clip_grad_norm_(params, exercise.givens["theta"])
        assert exercise.cell("norm").expected == pytest.approx(float(total), abs=1e-12)
        for k in (1, 2):
            got = np.asarray(exercise.cell(f"clipped_{k}").expected)
            assert np.allclose(got, params[k - 1].grad.numpy(), atol=1e-12)
        clipped_some.add(exercise.cell("scale").expected < 1)
    assert clipped_some == ({True} if difficulty < 3 else {True, False})


def test_a_wrong_norm_carries_forward() -> None:
    exercise = generate("clipping.global-norm", 1, 2)
    theta, g1 = exercise.givens["theta"], np.asarray(exercise.givens["g_1"])
    norm = round(exercise.cell("norm").expected + 1.0, 4)  # summed wrongly
    scale = round(min(1.0, theta / norm), 4)
    results = grade(
        exercise,
        {"norm": f"{norm}", "scale": f"{scale}", "clipped_1": format_value(scale * g1, 4)},
    )
    assert results["norm"].verdict.outcome == "incorrect"
    assert results["scale"].carried_forward and results["clipped_1"].carried_forward


def test_clipping_each_tensor_alone_is_its_own_mistake() -> None:
    exercise = generate("clipping.global-norm", 2, 1)
    cell = exercise.cell("clipped_1")
    assert "clipping.per-tensor-norm" in cell.mistakes
    g1, theta = np.asarray(exercise.givens["g_1"]), exercise.givens["theta"]
    own = g1 * min(1.0, theta / np.linalg.norm(g1))
    assert np.allclose(cell.mistakes["clipping.per-tensor-norm"], own, atol=1e-5)
