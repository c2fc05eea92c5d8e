"""What a generated exercise is: givens, answer cells, hints, a worked solution, mistakes.

Everything here is plain data. A generator (tutor/exercises/families/) builds an Exercise
from a seeded rng; grading (tutor/exercises/grading.py) hands each cell to tutor.answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from tutor.i18n import Lang, Text

CellKind = Literal["numeric", "expression"]


@dataclass(frozen=True)
class Cell:
    """One answer the learner types.

    `expected` is a number, a numpy array, or (kind "expression") an expression string in the
    tutor's input language. `mistakes` maps a catalogued mistake id (tutor.answers.mistakes)
    to the value that mistake produces on the same givens. In a worksheet, `recompute` gives
    this cell's expected value from the learner's own earlier cells (error carried forward):
    it receives {earlier cell name: value the learner gave, or the true value if none}.
    `decimals=0` asks for whole numbers (see `whole`).
    `ask` says what form the answer takes where its kind and decimals do not (a shape
    [rows, columns] is two whole numbers, but not "a whole number").
    """

    name: str
    label: str
    kind: CellKind = "numeric"
    expected: Any = None
    decimals: int | None = 4
    symbols: tuple[str, ...] = ()
    mistakes: Mapping[str, Any] = field(default_factory=dict)
    depends: tuple[str, ...] = ()
    recompute: Callable[[Mapping[str, Any]], Any] | None = None
    ask: Text | None = None

    @property
    def whole(self) -> bool:
        """Whether the answer is whole numbers, typed exactly (104 or 104.0, never 104.4)."""
        return self.kind == "numeric" and self.decimals == 0

    @property
    def shape(self) -> tuple[int, ...]:
        return () if self.kind == "expression" else np.shape(self.expected)


@dataclass(frozen=True)
class Step:
    """One line of a worked solution: what is done (may hold $…$ formulas) and its numbers."""

    text: Text
    result: str = ""


@dataclass(frozen=True)
class Exercise:
    """A drawn exercise. Generators fill the content; `generate` stamps name, seed, level.

    `givens` hold the values exactly as displayed (already rounded to `given_decimals`), so
    the expected answers, computed from them, never disagree with what the learner sees.
    """

    prompt: Text
    givens: Mapping[str, Any]
    cells: tuple[Cell, ...]
    hints: tuple[Text, ...]
    solution: tuple[Step, ...]
    given_decimals: int = 2
    name: str = ""
    seed: int = 0
    difficulty: int = 1
    lesson: str = ""

    @property
    def answers(self) -> dict[str, Any]:
        """Each cell's expected value or expression."""
        return {cell.name: cell.expected for cell in self.cells}

    def cell(self, name: str) -> Cell:
        for cell in self.cells:
            if cell.name == name:
                return cell
        raise KeyError(name)

    def mistakes(self) -> dict[str, list[str]]:
        """Catalogued mistakes that apply, by cell."""
        return {cell.name: list(cell.mistakes) for cell in self.cells if cell.mistakes}


@dataclass(frozen=True)
class Generator:
    """A registered exercise family member: builds an Exercise from (rng, difficulty)."""

    name: str
    lesson: str
    title: Text
    build: Callable[[np.random.Generator, int], Exercise]
    difficulties: tuple[int, ...] = (1, 2, 3)

    def describe(self, lang: Lang) -> str:
        return f"{self.name}: {self.title(lang)}"


class Degenerate(Exception):
    """A draw that teaches nothing (a saturated gate, an all-zero gradient); draw again."""
