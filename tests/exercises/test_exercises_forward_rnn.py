"""Vanishing-gradient and activation families against torch autograd and plain formulas."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import torch

from tutor.exercises import Exercise, generate

SEEDS = range(20)


def draws(name: str) -> Iterator[Exercise]:
    for difficulty in (1, 2, 3):
        for seed in SEEDS:
            yield generate(name, seed, difficulty)


def sig(z: object) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def test_rnn_product_is_autograds_dh_T_dh_0() -> None:
    for exercise in draws("vanishing.rnn-product"):
        g = exercise.givens
        T = sum(name.startswith("x_") for name in g)
        h0 = torch.tensor(g["h_0"], dtype=torch.float64, requires_grad=True)
        h = h0
        for k in range(1, T + 1):
            h = torch.tanh(g["w"] * h + g["u"] * g[f"x_{k}"] + g["b"])
        h.backward()
        (cell,) = exercise.cells
        assert math.isclose(cell.expected, h0.grad.item(), rel_tol=1e-12)
        assert exercise.difficulty < 3 or g["w"] > 1  # the trap: w > 1, yet it shrinks or grows
        # the slips: 1 − tanh for tanh', and w left out
        hs, hk = [], g["h_0"]
        for k in range(1, T + 1):
            hk = math.tanh(g["w"] * hk + g["u"] * g[f"x_{k}"] + g["b"])
            hs.append(hk)
        assert math.isclose(
            cell.mistakes["lstm.tanh-derivative"], np.prod([g["w"] * (1 - v) for v in hs])
        )
        assert math.isclose(cell.mistakes["general.constant-factor"], cell.expected / g["w"] ** T)


def test_steps_until_the_gradient_vanishes() -> None:
    for exercise in draws("vanishing.steps"):
        g, eps = exercise.givens, {1: 0.1, 2: 0.01, 3: 0.001}[exercise.difficulty]
        a = torch.tensor(g["a"], dtype=torch.float64, requires_grad=True)
        torch.tanh(a).backward()
        gamma = g["w"] * a.grad.item()
        f = sig(g["z_f"])
        answers = exercise.answers
        assert math.isclose(answers["gamma"], gamma, rel_tol=1e-12)
        assert math.isclose(answers["f"], f, rel_tol=1e-12)
        assert answers["n_rnn"] == math.ceil(math.log(eps) / math.log(gamma))
        assert answers["n_lstm"] == math.ceil(math.log(eps) / math.log(f))
        assert gamma ** answers["n_rnn"] < eps <= gamma ** (answers["n_rnn"] - 1)


def test_cell_path_against_the_rnn_product() -> None:
    for exercise in draws("vanishing.cell-path"):
        g = exercise.givens
        T = sum(name.startswith("a_") for name in g)
        a = np.array([g[f"a_{k}"] for k in range(1, T + 1)])
        z = np.array([g[f"z_{k}"] for k in range(1, T + 1)])
        assert math.isclose(exercise.answers["rnn"], np.prod(g["w"] * (1 - np.tanh(a) ** 2)))
        assert math.isclose(exercise.answers["lstm"], np.prod(sig(z)))
        assert math.isclose(exercise.cell("lstm").mistakes["lstm.gate-tanh"], np.prod(np.tanh(z)))


def test_sigmoid_and_tanh_slopes_are_autograds() -> None:
    for name, fn, value, slope, slip in (
        ("activations.sigmoid", torch.sigmoid, "s", "ds", "lstm.sigmoid-derivative"),
        ("activations.tanh", torch.tanh, "t", "dt", "lstm.tanh-derivative"),
    ):
        for exercise in draws(name):
            z = torch.tensor(np.asarray(exercise.givens["z"], dtype=float), requires_grad=True)
            y = fn(z)
            y.sum().backward()
            assert np.allclose(exercise.answers[value], y.detach().numpy(), atol=1e-12)
            assert np.allclose(exercise.answers[slope], z.grad.numpy(), atol=1e-12)
            wrong = y.detach().numpy() if value == "s" else 1 - y.detach().numpy()
            assert np.allclose(exercise.cell(slope).mistakes[slip], wrong, atol=1e-12)
            if exercise.difficulty == 3:  # one entry sits in the flat part
                assert np.min(z.grad.numpy()) < 0.05


def test_range_and_largest_slope_by_brute_force() -> None:
    for exercise in draws("activations.range"):
        g = exercise.givens
        if "z_{min}" in g:
            ends = [g["z_{min}"], g["z_{max}"]]
        else:
            ends = [g["w"] * g["x_{min}"] + g["b"], g["w"] * g["x_{max}"] + g["b"]]
        z = np.linspace(min(ends), max(ends), 200_001)
        z = np.append(z, 0.0) if min(ends) < 0 < max(ends) else z
        s = sig(z)
        answers = exercise.answers
        assert np.allclose(answers["s_range"], [s.min(), s.max()], atol=1e-12)
        assert math.isclose(answers["ds_max"], np.max(s * (1 - s)), abs_tol=1e-12)
        assert math.isclose(answers["dt_max"], np.max(1 - np.tanh(z) ** 2), abs_tol=1e-12)
