"""Review cards: one FSRS card per question id, scheduled by the `fsrs` package.

The scheduler's parameters are the package's defaults until the learner's own history has
been fitted (`lstm-tutor review --optimize`); then the fitted ones, kept in the store.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

from fsrs import Card, Rating, ReviewLog, Scheduler

from tutor.progress.records import parse_utc, utc

PARAMETERS_KEY = "fsrs_parameters"  # state: the fitted parameters, absent for the defaults
#: What the learner can hold: a card is "mastered" when its recall probability is this high.
DESIRED_RETENTION = 0.9


def card_id(question_id: str) -> int:
    """A stable integer for a question id (fsrs cards and review logs are keyed by ints)."""
    return int.from_bytes(hashlib.sha1(question_id.encode()).digest()[:6], "big")


@dataclass(frozen=True)
class CardState:
    """A question's card as stored: the fsrs card, its lesson, when it was first reviewed."""

    question_id: str
    lesson_id: str
    card: Card
    introduced_at: datetime

    @property
    def due(self) -> datetime:
        return self.card.due


def scheduler(parameters: list[float] | None, *, fuzz: bool = True) -> Scheduler:
    """The scheduler with the learner's parameters (or the defaults)."""
    if parameters is None:
        return Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=fuzz)
    return Scheduler(parameters, desired_retention=DESIRED_RETENTION, enable_fuzzing=fuzz)


def load_parameters(db: sqlite3.Connection) -> list[float] | None:
    row = db.execute("SELECT value FROM state WHERE key = ?", (PARAMETERS_KEY,)).fetchone()
    return None if row is None else [float(x) for x in json.loads(row[0])]


def load_card(db: sqlite3.Connection, question_id: str) -> CardState | None:
    row = db.execute(
        "SELECT question_id, lesson_id, card, introduced_at FROM cards WHERE question_id = ?",
        (question_id,),
    ).fetchone()
    return None if row is None else card_state(row)


def card_state(row: tuple[str, str, str, str]) -> CardState:
    question, lesson, card, introduced = row
    return CardState(question, lesson, Card.from_json(card), parse_utc(introduced))


def review(
    db: sqlite3.Connection,
    question_id: str,
    lesson_id: str,
    rating: int,
    at: datetime,
    *,
    attempt_id: int | None,
    duration_ms: int | None,
    fuzz: bool,
) -> CardState:
    """Review (or introduce) the question's card; call inside the attempt's transaction."""
    at = at.astimezone(UTC)  # fsrs takes UTC times only
    known = load_card(db, question_id)
    card = known.card if known else Card(card_id=card_id(question_id), due=at)
    introduced = known.introduced_at if known else at
    schedule = scheduler(load_parameters(db), fuzz=fuzz)
    card, log = schedule.review_card(card, Rating(rating), at, duration_ms)
    db.execute(
        "INSERT INTO cards (question_id, lesson_id, card, due, introduced_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET "
        "lesson_id = excluded.lesson_id, card = excluded.card, due = excluded.due",
        (question_id, lesson_id, card.to_json(), utc(card.due), utc(introduced)),
    )
    db.execute(
        "INSERT INTO review_logs (question_id, attempt_id, rating, reviewed_at, log) "
        "VALUES (?, ?, ?, ?, ?)",
        (question_id, attempt_id, rating, utc(at), log.to_json()),
    )
    return CardState(question_id, lesson_id, card, introduced)


def review_logs(db: sqlite3.Connection) -> list[ReviewLog]:
    return [ReviewLog.from_json(row[0]) for row in db.execute("SELECT log FROM review_logs ORDER BY id")]


#: fsrs 6's Optimizer returns the default parameters below this many reviews that count.
OPTIMIZER_MINIMUM = 512
#: It reads at most this many reviews of each card (fsrs.optimizer's max_seq_len).
OPTIMIZER_SEQUENCE = 64


def optimizable_reviews(logs: list[ReviewLog]) -> int:
    """How many reviews the optimizer learns from: per card, in time order, within its first
    OPTIMIZER_SEQUENCE reviews, those a whole day or more after the card's previous review
    (what fsrs.optimizer counts before it decides to fit)."""
    by_card: dict[int, list[datetime]] = {}
    for log in logs:
        by_card.setdefault(log.card_id, []).append(log.review_datetime)
    count = 0
    for times in by_card.values():
        times = sorted(times)[:OPTIMIZER_SEQUENCE]
        count += sum((later - earlier).days > 0 for earlier, later in pairwise(times))
    return count


def fit_parameters(logs: list[ReviewLog]) -> list[float]:
    """The learner's own parameters, fitted by fsrs's Optimizer (torch, pandas: loaded here)."""
    from fsrs.optimizer import Optimizer

    return [float(x) for x in Optimizer(logs).compute_optimal_parameters()]
