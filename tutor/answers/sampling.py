"""Equivalence by evaluation at many points: pure Python, and strict enough to decide alone.

Points are drawn once per symbol list from a fixed seed, so the same answer always gets the
same verdict. Each symbol's magnitude is log-uniform over [1/20, 6] (small, LSTM-sized and
saturating values) with a random sign. At each point both sides carry a bound on their
rounding error (evaluate.py), so two values "agree" only within float noise, and a point
whose noise is large (cancellation) counts for nothing rather than for a match.

Where the reference is undefined (a log of a negative), the point is outside the question's
domain and is skipped; where the reference is defined and the answer is not (√C² for C < 0),
the answer is wrong there, and that is never skipped.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .evaluate import UNIT, Bounded, MathFault, compile_bounded
from .tree import Node

POINTS = 48
MIN_INFORMATIVE = 16  # agreeing points with little noise that it takes to call two forms equal
SAFETY = 32.0  # times the first-order rounding bound
INFORMATIVE_RTOL = 1e-6  # a point whose noise is above this, relative, proves nothing
LOW, HIGH = 0.05, 6.0
_SEED = 20240611

Point = Mapping[str, float]
Value = Bounded | str  # (value, error bound), or why there is none: "undefined" or "overflow"


@lru_cache(maxsize=64)
def points(symbols: tuple[str, ...], positive: bool) -> tuple[Point, ...]:
    rng = random.Random(_SEED + positive)
    out = []
    for _ in range(POINTS):
        point = {}
        for name in symbols:
            magnitude = math.exp(rng.uniform(math.log(LOW), math.log(HIGH)))
            point[name] = magnitude if positive or rng.random() < 0.5 else -magnitude
        out.append(point)
    return tuple(out)


def values(node: Node, at: Sequence[Point]) -> list[Value]:
    fn = compile_bounded(node)
    out: list[Value] = []
    for point in at:
        try:
            out.append(fn(point))
        except MathFault as fault:
            out.append("overflow" if fault.code == "overflow" else "undefined")
    return out


def defined(vals: Sequence[Value]) -> int:
    """How many points have a value (the reference's domain, as sampled)."""
    return sum(1 for v in vals if not isinstance(v, str))


def negated(vals: Sequence[Value]) -> list[Value]:
    return [v if isinstance(v, str) else (-v[0], v[1]) for v in vals]


@dataclass(frozen=True, slots=True)
class Comparison:
    agree: int  # points where both agree within their noise, and the noise is small
    differ: int  # points where they differ by more than rounding can explain
    undefined: int  # points where the reference is defined and the answer is not
    witness: int | None  # index of the first point that differs or is undefined

    @property
    def equal(self) -> bool:
        return not self.different and self.agree >= MIN_INFORMATIVE

    @property
    def different(self) -> bool:
        return self.differ > 0 or self.undefined > 0


def compare(
    got: Sequence[Value], ref: Sequence[Value], slack: Sequence[float] | None = None
) -> Comparison:
    """`got` against `ref` point by point; `slack` widens each point's tolerance (absolute)."""
    agree = differ = undefined = 0
    witness = None
    for k, (a, b) in enumerate(zip(got, ref, strict=True)):
        if isinstance(b, str):
            continue  # outside the reference's domain, or too large to compare
        if isinstance(a, str):
            if a == "undefined":
                undefined += 1
                witness = k if witness is None else witness
            continue
        (x, ex), (y, ey) = a, b
        size = max(abs(x), abs(y))
        noise = SAFETY * (ex + ey) + 4 * UNIT * size
        if abs(x - y) > noise + (slack[k] if slack else 0.0):
            differ += 1
            witness = k if witness is None else witness
        elif noise <= INFORMATIVE_RTOL * size or x == y:
            agree += 1
    return Comparison(agree, differ, undefined, witness)


def constant_ratio(a: Sequence[Value], b: Sequence[Value]) -> float | None:
    """r if a = r·b at every point with both values and r or 1/r is a whole number from 2 to
    10 (a missing factor of 2, say), else None."""
    ratios = [
        x[0] / y[0]
        for x, y in zip(a, b, strict=True)
        if not isinstance(x, str) and not isinstance(y, str) and abs(y[0]) > 1e-12
    ]
    if len(ratios) < MIN_INFORMATIVE:
        return None
    ratio = sorted(ratios)[len(ratios) // 2]
    if ratio == 0.0 or not all(abs(r - ratio) <= 1e-9 * abs(ratio) for r in ratios):
        return None
    for whole in (abs(ratio), 1.0 / abs(ratio)):
        if 2.0 <= whole <= 10.0 and abs(whole - round(whole)) <= 1e-9 * whole:
            return ratio
    return None
