"""The LSTM forward families against an independent computation from the givens as shown,
and against torch.nn.LSTM where torch computes the same thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch

from tutor.exercises import Exercise, generate

SEEDS = range(20)
ORDER = ("f", "i", "C", "o")  # the document's
TORCH = ("i", "f", "C", "o")  # PyTorch's i, f, g, o
CELL = {"f": "f", "i": "i", "C": "C_tilde", "o": "o"}


def draws(name: str) -> Iterator[Exercise]:
    for difficulty in (1, 2, 3):
        for seed in SEEDS:
            yield generate(name, seed, difficulty)


def sig(z: Any) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def act(key: str, z: Any) -> np.ndarray:
    return np.tanh(z) if key == "C" else sig(z)


def weights(g: dict[str, Any], key: str) -> tuple[np.ndarray, np.ndarray]:
    """W_k as (H, H + D) and b_k as (H,), also when a scalar exercise shows a row and a number."""
    b = np.atleast_1d(np.asarray(g[f"b_{key}"], dtype=float))
    return np.asarray(g[f"W_{key}"], dtype=float).reshape(b.size, -1), b


def gates(g: dict[str, Any], h: Any, x: Any) -> dict[str, np.ndarray]:
    hx = np.concatenate([np.atleast_1d(h), np.atleast_1d(x)])
    out = {}
    for key in ORDER:
        W, b = weights(g, key)
        out[key] = act(key, W @ hx + b)
    return out


def close(got: Any, want: Any) -> bool:
    return np.allclose(np.ravel(got), np.ravel(want), atol=1e-12, rtol=0)


@pytest.mark.parametrize("key", ORDER)
def test_each_gate_and_its_mistakes(key: str) -> None:
    name = {"f": "lstm.forget-gate", "i": "lstm.input-gate", "C": "lstm.candidate",
            "o": "lstm.output-gate"}[key]  # fmt: skip
    for exercise in draws(name):
        g = exercise.givens
        W, b = weights(g, key)
        h, x = np.atleast_1d(g["h_prev"]), np.atleast_1d(g["x"])
        cell = exercise.cell(CELL[key])
        assert close(cell.expected, act(key, W @ np.concatenate([h, x]) + b))
        assert np.ndim(cell.expected) == (0 if h.size == 1 else 1)
        m = cell.mistakes
        assert close(m["lstm.forgot-bias"], act(key, W @ np.concatenate([h, x])))
        assert close(m["lstm.concat-order"], act(key, W @ np.concatenate([x, h]) + b))
        other = sig if key == "C" else np.tanh
        wrong = "lstm.candidate-sigmoid" if key == "C" else "lstm.gate-tanh"
        assert close(m[wrong], other(W @ np.concatenate([h, x]) + b))


def test_pytorch_gate_matches_torch() -> None:
    asked = set()
    for exercise in draws("lstm.pytorch-gate"):
        g = exercise.givens
        (cell,) = exercise.cells
        key = next(k for k, v in CELL.items() if v == cell.name)
        asked.add(key)
        t = {k: torch.tensor(np.asarray(g[k], dtype=float)) for k in g}
        x, h = t["x"].reshape(-1), t["h_prev"].reshape(-1)
        z = t["weight_ih"] @ x + t["bias_ih"] + t["weight_hh"] @ h + t["bias_hh"]
        blocks = dict(zip(TORCH, z.chunk(4), strict=True))
        want = torch.tanh(blocks[key]) if key == "C" else torch.sigmoid(blocks[key])
        assert close(cell.expected, want.numpy())
        if key in ("f", "i"):  # the document's order puts the other of the two first
            other = "i" if key == "f" else "f"
            assert close(
                cell.mistakes["lstm.gate-order-document"], torch.sigmoid(blocks[other]).numpy()
            )
        else:  # CS231n's order i, f, o, g swaps g and o
            other = "o" if key == "C" else "C"
            wrong = act(key, blocks[other].numpy())
            assert close(cell.mistakes["lstm.gate-order-cs231n"], wrong)
        single = t["weight_ih"] @ x + t["bias_ih"] + t["weight_hh"] @ h
        assert close(
            cell.mistakes["lstm.single-bias"], act(key, single.chunk(4)[TORCH.index(key)].numpy())
        )
    assert asked == set(ORDER)


def test_cell_update() -> None:
    for exercise in draws("lstm.cell-update"):
        g = exercise.givens
        if "z_f" in g:
            f, i, C = sig(g["z_f"]), sig(g["z_i"]), np.tanh(g["z_C"])
            assert close(exercise.cell("C").mistakes["lstm.candidate-sigmoid"],
                         f * g["C_prev"] + i * sig(g["z_C"]))  # fmt: skip
        else:
            f, i, C = g["f"], g["i"], g["C_tilde"]
        c = exercise.cell("C")
        assert close(c.expected, f * np.asarray(g["C_prev"]) + i * np.asarray(C))
        assert close(
            c.mistakes["lstm.forget-input-swapped"], i * np.asarray(g["C_prev"]) + f * np.asarray(C)
        )


def test_hidden_state() -> None:
    for exercise in draws("lstm.hidden-state"):
        g = exercise.givens
        o = sig(g["z_o"]) if "z_o" in g else np.asarray(g["o"])
        h = exercise.cell("h")
        assert close(h.expected, o * np.tanh(g["C"]))
        assert close(h.mistakes["lstm.h-missing-tanh"], o * np.asarray(g["C"]))


def torch_lstm(g: dict[str, Any], H: int, D: int) -> torch.nn.LSTM:
    """nn.LSTM holding the givens' weights: blocks in PyTorch's order, the bias in bias_ih."""
    lstm = torch.nn.LSTM(D, H).double()
    W = {k: weights(g, k) for k in ORDER}
    with torch.no_grad():
        lstm.weight_hh_l0.copy_(torch.tensor(np.concatenate([W[k][0][:, :H] for k in TORCH])))
        lstm.weight_ih_l0.copy_(torch.tensor(np.concatenate([W[k][0][:, H:] for k in TORCH])))
        lstm.bias_ih_l0.copy_(torch.tensor(np.concatenate([W[k][1] for k in TORCH])))
        lstm.bias_hh_l0.zero_()
    return lstm


def run_torch(g: dict[str, Any], xs: list[Any], h0: Any, c0: Any) -> tuple[np.ndarray, np.ndarray]:
    """(hs, cs), each (T, H), from nn.LSTM one step at a time."""
    H, D = np.atleast_1d(h0).size, np.atleast_1d(xs[0]).size
    lstm = torch_lstm(g, H, D)
    state = (
        torch.tensor(np.atleast_1d(h0)).reshape(1, 1, H),
        torch.tensor(np.atleast_1d(c0)).reshape(1, 1, H),
    )
    hs, cs = [], []
    with torch.no_grad():
        for x in xs:
            _, state = lstm(torch.tensor(np.atleast_1d(x)).reshape(1, 1, D), state)
            hs.append(state[0].reshape(H).numpy())
            cs.append(state[1].reshape(H).numpy())
    return np.array(hs), np.array(cs)


def test_full_step_matches_numpy_and_torch() -> None:
    for exercise in draws("lstm.step"):
        g = exercise.givens
        want = gates(g, g["h_prev"], g["x"])
        for key in ORDER:
            assert close(exercise.cell(CELL[key]).expected, want[key])
        hs, cs = run_torch(g, [g["x"]], g["h_prev"], g["C_prev"])
        assert close(exercise.cell("C").expected, cs[0])
        assert close(exercise.cell("h").expected, hs[0])
        swapped = want["i"] * np.asarray(g["C_prev"]) + want["f"] * want["C"]
        assert close(exercise.cell("C").mistakes["lstm.forget-input-swapped"], swapped)
        assert close(exercise.cell("h").mistakes["lstm.h-missing-tanh"], want["o"] * cs[0])


def test_two_steps_match_torch() -> None:
    for exercise in draws("lstm.two-steps"):
        g = exercise.givens
        hs, cs = run_torch(g, [g["x_1"], g["x_2"]], g["h_0"], g["C_0"])
        for name, want in (("C_1", cs[0]), ("h_1", hs[0]), ("C_2", cs[1]), ("h_2", hs[1])):
            assert close(exercise.cell(name).expected, want), name
        if exercise.difficulty == 1:
            assert close(g["h_0"], 0) and close(g["C_0"], 0)


def test_two_steps_carry_the_learners_own_state() -> None:
    """C_2 and h_2 recomputed by torch from the learner's own (wrong) C_1 and h_1."""
    for exercise in draws("lstm.two-steps"):
        g = exercise.givens
        c1, h1 = np.atleast_1d(g["C_0"]) * 0 + 0.3, np.atleast_1d(g["h_0"]) * 0 - 0.2
        hs, cs = run_torch(g, [g["x_2"]], h1, c1)
        mine = {"C_1": c1, "h_1": h1, "C_2": cs[0]}
        assert close(exercise.cell("C_2").recompute({**exercise.answers, **mine}), cs[0])
        assert close(exercise.cell("h_2").recompute({**exercise.answers, **mine}), hs[0])
