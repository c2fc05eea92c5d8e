"""A learner's long history, made up for the benchmarks (startup, progress, review)."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from tutor.answers.mistakes import CATALOG
from tutor.course import Course
from tutor.progress import Attempt, Store


def fill(
    store: Store, course: Course, attempts: int, now: datetime, seed: int = 0, days: int = 90
) -> None:
    """A learner's history: `attempts` answers over the last `days` days (each reviewing its
    card), two mock interviews, a few catalogued mistakes."""
    rng = np.random.default_rng(seed)
    questions = [q for lesson in course.lessons for q in lesson.questions]
    mistakes = sorted(CATALOG)[:12]
    span = timedelta(days=days).total_seconds()
    moments = sorted(now - timedelta(seconds=float(s)) for s in rng.uniform(60, span, attempts))
    for at in moments:
        q = questions[int(rng.integers(len(questions)))]
        right = bool(rng.random() < 0.7)
        made = () if right or rng.random() < 0.5 else (mistakes[int(rng.integers(len(mistakes)))],)
        store.record(
            Attempt(
                question_id=q.id,
                lesson_id=q.lesson_id,
                kind=q.kind,
                answers={"answer": "0.5"},
                outcome="correct" if right else "incorrect",
                score=1.0 if right else 0.0,
                seconds=float(rng.uniform(5, 120)),
                answered_at=at,
                mistakes=made,
                rating=3 if right else 1,
            )
        )
    for days, score in ((20, 0.5), (3, 0.75)):
        start = now - timedelta(days=days)
        mock = store.start_mock(start, 8, 3.0)
        store.finish_mock(mock, start + timedelta(minutes=21), score, 1260.0)
