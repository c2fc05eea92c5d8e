"""Run generators over many seeds and check that every draw is sound.

For each draw: the reference answers, typed as a learner would (rounded as asked), grade
correct; a blank answer is invalid; every catalogued mistake's value is diagnosed as that
very mistake; and nothing is degenerate (a mistake that gives the right answer anyway).
"""

from __future__ import annotations

from collections.abc import Iterable

from tutor.exercises.display import format_value
from tutor.exercises.grading import grade_cell
from tutor.exercises.model import Exercise, Generator
from tutor.exercises.registry import generate


def check_exercise(exercise: Exercise) -> list[str]:
    where = f"{exercise.name} difficulty {exercise.difficulty} seed {exercise.seed}"
    problems: list[str] = []
    for cell in exercise.cells:
        decimals = cell.decimals if cell.decimals is not None else 6
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
    return problems


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
