"""What a practice session shows, one at a time: a slot drawn as an item.

A generator's slot is drawn at the learner's level with a fresh seed each time. Static
numeric and expression questions become one-cell exercises, so that every typed answer is
graded and laid out the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from tutor.course import Question, Text
from tutor.exercises import Cell, Exercise, generate
from tutor.study.plan import GENERATED, Slot

ItemKind = Literal["choice", "recall", "answer"]
ANSWER_CELL = "answer"  # the one cell of a static numeric or expression question
#: Seeds for fresh draws: any non-negative 31-bit number (the store keeps it).
SEED_RANGE = 2**31 - 1


@dataclass(frozen=True)
class Item:
    """One thing to answer: the course question and, for typed answers, its exercise."""

    question: Question
    exercise: Exercise | None = None

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def kind(self) -> ItemKind:
        if self.question.kind in ("choice", "recall"):
            return self.question.kind  # type: ignore[return-value]
        return "answer"

    @property
    def generated(self) -> bool:
        return self.question.kind in GENERATED

    @property
    def hints(self) -> tuple[Text, ...]:
        """The question's hint, then the exercise's own (without repeating one)."""
        hints = [self.question.hint]
        if self.exercise is not None:
            hints += [h for h in self.exercise.hints if h not in hints]
        return tuple(h for h in hints if h.zh or h.en)

    @property
    def needs_symbolic(self) -> bool:
        return self.exercise is not None and any(
            c.kind == "expression" for c in self.exercise.cells
        )


def draw(slot: Slot, difficulty: int, rng: np.random.Generator) -> Item:
    """The slot's item: a generator drawn at `difficulty` with a fresh seed, or the question."""
    question = slot.at_level(difficulty)
    if slot.generator is not None:
        seed = int(rng.integers(SEED_RANGE))
        return Item(question, generate(slot.generator, seed, question.difficulty))
    return item_of(question)


def item_of(question: Question) -> Item:
    """A static question as an item; numeric and expression ones as a one-cell exercise."""
    if question.kind not in ("numeric", "expression"):
        return Item(question)
    cell = Cell(
        name=ANSWER_CELL,
        label="",
        kind=question.kind,  # type: ignore[arg-type]
        expected=question.answer,
        decimals=question.decimals if question.kind == "numeric" else None,
        symbols=question.symbols,
    )
    exercise = Exercise(
        prompt=question.prompt,
        givens={},
        cells=(cell,),
        hints=(),
        solution=(),
        lesson=question.lesson_id,
    )
    return Item(question, exercise)
