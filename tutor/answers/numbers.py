"""check_numbers: a number, vector or matrix typed by the learner against the expected values.

No numpy and no sympy: expected values may be numpy arrays (read through ``tolist()``), and the
learner's entries are constant expressions (0.62, 3/4, −1e-3, σ(0.5)) that the parser has
already folded to floats.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.i18n import Text

from . import messages
from .arrays import (
    Array,
    expected_array,
    learner_array,
    positions,
    same_shape,
    shape_message,
    typed_literal,
)
from .diagnosis import diagnose
from .errors import AnswerSyntaxError
from .mistakes import lookup
from .parser import parse
from .preview import error_feedback, pointed
from .tree import Node, Num, places
from .verdict import Verdict, invalid, with_mistake

DEFAULT_RTOL = 1e-2  # when a question gives neither decimals nor tolerances
DEFAULT_ATOL = 1e-8
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Target:
    """What one check compares with: the values, the tolerance, and a further accepted range."""

    want: Array
    rtol: float
    atol: float
    decimals: int | None
    low: tuple[float, ...] | None = None
    high: tuple[float, ...] | None = None

    def tolerance(self, value: float) -> float:
        return max(self.rtol * abs(value), self.atol) * (1 + 1e-9) + 1e-15  # float slop

    def close(self, got: float, value: float) -> bool:
        return abs(got - value) <= self.tolerance(value)

    def in_range(self, k: int, got: float) -> bool:
        if self.low is None or self.high is None:
            return False
        low, high = self.low[k], self.high[k]
        return low - self.tolerance(low) <= got <= high + self.tolerance(high)


def check_numbers(
    text: str,
    expected: Any,
    *,
    decimals: int | None = None,
    rel_tol: float | None = None,
    abs_tol: float | None = None,
    mistakes: Mapping[str, Any] | None = None,
    alternative: tuple[Any, Any] | None = None,
) -> Verdict:
    """Grade a numeric answer; each entry of a vector or matrix earns its share of the score.

    The tolerance is half a unit in the last of `decimals` places (0.675 and 0.68 both pass
    for 0.6751 at 2 decimals), or max(rel_tol·|expected|, abs_tol) when those are given.
    `decimals=0` asks for whole numbers: 104, 104.0 and 1.04e2 are 104, while 104.4 is
    invalid ("a whole number is expected"). An entry that is the right value with fewer
    decimals than asked (0.62 for 0.6225 at 4) is invalid too, and says how many are asked.
    `mistakes` maps catalogued mistake ids to what that mistake gives on the same givens.
    `alternative` is a range (low, high), entry by entry, of further values accepted within
    the same tolerance (a worksheet cell computed from the learner's own earlier cells); the
    entries right only through it are the verdict's `alternative_elements`.
    """
    want = expected_array(expected, "expected")
    target = _target(want, decimals, rel_tol, abs_tol, alternative)
    traps = {key: expected_array(value, key) for key, value in (mistakes or {}).items()}
    for key, trap in traps.items():
        lookup(key)
        if len(trap.flat) != len(want.flat):
            raise ValueError(f"mistake {key!r} has shape {trap.shape}, expected {want.shape}")
    try:
        node = parse(text, lists=True, whole=decimals == 0)
    except AnswerSyntaxError as error:
        return invalid(error_feedback(text, error), error.pos, expected_shape=want.shape)
    try:
        return _grade(text, node, target, traps)
    except Exception:
        _log.exception("check_numbers failed on %r", text[:200])
        return invalid(messages.text("internal"), expected_shape=want.shape)


def parse_numbers(
    text: str, *, whole: bool = False
) -> tuple[tuple[float, ...], tuple[int, ...]] | None:
    """The numbers a learner typed (flat, row-major) and their shape; None if not understood.

    Worksheets use it to carry a learner's own (possibly wrong) value into later cells;
    `whole` reads 3,5 as two numbers (the cell asks for whole numbers).
    """
    try:
        array = learner_array(parse(text, lists=True, whole=whole))
    except (AnswerSyntaxError, ValueError, ArithmeticError):
        return None
    return None if array is None else (array.flat, array.shape)


def _target(
    want: Array,
    decimals: int | None,
    rel_tol: float | None,
    abs_tol: float | None,
    alternative: tuple[Any, Any] | None,
) -> _Target:
    if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= 15):
        raise ValueError(f"decimals must be an int in 0..15, not {decimals!r}")
    for name, value in (("rel_tol", rel_tol), ("abs_tol", abs_tol)):
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    if decimals is not None:
        rtol, atol = (rel_tol or 0.0), (abs_tol if abs_tol is not None else 0.5 * 10.0**-decimals)
    elif rel_tol is None and abs_tol is None:
        rtol, atol = DEFAULT_RTOL, DEFAULT_ATOL
    else:
        rtol, atol = (rel_tol or 0.0), (abs_tol or 0.0)
    if alternative is None:
        return _Target(want, rtol, atol, decimals)
    low, high = (expected_array(bound, "alternative") for bound in alternative)
    if len(low.flat) != len(want.flat) or len(high.flat) != len(want.flat):
        raise ValueError(f"alternative has shape {low.shape}, expected {want.shape}")
    return _Target(want, rtol, atol, decimals, low.flat, high.flat)


def _grade(text: str, node: Node, target: _Target, traps: dict[str, Array]) -> Verdict:
    want = target.want
    got = learner_array(node)
    if got is None:
        return invalid(messages.text("ragged"), node.pos, expected_shape=want.shape)
    if not same_shape(got.shape, want.shape):
        return invalid(shape_message(want.shape, got.shape), node.pos, expected_shape=want.shape)
    refused = _refused(text, got, target)
    if refused is not None:
        return refused
    right = [target.close(g, e) for g, e in zip(got.flat, want.flat, strict=True)]
    also = tuple(k for k, ok in enumerate(right) if not ok and target.in_range(k, got.flat[k]))
    wrong = [k for k, ok in enumerate(right) if not ok and k not in also]
    scalar = len(want.flat) == 1 and not want.shape
    extra: dict[str, Any] = {
        "wrong_elements": None if scalar else tuple(wrong),
        "expected_shape": want.shape,
        "alternative_elements": also,
    }
    total = len(want.flat)
    if not wrong:
        return Verdict("correct", 1.0, messages.text("correct"), **extra)
    mistake, explained = diagnose(got, want, wrong, target.close, target.decimals, traps)
    where = messages.entry_list(positions(wrong, want.shape))
    if scalar:
        base = messages.text("incorrect")
    elif len(wrong) == total:
        base = messages.text("all-wrong", total=total)
    else:
        base = messages.text("partial", right=total - len(wrong), total=total, where=where)
    feedback = with_mistake(base, mistake)
    if mistake == "numeric.truncated":
        feedback = messages.join(feedback, _rounded(want, explained, target.decimals or 0))
    elif mistake is not None and not scalar:
        explains = messages.entry_list(positions(explained, want.shape))
        feedback = messages.join(feedback, messages.text("mistake-where", where=explains))
    outcome = "incorrect" if len(wrong) == total else "partial"
    return Verdict(outcome, (total - len(wrong)) / total, feedback, mistake, **extra)


def _refused(text: str, got: Array, target: _Target) -> Verdict | None:
    """Invalid, not counted: a fraction where whole numbers are asked, or an entry that is the
    right value with too few decimals (retyping it to the precision asked is all it needs)."""
    decimals = target.decimals
    if decimals is None:
        return None
    for k, (value, node) in enumerate(zip(got.flat, got.nodes, strict=True)):
        literal = typed_literal(node)
        pos = literal.pos if literal is not None else node.pos
        if decimals == 0 and not float(value).is_integer():
            message = messages.text("whole-expected")
        elif decimals > 0 and literal is not None and _cut_short(k, value, literal, target):
            typed = max(places(literal.text), 0)
            message = messages.text("too-few-decimals", asked=decimals, typed=typed)
        else:
            continue
        shape = target.want.shape
        return invalid(pointed(text, pos, message), pos, expected_shape=shape)
    return None


def _cut_short(k: int, value: float, literal: Num, target: _Target) -> bool:
    """Typed to fewer places than asked, and the right value rounded or truncated there (0.62
    for 0.6225, or 0.62 for 0.6299, at 4 decimals), not right as it is."""
    typed = places(literal.text)
    if typed >= (target.decimals or 0):
        return False
    if target.close(value, target.want.flat[k]) or target.in_range(k, value):
        return False
    low = high = target.want.flat[k]
    if target.low is not None and target.high is not None:
        low, high = min(low, target.low[k]), max(high, target.high[k])
    unit = 10.0**-typed
    # the values that round to `value` at `typed` places, or truncate to it (towards zero)
    below, above = (0.5 * unit, unit) if value >= 0 else (unit, 0.5 * unit)
    slop = 1e-9 * unit
    return value - below - slop <= high and low < value + above - slop


def _rounded(want: Array, entries: list[int], decimals: int) -> Text:
    """The truncated entries as they round: 0.6225 (entry 2)."""
    shown = [f"{want.flat[k]:.{decimals}f}" for k in entries]
    if not want.shape:
        return messages.text("rounded-values", values=shown[0])
    where = positions(entries, want.shape)
    parts = [
        Text.same(value) + Text(" (", " (") + messages.entry_list([at]) + Text.same(")")
        for value, at in zip(shown, where, strict=True)
    ]
    return messages.text("rounded-values", values=Text("、", ", ").join(parts))
