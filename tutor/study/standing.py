"""Where the learner stands in each lesson, from the store: what has been practised, and how
much of it FSRS expects them to recall today (mastery)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tutor.course import Course, Lesson
from tutor.progress import LessonStats, Store
from tutor.study.plan import slots

if TYPE_CHECKING:
    from tutor.progress.cards import CardState


@dataclass(frozen=True)
class LessonProgress:
    """Of a lesson's practice items: how many were tried, and how many answered right."""

    items: int
    practised: int
    solved: int
    stats: LessonStats

    @property
    def share(self) -> float:
        return self.practised / self.items if self.items else 0.0


def lesson_progress(lesson: Lesson, stats: LessonStats | None) -> LessonProgress:
    """A slot counts as practised when any of its questions (any difficulty) was tried."""
    stats = stats or LessonStats(lesson.id)
    found = slots(lesson)
    practised = sum(any(q.id in stats.questions for q in s.questions) for s in found)
    solved = sum(any(q.id in stats.solved for q in s.questions) for s in found)
    return LessonProgress(len(found), practised, solved, stats)


@dataclass(frozen=True)
class Dashboard:
    """What home shows: per lesson practice and mastery, cards due, the day streak."""

    progress: dict[str, LessonProgress]
    mastery: dict[str, float]
    due: int
    streak: int
    weakest: str | None  # the lesson with the lowest mastery (what "practise next" offers)


def mastery(lesson: Lesson, cards: Mapping[str, CardState], now: datetime) -> float:
    """The share of the lesson's questions whose recall probability at `now` is at least
    DESIRED_RETENTION (0.9), by FSRS, from their cards (a question without a card: 0)."""
    if not lesson.questions:
        return 0.0
    from tutor.progress.cards import DESIRED_RETENTION, scheduler

    schedule = scheduler(None)
    now = now.astimezone(UTC)  # fsrs takes UTC times only
    held = sum(
        q.id in cards
        and schedule.get_card_retrievability(cards[q.id].card, now) >= DESIRED_RETENTION
        for q in lesson.questions
    )
    return held / len(lesson.questions)


def dashboard(course: Course, store: Store, now: datetime) -> Dashboard:
    stats = store.lesson_stats()
    cards = store.cards()
    progress = {lesson.id: lesson_progress(lesson, stats.get(lesson.id)) for lesson in course.lessons}
    held = {lesson.id: mastery(lesson, cards, now) for lesson in course.lessons}
    with_questions = [lesson.id for lesson in course.lessons if lesson.questions]
    weakest = min(with_questions, key=lambda lid: (held[lid], progress[lid].share), default=None)
    return Dashboard(progress, held, store.due_count(now), store.streak(now), weakest)
