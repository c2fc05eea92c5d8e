"""Grading one item: typed answers through the exercise grader, choices and self-ratings here.

Nothing here records anything; the session (tutor.study.practice) decides what is counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.answers import Verdict
from tutor.course import Question
from tutor.exercises import Exercise
from tutor.exercises.grading import grade, grade_cell
from tutor.i18n import Text
from tutor.progress import Outcome

#: How each outcome reads, in the TUI and the plain mode alike.
OUTCOME_NAMES: dict[str, Text] = {
    "correct": Text("✓ 正确", "✓ correct"),
    "partial": Text("◐ 部分正确", "◐ partly right"),
    "incorrect": Text("✗ 不对", "✗ not right"),
    "invalid": Text("⚠ 无法判断，不计入", "⚠ not understood, not counted"),
    "revealed": Text("已显示答案", "answer shown"),
}


@dataclass(frozen=True)
class CellResult:
    """One cell's verdict; `carried_forward`: right from the learner's own earlier cells."""

    verdict: Verdict
    carried_forward: bool = False


@dataclass(frozen=True)
class Checked:
    """What checking an item gave.

    `counted` is False when any cell was empty or not understood (invalid input never
    counts, and what was typed is kept); then `outcome` is None.
    """

    cells: Mapping[str, CellResult]
    score: float
    outcome: Outcome | None
    feedback: Text | None = None  # for choices: the chosen option's explanation

    @property
    def counted(self) -> bool:
        return self.outcome is not None

    @property
    def mistakes(self) -> tuple[str, ...]:
        return tuple(r.verdict.mistake for r in self.cells.values() if r.verdict.mistake)


def outcome_of(score: float) -> Outcome:
    return "correct" if score >= 1.0 else "incorrect" if score <= 0.0 else "partial"


def check_answers(
    exercise: Exercise, responses: Mapping[str, str], worker: Any = None
) -> Checked:
    """Every cell graded (error carried forward in worksheets); blank cells are invalid."""
    graded = grade(exercise, responses, worker=worker)
    cells: dict[str, CellResult] = {}
    for cell in exercise.cells:
        result = graded.get(cell.name)
        if result is None:  # blank: the grader's own "type an answer"
            cells[cell.name] = CellResult(grade_cell(cell, "", worker=worker))
        else:
            cells[cell.name] = CellResult(result.verdict, result.carried_forward)
    if any(r.verdict.outcome == "invalid" for r in cells.values()):
        return Checked(cells, 0.0, None)
    score = sum(r.verdict.score for r in cells.values()) / len(cells)
    return Checked(cells, score, outcome_of(score))


def check_choice(question: Question, option_id: str) -> Checked:
    """A choice question: right or wrong, with the explanation of the option chosen."""
    option = next(o for o in question.options if o.id == option_id)
    right = option_id == question.answer
    score = 1.0 if right else 0.0
    return Checked({}, score, outcome_of(score), option.explanation)
