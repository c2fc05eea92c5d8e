"""Mistakes learners really make that the first catalog lacked: each is catalogued, wired into
the generators it belongs to, computed on the same givens, and named when a learner types it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tutor.answers import CATALOG
from tutor.exercises import REGISTRY, generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade, grade_cell
from tutor.exercises.model import Cell, Exercise
from tutor.exercises.selfcheck import check_generator

NEW = [
    "lstm.h-tanh-prev-cell",
    "lstm.dh-dc-missing-output-gate",
    "gru.update-swapped",
    "gru.reset-before-product",
    "bilstm.backward-reversed",
    "bilstm.concat-order",
    "clipping.per-tensor-norm",
    "clipping.norm-sum",
    "lstm.stacked-input-size",
    "vanishing.steps-floor",
]

# (mistake, generator, difficulty, cell): every place a new mistake is wired
WIRED = [
    ("lstm.h-tanh-prev-cell", "lstm.step", 1, "h"),
    ("lstm.h-tanh-prev-cell", "lstm.step", 3, "h"),
    ("lstm.h-tanh-prev-cell", "lstm.two-steps", 1, "h_1"),
    ("lstm.h-tanh-prev-cell", "lstm.two-steps", 2, "h_1"),
    ("lstm.h-tanh-prev-cell", "lstm.two-steps", 2, "h_2"),
    ("lstm.dh-dc-missing-output-gate", "backprop.derivative", 2, "dh-dC"),
    ("lstm.dh-dc-missing-output-gate", "backprop.derivative", 3, "dL-dC"),
    ("lstm.dh-dc-missing-output-gate", "backprop.chain-rule", 3, "dh-dC"),
    ("lstm.dh-dc-missing-output-gate", "backprop.chain-rule", 3, "dL-dC-last"),
    ("lstm.dh-dc-missing-output-gate", "backprop.chain-rule", 3, "dL-dzf-last"),
    ("lstm.dh-dc-missing-output-gate", "bptt.step", 2, "dC"),
    ("gru.update-swapped", "gru.step", 1, "h"),
    ("gru.update-swapped", "gru.step", 3, "h"),
    ("gru.reset-before-product", "gru.step", 1, "n"),
    ("gru.reset-before-product", "gru.step", 3, "n"),
    ("bilstm.backward-reversed", "bilstm.merge", 1, "hb"),
    ("bilstm.backward-reversed", "bilstm.merge", 3, "hb"),
    ("bilstm.concat-order", "bilstm.merge", 2, "merged"),
    ("clipping.per-tensor-norm", "clipping.global-norm", 1, "clipped_1"),
    ("clipping.norm-sum", "clipping.global-norm", 1, "norm"),
    ("clipping.norm-sum", "clipping.global-norm", 3, "scale"),
    ("clipping.norm-sum", "clipping.global-norm", 2, "clipped_2"),
    ("lstm.stacked-input-size", "params.lstm", 3, "layer_2"),
    ("lstm.stacked-input-size", "params.lstm", 3, "total"),
    ("lstm.stacked-input-size", "bilstm.sizes", 2, "next"),
    ("lstm.stacked-input-size", "bilstm.sizes", 3, "next"),
    ("vanishing.steps-floor", "vanishing.steps", 1, "n_rnn"),
    ("vanishing.steps-floor", "vanishing.steps", 3, "n_lstm"),
]


def drawn_with(mistake: str, name: str, difficulty: int, cell: str) -> tuple[Exercise, Cell]:
    """The first seed whose draw has `cell` with `mistake` among its catalogued mistakes."""
    for seed in range(200):
        exercise = generate(name, seed, difficulty)
        cells = {c.name: c for c in exercise.cells}
        if cell in cells and mistake in cells[cell].mistakes:
            return exercise, cells[cell]
    raise AssertionError(f"{mistake} never drawn in {name} difficulty {difficulty} cell {cell}")


def typed(cell: Cell, value: Any) -> str:
    if cell.kind == "expression":
        return str(value)
    return format_value(value, cell.decimals if cell.decimals is not None else 6)


def test_new_mistakes_are_catalogued_in_both_languages() -> None:
    for key in NEW:
        mistake = CATALOG[key]
        assert key.startswith(mistake.family + ".")
        for text in (mistake.title, mistake.feedback):
            assert text.zh and text.en
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), key
    assert {m for m, *_ in WIRED} == set(NEW)


@pytest.mark.parametrize(("mistake", "name", "difficulty", "cell"), WIRED)
def test_typing_the_mistake_names_it(mistake: str, name: str, difficulty: int, cell: str) -> None:
    exercise, target = drawn_with(mistake, name, difficulty, cell)
    verdict = grade_cell(target, typed(target, target.mistakes[mistake]))
    assert verdict.outcome in ("incorrect", "partial")
    assert verdict.mistake == mistake, (exercise.seed, verdict)
    for lang in ("zh", "en"):
        assert CATALOG[mistake].feedback(lang) in verdict.feedback(lang)
    assert grade_cell(target, typed(target, target.expected)).outcome == "correct"


# ----------------------------------------------------------------- each value, recomputed here


def arr(value: Any) -> np.ndarray:
    return np.atleast_1d(np.asarray(value, dtype=float))


def mat(value: Any, rows: int) -> np.ndarray:
    return np.asarray(value, dtype=float).reshape(rows, -1)


def h_from_the_old_cell(exercise: Exercise) -> Any:
    return arr(exercise.cell("o").expected) * np.tanh(arr(exercise.givens["C_prev"]))


def gru_swapped(exercise: Exercise) -> Any:
    z, n = arr(exercise.cell("z").expected), arr(exercise.cell("n").expected)
    return z * n + (1 - z) * arr(exercise.givens["h_prev"])


def gru_cho(exercise: Exercise) -> Any:
    g = exercise.givens
    h_prev, x, r = arr(g["h_prev"]), arr(g["x"]), arr(exercise.cell("r").expected)
    H = h_prev.shape[0]
    inside = mat(g["W_hn"], H) @ (r * h_prev) + arr(g["b_hn"])
    return np.tanh(mat(g["W_xn"], H) @ x + arr(g["b_xn"]) + inside)


def reversed_states(exercise: Exercise) -> Any:
    return np.asarray(exercise.cell("hb").expected)[::-1]


def backward_first(exercise: Exercise) -> Any:
    t = int(exercise.cell("merged").label.strip("$h_{}")) - 1
    H = np.asarray(exercise.cell("merged").expected).shape[0] // 2
    hf, hb = (np.asarray(exercise.cell(k).expected).reshape(-1, H) for k in ("hf", "hb"))
    return np.concatenate([hb[t], hf[t]])


def grads(exercise: Exercise) -> list[np.ndarray]:
    return [np.asarray(v) for k, v in exercise.givens.items() if k.startswith("g_")]


def own_norm(exercise: Exercise) -> Any:
    g1 = grads(exercise)[0]
    return g1 * min(1.0, exercise.givens["theta"] / np.linalg.norm(g1))


def summed_norms(exercise: Exercise) -> Any:
    return sum(np.linalg.norm(g) for g in grads(exercise))


def layer_2_from_D(exercise: Exercise) -> Any:
    H, D = exercise.givens["H"], exercise.givens["D"]
    return 4 * (H * (H + D) + 2 * H)


def every_layer_from_D(exercise: Exercise) -> Any:
    return exercise.givens["L"] * exercise.cell("layer_1").expected


def one_step_short(exercise: Exercise) -> Any:
    return exercise.cell("n_rnn").expected - 1


RECOMPUTED: list[tuple[str, str, int, str, Callable[[Exercise], Any]]] = [
    ("lstm.h-tanh-prev-cell", "lstm.step", 2, "h", h_from_the_old_cell),
    ("gru.update-swapped", "gru.step", 2, "h", gru_swapped),
    ("gru.reset-before-product", "gru.step", 2, "n", gru_cho),
    ("bilstm.backward-reversed", "bilstm.merge", 2, "hb", reversed_states),
    ("bilstm.concat-order", "bilstm.merge", 3, "merged", backward_first),
    ("clipping.per-tensor-norm", "clipping.global-norm", 2, "clipped_1", own_norm),
    ("clipping.norm-sum", "clipping.global-norm", 2, "norm", summed_norms),
    ("lstm.stacked-input-size", "params.lstm", 3, "layer_2", layer_2_from_D),
    ("lstm.stacked-input-size", "params.lstm", 3, "total", every_layer_from_D),
    ("vanishing.steps-floor", "vanishing.steps", 2, "n_rnn", one_step_short),
]


@pytest.mark.parametrize(
    ("mistake", "name", "difficulty", "cell", "by_hand"),
    RECOMPUTED,
    ids=[f"{m}-{n}-{c}" for m, n, _, c, _ in RECOMPUTED],
)
def test_the_mistake_is_computed_on_the_same_givens(
    mistake: str, name: str, difficulty: int, cell: str, by_hand: Callable[[Exercise], Any]
) -> None:
    checked = 0
    for seed in range(30):
        exercise = generate(name, seed, difficulty)
        wrong = exercise.cell(cell).mistakes.get(mistake)
        if wrong is not None:
            assert np.allclose(np.ravel(wrong), np.ravel(by_hand(exercise)), atol=1e-9)
            checked += 1
    assert checked >= 3


def test_the_symbolic_slip_is_o_left_out() -> None:
    _, cell = drawn_with("lstm.dh-dc-missing-output-gate", "backprop.derivative", 2, "dh-dC")
    for text in ("1 - tanh(C)^2", "sech(C)^2", "1 - tanh²(C)"):
        assert grade_cell(cell, text).mistake == "lstm.dh-dc-missing-output-gate", text
    assert grade_cell(cell, "o*sech(C)^2").outcome == "correct"


def test_cho_only_where_it_differs_from_pytorch() -> None:
    """Where resetting before the product gives PyTorch's numbers anyway, it is no slip."""
    for difficulty in (1, 2, 3):
        for seed in range(30):
            exercise = generate("gru.step", seed, difficulty)
            n = exercise.cell("n")
            cho = gru_cho(exercise)
            assert ("gru.reset-before-product" in n.mistakes) == (
                not np.allclose(cho, arr(n.expected), rtol=0, atol=1e-4)
            )


def test_a_worksheet_names_the_slip_and_carries_it_forward() -> None:
    """h_t typed from tanh(C_{t-1}) in the LSTM step worksheet: named, and no other cell hurt."""
    exercise, h = drawn_with("lstm.h-tanh-prev-cell", "lstm.step", 2, "h")
    responses = {c.name: typed(c, c.expected) for c in exercise.cells}
    responses["h"] = typed(h, h.mistakes["lstm.h-tanh-prev-cell"])
    results = grade(exercise, responses)
    assert results["h"].verdict.mistake == "lstm.h-tanh-prev-cell"
    assert all(r.verdict.outcome == "correct" for k, r in results.items() if k != "h")


@pytest.mark.parametrize(
    "name",
    [
        "lstm.step",
        "lstm.two-steps",
        "backprop.derivative",
        "backprop.chain-rule",
        "bptt.step",
        "gru.step",
        "bilstm.merge",
        "bilstm.sizes",
        "clipping.global-norm",
        "params.lstm",
        "vanishing.steps",
    ],
)
def test_touched_generators_stay_sound(name: str) -> None:
    assert check_generator(REGISTRY[name], range(30)) == []
