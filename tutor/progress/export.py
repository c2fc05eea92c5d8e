"""The store as data for other tools: attempts as JSON-able rows or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from tutor.progress.records import Attempt, utc

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


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Rows as CSV with a header; lists and mappings as JSON in their cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
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
