"""Grade an exercise's cells through tutor.answers; in a worksheet, later cells from the
learner's own earlier ones.

A later cell is right if it is right from the true values, or from the earlier cells as the
learner typed them. A typed value stands for the values the learner may have worked with:
anything from the true value to the typed one where the entry is right (full precision, the
rounded answer, or between), anything within the rounding its cell asks where it is wrong
(0.3312 at 4 decimals: [0.33115, 0.33125]). `recompute` is evaluated at both ends of each
entry's interval, and the cell accepts, within its own tolerance, any value in the range
that gives. So a careful learner who reuses their own rounded answers loses nothing, nothing
is accepted beyond what some such learner could get, and a slip costs exactly its own cell:
the cells after it are right from it (error carried forward, and said so).
"""

from __future__ import annotations

import logging
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
CARRIED_SOME = Text(
    "其中一些数按你前面填写的值计算是对的（错误沿用）。",
    "Some entries are right given your own earlier cells (error carried forward).",
)
WAITING = Text(
    "这一格用到了前面一个还没能读懂的格；先改好那一格，这一格再评分，本次不计入。",
    "This cell uses an earlier cell that is not understood yet; it is graded once that cell "
    "is, and does not count now.",
)
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CellResult:
    verdict: Verdict
    carried_forward: bool = False


def grade_cell(
    cell: Cell,
    text: str,
    *,
    worker: SymbolicWorker | None = None,
    alternative: tuple[Any, Any] | None = None,
) -> Verdict:
    """One cell on its own. `worker` decides the rare expression that sampling cannot (see
    check_expression); `alternative` is a further range of accepted values (see check_numbers).
    """
    if cell.kind == "expression":
        return check_expression(
            text, cell.expected, symbols=cell.symbols, mistakes=cell.mistakes or None, worker=worker
        )
    return check_numbers(
        text,
        cell.expected,
        decimals=cell.decimals,
        mistakes=cell.mistakes or None,
        alternative=alternative,
    )


def grade(
    exercise: Exercise, responses: Mapping[str, str], *, worker: SymbolicWorker | None = None
) -> dict[str, CellResult]:
    """Grade every answered cell, in order. Unanswered cells are left out of the result."""
    sheet = _Sheet(exercise.answers)
    results: dict[str, CellResult] = {}
    for cell in exercise.cells:
        text = responses.get(cell.name, "")
        if text.strip():
            results[cell.name] = sheet.grade(cell, text, worker)
    return results


class _Sheet:
    """What the learner has filled in so far, for the cells that depend on it."""

    def __init__(self, truth: Mapping[str, Any]) -> None:
        self.truth = truth
        self.typed: dict[str, np.ndarray] = {}  # counted numeric cells, as typed
        self.spans: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # the values they stand for
        self.slips: set[str] = set()  # counted cells whose typed values are not the true ones
        self.unread: set[str] = set()  # answered cells that are not understood

    def grade(self, cell: Cell, text: str, worker: SymbolicWorker | None) -> CellResult:
        verdict = grade_cell(cell, text, worker=worker, alternative=self.own_range(cell))
        deps = set(cell.depends)
        if verdict.outcome in ("incorrect", "partial") and deps & self.unread:
            verdict = Verdict("invalid", 0.0, WAITING, expected_shape=verdict.expected_shape)
        carried = bool(verdict.alternative_elements) and bool(deps & self.slips)
        if carried:  # right only from the learner's own wrong cells: say so
            said = (
                CARRIED
                if verdict.outcome == "correct"
                else verdict.feedback + Text("", " ") + CARRIED_SOME
            )
            verdict = replace(verdict, feedback=said)
        self.remember(cell, text, verdict, carried)
        return CellResult(verdict, carried)

    def remember(self, cell: Cell, text: str, verdict: Verdict, carried: bool) -> None:
        if not verdict.counted:
            self.unread.add(cell.name)
            return
        if verdict.outcome != "correct" or carried:
            self.slips.add(cell.name)
        values = parse_numbers(text, whole=cell.whole) if cell.kind == "numeric" else None
        if values is None or len(values[0]) != int(np.prod(cell.shape)):
            return
        typed = np.reshape(np.asarray(values[0], dtype=float), cell.shape)
        truth = np.reshape(np.asarray(self.truth[cell.name], dtype=float), cell.shape)
        off = np.zeros(typed.size, dtype=bool)  # entries not right against the truth
        if verdict.outcome != "correct":
            off[list(verdict.wrong_elements or range(typed.size))] = True
        off[list(verdict.alternative_elements)] = True
        off = off.reshape(typed.shape)
        box = _rounding(cell)
        low = np.where(off, typed - box, np.minimum(typed, truth))
        high = np.where(off, typed + box, np.maximum(typed, truth))
        self.typed[cell.name], self.spans[cell.name] = typed, (low, high)

    def own_range(self, cell: Cell) -> tuple[np.ndarray, np.ndarray] | None:
        """(low, high) of `recompute` over the values the typed earlier cells stand for, to first
        order: each entry moved to either end of its span, the moves added up per side."""
        used = [name for name in cell.depends if name in self.typed]
        if cell.recompute is None or cell.kind != "numeric" or not used:
            return None
        values: dict[str, Any] = {**self.truth, **self.typed}
        try:
            center = self.recomputed(cell, values)
            low, high = center.copy(), center.copy()
            for name in used:
                typed = self.typed[name]
                for k in range(typed.size):
                    for end in self.spans[name]:
                        if end.flat[k] == typed.flat[k]:
                            continue
                        moved = typed.copy()
                        moved.flat[k] = end.flat[k]
                        delta = self.recomputed(cell, {**values, name: moved}) - center
                        low += np.minimum(delta, 0.0)
                        high += np.maximum(delta, 0.0)
        except (ArithmeticError, ValueError, TypeError, IndexError):
            _log.debug("recompute of %s failed on the learner's values", cell.name, exc_info=True)
            return None  # the learner's values are outside what the step can take
        if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high))):
            return None
        return low, high

    @staticmethod
    def recomputed(cell: Cell, values: Mapping[str, Any]) -> np.ndarray:
        assert cell.recompute is not None
        with np.errstate(divide="raise", over="raise", invalid="raise"):
            out = np.asarray(cell.recompute(values), dtype=float)
        if out.size != int(np.prod(cell.shape)):
            raise ValueError(f"recompute of {cell.name} gave shape {out.shape}")
        return out.reshape(np.shape(cell.expected))


def _rounding(cell: Cell) -> float:
    """How far a correctly rounded answer to `cell` may be from the exact value."""
    if cell.decimals is None:
        return 0.0  # no precision is asked: the typed values are taken as exact
    if cell.whole and np.all(np.asarray(cell.expected) == np.round(cell.expected)):
        return 0.0  # a count is exact
    return 0.5 * 10.0**-cell.decimals
