"""Run generators over many seeds and check that every draw is sound.

For each draw: the reference answers, typed as a learner would (rounded as asked), grade
correct; a blank answer is invalid; every catalogued mistake's value is diagnosed as that
very mistake; and nothing is degenerate (a mistake that gives the right answer anyway). In a
worksheet, a careful learner who computes each later cell from their own rounded answers
loses nothing, and one slip costs exactly the cell it is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from tutor.answers import parse_numbers
from tutor.exercises.display import format_value
from tutor.exercises.grading import grade, grade_cell
from tutor.exercises.model import Cell, Exercise, Generator
from tutor.exercises.registry import generate

SLIP_UNITS = 37  # a slip: this many units in the last place asked, on one entry


def check_exercise(exercise: Exercise) -> list[str]:
    where = f"{exercise.name} difficulty {exercise.difficulty} seed {exercise.seed}"
    problems: list[str] = []
    for cell in exercise.cells:
        decimals = _places(cell)
        reference = format_value(cell.expected, decimals)
        verdict = grade_cell(cell, reference)
        if verdict.outcome != "correct":
            problems.append(
                f"{where}: cell {cell.name}: reference {reference!r} is {verdict.outcome}"
            )
        if grade_cell(cell, "").outcome != "invalid":
            problems.append(f"{where}: cell {cell.name}: a blank answer is not invalid")
        for mistake, wrong in cell.mistakes.items():
            typed = format_value(wrong, decimals)
            verdict = grade_cell(cell, typed)
            if verdict.outcome == "correct" or verdict.mistake != mistake:
                problems.append(
                    f"{where}: cell {cell.name}: mistake {mistake} ({typed}) graded "
                    f"{verdict.outcome}, diagnosed {verdict.mistake!r}"
                )
    if any(cell.depends for cell in exercise.cells):
        problems += check_chain(exercise)
    return problems


def careful_learner(exercise: Exercise, slip: str | None = None) -> dict[str, str]:
    """What a careful learner types: every cell rounded as asked, each later cell computed
    (its `recompute`) from their own earlier answers as typed. `slip` names a cell whose first
    entry they get wrong by SLIP_UNITS in the last place; they carry on from it."""
    own: dict[str, Any] = dict(exercise.answers)
    typed: dict[str, str] = {}
    for cell in exercise.cells:
        if cell.kind != "numeric":
            typed[cell.name] = cell.expected
            continue
        places = _places(cell)
        chained = cell.recompute is not None and cell.depends
        value = np.array(cell.recompute(own) if chained else cell.expected, dtype=float)
        if cell.name == slip:
            value.flat[0] += SLIP_UNITS * 10.0**-places
        typed[cell.name] = format_value(value, places)
        read = parse_numbers(typed[cell.name], whole=cell.whole)
        assert read is not None, typed[cell.name]
        own[cell.name] = np.reshape(np.asarray(read[0]), np.shape(cell.expected))
    return typed


def check_chain(exercise: Exercise) -> list[str]:
    """The careful learner loses nothing; a slip in a cell that others use costs only it."""
    where = f"{exercise.name} difficulty {exercise.difficulty} seed {exercise.seed}"
    problems = []
    used = {name for cell in exercise.cells for name in cell.depends}
    for slip in (None, *(cell.name for cell in exercise.cells if cell.name in used)):
        results = grade(exercise, careful_learner(exercise, slip))
        lost = sorted(
            name for name, result in results.items() if result.verdict.outcome != "correct"
        )
        if lost != ([] if slip is None else [slip]):
            after = "working carefully" if slip is None else f"one slip in {slip}"
            problems.append(f"{where}: {after}, the learner loses {lost or 'nothing'}")
    return problems


def _places(cell: Cell) -> int:
    return cell.decimals if cell.decimals is not None else 6


def check_generator(generator: Generator, seeds: Iterable[int]) -> list[str]:
    problems: list[str] = []
    for difficulty in generator.difficulties:
        for seed in seeds:
            try:
                exercise = generate(generator.name, seed, difficulty)
            except Exception as exc:  # report, keep checking the others
                problems.append(f"{generator.name} difficulty {difficulty} seed {seed}: {exc!r}")
                continue
            problems += check_exercise(exercise)
    return problems


def check_generator_by_name(name: str, seeds: int) -> list[str]:
    """check_generator over seeds 0..seeds-1, by name (picklable, for a process pool)."""
    from tutor.exercises.registry import REGISTRY

    return check_generator(REGISTRY[name], range(seeds))
