"""Equivalence by evaluation at random points: fast, pure Python, decides nearly every answer.

Points are drawn once per symbol list from a fixed seed (the same answer always gets the same
verdict). Values are floats in ±[0.2, 1.8], both signs, a range where LSTM formulas are well
conditioned; a point where either side is undefined or overflows is discarded, and if too few
remain the positive half-range is tried (for answers with log or sqrt).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .arith import MathFault, compile_tree
from .tree import Node, decimal_literals

POINTS = 24
MIN_VALID = 10
STRICT_RTOL = 1e-9  # float noise between equivalent forms is far below this
NEAR_RTOL = 1e-5  # between: may be cancellation; the symbolic check decides
MAX_ROUNDING_RTOL = 5e-3  # decimals typed by the learner may be off this much, at most
_SEED = 20240611

Point = Mapping[str, float]


@lru_cache(maxsize=64)
def points(symbols: tuple[str, ...], positive: bool) -> tuple[Point, ...]:
    rng = random.Random(_SEED + positive)
    out = []
    for _ in range(POINTS):
        point = {}
        for name in symbols:
            magnitude = rng.uniform(0.2, 1.8)
            point[name] = magnitude if positive or rng.random() < 0.5 else -magnitude
        out.append(point)
    return tuple(out)


def values(node: Node, at: Sequence[Point]) -> list[float]:
    """`node` at each point; nan where it is undefined or overflows."""
    fn = compile_tree(node)
    out = []
    for point in at:
        try:
            out.append(fn(point))
        except MathFault:
            out.append(math.nan)
    return out


def finite(values: Sequence[float]) -> int:
    return sum(1 for v in values if math.isfinite(v))


@dataclass(frozen=True, slots=True)
class Comparison:
    valid: int  # points where both sides are finite
    close: int  # agree within the tolerance asked for
    near: int  # agree within NEAR_RTOL but not the tolerance
    far: int

    @property
    def equal(self) -> bool:
        return self.valid >= MIN_VALID and self.close == self.valid

    @property
    def different(self) -> bool:
        return self.valid >= MIN_VALID and self.far == self.valid


def compare(a: Sequence[float], b: Sequence[float], rtol: float = STRICT_RTOL) -> Comparison:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if math.isfinite(x) and math.isfinite(y)]
    if not pairs:
        return Comparison(0, 0, 0, 0)
    magnitudes = sorted(abs(y) for _, y in pairs) or [1.0]
    scale = magnitudes[len(magnitudes) // 2] or 1.0
    close = near = far = 0
    near_rtol = max(NEAR_RTOL, rtol)
    for x, y in pairs:
        diff = abs(x - y)
        size = max(abs(x), abs(y), 1e-3 * scale)  # near a zero, compare on the answer's scale
        if diff <= rtol * size:
            close += 1
        elif diff <= near_rtol * size:
            near += 1
        else:
            far += 1
    return Comparison(len(pairs), close, near, far)


def rounding_rtol(node: Node) -> float | None:
    """How far off an answer may be because of the rounded decimals typed in it (0.62 for σ(0.5)).

    Each literal with k decimals is off by up to half a unit in its last place; relative errors
    add up roughly in products, so twice their sum, capped. None when no decimal was typed.
    """
    total = 0.0
    for num in decimal_literals(node):
        if "." not in num.text:  # 1e-3 or 3/4 are exact as typed
            continue
        mantissa = num.text.lower().partition("e")[0]
        decimals = len(mantissa.partition(".")[2])
        value = abs(float(mantissa)) if float(mantissa) else 1.0
        total += 0.5 * 10.0**-decimals / value
    if total == 0.0:
        return None
    return min(2.0 * total, MAX_ROUNDING_RTOL)


def constant_ratio(a: Sequence[float], b: Sequence[float]) -> float | None:
    """r if a = r·b at every valid point and r or 1/r is a whole number from 2 to 10 (a
    missing factor of 2, say; not 0.6/σ(0.5), which is a rounding), else None."""
    ratios = [
        x / y
        for x, y in zip(a, b, strict=True)
        if math.isfinite(x) and math.isfinite(y) and abs(y) > 1e-12
    ]
    if len(ratios) < MIN_VALID:
        return None
    ratio = sorted(ratios)[len(ratios) // 2]
    if not all(abs(r - ratio) <= 1e-9 * max(1.0, abs(ratio)) for r in ratios) or ratio == 0.0:
        return None
    for whole in (abs(ratio), 1.0 / abs(ratio)):
        if 2.0 <= whole <= 10.0 and abs(whole - round(whole)) <= 1e-9 * whole:
            return ratio
    return None
