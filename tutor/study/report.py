"""What the progress screen shows, as data: per lesson standing, the last 30 days, the reviews
due over the next 14, the mistakes made most often, past mock interviews, and whether FSRS
uses its default parameters or the learner's own.

Pure: everything comes from the course, the store and `now`. The learner's days are `now`'s
days (its time zone), as for streaks and the daily limit of new items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from tutor.answers.mistakes import CATALOG
from tutor.course import Course
from tutor.i18n import Text
from tutor.progress import Attempt, Mock, Store
from tutor.progress.cards import OPTIMIZER_MINIMUM, optimizable_reviews
from tutor.study.plan import slots
from tutor.study.standing import mastery

if TYPE_CHECKING:

    from tutor.progress.cards import CardState

HISTORY_DAYS = 30
FORECAST_DAYS = 14
TOP_MISTAKES = 5
# fsrs 6's Optimizer.compute_optimal_parameters returns the default parameters while it has
# fewer than this many usable reviews; it reads at most the first 64 reviews of each card.


@dataclass(frozen=True)
class LessonRow:
    lesson_id: str
    number: int  # 1 = the first lesson of the course
    title: Text
    questions: int
    mastery: float  # 0..1: see tutor.study.standing.mastery
    attempts: int
    accuracy: float | None  # right answers / attempts; None before the first attempt
    seconds: float


@dataclass(frozen=True)
class Day:
    """One of the learner's days: how many counted attempts, how many right."""

    day: date
    attempts: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class DueDay:
    day: date
    due: int  # cards due that day (today: also every card already overdue)


@dataclass(frozen=True)
class MistakeRow:
    """A catalogued mistake, how often it was made, and where it was made last."""

    mistake_id: str
    title: Text
    feedback: Text
    count: int
    question_id: str  # of the most recent attempt that made it
    lesson_id: str
    resume: str | None  # the practice slot of that question (None: no longer in the course)
    last_at: datetime


@dataclass(frozen=True)
class MockRow:
    started_at: datetime  # in the learner's time zone
    questions: int
    score: float
    seconds: float
    finished: bool  # False: left before the end


@dataclass(frozen=True)
class Parameters:
    """Which FSRS parameters schedule the reviews, and how far the optimizer is from fitting."""

    personal: bool
    reviews: int  # reviews fsrs's optimizer would learn from
    needed: int = OPTIMIZER_MINIMUM

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.reviews)


@dataclass(frozen=True)
class Report:
    now: datetime
    lessons: tuple[LessonRow, ...]
    days: tuple[Day, ...]  # the last HISTORY_DAYS days, oldest first, today last
    forecast: tuple[DueDay, ...]  # FORECAST_DAYS days from today
    due_now: int  # cards due at `now` (what the review queue holds now), overdue included
    mistakes: tuple[MistakeRow, ...]  # most often made first
    mocks: tuple[MockRow, ...]  # the latest first
    parameters: Parameters
    attempts: int
    seconds: float


def build_report(course: Course, store: Store, now: datetime) -> Report:
    """Everything the progress screen shows, at `now` (timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware: the learner's days are its days")
    attempts = store.attempts()
    cards = store.cards()
    questions = {q.id for lesson in course.lessons for q in lesson.questions}
    in_course = [card for qid, card in cards.items() if qid in questions]  # as the queue does
    return Report(
        now=now,
        lessons=lesson_rows(course, store, cards, now),
        days=daily(attempts, now),
        forecast=forecast(in_course, now),
        due_now=sum(card.due <= now for card in in_course),
        mistakes=frequent_mistakes(course, attempts),
        mocks=mock_rows(store.mocks(), now.tzinfo),
        parameters=Parameters(store.parameters() is not None, optimizable_reviews(store.review_logs())),
        attempts=len(attempts),
        seconds=sum(a.seconds for a in attempts),
    )


def lesson_rows(
    course: Course, store: Store, cards: Mapping[str, CardState], now: datetime
) -> tuple[LessonRow, ...]:
    stats = store.lesson_stats()
    rows = []
    for number, lesson in enumerate(course.lessons, 1):
        s = stats.get(lesson.id)
        rows.append(
            LessonRow(
                lesson.id,
                number,
                lesson.title,
                len(lesson.questions),
                mastery(lesson, cards, now),
                s.attempts if s else 0,
                s.accuracy if s else None,
                s.seconds if s else 0.0,
            )
        )
    return tuple(rows)


def daily(attempts: Iterable[Attempt], now: datetime, days: int = HISTORY_DAYS) -> tuple[Day, ...]:
    """Attempts and right answers on each of the last `days` days, today included."""
    today = now.date()
    first = today - timedelta(days=days - 1)
    counts = {first + timedelta(days=n): [0, 0] for n in range(days)}
    for attempt in attempts:
        day = attempt.answered_at.astimezone(now.tzinfo).date()
        if day in counts:
            counts[day][0] += 1
            counts[day][1] += attempt.outcome == "correct"
    return tuple(Day(day, n, right) for day, (n, right) in counts.items())


def forecast(
    cards: Iterable[CardState], now: datetime, days: int = FORECAST_DAYS
) -> tuple[DueDay, ...]:
    """Cards coming due on each of the next `days` days; those already due count today."""
    today = now.date()
    counts = [0] * days
    for card in cards:
        offset = max(0, (card.due.astimezone(now.tzinfo).date() - today).days)
        if offset < days:
            counts[offset] += 1
    return tuple(DueDay(today + timedelta(days=n), c) for n, c in enumerate(counts))


def frequent_mistakes(
    course: Course, attempts: Sequence[Attempt], top: int = TOP_MISTAKES
) -> tuple[MistakeRow, ...]:
    """The catalogued mistakes made most often (ties: the most recent first)."""
    count: dict[str, int] = {}
    last: dict[str, Attempt] = {}
    for attempt in attempts:  # in the order they were made: the last one seen is the latest
        for mistake in dict.fromkeys(attempt.mistakes):
            if mistake in CATALOG:
                count[mistake] = count.get(mistake, 0) + 1
                last[mistake] = attempt
    order = sorted(count, key=lambda m: (-count[m], -_timestamp(last[m])))[:top]
    keys = _slot_keys(course)
    return tuple(
        MistakeRow(
            m,
            CATALOG[m].title,
            CATALOG[m].feedback,
            count[m],
            last[m].question_id,
            last[m].lesson_id,
            keys.get(last[m].question_id),
            last[m].answered_at,
        )
        for m in order
    )


def mock_rows(mocks: Iterable[Mock], zone: tzinfo | None) -> tuple[MockRow, ...]:
    return tuple(
        MockRow(
            m.started_at.astimezone(zone),
            m.questions,
            m.score,
            m.seconds,
            m.finished_at is not None,
        )
        for m in mocks
    )


def _slot_keys(course: Course) -> dict[str, str]:
    """Question id -> the key of the practice slot that shows it."""
    return {
        q.id: slot.key
        for lesson in course.lessons
        for slot in slots(lesson)
        for q in slot.questions
    }


def _timestamp(attempt: Attempt) -> float:
    return attempt.answered_at.timestamp()
