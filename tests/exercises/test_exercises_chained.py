"""Worksheets graded as a careful learner works (issue 10, class 1): later cells from the
learner's own rounded answers lose nothing, and a slip costs exactly its own cell."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.exercises import REGISTRY, generate
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade
from tutor.exercises.selfcheck import SLIP_UNITS, careful_learner, check_chain

CHAINED = sorted(
    name
    for name, generator in REGISTRY.items()
    if any(c.depends for d in generator.difficulties for c in generate(name, 0, d).cells)
)
SEEDS = range(40)


def test_the_worksheets_with_chained_cells_are_all_here() -> None:
    assert {"activations.tanh", "lstm.step", "lstm.two-steps", "bptt.step", "gru.step",
            "clipping.global-norm", "bilstm.merge"} <= set(CHAINED)  # fmt: skip


@pytest.mark.parametrize("name", CHAINED)
def test_careful_work_loses_nothing_and_a_slip_costs_one_cell(name: str) -> None:
    problems = [
        problem
        for difficulty in REGISTRY[name].difficulties
        for seed in SEEDS
        for problem in check_chain(generate(name, seed, difficulty))
    ]
    assert problems == []


def outcomes(name: str, seed: int, difficulty: int, typed: dict[str, str]) -> dict[str, str]:
    results = grade(generate(name, seed, difficulty), typed)
    return {cell: result.verdict.outcome for cell, result in results.items()}


def test_the_issue_example_tanh_slope_from_the_typed_value() -> None:
    # t = -0.3275 (right); dt = 1 - 0.3275^2 = 0.8927 from it, though the truth rounds to 0.8928
    exercise = generate("activations.tanh", 0, 1)
    assert format_value(exercise.cell("dt").expected, 4) == "0.8928"
    results = grade(exercise, {"t": "-0.3275", "dt": "0.8927"})
    assert [r.verdict.outcome for r in results.values()] == ["correct", "correct"]
    assert not results["dt"].carried_forward  # nothing was wrong: no "check those cells"
    assert grade(exercise, {"t": "-0.3275", "dt": "0.8928"})["dt"].verdict.outcome == "correct"


def test_a_wrong_slope_after_a_wrong_value_does_not_pass() -> None:
    # t = -0.3300 is wrong; from it dt = 0.8911; 0.8908 is three units off both dt's
    exercise = generate("activations.tanh", 0, 1)
    carried = grade(exercise, {"t": "-0.3300", "dt": "0.8911"})["dt"]
    assert carried.verdict.outcome == "correct" and carried.carried_forward
    assert "carried forward" in carried.verdict.feedback.en
    assert outcomes("activations.tanh", 0, 1, {"t": "-0.3300", "dt": "0.8908"})["dt"] == "incorrect"


def test_a_later_cell_waits_for_an_earlier_one_that_is_not_understood() -> None:
    # t typed with too few decimals is invalid; dt from it is neither right nor counted
    exercise = generate("activations.tanh", 0, 1)
    results = grade(exercise, {"t": "-0.33", "dt": "0.8911"})
    assert [r.verdict.outcome for r in results.values()] == ["invalid", "invalid"]
    assert "not understood yet" in results["dt"].verdict.feedback.en
    # but a later cell right from the true values is right whatever came before
    assert outcomes("activations.tanh", 0, 1, {"t": "-0.33", "dt": "0.8928"})["dt"] == "correct"


@pytest.mark.parametrize("name", ["lstm.step", "lstm.two-steps", "gru.step"])
def test_a_slip_in_a_vector_costs_only_its_entry_downstream(name: str) -> None:
    exercise = generate(name, 3, 2)
    first = exercise.cells[0].name
    typed = careful_learner(exercise, slip=first)
    results = grade(exercise, typed)
    assert results[first].verdict.outcome == "partial"
    downstream = [r for cell, r in results.items() if cell != first and r.carried_forward]
    assert all(
        r.verdict.outcome == "correct" for r in results.values() if r not in (results[first],)
    )
    assert downstream or not any(first in c.depends for c in exercise.cells)


def test_the_slip_is_beyond_every_tolerance() -> None:
    exercise = generate("lstm.step", 0, 1)
    cell = exercise.cells[0]
    slipped = careful_learner(exercise, slip=cell.name)[cell.name]
    assert abs(float(slipped) - cell.expected) > (SLIP_UNITS - 1) * 10.0 ** -(cell.decimals or 0)
    assert np.isclose(float(careful_learner(exercise)[cell.name]), cell.expected, atol=1e-4)
