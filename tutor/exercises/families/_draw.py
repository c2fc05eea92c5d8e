"""Seeded draws for exercises, rounded to what the learner sees, and the rejection of draws
that teach nothing.

Every given is drawn already rounded to the decimals it is shown with, so the answers
computed from it are exact for the displayed numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tutor.exercises.model import Degenerate

#: Decimals of a drawn given, unless a family says otherwise (weights are drawn with one).
GIVEN_DECIMALS = 2
#: A pre-activation beyond ±4 makes a gate nearly 0 or 1 (σ(4) = 0.982): it teaches nothing.
SATURATED = 4.0


def signed(
    rng: np.random.Generator,
    high: float,
    shape: int | tuple[int, ...] = (),
    *,
    low: float = 0.0,
    decimals: int = GIVEN_DECIMALS,
) -> Any:
    """Values with |v| uniform in [low, high] and a random sign, rounded (a float for shape ())."""
    magnitude = rng.uniform(low, high, shape)
    sign = rng.choice([-1.0, 1.0], size=shape)
    return _rounded(magnitude * sign, decimals)


def between(
    rng: np.random.Generator,
    low: float,
    high: float,
    shape: int | tuple[int, ...] = (),
    *,
    decimals: int = GIVEN_DECIMALS,
) -> Any:
    """Values uniform in [low, high], rounded (a float for shape ())."""
    return _rounded(rng.uniform(low, high, shape), decimals)


def _rounded(values: np.ndarray, decimals: int) -> Any:
    out = np.round(values, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return float(out) if np.ndim(out) == 0 else out


def sizes(rng: np.random.Generator, difficulty: int) -> tuple[int, int]:
    """(H, D): scalars at difficulty 1, H = 2 with D = 2 or 3 at 2, H = 3 with D = 2 at 3."""
    if difficulty == 1:
        return 1, 1
    if difficulty == 2:
        return 2, int(rng.choice([2, 3]))
    return 3, 2


def units(rng: np.random.Generator, difficulty: int) -> int:
    """H alone, for exercises without weights: 1, then 2 or 3, then 3."""
    return {1: 1, 2: int(rng.choice([2, 3]))}.get(difficulty, 3)


def reject_if(condition: Any) -> None:
    """Throw the draw away (the registry draws again)."""
    if bool(condition):
        raise Degenerate


def reject_saturated(*preacts: Any) -> None:
    """Throw the draw away if any pre-activation saturates its gate."""
    reject_if(any(np.any(np.abs(z) > SATURATED) for z in preacts))
