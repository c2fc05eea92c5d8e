"""What the store keeps and gives back: plain, immutable records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

Outcome = Literal["correct", "partial", "incorrect", "revealed", "timed-out"]
OUTCOMES: tuple[Outcome, ...] = ("correct", "partial", "incorrect", "revealed", "timed-out")


@dataclass(frozen=True)
class Attempt:
    """One counted answer to one item (invalid input is never recorded).

    `answers` maps each cell (or "choice", "text" for choice and recall items) to what the
    learner typed. "revealed" means the worked solution or the answer was shown before the
    item was solved; "timed-out", that a mock interview's time for it ran out.
    `answered_at` is timezone-aware (stored in UTC). `rating` is the FSRS rating (1 Again …
    4 Easy) the attempt gave the item's card, None when it did not review the card.
    """

    question_id: str
    lesson_id: str
    kind: str
    answers: Mapping[str, str]
    outcome: Outcome
    score: float
    seconds: float
    answered_at: datetime
    hints_used: int = 0
    solution_shown: bool = False
    generator: str | None = None
    seed: int | None = None
    difficulty: int | None = None
    mistakes: tuple[str, ...] = ()
    rating: int | None = None
    session: str = "practice"
    mock_id: int | None = None
    tutor_version: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], not {self.score!r}")
        if self.answered_at.tzinfo is None:
            raise ValueError("answered_at must be timezone-aware")


@dataclass(frozen=True)
class LessonStats:
    """What has been practised in one lesson."""

    lesson_id: str
    attempts: int = 0
    correct: int = 0
    questions: frozenset[str] = field(default_factory=frozenset)  # ids answered at least once
    solved: frozenset[str] = field(default_factory=frozenset)  # ids answered right at least once
    seconds: float = 0.0
    last_at: datetime | None = None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class Mock:
    """One mock interview: when, how many questions, the time allowed, the result."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    questions: int
    minutes: float
    score: float
    seconds: float


@dataclass(frozen=True)
class Level:
    """A generator's adaptive difficulty and the run of results at that level."""

    difficulty: int = 1
    streak: int = 0


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
