"""The progress report, from a store filled here (in memory, FSRS without fuzz, a fixed now):
per lesson standing, the learner's days in their own time zone, the review forecast, the
mistakes made most often, mock interviews, and the optimizer's count of usable reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from fsrs import Card, Rating, ReviewLog

from tutor.answers.mistakes import CATALOG
from tutor.course import Course, load_course
from tutor.progress import Attempt, Store, in_memory
from tutor.progress.cards import OPTIMIZER_MINIMUM, CardState, optimizable_reviews
from tutor.study.report import (
    build_report,
    daily,
    forecast,
    frequent_mistakes,
)

BEIJING = timezone(timedelta(hours=8))
#: 01:30 on 1 December in Beijing, still 30 November in UTC: days must follow the learner
NOW = datetime(2026, 12, 1, 1, 30, tzinfo=BEIJING)


@pytest.fixture
def course(mini_content: Path) -> Course:
    return load_course(mini_content)


@pytest.fixture
def store() -> Store:
    return in_memory("test", fuzz=False)


def attempt(
    question: str,
    at: datetime,
    outcome: str = "correct",
    *,
    seconds: float = 30.0,
    mistakes: tuple[str, ...] = (),
    rating: int | None = None,
) -> Attempt:
    return Attempt(
        question_id=question,
        lesson_id="one" if question.startswith("01-one") else "two",
        kind="choice",
        answers={"choice": "a"},
        outcome=outcome,  # type: ignore[arg-type]
        score=1.0 if outcome == "correct" else 0.0,
        seconds=seconds,
        answered_at=at.astimezone(UTC),  # fsrs reviews only at UTC times
        mistakes=mistakes,
        rating=rating,
    )


def test_lessons_have_mastery_accuracy_attempts_and_time(course: Course, store: Store) -> None:
    # one card just reviewed Good (recall ≈ 1), one failed a month ago (recall far below 0.9)
    store.record(attempt("01-one.range", NOW - timedelta(days=30), "incorrect", rating=1))
    store.record(attempt("01-one.c2", NOW - timedelta(minutes=5), seconds=40.0, rating=3))
    store.record(attempt("01-one.c2", NOW - timedelta(minutes=1), seconds=20.0))
    report = build_report(course, store, NOW)
    one, two = report.lessons
    assert (one.lesson_id, one.number, one.title.en, one.questions) == ("one", 1, "Lesson one", 6)
    assert one.mastery == pytest.approx(1 / 6)
    assert (one.attempts, one.accuracy, one.seconds) == (3, pytest.approx(2 / 3), 90.0)
    assert (two.mastery, two.attempts, two.accuracy, two.seconds) == (0.0, 0, None, 0.0)
    assert (report.attempts, report.seconds) == (3, 90.0)


def test_days_are_the_learners_days_in_their_time_zone() -> None:
    attempts = [
        # 00:30 in Beijing on 1 December (16:30 UTC on 30 November): today
        attempt("01-one.range", datetime(2026, 11, 30, 16, 30, tzinfo=UTC)),
        attempt("01-one.c2", datetime(2026, 11, 30, 16, 40, tzinfo=UTC), "incorrect"),
        # 23:59 in Beijing on 30 November: yesterday
        attempt("01-one.c2", datetime(2026, 11, 30, 15, 59, tzinfo=UTC)),
        # the first of the 30 days, and the day before it (left out)
        attempt("01-one.c3", datetime(2026, 11, 2, 0, 1, tzinfo=BEIJING), "partial"),
        attempt("01-one.c3", datetime(2026, 11, 1, 23, 59, tzinfo=BEIJING)),
    ]
    days = daily(attempts, NOW)
    assert len(days) == 30
    assert days[0].day.isoformat() == "2026-11-02" and days[-1].day.isoformat() == "2026-12-01"
    assert (days[-1].attempts, days[-1].correct, days[-1].accuracy) == (2, 1, 0.5)
    assert (days[-2].attempts, days[-2].accuracy) == (1, 1.0)
    assert (days[0].attempts, days[0].accuracy) == (1, 0.0)  # partial is not right
    assert days[1].accuracy is None  # no attempts: no accuracy (not 0 %)
    assert sum(d.attempts for d in days) == 4


def card(question: str, due: datetime) -> CardState:
    return CardState(question, "one", Card(card_id=hash(question) % 10**9, due=due), due)


def test_the_forecast_counts_overdue_cards_today_and_follows_local_days() -> None:
    cards = [
        card("a", NOW - timedelta(days=3)),  # overdue: today
        card("b", datetime(2026, 12, 1, 23, 30, tzinfo=BEIJING)),  # later today
        card("c", datetime(2026, 12, 1, 16, 30, tzinfo=UTC)),  # 00:30 on 2 December in Beijing
        card("d", datetime(2026, 12, 14, 12, 0, tzinfo=BEIJING)),  # the 14th day
        card("e", datetime(2026, 12, 15, 12, 0, tzinfo=BEIJING)),  # beyond the 14 days
    ]
    days = forecast(cards, NOW)
    assert len(days) == 14 and days[0].day == NOW.date()
    assert [d.due for d in days] == [2, 1] + [0] * 11 + [1]


def test_the_report_forecasts_only_cards_of_the_course(course: Course, store: Store) -> None:
    store.record(attempt("01-one.range", NOW - timedelta(days=10), rating=1))
    store.record(attempt("gone.question", NOW - timedelta(days=10), rating=1))  # not in the course
    store.record(attempt("01-one.c2", NOW - timedelta(minutes=1), rating=3))
    report = build_report(course, store, NOW)
    assert report.due_now == 1  # the failed card, due long ago
    # and the new Good one, in its first learning step (10 minutes): later today
    assert [d.due for d in report.forecast] == [2] + [0] * 13


def test_mistakes_made_most_often_with_their_explanation_and_latest_question(
    course: Course,
) -> None:
    t = NOW - timedelta(days=2)
    attempts = [
        attempt("01-one.c2", t, "incorrect", mistakes=("lstm.gate-tanh",)),
        attempt("01-one.c3", t + timedelta(minutes=1), "incorrect", mistakes=("lstm.gate-tanh",)),
        attempt(
            "01-one.range", t + timedelta(minutes=2), "incorrect", mistakes=("lstm.forgot-bias",)
        ),
        # the same mistake twice in one answer counts once
        attempt(
            "02-two.slope",
            t + timedelta(minutes=3),
            "incorrect",
            mistakes=("lstm.forgot-bias", "lstm.forgot-bias", "lstm.concat-order"),
        ),
        # ids the catalog does not know are left out
        *[attempt("01-one.c2", t, "incorrect", mistakes=("made.up",)) for _ in range(3)],
    ]
    rows = frequent_mistakes(course, attempts)
    # two each: the one made most recently first; then the one made once
    assert [r.mistake_id for r in rows] == [
        "lstm.forgot-bias",
        "lstm.gate-tanh",
        "lstm.concat-order",
    ]
    bias = rows[0]
    assert bias.count == 2
    assert (bias.title, bias.feedback) == (
        CATALOG["lstm.forgot-bias"].title,
        CATALOG["lstm.forgot-bias"].feedback,
    )
    assert (bias.question_id, bias.lesson_id, bias.resume) == (
        "02-two.slope",
        "two",
        "02-two.slope",
    )
    assert bias.last_at == t + timedelta(minutes=3)
    assert rows[1].question_id == "01-one.c3"
    assert len(frequent_mistakes(course, attempts, top=1)) == 1


def test_a_mistake_from_a_question_no_longer_in_the_course_cannot_be_practised(
    course: Course,
) -> None:
    rows = frequent_mistakes(
        course, [attempt("gone.q", NOW, "incorrect", mistakes=("lstm.forgot-bias",))]
    )
    assert rows[0].resume is None


def test_mock_interviews_latest_first_in_the_learners_time(course: Course, store: Store) -> None:
    first = store.start_mock(datetime(2026, 11, 20, 12, 0, tzinfo=UTC), 8, 3.0)
    store.finish_mock(first, datetime(2026, 11, 20, 12, 20, tzinfo=UTC), 0.625, 1200.0)
    store.start_mock(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), 6, 2.0)  # left before the end
    rows = build_report(course, store, NOW).mocks
    assert [(r.questions, r.finished) for r in rows] == [(6, False), (8, True)]
    assert rows[0].started_at.isoformat() == "2026-12-01T01:00:00+08:00"
    assert (rows[1].score, rows[1].seconds) == (0.625, 1200.0)


def test_default_or_personal_parameters_and_how_many_reviews_are_missing(
    course: Course, store: Store
) -> None:
    for days_ago in (3, 2, 1):  # three reviews of one card, a day apart: two usable
        store.record(attempt("01-one.range", NOW - timedelta(days=days_ago), rating=3))
    store.record(attempt("01-one.range", NOW - timedelta(hours=20), rating=3))  # < 24 h later
    params = build_report(course, store, NOW).parameters
    assert (params.personal, params.reviews, params.missing) == (
        False,
        2,
        OPTIMIZER_MINIMUM - 2,
    )
    store.set_parameters([0.5] * 21)
    assert build_report(course, store, NOW).parameters.personal


T0 = datetime(2026, 1, 1, 22, 0, tzinfo=UTC)


def log(card_id: int, at: datetime, rating: Rating = Rating.Good) -> ReviewLog:
    return ReviewLog(card_id=card_id, rating=rating, review_datetime=at, review_duration=None)


def test_usable_reviews_are_those_a_day_or_more_after_the_cards_previous_one() -> None:
    logs = [
        log(1, T0),  # a card's first review: never counted
        log(1, T0 + timedelta(hours=1)),  # the same day
        log(1, T0 + timedelta(hours=25)),  # 24 h after the previous one: counted
        log(1, T0 + timedelta(hours=47)),  # the next calendar day, but 22 h later: not counted
        log(2, T0 + timedelta(days=5)),  # out of order on purpose: sorted by time per card
        log(2, T0),
        log(3, T0),
    ]
    assert optimizable_reviews(logs) == 2
    # only a card's first 64 reviews are read
    many = [log(4, T0 + timedelta(days=2 * k)) for k in range(70)]
    assert optimizable_reviews(many) == 63


def test_the_count_matches_where_fsrs_optimizer_starts_fitting(monkeypatch) -> None:
    """511 usable reviews: the optimizer returns the defaults; 512: it starts fitting."""
    pytest.importorskip("torch")
    import fsrs.optimizer
    from fsrs.scheduler import DEFAULT_PARAMETERS

    class Fitting(Exception):
        pass

    def adam(*args: object, **kwargs: object) -> None:
        raise Fitting

    monkeypatch.setattr(fsrs.optimizer, "optim", SimpleNamespace(Adam=adam))  # stop right there
    step = timedelta(hours=25)
    logs = [
        log(c, T0 + k * step + timedelta(minutes=c), Rating.Good if k % 3 else Rating.Again)
        for c in range(1, 74)
        for k in range(8)
    ]  # 73 cards × 7 usable
    logs += [log(99, T0), log(99, T0 + timedelta(hours=23)), log(99, T0 + timedelta(hours=43))]
    assert optimizable_reviews(logs) == 511
    assert list(fsrs.optimizer.Optimizer(logs).compute_optimal_parameters()) == list(
        DEFAULT_PARAMETERS
    )
    logs.append(log(99, T0 + timedelta(days=4)))
    assert optimizable_reviews(logs) == 512
    with pytest.raises(Fitting):
        fsrs.optimizer.Optimizer(logs).compute_optimal_parameters()


def test_now_must_carry_a_time_zone(course: Course, store: Store) -> None:
    with pytest.raises(ValueError, match="timezone"):
        build_report(course, store, datetime(2026, 12, 1, 12, 0))
