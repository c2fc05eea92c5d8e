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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.progress.records import Attempt, LessonStats, Level, Mock, parse_utc, utc

if TYPE_CHECKING:
    from fsrs import ReviewLog

    from tutor.progress.cards import CardState

BUSY_TIMEOUT_MS = 10_000

_ATTEMPT_COLUMNS = (
    "question_id, lesson_id, kind, generator, seed, difficulty, answers, outcome, score, "
    "hints_used, solution_shown, seconds, answered_at, tutor_version, mistakes, rating, session, "
    "mock_id"
)


class Store:
    """Progress kept in one SQLite file (or in memory when the file cannot be used).

    Open it with :func:`tutor.progress.open_store`, which also handles a missing, corrupt,
    newer or unwritable file. `path` is None for a store in memory (nothing is saved).
    One store may be used from several threads (the app grades in a worker thread): every
    call holds its lock.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path | None, version: str, *, fuzz: bool = True
    ) -> None:
        self._db = connection
        self._lock = threading.RLock()
        self.path = path
        self.version = version
        self.fuzz = fuzz  # FSRS spreads due dates a little; tests turn it off for exact dates

    @property
    def saving(self) -> bool:
        """Whether what is recorded outlives this process."""
        return self.path is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def intact(self) -> bool:
        """SQLite's check of every page of the file (quick_check)."""
        with self.reading() as db:
            try:
                return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            except sqlite3.DatabaseError:
                return False

    def attach(self, connection: sqlite3.Connection) -> None:
        """Go on with another connection (a fresh file after a damaged one was moved aside)."""
        with self._lock:
            self._db = connection

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
        """Save an attempt at once, with what it leads to in the same transaction: the
        generator's level, and (when `attempt.rating` is set) its card's next review."""
        with self.transaction() as db:
            ident = insert_attempt(db, attempt, self.version)
            if level is not None:
                set_level(db, *level)
            if attempt.rating is not None:
                from tutor.progress.cards import review  # fsrs: not on the home screen's path

                review(
                    db,
                    attempt.question_id,
                    attempt.lesson_id,
                    attempt.rating,
                    attempt.answered_at,
                    attempt_id=ident,
                    duration_ms=round(attempt.seconds * 1000),
                    fuzz=self.fuzz,
                )
        return ident

    def attempts(
        self,
        *,
        lesson_id: str | None = None,
        question_id: str | None = None,
        mock_id: int | None = None,
    ) -> list[Attempt]:
        """Attempts in the order they were made, optionally of one lesson, question or mock."""
        where: list[str] = []
        args: list[object] = []
        if mock_id is not None:
            where.append("mock_id = ?")
            args.append(mock_id)
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

    def right_seconds(self, kind: str) -> list[float]:
        """How long each right answer to an item of `kind` took (for "faster than usual")."""
        with self.reading() as db:
            rows = db.execute(
                "SELECT seconds FROM attempts WHERE kind = ? AND outcome = 'correct' "
                "AND hints_used = 0",
                (kind,),
            ).fetchall()
        return [float(row[0]) for row in rows]

    def streak(self, now: datetime) -> int:
        """Days in a row with at least one attempt, ending today or yesterday (in `now`'s
        time zone: the learner's days)."""
        offset = now.utcoffset()
        shift = f"{int(offset.total_seconds()) if offset else 0:+d} seconds"
        with self.reading() as db:
            rows = db.execute(
                "SELECT DISTINCT date(answered_at, ?) AS day FROM attempts ORDER BY day DESC",
                (shift,),
            ).fetchall()
        days = {date.fromisoformat(row[0]) for row in rows}
        today = now.date()
        day = today if today in days else today - timedelta(days=1)
        count = 0
        while day in days:
            count += 1
            day -= timedelta(days=1)
        return count

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

    # --- review cards (fsrs) ---------------------------------------------------------------

    def cards(self) -> dict[str, CardState]:
        """Every question's card, by question id."""
        from tutor.progress.cards import card_state

        with self.reading() as db:
            rows = db.execute(
                "SELECT question_id, lesson_id, card, introduced_at FROM cards"
            ).fetchall()
        return {row[0]: card_state(row) for row in rows}

    def due_count(self, now: datetime) -> int:
        """How many cards are due at `now` (cheap: the home screen asks at startup)."""
        with self.reading() as db:
            row = db.execute("SELECT count(*) FROM cards WHERE due <= ?", (utc(now),)).fetchone()
        return int(row[0])

    def introduced_since(self, moment: datetime) -> int:
        """Cards first reviewed at or after `moment` (the day's new items)."""
        with self.reading() as db:
            row = db.execute(
                "SELECT count(*) FROM cards WHERE introduced_at >= ?", (utc(moment),)
            ).fetchone()
        return int(row[0])

    def review_logs(self) -> list[ReviewLog]:
        from tutor.progress.cards import review_logs

        with self.reading() as db:
            return review_logs(db)

    def parameters(self) -> list[float] | None:
        """The learner's fitted FSRS parameters, or None while the defaults are used."""
        from tutor.progress.cards import load_parameters

        with self.reading() as db:
            return load_parameters(db)

    def set_parameters(self, parameters: list[float] | None) -> None:
        from tutor.progress.cards import PARAMETERS_KEY

        with self.transaction() as db:
            if parameters is None:
                db.execute("DELETE FROM state WHERE key = ?", (PARAMETERS_KEY,))
            else:
                db.execute(
                    "INSERT INTO state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (PARAMETERS_KEY, json.dumps([float(x) for x in parameters])),
                )

    # --- mock interviews -------------------------------------------------------------------

    def start_mock(self, started_at: datetime, questions: int, minutes: float) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO mocks (started_at, questions, minutes) VALUES (?, ?, ?)",
                (utc(started_at), questions, minutes),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_mock(self, mock_id: int, finished_at: datetime, score: float, seconds: float) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE mocks SET finished_at = ?, score = ?, seconds = ? WHERE id = ?",
                (utc(finished_at), score, seconds, mock_id),
            )

    def mocks(self) -> list[Mock]:
        """Every mock interview, the latest first."""
        with self.reading() as db:
            rows = db.execute(
                "SELECT id, started_at, finished_at, questions, minutes, score, seconds "
                "FROM mocks ORDER BY id DESC"
            ).fetchall()
        return [
            Mock(i, parse_utc(s), parse_utc(f) if f else None, q, m, score, sec)
            for i, s, f, q, m, score, sec in rows
        ]

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
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            attempt.mock_id,
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
     hints, solution, seconds, at, version, mistakes, rating, session, mock) = row  # fmt: skip
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
        mock_id=mock,
        tutor_version=version,
        id=ident,
    )
