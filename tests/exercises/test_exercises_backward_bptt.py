"""One BPTT step (bptt.step) against torch autograd, mistakes and error carried forward."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from tutor.exercises import generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade, grade_cell


def autograd(givens: dict) -> dict[str, np.ndarray]:
    """The same step in torch: gates as functions of leaf pre-activations, W_f a leaf whose
    bias makes f the given value; L = Σ dh ⊙ h + Σ (dC_{t+1} f_{t+1}) ⊙ C."""
    g = {k: torch.tensor(np.atleast_1d(v), dtype=torch.float64) for k, v in givens.items()}
    hx = torch.cat([g["h_prev"], g["x"]])
    W_f = torch.randn(len(g["f"]), len(hx), dtype=torch.float64, requires_grad=True)
    b_f = torch.logit(g["f"]) - (W_f @ hx).detach()
    f = torch.sigmoid(W_f @ hx + b_f)
    i, C_tilde, o = (g[k].clone().requires_grad_(True) for k in ("i", "C_tilde", "o"))
    C_prev = g["C_prev"].clone().requires_grad_(True)
    f.retain_grad()
    C = f * C_prev + i * C_tilde
    C.retain_grad()
    h = o * torch.tanh(C)
    (torch.sum(g["dh"] * h) + torch.sum(g["dC_from_next"] * C)).backward()
    z_f = W_f @ hx + b_f
    dz_f = f.grad * torch.sigmoid(z_f) * (1 - torch.sigmoid(z_f))
    grads = {
        "do": o.grad, "dC": C.grad, "dC_prev": C_prev.grad, "df": f.grad, "di": i.grad,
        "dC_tilde": C_tilde.grad, "dz_f": dz_f, "dW_f": W_f.grad,
    }  # fmt: skip
    return {k: v.detach().numpy() for k, v in grads.items()}


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_bptt_step_agrees_with_autograd(difficulty: int) -> None:
    torch.manual_seed(0)
    for seed in range(30):
        exercise = generate("bptt.step", seed, difficulty)
        want = autograd(dict(exercise.givens))
        for name in ("do", "dC", "dC_prev", "df", "di", "dC_tilde", "dz_f"):
            got = np.atleast_1d(exercise.cell(name).expected)
            assert np.allclose(got, want[name], atol=1e-10), (seed, name)
        row = exercise.cell("dW_f_row")
        match = re.search(r"\[(\d+), :\]", row.label)
        index = int(match.group(1)) - 1 if match else 0
        assert np.allclose(row.expected, want["dW_f"][index], atol=1e-10)


def test_catalogued_mistakes_are_named() -> None:
    exercise = generate("bptt.step", 3, 2)
    dC = exercise.cell("dC")
    assert set(dC.mistakes) == {
        "lstm.dc-missing-output-term",
        "lstm.dc-missing-next",
        "lstm.tanh-derivative",
        "lstm.dh-dc-missing-output-gate",
    }
    forgot_forget = format_value(exercise.cell("dC").expected, 4)  # dC_{t-1} = dC_t
    verdict = grade_cell(exercise.cell("dC_prev"), forgot_forget)
    assert verdict.mistake == "lstm.dc-prev-missing-forget"
    sigma = format_value(exercise.cell("dz_f").mistakes["lstm.sigmoid-derivative"], 4)
    assert grade_cell(exercise.cell("dz_f"), sigma).mistake == "lstm.sigmoid-derivative"


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_a_wrong_dC_carries_forward(difficulty: int) -> None:
    """dC wrong; every later cell computed from the learner's dC earns credit and says so."""
    exercise = generate("bptt.step", 5, difficulty)
    truth = exercise.answers
    wrong_dC = np.round(np.asarray(truth["dC"]) + 0.5, 4)  # as the learner typed it
    f, C_prev = np.asarray(exercise.givens["f"]), np.asarray(exercise.givens["C_prev"])
    df = np.round(wrong_dC * C_prev, 4)
    dz_f = df * f * (1 - f)
    responses = {
        "do": format_value(truth["do"], 4),
        "dC": format_value(wrong_dC, 4),
        "dC_prev": format_value(wrong_dC * f, 4),
        "df": format_value(df, 4),
        "di": format_value(wrong_dC * np.asarray(exercise.givens["C_tilde"]), 4),
        "dC_tilde": format_value(wrong_dC * np.asarray(exercise.givens["i"]), 4),
        "dz_f": format_value(dz_f, 8),
    }
    results = grade(exercise, responses)
    assert results["do"].verdict.outcome == "correct" and not results["do"].carried_forward
    assert results["dC"].verdict.outcome == "incorrect"
    for name in ("dC_prev", "df", "di", "dC_tilde", "dz_f"):
        assert results[name].verdict.outcome == "correct", name
        assert results[name].carried_forward, name
        assert "carried forward" in results[name].verdict.feedback.en


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_contributions_of_step_t_are_labelled_so(difficulty: int) -> None:
    """dC_{t-1} here is only the cell-path part, and dW_f only step t's term of a sum."""
    exercise = generate("bptt.step", 0, difficulty)
    assert exercise.cell("dC_prev").label == "$dC_{t-1}|_t$"
    assert exercise.cell("dW_f_row").label.startswith("$dW_f|_t")
    for text in (exercise.prompt.en, exercise.prompt.zh):
        assert r"dW_f = \sum_t dW_f|_t" in text
