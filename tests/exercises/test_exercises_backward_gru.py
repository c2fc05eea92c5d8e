"""gru.step against PyTorch's nn.GRU, its mistakes, and error carried forward."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutor.engine import gru
from tutor.engine.convert import gru_to_torch
from tutor.exercises import generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade, grade_cell

KEYS = ("W_r", "W_z", "W_hn", "W_xn", "b_r", "b_z", "b_hn", "b_xn")


def params_of(exercise, H: int, D: int) -> gru.GRUParams:  # type: ignore[no-untyped-def]
    shapes = {"W_r": (H, H + D), "W_z": (H, H + D), "W_hn": (H, H), "W_xn": (H, D)}
    return gru.GRUParams(
        **{
            k: np.asarray(exercise.givens[k], dtype=float).reshape(shapes.get(k, (H,)))
            for k in KEYS
        }
    )


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_step_agrees_with_torch(difficulty: int) -> None:
    for seed in range(20):
        exercise = generate("gru.step", seed, difficulty)
        x, h_prev = (np.atleast_1d(exercise.givens[k]) for k in ("x", "h_prev"))
        D, H = x.shape[0], h_prev.shape[0]
        params = params_of(exercise, H, D)
        cell = torch.nn.GRUCell(D, H, dtype=torch.float64)
        state = gru_to_torch(params)
        cell.load_state_dict({k.removesuffix("_l0"): torch.from_numpy(v) for k, v in state.items()})
        with torch.no_grad():
            h = cell(torch.from_numpy(x)[None], torch.from_numpy(h_prev)[None])[0].numpy()
        assert np.allclose(np.atleast_1d(exercise.cell("h").expected), h, atol=1e-10)


def test_mistakes_are_diagnosed() -> None:
    exercise = generate("gru.step", 4, 1)
    n = exercise.cell("n")
    for key in ("lstm.candidate-sigmoid", "lstm.single-bias"):
        assert grade_cell(n, format_value(n.mistakes[key], 4)).mistake == key
    r = exercise.cell("r")
    assert set(r.mistakes) == {"lstm.forgot-bias", "lstm.gate-tanh", "lstm.concat-order"}


def test_wrong_update_gate_carries_into_h() -> None:
    exercise = generate("gru.step", 6, 2)
    truth = exercise.answers
    z = np.round(np.asarray(truth["z"]) + 0.1, 4)
    h = (1 - z) * np.asarray(truth["n"]) + z * np.asarray(exercise.givens["h_prev"])
    results = grade(
        exercise,
        {
            "r": format_value(truth["r"], 4),
            "z": format_value(z, 4),
            "n": format_value(truth["n"], 4),
            "h": format_value(h, 4),
        },
    )
    assert results["z"].verdict.outcome == "incorrect"
    assert results["h"].verdict.outcome == "correct" and results["h"].carried_forward
