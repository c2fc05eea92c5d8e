"""The FSRS rating an attempt gives its card: automatic for answers the tutor grades, the
learner's own for recall cards (and a mock interview's spoken answers).

- wrong, a solution shown before solving, or a mock's time run out: Again;
- right after a hint, or partly right: Hard;
- right without hints and faster than the learner's median for that kind of item: Easy;
- right: Good.
"""

from __future__ import annotations

from statistics import median

from tutor.progress import Outcome

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
#: Right answers of a kind needed before "faster than your median" can mean anything.
MIN_HISTORY = 5


def auto_rating(
    outcome: Outcome,
    *,
    hints_used: int,
    solution_shown: bool,
    seconds: float,
    earlier_seconds: list[float],
) -> int:
    """The rating of a graded attempt; `earlier_seconds`: the learner's earlier right answers
    of the same kind (only their median is used)."""
    if outcome in ("incorrect", "revealed", "timed-out") or solution_shown:
        return AGAIN
    if outcome == "partial" or hints_used:
        return HARD
    if len(earlier_seconds) >= MIN_HISTORY and seconds < median(earlier_seconds):
        return EASY
    return GOOD
