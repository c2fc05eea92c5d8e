"""The learner's progress in SQLite: every attempt in its own transaction, as it is made.

The connection runs in autocommit mode and each write is one explicit `BEGIN IMMEDIATE`
transaction, so a process killed at any moment loses at most the write it was in, and two
copies of the app writing at once wait for each other (WAL, a busy timeout) instead of
failing or corrupting the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tutor.progress.records import Attempt, LessonStats, Level, parse_utc, utc

BUSY_TIMEOUT_MS = 10_000

_ATTEMPT_COLUMNS = (
    "question_id, lesson_id, kind, generator, seed, difficulty, answers, outcome, score, "
    "hints_used, solution_shown, seconds, answered_at, tutor_version, mistakes, rating, session"
)


class Store:
    """Progress kept in one SQLite file (or in memory when the file cannot be used).

    Open it with :func:`tutor.progress.open_store`, which also handles a missing, corrupt,
    newer or unwritable file. `path` is None for a store in memory (nothing is saved).
    One store may be used from several threads (the app grades in a worker thread): every
    call holds its lock.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None, version: str) -> None:
        self._db = connection
        self._lock = threading.RLock()
        self.path = path
        self.version = version

    @property
    def saving(self) -> bool:
        """Whether what is recorded outlives this process."""
        return self.path is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed as a whole, or not at all."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    # --- attempts --------------------------------------------------------------------------

    def record(self, attempt: Attempt, *, level: tuple[str, Level] | None = None) -> int:
        """Save an attempt (and the generator level it leads to) at once; return its id."""
        with self.transaction() as db:
            ident = insert_attempt(db, attempt, self.version)
            if level is not None:
                set_level(db, *level)
        return ident

    def attempts(
        self, *, lesson_id: str | None = None, question_id: str | None = None
    ) -> list[Attempt]:
        """Attempts in the order they were made, optionally of one lesson or question."""
        where, args = [], []
        if lesson_id is not None:
            where.append("lesson_id = ?")
            args.append(lesson_id)
        if question_id is not None:
            where.append("question_id = ?")
            args.append(question_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self.reading() as db:
            rows = db.execute(
                f"SELECT id, {_ATTEMPT_COLUMNS} FROM attempts {clause} ORDER BY id", args
            ).fetchall()
        return [_attempt(row) for row in rows]

    def count_attempts(self) -> int:
        with self.reading() as db:
            return int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])

    def lesson_stats(self) -> dict[str, LessonStats]:
        """Per lesson: attempts, right answers, questions tried and solved, time, last time."""
        with self.reading() as db:
            per_lesson = db.execute(
                "SELECT lesson_id, count(*), sum(outcome = 'correct'), sum(seconds), "
                "max(answered_at) FROM attempts GROUP BY lesson_id"
            ).fetchall()
            per_question = db.execute(
                "SELECT lesson_id, question_id, max(outcome = 'correct') FROM attempts "
                "GROUP BY lesson_id, question_id"
            ).fetchall()
        stats: dict[str, LessonStats] = {}
        for lesson, attempts, correct, seconds, last in per_lesson:
            stats[lesson] = LessonStats(
                lesson, attempts, int(correct), seconds=float(seconds), last_at=parse_utc(last)
            )
        tried: dict[str, set[str]] = {}
        solved: dict[str, set[str]] = {}
        for lesson, question, ever_right in per_question:
            tried.setdefault(lesson, set()).add(question)
            if ever_right:
                solved.setdefault(lesson, set()).add(question)
        return {
            lesson: LessonStats(
                lesson,
                s.attempts,
                s.correct,
                frozenset(tried.get(lesson, ())),
                frozenset(solved.get(lesson, ())),
                s.seconds,
                s.last_at,
            )
            for lesson, s in stats.items()
        }

    # --- generator levels ------------------------------------------------------------------

    def level(self, generator: str) -> Level:
        with self.reading() as db:
            row = db.execute(
                "SELECT difficulty, streak FROM levels WHERE generator = ?", (generator,)
            ).fetchone()
        return Level(*row) if row else Level()

    # --- small state: language, where the learner was, settings ----------------------------

    def get(self, key: str, default: Any = None) -> Any:
        with self.reading() as db:
            row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def put(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )


def insert_attempt(db: sqlite3.Connection, attempt: Attempt, version: str) -> int:
    cursor = db.execute(
        f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt.question_id,
            attempt.lesson_id,
            attempt.kind,
            attempt.generator,
            attempt.seed,
            attempt.difficulty,
            json.dumps(dict(attempt.answers), ensure_ascii=False),
            attempt.outcome,
            attempt.score,
            attempt.hints_used,
            int(attempt.solution_shown),
            attempt.seconds,
            utc(attempt.answered_at),
            attempt.tutor_version or version,
            json.dumps(list(attempt.mistakes)),
            attempt.rating,
            attempt.session,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def set_level(db: sqlite3.Connection, generator: str, level: Level) -> None:
    db.execute(
        "INSERT INTO levels (generator, difficulty, streak) VALUES (?, ?, ?) "
        "ON CONFLICT (generator) DO UPDATE SET difficulty = excluded.difficulty, "
        "streak = excluded.streak",
        (generator, level.difficulty, level.streak),
    )


def _attempt(row: tuple[Any, ...]) -> Attempt:
    (ident, question, lesson, kind, generator, seed, difficulty, answers, outcome, score,
     hints, solution, seconds, at, version, mistakes, rating, session) = row  # fmt: skip
    return Attempt(
        question_id=question,
        lesson_id=lesson,
        kind=kind,
        answers=json.loads(answers),
        outcome=outcome,
        score=score,
        seconds=seconds,
        answered_at=parse_utc(at),
        hints_used=hints,
        solution_shown=bool(solution),
        generator=generator,
        seed=seed,
        difficulty=difficulty,
        mistakes=tuple(json.loads(mistakes)),
        rating=rating,
        session=session,
        tutor_version=version,
        id=ident,
    )
