"""check_numbers: a number, vector or matrix typed by the learner against the expected values.

No numpy and no sympy: expected values may be numpy arrays (read through ``tolist()``), and the
learner's entries are constant expressions (0.62, 3/4, −1e-3, σ(0.5)) that the parser has
already folded to floats.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tutor.i18n import Text

from . import messages
from .errors import AnswerSyntaxError
from .mistakes import lookup
from .parser import parse
from .preview import error_feedback
from .tree import Node, Vec
from .verdict import Verdict, invalid, with_mistake

DEFAULT_RTOL = 1e-2  # when a question gives neither decimals nor tolerances
DEFAULT_ATOL = 1e-8
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Array:
    flat: tuple[float, ...]
    shape: tuple[int, ...]


def check_numbers(
    text: str,
    expected: Any,
    *,
    decimals: int | None = None,
    rel_tol: float | None = None,
    abs_tol: float | None = None,
    mistakes: Mapping[str, Any] | None = None,
) -> Verdict:
    """Grade a numeric answer; each entry of a vector or matrix earns its share of the score.

    The tolerance is half a unit in the last of `decimals` places (0.675 and 0.68 both pass
    for 0.6751 at 2 decimals), or max(rel_tol·|expected|, abs_tol) when those are given.
    `mistakes` maps catalogued mistake ids to what that mistake gives on the same givens.
    """
    want = _as_array(expected, "expected")
    rtol, atol = _tolerances(decimals, rel_tol, abs_tol)
    traps = {key: _as_array(value, key) for key, value in (mistakes or {}).items()}
    for key, trap in traps.items():
        lookup(key)
        if len(trap.flat) != len(want.flat):
            raise ValueError(f"mistake {key!r} has shape {trap.shape}, expected {want.shape}")
    try:
        node = parse(text, lists=True)
    except AnswerSyntaxError as error:
        return invalid(error_feedback(text, error), error.pos, expected_shape=want.shape)
    try:
        return _grade(text, node, want, rtol, atol, decimals, traps)
    except Exception:
        _log.exception("check_numbers failed on %r", text[:200])
        return invalid(messages.text("internal"), expected_shape=want.shape)


def parse_numbers(text: str) -> tuple[tuple[float, ...], tuple[int, ...]] | None:
    """The numbers a learner typed (flat, row-major) and their shape; None if not understood.

    Worksheets use it to carry a learner's own (possibly wrong) value into later cells.
    """
    try:
        array = _learner_array(parse(text, lists=True))
    except (AnswerSyntaxError, ValueError, ArithmeticError):
        return None
    return None if array is None else (array.flat, array.shape)


def _grade(
    text: str,
    node: Node,
    want: _Array,
    rtol: float,
    atol: float,
    decimals: int | None,
    traps: dict[str, _Array],
) -> Verdict:
    got = _learner_array(node)
    if got is None:
        return invalid(messages.text("ragged"), node.pos, expected_shape=want.shape)
    if got.shape != want.shape and _squeeze(got.shape) != _squeeze(want.shape):
        return invalid(_shape_message(want.shape, got.shape), node.pos, expected_shape=want.shape)

    def close(a: float, b: float) -> bool:
        tol = max(rtol * abs(b), atol)
        return abs(a - b) <= tol * (1 + 1e-9) + 1e-15  # float slop at the rounding boundary

    right = [close(g, e) for g, e in zip(got.flat, want.flat, strict=True)]
    wrong = [k for k, ok in enumerate(right) if not ok]
    scalar = len(want.flat) == 1 and not want.shape
    elements = None if scalar else tuple(wrong)
    extra = {"wrong_elements": elements, "expected_shape": want.shape}
    if not wrong:
        return Verdict("correct", 1.0, messages.text("correct"), **extra)  # type: ignore[arg-type]

    mistake, explained = _diagnose(got, want, wrong, close, decimals, traps)
    total = len(want.flat)
    where = messages.entry_list(_positions(wrong, want.shape))
    if scalar:
        base = messages.text("incorrect")
    elif len(wrong) == total:
        base = messages.text("all-wrong", total=total)
    else:
        base = messages.text("partial", right=total - len(wrong), total=total, where=where)
    feedback = with_mistake(base, mistake)
    if mistake is not None and not scalar:
        feedback = messages.join(
            feedback,
            messages.text(
                "mistake-where", where=messages.entry_list(_positions(explained, want.shape))
            ),
        )
    score = (total - len(wrong)) / total
    outcome = "incorrect" if len(wrong) == total else "partial"
    return Verdict(outcome, score, feedback, mistake, **extra)  # type: ignore[arg-type]


def _diagnose(
    got: _Array,
    want: _Array,
    wrong: list[int],
    close: Any,
    decimals: int | None,
    traps: dict[str, _Array],
) -> tuple[str | None, list[int]]:
    """The mistake explaining the most wrong entries: the question's own, else a general one."""

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
    if best[0] is None and decimals is not None:
        unit = 10.0**-decimals
        hits = [k for k in wrong if abs(got.flat[k] - want.flat[k]) <= 2.5 * unit]
        if hits:
            best = ("numeric.rounded-too-early", hits)
    return best


def _tolerances(
    decimals: int | None, rel_tol: float | None, abs_tol: float | None
) -> tuple[float, float]:
    if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= 15):
        raise ValueError(f"decimals must be an int in 0..15, not {decimals!r}")
    for name, value in (("rel_tol", rel_tol), ("abs_tol", abs_tol)):
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    if decimals is not None:
        return (rel_tol or 0.0), (abs_tol if abs_tol is not None else 0.5 * 10.0**-decimals)
    if rel_tol is None and abs_tol is None:
        return DEFAULT_RTOL, DEFAULT_ATOL
    return (rel_tol or 0.0), (abs_tol or 0.0)


def _as_array(value: Any, what: str) -> _Array:
    """Expected values (trusted): a number, a list, a list of lists or an array-like."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        if not value:
            raise ValueError(f"{what}: empty")
        rows = [v.tolist() if hasattr(v, "tolist") else v for v in value]
        if rows and all(isinstance(r, list | tuple) for r in rows):
            widths = {len(r) for r in rows}
            if len(widths) != 1:
                raise ValueError(f"{what}: rows of different lengths")
            flat = [_float(x, what) for r in rows for x in r]
            return _Array(tuple(flat), (len(rows), widths.pop()))
        return _Array(tuple(_float(x, what) for x in rows), (len(rows),))
    return _Array((_float(value, what),), ())


def _float(value: Any, what: str) -> float:
    if isinstance(value, list | tuple | str | bytes):
        raise ValueError(f"{what}: only numbers, vectors and matrices are supported")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what}: {value!r} is not finite")
    return number


def _learner_array(node: Node) -> _Array | None:
    """The learner's numbers and their shape; None if the rows are ragged or nested deeper."""
    if not isinstance(node, Vec):
        return _Array((_const(node),), ())
    if all(isinstance(item, Vec) for item in node.items):
        rows = [item.items for item in node.items if isinstance(item, Vec)]
        if len({len(r) for r in rows}) != 1 or any(isinstance(x, Vec) for r in rows for x in r):
            return None
        return _Array(tuple(_const(x) for r in rows for x in r), (len(rows), len(rows[0])))
    if any(isinstance(item, Vec) for item in node.items):
        return None
    return _Array(tuple(_const(x) for x in node.items), (len(node.items),))


def _const(node: Node) -> float:
    assert node.const is not None  # no symbols are declared, so every entry folds
    return node.const


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(n for n in shape if n != 1)


def _positions(flat: Sequence[int], shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    if len(shape) == 2:
        return [(k // shape[1] + 1, k % shape[1] + 1) for k in flat]
    return [(k + 1,) for k in flat]


def _describe(shape: tuple[int, ...]) -> Text:
    if not shape:
        return Text("一个数", "a single number")
    if len(shape) == 1:
        return Text(f" {shape[0]} 个数", f"{shape[0]} numbers")
    return Text(f"一个 {shape[0]}×{shape[1]} 的矩阵", f"a {shape[0]}×{shape[1]} matrix")


def _shape_message(want: tuple[int, ...], got: tuple[int, ...]) -> Text:
    if not _squeeze(want):
        base = messages.text("shape-scalar")
    elif len(_squeeze(want)) == 1:
        base = messages.text("shape-vector", n=_squeeze(want)[0])
    else:
        base = messages.text("shape-matrix", rows=want[0], cols=want[1])
    return messages.join(base, messages.text("shape-got", got=_describe(got)))
