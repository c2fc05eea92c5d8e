"""Spaced review with FSRS, run through simulated days: what is due, in what order, what the
ratings do to the next due date, the daily limit of new items, mastery, streaks, mock plans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from tutor.course import Course, load_course
from tutor.exercises.values import format_value
from tutor.progress import Attempt, Store, in_memory
from tutor.study.mock import finish, is_quick_computation, plan_mock
from tutor.study.practice import Practice
from tutor.study.rating import AGAIN, EASY, GOOD, HARD, MIN_HISTORY, auto_rating
from tutor.study.review import NEW_LIMIT_KEY, interleave, plan_review
from tutor.study.standing import dashboard, mastery

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course()


def fresh_store() -> Store:
    return in_memory("test", fuzz=False)


def answer_right(p: Practice, clock: Clock) -> None:
    """Answer the shown item right, as a careful learner would, taking 20 s."""
    item = p.item
    assert item is not None
    clock.now += timedelta(seconds=20)
    if item.kind == "choice":
        p.choose(str(item.question.answer))
    elif item.kind == "recall":
        p.reveal("")
        p.rate(GOOD)
    else:
        assert item.exercise is not None
        p.submit(
            {
                c.name: format_value(c.expected, 4 if c.decimals is None else c.decimals)
                for c in item.exercise.cells
            }
        )


def review_session(course: Course, store: Store, clock: Clock) -> Practice:
    plan = plan_review(course, store, clock.now)
    return Practice(
        list(plan.slots),
        store,
        rng=np.random.default_rng(0),
        clock=clock,
        session="review",
        adapt_levels=False,
    )


def test_the_rating_map() -> None:
    def rate(outcome: str, **kw: object) -> int:
        args = {"hints_used": 0, "solution_shown": False, "seconds": 10.0, "earlier_seconds": []}
        args.update(kw)
        return auto_rating(outcome, **args)  # type: ignore[arg-type]

    assert rate("incorrect") == AGAIN
    assert rate("revealed") == AGAIN
    assert rate("timed-out") == AGAIN
    assert rate("correct", solution_shown=True) == AGAIN
    assert rate("partial") == HARD
    assert rate("correct", hints_used=1) == HARD
    assert rate("correct") == GOOD
    slow = [30.0] * MIN_HISTORY
    assert rate("correct", earlier_seconds=slow) == EASY  # faster than the median
    assert rate("correct", seconds=40.0, earlier_seconds=slow) == GOOD
    assert rate("correct", earlier_seconds=slow[:-1]) == GOOD  # too little history
    assert rate("correct", hints_used=1, earlier_seconds=slow) == HARD


def test_a_simulated_week_of_review(course: Course) -> None:
    store = fresh_store()
    clock = Clock(MONDAY)
    store.put(NEW_LIMIT_KEY, 6)

    day1 = plan_review(course, store, clock.now)
    assert day1.due == 0 and day1.new == 6 and len(day1.slots) == 6
    first_lesson = course.lessons[0]
    assert [s.questions[0].id for s in day1.slots] == [q.id for q in first_lesson.questions[:6]]

    p = review_session(course, store, clock)
    p.start()
    ratings = {}
    while p.item is not None:
        item = p.item
        if len(ratings) == 0:  # the first one: wrong
            clock.now += timedelta(seconds=20)
            if item.kind == "choice":
                wrong = next(o.id for o in item.question.options if o.id != item.question.answer)
                p.choose(wrong)
            else:
                p.reveal("")
                p.rate(AGAIN)
            ratings[item.id] = AGAIN
        else:
            answer_right(p, clock)
            ratings[item.id] = store.attempts(question_id=item.id)[-1].rating
        p.next()
    cards = store.cards()
    assert set(cards) == set(ratings)
    failed = next(q for q, r in ratings.items() if r == AGAIN)
    passed = [q for q, r in ratings.items() if r != AGAIN]
    # Again comes back within minutes; the others later the same day (learning steps) or after
    assert cards[failed].due - MONDAY < timedelta(minutes=10)
    assert all(cards[q].due > cards[failed].due for q in passed)
    assert store.introduced_since(MONDAY.replace(hour=0)) == 6

    same_day = plan_review(course, store, clock.now + timedelta(minutes=15))
    assert same_day.new == 0  # the day's six new items are used up
    assert failed in [s.questions[0].id for s in same_day.slots]

    # each day of the week: do everything due, right; new items come at the limit
    seen_due = []
    for day in range(1, 8):
        clock.now = MONDAY + timedelta(days=day)
        plan = plan_review(course, store, clock.now)
        seen_due.append(plan.due)
        assert plan.new == 6
        rounds = 0
        while rounds == 0 or plan_review(course, store, clock.now).due:
            rounds += 1  # learning steps bring some back within minutes: the queue goes on
            assert rounds < 5
            p = review_session(course, store, clock)
            p.start()
            while p.item is not None:
                answer_right(p, clock)
                p.next()
    assert len(store.cards()) == 6 * 8
    # answered right, cards space out: each review of Monday's right cards set a longer gap
    week = store.cards()
    gaps = [c.card.due - c.card.last_review for q, c in week.items() if q in passed]
    assert min(gaps) > timedelta(days=2)
    assert sum(seen_due) > 0  # reviews did come back during the week


def test_due_cards_are_interleaved_across_lessons(course: Course) -> None:
    store = fresh_store()
    at = MONDAY
    picks = [lesson.questions[n] for lesson in course.lessons[:3] for n in range(3)]
    for question in picks:
        at += timedelta(minutes=1)
        store.record(
            Attempt(
                question.id,
                question.lesson_id,
                question.kind,
                {},
                "incorrect",
                0.0,
                5.0,
                at,
                rating=AGAIN,
            )
        )
    plan = plan_review(course, store, at + timedelta(hours=1))
    order = [s.lesson_id for s in plan.slots[: plan.due]]
    assert plan.due == 9
    assert order[:3] == [course.lessons[i].id for i in range(3)]  # lessons take turns
    assert [c.question_id for c in interleave([])] == []


def test_mastery_and_the_dashboard(course: Course) -> None:
    store = fresh_store()
    lesson = course.lesson("activations")
    choice = next(q for q in lesson.questions if q.kind == "choice")
    for days in (0, 1, 4):  # three right reviews: stable enough to be held next day
        at = MONDAY + timedelta(days=days)
        store.record(
            Attempt(
                choice.id,
                lesson.id,
                "choice",
                {"choice": "b"},
                "correct",
                1.0,
                5.0,
                at,
                rating=GOOD,
            )
        )
    held = mastery(lesson, store.cards(), MONDAY + timedelta(days=5))
    assert held == pytest.approx(1 / len(lesson.questions))
    assert mastery(lesson, store.cards(), MONDAY + timedelta(days=400)) == 0.0  # forgotten
    board = dashboard(course, store, MONDAY + timedelta(days=4, hours=1))
    assert board.streak == 1 and board.mastery[lesson.id] > 0
    assert board.weakest != lesson.id


def test_the_streak_counts_days_in_a_row(course: Course) -> None:
    store = fresh_store()
    for day in (0, 1, 2, 4, 5):
        store.record(
            Attempt("a.q", "a", "choice", {}, "correct", 1.0, 1.0, MONDAY + timedelta(days=day))
        )
    assert store.streak(MONDAY + timedelta(days=5, hours=3)) == 2
    assert store.streak(MONDAY + timedelta(days=6)) == 2  # nothing yet today: yesterday counts
    assert store.streak(MONDAY + timedelta(days=8)) == 0
    assert store.streak(MONDAY + timedelta(days=2, hours=1)) == 3


def test_a_mock_plan_mixes_recall_and_computations_and_favours_weak_lessons(course: Course) -> None:
    strong = {lesson.id: 1.0 for lesson in course.lessons}
    weak = course.lessons[4].id
    strong[weak] = 0.0
    counts: dict[str, int] = {}
    for seed in range(30):
        slots = plan_mock(course, strong, np.random.default_rng(seed), questions=8)
        questions = [s.questions[0] for s in slots]
        assert len(questions) == 8 and len({q.id for q in questions}) == 8
        assert sum(is_quick_computation(q) for q in questions) >= 2
        assert sum(q.kind == "recall" for q in questions) >= 4
        for q in questions:
            counts[q.lesson_id] = counts.get(q.lesson_id, 0) + 1
    assert counts[weak] == max(counts.values())


def test_a_mock_summary_scores_every_question_and_is_saved(course: Course) -> None:
    store = fresh_store()
    clock = Clock(MONDAY)
    slots = plan_mock(course, {}, np.random.default_rng(1), questions=4)
    mock_id = store.start_mock(clock.now, len(slots), 3.0)
    p = Practice(
        slots,
        store,
        np.random.default_rng(0),
        clock,
        session="mock",
        adapt_levels=False,
        mock_id=mock_id,
    )
    p.start()
    answer_right(p, clock)  # the first right
    p.next()
    clock.now += timedelta(minutes=3)
    p.time_out()  # the second: time ran out
    p.next()
    p.next()  # the rest skipped
    summary = finish(store, mock_id, slots, clock.now)
    assert [i.score for i in summary.items][:2] == [1.0, 0.0]
    assert summary.items[1].timed_out and not summary.items[2].answered
    assert summary.score == 0.25
    [saved] = store.mocks()
    assert saved.id == mock_id and saved.finished_at == clock.now and saved.score == 0.25
    assert store.attempts(mock_id=mock_id)[1].outcome == "timed-out"
    assert store.attempts(mock_id=mock_id)[1].rating == AGAIN


def test_reviews_in_the_learners_own_time_zone(course: Course) -> None:
    """fsrs takes UTC times only: a learner in UTC+8 records and reads cards all the same."""
    from datetime import timezone

    shanghai = timezone(timedelta(hours=8))
    store = fresh_store()
    at = datetime(2026, 12, 1, 7, 30, tzinfo=shanghai)  # the previous day in UTC
    lesson = course.lesson("activations")
    question = lesson.questions[0]
    store.record(Attempt(question.id, lesson.id, "choice", {}, "correct", 1.0, 5.0, at, rating=GOOD))
    assert store.streak(at) == 1  # counted on the learner's own day
    assert store.cards()[question.id].due > at
    assert mastery(lesson, store.cards(), at + timedelta(days=1)) == 1 / len(lesson.questions)
