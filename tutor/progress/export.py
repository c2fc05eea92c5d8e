"""The store as data for other tools: attempts, cards and mock interviews as JSON-able rows
or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tutor.progress.records import Attempt, Mock, utc

if TYPE_CHECKING:
    from tutor.progress.cards import CardState

FIELDS = (
    "id", "answered_at", "lesson_id", "question_id", "kind", "generator", "seed", "difficulty",
    "outcome", "score", "hints_used", "solution_shown", "seconds", "rating", "mistakes",
    "session", "answers", "tutor_version",
)  # fmt: skip


def attempt_row(attempt: Attempt) -> dict[str, Any]:
    """One attempt as plain JSON values (times in UTC, ISO 8601)."""
    return {
        "id": attempt.id,
        "answered_at": utc(attempt.answered_at),
        "lesson_id": attempt.lesson_id,
        "question_id": attempt.question_id,
        "kind": attempt.kind,
        "generator": attempt.generator,
        "seed": attempt.seed,
        "difficulty": attempt.difficulty,
        "outcome": attempt.outcome,
        "score": attempt.score,
        "hints_used": attempt.hints_used,
        "solution_shown": attempt.solution_shown,
        "seconds": round(attempt.seconds, 3),
        "rating": attempt.rating,
        "mistakes": list(attempt.mistakes),
        "session": attempt.session,
        "answers": dict(attempt.answers),
        "tutor_version": attempt.tutor_version,
    }


CARD_FIELDS = (
    "question_id", "lesson_id", "due", "state", "step", "stability", "difficulty", "reps",
    "last_review", "introduced_at",
)  # fmt: skip
MOCK_FIELDS = ("id", "started_at", "finished_at", "questions", "minutes", "score", "seconds")


def card_row(card: CardState, reps: int) -> dict[str, Any]:
    """One review card: its FSRS state, and `reps` reviews so far (from the review logs)."""
    fsrs_card = card.card
    last = fsrs_card.last_review
    return {
        "question_id": card.question_id,
        "lesson_id": card.lesson_id,
        "due": utc(fsrs_card.due),
        "state": fsrs_card.state.name.lower(),  # learning, review, relearning
        "step": fsrs_card.step,
        "stability": fsrs_card.stability,
        "difficulty": fsrs_card.difficulty,
        "reps": reps,
        "last_review": utc(last) if last else None,
        "introduced_at": utc(card.introduced_at),
    }


def mock_row(mock: Mock) -> dict[str, Any]:
    return {
        "id": mock.id,
        "started_at": utc(mock.started_at),
        "finished_at": utc(mock.finished_at) if mock.finished_at else None,  # None: left early
        "questions": mock.questions,
        "minutes": mock.minutes,
        "score": mock.score,
        "seconds": round(mock.seconds, 3),
    }


def to_csv(rows: Iterable[dict[str, Any]], fields: Sequence[str] = FIELDS) -> str:
    """Rows as CSV with a header; lists and mappings as JSON in their cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False)
                if isinstance(value, list | dict)
                else value
                for key, value in row.items()
            }
        )
    return out.getvalue()
