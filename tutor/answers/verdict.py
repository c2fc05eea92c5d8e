"""What a check returns (Verdict) and what the preview shows (Preview)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.i18n import Text

from . import messages
from .mistakes import lookup

Outcome = Literal["correct", "partial", "incorrect", "invalid"]


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer.

    `feedback` is in both languages. An "invalid" answer (not understood, wrong shape) is
    never counted as an attempt; `error_pos` then says where in the text the problem is.
    `wrong_elements` are flat (row-major) indices of the wrong entries of a vector or matrix,
    `expected_shape` the shape a numeric answer should have (() for a single number);
    `alternative_elements` those right only through check_numbers' `alternative` range.
    """

    outcome: Outcome
    score: float
    feedback: Text
    mistake: str | None = None
    wrong_elements: tuple[int, ...] | None = None
    expected_shape: tuple[int, ...] | None = None
    error_pos: int | None = None
    alternative_elements: tuple[int, ...] = ()

    @property
    def counted(self) -> bool:
        """Whether this is a real attempt (invalid input never counts against the learner)."""
        return self.outcome != "invalid"


@dataclass(frozen=True)
class Preview:
    """What the tutor shows while the learner types; never whether the answer is right.

    `text` is the answer as understood (o⋅(1 − tanh²(C))), or the input with a caret line under
    the problem and the message (in the language asked for); `message` is the error in both
    languages.
    """

    ok: bool
    text: str
    error_pos: int | None = None
    message: Text | None = None


def correct(note: str = "correct", **extra: object) -> Verdict:
    return Verdict("correct", 1.0, messages.text(note), **extra)  # type: ignore[arg-type]


def invalid(texts: Text, pos: int | None = None, **extra: object) -> Verdict:
    return Verdict("invalid", 0.0, texts, error_pos=pos, **extra)  # type: ignore[arg-type]


def with_mistake(base: Text, mistake_id: str | None) -> Text:
    """Append the catalog's feedback for `mistake_id` to a verdict's feedback."""
    if mistake_id is None:
        return base
    return messages.join(base, lookup(mistake_id).feedback)
