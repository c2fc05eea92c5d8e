"""Why a numeric answer is wrong: the question's catalogued mistakes first, then general ones
(sign, transposed, truncated, rounded too early), each only where it fits."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .arrays import Array

Close = Callable[[float, float], bool]
EARLY_ROUNDING_UNITS = 2.5  # off by at most this many units in the last place asked


def diagnose(
    got: Array,
    want: Array,
    wrong: Sequence[int],
    close: Close,
    decimals: int | None,
    traps: dict[str, Array],
) -> tuple[str | None, list[int]]:
    """The mistake explaining the most wrong entries, and those entries."""

    def explains(values: Sequence[float]) -> list[int]:
        return [
            k for k in wrong if close(got.flat[k], values[k]) and not close(values[k], want.flat[k])
        ]

    best: tuple[str | None, list[int]] = (None, [])
    for key, trap in traps.items():
        hits = explains(trap.flat)
        if len(hits) > len(best[1]):
            best = (key, hits)
    if best[0] is not None:
        return best
    automatic = {"general.sign": [-v for v in want.flat]}
    if len(want.shape) == 2 and want.shape[0] == want.shape[1]:
        n = want.shape[0]
        automatic["general.transposed"] = [want.flat[(k % n) * n + k // n] for k in range(n * n)]
    for key, values in automatic.items():
        hits = explains(values)
        if len(hits) > len(best[1]):
            best = (key, hits)
    if best[0] is not None or not decimals:  # whole numbers are typed exactly: no rounding
        return best
    truncated = [k for k in wrong if _truncated(got.flat[k], want.flat[k], decimals)]
    if truncated:
        return "numeric.truncated", truncated
    unit = 10.0**-decimals
    early = [k for k in wrong if abs(got.flat[k] - want.flat[k]) <= EARLY_ROUNDING_UNITS * unit]
    return ("numeric.rounded-too-early", early) if early else best


def _truncated(typed: float, value: float, decimals: int) -> bool:
    """`typed` is `value` cut after `decimals` places where rounding would differ."""
    scale = 10.0**decimals
    cut = math.trunc(value * scale) / scale
    return abs(typed - cut) <= 1e-6 / scale and abs(cut - value) > 0.5 / scale
