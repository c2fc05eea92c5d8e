"""Helpers the forward-pass families share: rounded draws, sizes, mistake screening, text.

Every given is drawn already rounded to what the learner sees, so the answers computed from
it are exact for the displayed numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from tutor.course.model import Text
from tutor.exercises.display import format_value
from tutor.exercises.model import Degenerate

#: Decimals of every given (weights are drawn with one, states and inputs with two).
GIVEN = 2
#: Decimals the answer cells ask for, unless a family says otherwise.
ANSWER = 4


def signed(
    rng: np.random.Generator,
    high: float,
    shape: int | tuple[int, ...] = (),
    *,
    low: float = 0.0,
    decimals: int = GIVEN,
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
    decimals: int = GIVEN,
) -> Any:
    """Values uniform in [low, high], rounded (a float for shape ())."""
    return _rounded(rng.uniform(low, high, shape), decimals)


def _rounded(values: np.ndarray, decimals: int) -> Any:
    out = np.round(values, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return float(out) if np.ndim(out) == 0 else out


def plain(value: Any) -> Any:
    """A one-entry array as a number (a scalar exercise), anything longer as an array."""
    array = np.asarray(value, dtype=float)
    return float(array.reshape(())) if array.size == 1 else array


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


def screen(expected: Any, mistakes: Mapping[str, Any], decimals: int) -> dict[str, Any]:
    """The mistakes, checked to be diagnosable; raise Degenerate if one is not.

    Typed at `decimals`, a mistake's value must be told apart from the answer and from every
    other mistake: each entry either equals the answer or differs by clearly more than the
    tolerance (no entry in between), at least one entry differs, and no other mistake
    explains all of the entries this one gets wrong. Whole numbers asked as whole numbers
    (decimals 0) are typed exactly, so there a difference of 1 is already clear.
    """
    want = np.asarray(expected, dtype=float).ravel()
    clear = 2.0 * 10.0**-decimals
    if decimals == 0 and all(_whole(v) for v in (expected, *mistakes.values())):
        clear = 0.5
    wrong: dict[str, np.ndarray] = {}
    for key, value in mistakes.items():
        got = np.asarray(value, dtype=float).ravel()
        if got.shape != want.shape or not np.all(np.isfinite(got)):
            raise ValueError(f"mistake {key}: shape {got.shape}, expected {want.shape}")
        gap = np.abs(got - want)
        reject_if(np.any((gap > 1e-9) & (gap <= clear)) or not np.any(gap > clear))
        wrong[key] = gap > clear
    for a, b in ((a, b) for a in mistakes for b in mistakes if a != b):
        gap = np.abs(np.ravel(mistakes[a]) - np.ravel(mistakes[b]))
        reject_if(not np.any(gap[wrong[a]] > clear))
    return dict(mistakes)


def _whole(value: Any) -> bool:
    array = np.asarray(value, dtype=float)
    return bool(np.all(np.isfinite(array)) and np.all(array == np.round(array)))


def answer_decimals(value: Any, *, least: int = ANSWER, digits: int = 3) -> int:
    """Enough decimals to show `digits` significant digits of the smallest entry (≥ `least`)."""
    smallest = float(np.min(np.abs(value)))
    if smallest == 0.0:
        return least
    return max(least, digits - 1 - math.floor(math.log10(smallest)))


def fmt(value: Any, decimals: int = ANSWER) -> str:
    """A number, vector or matrix as the learner types it."""
    return format_value(value, decimals)


def term(value: float, decimals: int = GIVEN) -> str:
    """A number inside a sum: negatives in brackets, 0.30×(−0.20)."""
    text = fmt(value, decimals)
    return f"({text})" if text.startswith("-") else text


def expansion(
    row: Sequence[float], inputs: Sequence[float], bias: float | None, decimals: int = GIVEN
) -> str:
    """w₁×v₁ + w₂×v₂ + … + b, the inputs at `decimals` (given: 2; computed earlier: 4)."""
    terms = [f"{term(w)}×{term(v, decimals)}" for w, v in zip(row, inputs, strict=True)]
    if bias is not None:
        terms.append(term(bias))
    return " + ".join(terms)


def to_decimals(decimals: int) -> Text:
    """ "to N decimals", for prompts."""
    return Text(f"保留 {decimals} 位小数", f"to {decimals} decimals")


def sizes_text(H: int, D: int | None = None) -> Text:
    """The sizes as a prompt states them (D left out for exercises without weights)."""
    if H == 1 and D in (1, None):
        return (
            Text("标量", "scalars")
            if D is None
            else Text("标量，$H = D = 1$", "scalars, $H = D = 1$")
        )
    if D is None:
        return Text(f"$H = {H}$", f"$H = {H}$")
    return Text(f"$H = {H}$，$D = {D}$", f"$H = {H}$, $D = {D}$")
