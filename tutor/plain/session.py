"""Set up a plain-mode practice session on a lesson and run it on stdin/stdout."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TextIO

import numpy as np

from tutor.course import Course
from tutor.i18n import Lang, Text
from tutor.plain.quiz import PlainQuiz
from tutor.progress import Store
from tutor.study.plan import slots
from tutor.study.practice import Practice

TITLE = Text("练习 · 第 {number} 课：{title}", "Practice · lesson {number}: {title}")


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
            slots(lesson),
            store,
            rng=np.random.default_rng(seed),
            clock=lambda: datetime.now(UTC),
            worker=worker,
        )
        number = course.lessons.index(lesson) + 1
        title = TITLE.format(number=number, title=lesson.title)
        quiz = PlainQuiz(practice, title, lang, stdout or sys.stdout, iter(stdin or sys.stdin))
        return quiz.run()
