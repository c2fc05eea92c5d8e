"""Exercises printed as text (``lstm-tutor exercise``): one formatter of the structured view.

``format_value`` lives in tutor.exercises.values and is re-exported here for the modules that
import it from this one.
"""

from __future__ import annotations

from tutor.exercises.model import Exercise
from tutor.exercises.notation import NO_BREAK
from tutor.exercises.values import format_value
from tutor.exercises.view import CellView, ExerciseView, view
from tutor.exercises.wrap import wrap
from tutor.i18n import Lang, Text

__all__ = ["format_lines", "format_value", "format_view", "render_exercise"]

GIVEN = Text("已知", "Given")
ANSWER = Text("作答", "Answer")
HINTS = Text("提示", "Hints")
SOLUTION = Text("解答", "Worked solution")
ANSWERS = Text("答案", "Answers")
MISTAKES = Text("常见错误", "Catalogued mistakes")
ITEM, DETAIL = "  ", "    "  # indents: a list item, and the lines it wraps onto


def render_exercise(
    exercise: Exercise, lang: Lang, *, solution: bool = False, width: int | None = None
) -> str:
    """The exercise as a learner sees it; with `solution`, the answers and worked steps.
    With `width`, lines wrap at that many columns."""
    return format_view(view(exercise), lang, solution=solution, width=width)


def format_view(
    exercise: ExerciseView, lang: Lang, *, solution: bool = False, width: int | None = None
) -> str:
    """The view as printed text, wrapped at `width` columns (None: no wrapping)."""
    return "\n".join(format_lines(exercise, lang, solution=solution, width=width)).replace(
        NO_BREAK, " "
    )


def format_lines(
    exercise: ExerciseView, lang: Lang, *, solution: bool = False, width: int | None = None
) -> list[str]:
    """The printed lines, the no-break spaces inside formulas still in place."""
    lines = wrap(exercise.prompt(lang), width)
    if exercise.givens:
        lines += ["", f"{GIVEN(lang)}:"]
        for given in exercise.givens:
            lines += wrap(f"{given.label} = {given.value}", width, indent=ITEM, hang=DETAIL)
    lines += ["", f"{ANSWER(lang)}:"]
    for cell in exercise.cells:
        lines += wrap(f"{cell.label} = ?{_places(cell, lang)}", width, indent=ITEM, hang=DETAIL)
    if solution:
        lines += _solution(exercise, lang, width)
    return lines


def _places(cell: CellView, lang: Lang) -> str:
    """The precision asked for, after a numeric cell."""
    return "" if cell.kind == "expression" or cell.decimals is None else f"  ({cell.ask(lang)})"


def _numbered(n: int, text: str, width: int | None) -> list[str]:
    number = f"{ITEM}{n}. "
    return wrap(text, width, indent=number, hang=" " * len(number))


def _solution(exercise: ExerciseView, lang: Lang, width: int | None) -> list[str]:
    lines = ["", f"{HINTS(lang)}:"]
    for n, hint in enumerate(exercise.hints, 1):
        lines += _numbered(n, hint(lang), width)
    lines += ["", f"{SOLUTION(lang)}:"]
    for n, step in enumerate(exercise.solution, 1):
        tail = f"  →  {step.result}" if step.result else ""
        lines += _numbered(n, step.text(lang) + tail, width)
    lines += ["", f"{ANSWERS(lang)}:"]
    for cell in exercise.cells:
        answer = f"{cell.label} = {exercise.answers[cell.name]}"
        lines += wrap(answer, width, indent=ITEM, hang=DETAIL)
    listed = [cell for cell in exercise.cells if cell.mistakes]
    if listed:
        lines += ["", f"{MISTAKES(lang)}:"]
        for cell in listed:
            titles = "; ".join(f"{m.title(lang)} ({m.id})" for m in cell.mistakes)
            lines += wrap(f"{cell.label}: {titles}", width, indent=ITEM, hang=DETAIL)
    return lines
