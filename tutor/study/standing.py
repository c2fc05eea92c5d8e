"""Where the learner stands in each lesson, from the store: what has been practised."""

from __future__ import annotations

from dataclasses import dataclass

from tutor.course import Lesson
from tutor.progress import LessonStats
from tutor.study.plan import slots


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
