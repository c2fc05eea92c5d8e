"""The review queue: what FSRS says is due, across lessons and interleaved, then new items up
to the day's limit. Each item comes back as its own question (a generated question is drawn
again with fresh numbers at its difficulty)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tutor.course import Course, Question
from tutor.progress import Store
from tutor.progress.cards import CardState
from tutor.study.plan import Slot

NEW_LIMIT_KEY = "daily_new_limit"
DEFAULT_NEW_LIMIT = 10


@dataclass(frozen=True)
class ReviewPlan:
    slots: tuple[Slot, ...]
    due: int  # cards due now
    new: int  # new items introduced today in this queue
    new_limit: int
    next_due: datetime | None  # the earliest card due after now (None: no cards at all)


def new_limit(store: Store) -> int:
    value = store.get(NEW_LIMIT_KEY, DEFAULT_NEW_LIMIT)
    return value if isinstance(value, int) and value >= 0 else DEFAULT_NEW_LIMIT


def start_of_day(now: datetime) -> datetime:
    """Midnight of `now`'s day, in `now`'s own time zone (the learner's day)."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def plan_review(course: Course, store: Store, now: datetime) -> ReviewPlan:
    """The queue at `now`: due cards (most overdue first, lessons taking turns), then new items."""
    questions = {q.id: q for lesson in course.lessons for q in lesson.questions}
    cards = {qid: card for qid, card in store.cards().items() if qid in questions}
    due = sorted((c for c in cards.values() if c.due <= now), key=lambda c: c.due)
    limit = new_limit(store)
    room = max(0, limit - store.introduced_since(start_of_day(now)))
    fresh = [q for q in _course_order(course) if q.id not in cards][:room]
    slots = [_slot(questions[c.question_id]) for c in interleave(due)] + [_slot(q) for q in fresh]
    later = [c.due for c in cards.values() if c.due > now]
    return ReviewPlan(tuple(slots), len(due), len(fresh), limit, min(later, default=None))


def interleave(cards: Iterable[CardState]) -> list[CardState]:
    """Lessons take turns, each in its own order (so two cards of one lesson rarely meet)."""
    by_lesson: dict[str, list[CardState]] = {}
    for card in cards:
        by_lesson.setdefault(card.lesson_id, []).append(card)
    queues = list(by_lesson.values())
    out: list[CardState] = []
    while queues:
        out.extend(queue.pop(0) for queue in queues)
        queues = [queue for queue in queues if queue]
    return out


def next_review_after(store: Store, now: datetime) -> datetime | None:
    later = [c.due for c in store.cards().values() if c.due > now]
    return min(later, default=None)


def _course_order(course: Course) -> list[Question]:
    return [q for lesson in course.lessons for q in lesson.questions]


def _slot(question: Question) -> Slot:
    return Slot(question.lesson_id, (question,))


def in_words(moment: datetime | None, now: datetime) -> tuple[str, int] | None:
    """("minutes" | "hours" | "days", n) until `moment`, for "next review in 3 days"."""
    if moment is None:
        return None
    gap = max(moment - now, timedelta(0))
    if gap < timedelta(hours=1):
        return "minutes", max(1, round(gap.total_seconds() / 60))
    if gap < timedelta(days=1):
        return "hours", round(gap.total_seconds() / 3600)
    return "days", round(gap.total_seconds() / 86400)
