"""Set up a plain-mode session (a lesson's practice, the review queue, a mock interview) and
run it on stdin/stdout."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

import numpy as np

from tutor.course import Course
from tutor.i18n import Lang, Text
from tutor.plain.quiz import PlainQuiz
from tutor.plain.strings import P
from tutor.progress import Store
from tutor.study.plan import slots
from tutor.study.practice import Practice

TITLE = Text("练习 · 第 {number} 课：{title}", "Practice · lesson {number}: {title}")
REVIEW_TITLE = Text("复习", "Review")
MOCK_TITLE = Text("模拟面试", "Mock interview")


def _quiz(
    practice: Practice, title: Text, lang: Lang, stdin: TextIO | None, stdout: TextIO | None, **kw
) -> PlainQuiz:
    return PlainQuiz(practice, title, lang, stdout or sys.stdout, iter(stdin or sys.stdin), **kw)


def run_plain(
    course: Course,
    lesson_id: str,
    store: Store,
    *,
    lang: Lang,
    seed: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    from tutor.answers import SymbolicWorker

    lesson = course.lesson(lesson_id)
    with SymbolicWorker() as worker:
        practice = Practice(
            slots(lesson), store, rng=np.random.default_rng(seed), clock=_now, worker=worker
        )
        number = course.lessons.index(lesson) + 1
        title = TITLE.format(number=number, title=lesson.title)
        return _quiz(practice, title, lang, stdin, stdout).run()


def run_plain_review(
    course: Course,
    store: Store,
    *,
    lang: Lang,
    seed: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """The review queue (due cards, then the day's new items) line by line."""
    from tutor.answers import SymbolicWorker
    from tutor.study.review import in_words, next_review_after, plan_review

    clock = _now
    with SymbolicWorker() as worker:
        plan = plan_review(course, store, clock())
        practice = Practice(
            list(plan.slots), store, np.random.default_rng(seed), clock, worker=worker,
            session="review", adapt_levels=False,
        )  # fmt: skip
        quiz = _quiz(practice, REVIEW_TITLE, lang, stdin, stdout)
        code = quiz.run()
        words = in_words(next_review_after(store, clock()), clock())
        quiz.say(
            quiz.t(P.review_next, when=f"{words[1]} {words[0]}") if words else quiz.t(P.review_none)
        )
        return code


def run_plain_mock(
    course: Course,
    store: Store,
    *,
    lang: Lang,
    questions: int,
    minutes: float,
    seed: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """A mock interview line by line: an answer after the item's time counts as timed out."""
    from tutor.answers import SymbolicWorker
    from tutor.study.mock import finish, plan_mock
    from tutor.study.standing import dashboard

    clock = _now
    rng = np.random.default_rng(seed)
    slots = plan_mock(course, dashboard(course, store, clock()).mastery, rng, questions)
    mock_id = store.start_mock(clock(), len(slots), minutes)
    with SymbolicWorker() as worker:
        practice = Practice(
            slots, store, rng, clock, worker=worker, session="mock", adapt_levels=False,
            mock_id=mock_id,
        )  # fmt: skip
        quiz = _quiz(practice, MOCK_TITLE, lang, stdin, stdout, minutes=minutes)
        code = quiz.run()
        summary = finish(store, mock_id, slots, clock())
        weakest = ", ".join(course.lesson(lid).title(lang) for lid in summary.weakest[:3])
        quiz.say(
            quiz.t(P.mock_result, score=summary.score, minutes=round(summary.seconds / 60), weakest=weakest)
        )
        return code


def _now() -> datetime:
    return datetime.now().astimezone()
