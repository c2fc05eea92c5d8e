"""Grade an exercise's cells through tutor.answers, with error carried forward in worksheets.

A worksheet cell that is wrong against the true answer, but right given the learner's own
earlier (wrong) cells, earns credit and says so: one slip early on costs one cell, not six.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tutor.answers import SymbolicWorker, Verdict, check_expression, check_numbers, parse_numbers
from tutor.exercises.model import Cell, Exercise
from tutor.i18n import Text

CARRIED = Text(
    "按你前面填写的值计算，这一格是对的（错误沿用）；请回头检查前面的格。",
    "Right, given your own earlier cells (error carried forward); check those cells again.",
)


@dataclass(frozen=True)
class CellResult:
    verdict: Verdict
    carried_forward: bool = False


def grade_cell(
    cell: Cell, text: str, expected: Any = None, *, worker: SymbolicWorker | None = None
) -> Verdict:
    """One cell against its expected value (or an override, for error carried forward).

    `worker` decides the rare expression that sampling cannot (see check_expression).
    """
    target = cell.expected if expected is None else expected
    if cell.kind == "expression":
        return check_expression(
            text, target, symbols=cell.symbols, mistakes=cell.mistakes or None, worker=worker
        )
    return check_numbers(text, target, decimals=cell.decimals, mistakes=cell.mistakes or None)


def grade(
    exercise: Exercise, responses: Mapping[str, str], *, worker: SymbolicWorker | None = None
) -> dict[str, CellResult]:
    """Grade every answered cell, in order. Unanswered cells are left out of the result."""
    truth = exercise.answers
    values: dict[str, Any] = dict(truth)  # later cells are recomputed from these
    wrong: set[str] = set()  # earlier cells the learner got wrong: their values carry forward
    results: dict[str, CellResult] = {}
    for cell in exercise.cells:
        text = responses.get(cell.name, "")
        if not text.strip():
            continue
        result = CellResult(grade_cell(cell, text, worker=worker))
        if result.verdict.outcome in ("incorrect", "partial") and wrong & set(cell.depends):
            result = _carried_forward(cell, text, values) or result
        results[cell.name] = result
        if result.verdict.outcome in ("incorrect", "partial") or result.carried_forward:
            learner = parse_numbers(text) if cell.kind == "numeric" else None
            if learner is not None and len(learner[0]) == int(np.prod(cell.shape)):
                values[cell.name] = np.reshape(learner[0], cell.shape)
                wrong.add(cell.name)
    return results


def _carried_forward(cell: Cell, text: str, values: Mapping[str, Any]) -> CellResult | None:
    """Credit for a cell that is right given the learner's own wrong earlier cells.

    The learner's earlier values are known only as typed (rounded), while they may have
    carried full precision on their calculator, so this check allows one decimal less.
    """
    if cell.recompute is None:
        return None
    looser = replace(cell, decimals=None if cell.decimals is None else max(cell.decimals - 1, 0))
    verdict = grade_cell(looser, text, expected=cell.recompute(values))
    if verdict.outcome != "correct":
        return None
    return CellResult(
        Verdict(outcome="correct", score=verdict.score, feedback=CARRIED, mistake=None),
        carried_forward=True,
    )
