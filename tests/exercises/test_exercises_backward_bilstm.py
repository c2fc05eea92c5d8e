"""bilstm.merge against PyTorch's bidirectional nn.LSTM, and error carried forward."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutor.engine import bilstm, lstm
from tutor.engine.convert import bilstm_to_torch
from tutor.exercises import generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade


def directions(exercise) -> bilstm.BiLSTMParams:  # type: ignore[no-untyped-def]
    """The weights back from the givens (stacked f, i, C̃, o)."""
    out = []
    for side in ("fwd", "bwd"):
        W = np.atleast_2d(exercise.givens[f"W_{side}"])
        b = np.atleast_1d(exercise.givens[f"b_{side}"])
        H = b.shape[0] // 4
        W = W.reshape(4 * H, -1)
        fields = {}
        for k, gate in enumerate("fiCo"):
            fields[f"W_{gate}"], fields[f"b_{gate}"] = (
                W[k * H : (k + 1) * H],
                b[k * H : (k + 1) * H],
            )
        out.append(lstm.LSTMParams(**fields))
    return bilstm.BiLSTMParams(forward=out[0], backward=out[1])


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_states_and_merge_agree_with_torch(difficulty: int) -> None:
    for seed in range(15):
        exercise = generate("bilstm.merge", seed, difficulty)
        params = directions(exercise)
        H, D = params.hidden_size, params.input_size
        T = sum(1 for name in exercise.givens if name.startswith("x_"))
        xs = np.stack([np.atleast_1d(exercise.givens[f"x_{k}"]) for k in range(1, T + 1)])
        module = torch.nn.LSTM(D, H, bidirectional=True, dtype=torch.float64)
        state = {k: torch.from_numpy(v) for k, v in bilstm_to_torch(params).items()}
        module.load_state_dict(state)
        with torch.no_grad():
            out, _ = module(torch.from_numpy(xs)[:, None, :])
        out = out[:, 0].numpy()  # (T, 2H): forward then backward, time in original order
        T = xs.shape[0]
        hf = np.asarray(exercise.cell("hf").expected).reshape(T, H)
        hb = np.asarray(exercise.cell("hb").expected).reshape(T, H)
        assert np.allclose(hf, out[:, :H], atol=1e-10) and np.allclose(hb, out[:, H:], atol=1e-10)
        t = int(exercise.cell("merged").label.strip("$h_{}")) - 1
        merged = np.atleast_1d(exercise.cell("merged").expected)
        width = exercise.cell("size").expected
        candidates = {
            2 * H: out[t],
            H: (out[t, :H] + out[t, H:], (out[t, :H] + out[t, H:]) / 2),
        }[int(width)]
        if width == 2 * H:
            assert np.allclose(merged, candidates, atol=1e-10)
        else:
            assert any(np.allclose(merged, c, atol=1e-10) for c in candidates)


def test_wrong_backward_states_carry_into_the_merge() -> None:
    exercise = generate("bilstm.merge", 2, 1)
    hf = np.asarray(exercise.cell("hf").expected)
    hb = np.asarray(exercise.cell("hb").expected)[::-1]  # listed in processing order
    t = int(exercise.cell("merged").label.strip("$h_{}")) - 1
    width = exercise.cell("size").expected
    mode = "concat" if width == 2 else ("sum" if "sum" in exercise.prompt.en else "mean")
    merged = bilstm.merge_outputs(np.atleast_1d(hf[t]), np.atleast_1d(hb[t]), mode)
    results = grade(
        exercise,
        {
            "hf": format_value(hf, 4),
            "hb": format_value(np.round(hb, 4), 4),
            "merged": format_value(merged, 4),
        },
    )
    assert results["hf"].verdict.outcome == "correct"
    assert results["hb"].verdict.outcome == "incorrect"
    assert results["merged"].carried_forward


def test_two_steps_are_written_out() -> None:
    """x₁, x₂ for two steps, never x₁, …, x₂."""
    for difficulty in (1, 3):
        exercise = generate("bilstm.merge", 0, difficulty)
        assert "$x_1$, $x_2$" in exercise.prompt.en and r"\ldots" not in exercise.prompt.en
        assert list(exercise.givens)[:2] == ["x_1", "x_2"]
        assert exercise.cell("hb").label == "$[h_1^b, h_2^b]$"
        assert "后向 LSTM" in exercise.prompt.zh and "反向 LSTM" not in exercise.prompt.zh
