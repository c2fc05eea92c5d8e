"""A lesson's practice as slots, in content order: pure course data (no numpy, no engine), so
the home screen can count them at startup.

A lesson lists each generator once per difficulty (three questions); practice shows it as
one slot, drawn at the learner's level for that generator (tutor.study.items).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tutor.course import Lesson, Question

GENERATED = ("generated", "worksheet")


@dataclass(frozen=True)
class Slot:
    """One place in a lesson's practice: a static question, or a generator at any level."""

    lesson_id: str
    questions: tuple[Question, ...]  # one, or a generator's questions by difficulty

    @property
    def generator(self) -> str | None:
        return self.questions[0].generator if self.questions[0].kind in GENERATED else None

    @property
    def key(self) -> str:
        """Stable across sessions: the question id, or "gen:" + the generator's name."""
        return f"gen:{self.generator}" if self.generator else self.questions[0].id

    def at_level(self, difficulty: int) -> Question:
        """The generator's question nearest `difficulty` (the question itself when static)."""
        return min(self.questions, key=lambda q: (abs(q.difficulty - difficulty), q.difficulty))


def slots(lesson: Lesson) -> list[Slot]:
    """The lesson's practice in content order, each generator once (at its first place)."""
    order: list[str | Question] = []  # a generator's name, or a static question
    by_generator: dict[str, list[Question]] = {}
    for question in lesson.questions:
        if question.kind in GENERATED and question.generator:
            if question.generator not in by_generator:
                order.append(question.generator)
            by_generator.setdefault(question.generator, []).append(question)
        else:
            order.append(question)
    return [
        Slot(lesson.id, tuple(by_generator[entry]) if isinstance(entry, str) else (entry,))
        for entry in order
    ]


def slots_for(lessons: Iterable[Lesson]) -> list[Slot]:
    return [slot for lesson in lessons for slot in slots(lesson)]
