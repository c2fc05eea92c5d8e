"""A structured view of an exercise, for a screen that lays it out with one input per cell.

Every text is terminal text already (inline `$…$` formulas rendered, in both languages), so a
screen only picks the language. Inside a rendered formula the spaces are no-break spaces
(``notation.NO_BREAK``), so that :func:`tutor.exercises.wrap.wrap`, or any wrapper that breaks
only at ordinary spaces, never cuts a formula; ``.replace(NO_BREAK, " ")`` gives plain spaces.
The printed form of ``lstm-tutor exercise`` (tutor.exercises.display) is one formatter of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.answers import CATALOG
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.notation import label, terminal, terminal_text
from tutor.exercises.registry import REGISTRY
from tutor.exercises.values import format_value
from tutor.i18n import Text

#: Decimals of an expected number shown for a cell that asks for none in particular.
DEFAULT_DECIMALS = 4


@dataclass(frozen=True)
class GivenView:
    """A given value. `label` (hₜ₋₁) and `value` ([0.62, -0.41], as typed) are terminal text."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class SymbolView:
    """A symbol an expression may use: `shown` as the document writes it (zᵢ), `typed` as the
    learner types it (z_i)."""

    shown: str
    typed: str


@dataclass(frozen=True)
class MistakeView:
    """A catalogued mistake this cell can diagnose (tutor.answers.CATALOG)."""

    id: str
    title: Text


@dataclass(frozen=True)
class CellView:
    """One answer the learner types.

    Attributes:
        name: the key of the answer (for grading and for `depends`).
        label: what is asked, as terminal text (Cₜ, ∂hₜ/∂Cₜ).
        kind: "numeric" or "expression".
        shape: () for a number, (n,) for a vector, (m, n) for a matrix; () for an expression.
        decimals: the decimals asked for; 0 for whole numbers; None for an expression.
        whole: whether a whole number is asked for.
        symbols: what an expression may use (empty for a numeric cell).
        depends: the earlier cells this one is computed from (graded with error carried
            forward).
        ask: the form of the answer: "4 decimals", "a whole number", "an expression in o, C".
        mistakes: the catalogued mistakes this cell diagnoses.
    """

    name: str
    label: str
    kind: Literal["numeric", "expression"]
    shape: tuple[int, ...]
    decimals: int | None
    whole: bool
    symbols: tuple[SymbolView, ...]
    depends: tuple[str, ...]
    ask: Text
    mistakes: tuple[MistakeView, ...]


@dataclass(frozen=True)
class StepView:
    """One line of the worked solution: what is done, and its numbers (terminal text)."""

    text: Text
    result: str


@dataclass(frozen=True)
class ExerciseView:
    """A drawn exercise, ready to lay out.

    Attributes:
        name, seed, difficulty, lesson: which draw this is (same three, same exercise).
        title: the generator's title.
        prompt: the question, ending with how to type its symbols where there are any.
        givens: the values given, in order (none for a symbolic exercise).
        cells: the answers asked for, in order.
        hints: in the order they are shown.
        solution: the worked solution, line by line.
        answers: cell name -> the expected answer as a learner types it.
    """

    name: str
    seed: int
    difficulty: int
    lesson: str
    title: Text
    prompt: Text
    givens: tuple[GivenView, ...]
    cells: tuple[CellView, ...]
    hints: tuple[Text, ...]
    solution: tuple[StepView, ...]
    answers: dict[str, str]


def view(exercise: Exercise) -> ExerciseView:
    """The exercise as a screen lays it out."""
    generator = REGISTRY.get(exercise.name)
    return ExerciseView(
        name=exercise.name,
        seed=exercise.seed,
        difficulty=exercise.difficulty,
        lesson=exercise.lesson,
        title=generator.title if generator else Text.same(exercise.name),
        prompt=terminal(exercise.prompt),
        givens=tuple(
            GivenView(name, label(name), format_value(value, exercise.given_decimals))
            for name, value in exercise.givens.items()
        ),
        cells=tuple(_cell(cell) for cell in exercise.cells),
        hints=tuple(terminal(hint) for hint in exercise.hints),
        solution=tuple(_step(step) for step in exercise.solution),
        answers={cell.name: _typed_answer(cell) for cell in exercise.cells},
    )


def _typed_answer(cell: Cell) -> str:
    """The cell's expected answer as a learner types it."""
    return format_value(cell.expected, DEFAULT_DECIMALS if cell.decimals is None else cell.decimals)


def _cell(cell: Cell) -> CellView:
    return CellView(
        name=cell.name,
        label=terminal_text(cell.label),
        kind=cell.kind,
        shape=tuple(cell.shape),
        decimals=cell.decimals,
        whole=cell.kind == "numeric" and cell.decimals == 0,
        symbols=tuple(SymbolView(label(symbol), symbol) for symbol in cell.symbols),
        depends=cell.depends,
        ask=_ask(cell),
        mistakes=tuple(MistakeView(id, CATALOG[id].title) for id in cell.mistakes),
    )


def _ask(cell: Cell) -> Text:
    if cell.ask is not None:
        return cell.ask
    if cell.kind == "expression":
        return Text(
            f"用 {'、'.join(cell.symbols)} 表示的式子",
            f"an expression in {', '.join(cell.symbols)}",
        )
    if cell.decimals is None:
        return Text("一个数", "a number")
    if cell.decimals == 0:
        return Text("整数", "a whole number")
    plural = "" if cell.decimals == 1 else "s"
    return Text(f"{cell.decimals} 位小数", f"{cell.decimals} decimal{plural}")


def _step(step: Step) -> StepView:
    return StepView(terminal(step.text), step.result)
