"""Set up a plain-mode session (a lesson's practice, the review queue, a mock interview) and
run it on stdin/stdout."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

import numpy as np

from tutor.course import Course
from tutor.i18n import Lang, Text
from tutor.plain.quiz import PlainQuiz
from tutor.plain.strings import P
from tutor.progress import Store
from tutor.study.plan import Slot, slots
from tutor.study.practice import Practice
from tutor.study.words import W


def now() -> datetime:
    """The learner's own time (their days decide streaks and the daily new items)."""
    return datetime.now().astimezone()


@dataclass
class Terminal:
    """Where a plain session reads and writes, and what it needs besides the store."""

    store: Store
    lang: Lang
    seed: int | None = None
    stdin: TextIO | None = None
    stdout: TextIO | None = None
    clock: Callable[[], datetime] = now

    def run(
        self,
        plan: list[Slot],
        title: Text,
        *,
        kind: str = "practice",
        mock_id: int | None = None,
        minutes: float | None = None,
        after: Callable[[PlainQuiz], None] | None = None,
    ) -> int:
        """The session over `plan`, with its own sympy worker, line by line."""
        from tutor.answers import SymbolicWorker

        with SymbolicWorker() as worker:
            practice = Practice(
                plan, self.store, np.random.default_rng(self.seed), self.clock, worker=worker,
                session=kind, adapt_levels=kind == "practice", mock_id=mock_id,
            )  # fmt: skip
            out, lines = self.stdout or sys.stdout, iter(self.stdin or sys.stdin)
            quiz = PlainQuiz(practice, title, self.lang, out, lines, minutes=minutes)
            code = quiz.run()
            if after is not None:
                after(quiz)
            return code


def run_plain(course: Course, lesson_id: str, terminal: Terminal) -> int:
    lesson = course.lesson(lesson_id)
    number = course.lessons.index(lesson) + 1
    return terminal.run(slots(lesson), W.practice_title.format(number=number, title=lesson.title))


def run_plain_review(course: Course, terminal: Terminal) -> int:
    """The review queue (due cards, then the day's new items) line by line."""
    from tutor.study.review import in_words, next_review_after, plan_review

    def next_review(quiz: PlainQuiz) -> None:
        words = in_words(next_review_after(terminal.store, terminal.clock()), terminal.clock())
        when = quiz.t(P.review_next, when=f"{words[1]} {words[0]}") if words else None
        quiz.say(when or quiz.t(P.review_none))

    plan = plan_review(course, terminal.store, terminal.clock())
    return terminal.run(list(plan.slots), W.review_title, kind="review", after=next_review)


def run_plain_mock(course: Course, terminal: Terminal, *, questions: int, minutes: float) -> int:
    """A mock interview line by line: an answer after the item's time counts as timed out."""
    from tutor.study.mock import finish, plan_mock
    from tutor.study.standing import dashboard

    store, clock = terminal.store, terminal.clock
    rng = np.random.default_rng(terminal.seed)
    plan = plan_mock(course, dashboard(course, store, clock()).mastery, rng, questions)
    mock_id = store.start_mock(clock(), len(plan), minutes)

    def summary(quiz: PlainQuiz) -> None:
        result = finish(store, mock_id, plan, clock())
        weakest = ", ".join(course.lesson(lid).title(terminal.lang) for lid in result.weakest[:3])
        minutes_taken = round(result.seconds / 60)
        quiz.say(quiz.t(P.mock_result, score=result.score, minutes=minutes_taken, weakest=weakest))

    return terminal.run(
        plan, W.mock_title, kind="mock", mock_id=mock_id, minutes=minutes, after=summary
    )
