"""A mock interview: N questions across lessons, favouring the learner's weakest, always
mixing interview recall questions with at least two quick computations graded by the tutor;
a time limit per question; a summary saved to the history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from tutor.course import Course, Question
from tutor.progress import Attempt, Store
from tutor.study.plan import Slot

DEFAULT_QUESTIONS = 8
DEFAULT_MINUTES = 3.0
MIN_COMPUTATIONS = 2


def is_quick_computation(question: Question) -> bool:
    """A static numeric answer, or a one-exercise generator at its first level."""
    return question.kind == "numeric" or (question.kind == "generated" and question.difficulty == 1)


def plan_mock(
    course: Course,
    mastery: Mapping[str, float],
    rng: np.random.Generator,
    questions: int = DEFAULT_QUESTIONS,
) -> list[Slot]:
    """`questions` slots: recall cards and ≥ 2 quick computations, lessons weighted by how
    little of them is mastered (1 − mastery, and never zero), in an interleaved order."""
    if questions < 1:
        raise ValueError("a mock interview needs at least one question")
    lessons = [lesson for lesson in course.lessons if lesson.questions]
    weights = np.array([1.05 - mastery.get(lesson.id, 0.0) for lesson in lessons])
    computations = min(questions, max(MIN_COMPUTATIONS, questions // 4))
    pools = {
        "recall": [[q for q in lesson.questions if q.kind == "recall"] for lesson in lessons],
        "compute": [[q for q in lesson.questions if is_quick_computation(q)] for lesson in lessons],
    }
    chosen: dict[str, list[Question]] = {"recall": [], "compute": []}
    for kind, count in (("compute", computations), ("recall", questions - computations)):
        chosen[kind] = _draw(pools[kind], weights, count, rng)
    # recall and computation alternate, computations spread through the interview
    recall, compute = chosen["recall"], chosen["compute"]
    order: list[Question] = []
    step = max(1, len(recall) // max(1, len(compute)))
    while recall or compute:
        order.extend(recall[:step])
        recall = recall[step:]
        if compute:
            order.append(compute.pop(0))
    return [Slot(q.lesson_id, (q,)) for q in order]


def _draw(
    pools: list[list[Question]], weights: np.ndarray, count: int, rng: np.random.Generator
) -> list[Question]:
    """`count` questions, each from a lesson chosen by weight, none twice (fewer if too few)."""
    left = [list(pool) for pool in pools]
    picked: list[Question] = []
    while len(picked) < count:
        live = np.array([w if pool else 0.0 for w, pool in zip(weights, left, strict=True)])
        if live.sum() == 0:
            break
        lesson = int(rng.choice(len(left), p=live / live.sum()))
        pool = left[lesson]
        picked.append(pool.pop(int(rng.integers(len(pool)))))
    return picked


@dataclass(frozen=True)
class MockItem:
    question_id: str
    lesson_id: str
    score: float
    seconds: float
    timed_out: bool
    answered: bool


@dataclass(frozen=True)
class MockSummary:
    mock_id: int
    items: tuple[MockItem, ...]
    score: float  # the mean over all questions (one not answered counts 0)
    seconds: float
    weakest: tuple[str, ...]  # lessons by their score in this interview, weakest first


def summarise(mock_id: int, slots: list[Slot], attempts: list[Attempt]) -> MockSummary:
    """Each question's first counted result (what an interviewer would have heard)."""
    first: dict[str, Attempt] = {}
    seconds: dict[str, float] = {}
    for attempt in attempts:
        first.setdefault(attempt.question_id, attempt)
        seconds[attempt.question_id] = seconds.get(attempt.question_id, 0.0) + attempt.seconds
    items = []
    for slot in slots:
        question = slot.questions[0]
        result = first.get(question.id)
        items.append(
            MockItem(
                question.id,
                question.lesson_id,
                result.score if result else 0.0,
                seconds.get(question.id, 0.0),
                bool(result and result.outcome == "timed-out"),
                result is not None and result.outcome != "timed-out",
            )
        )
    by_lesson: dict[str, list[float]] = {}
    for item in items:
        by_lesson.setdefault(item.lesson_id, []).append(item.score)
    weakest = tuple(sorted(by_lesson, key=lambda lid: sum(by_lesson[lid]) / len(by_lesson[lid])))
    score = sum(i.score for i in items) / len(items) if items else 0.0
    return MockSummary(mock_id, tuple(items), score, sum(i.seconds for i in items), weakest)


def finish(store: Store, mock_id: int, slots: list[Slot], now: datetime) -> MockSummary:
    summary = summarise(mock_id, slots, store.attempts(mock_id=mock_id))
    store.finish_mock(mock_id, now, summary.score, summary.seconds)
    return summary
