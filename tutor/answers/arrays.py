"""Numbers, vectors and matrices as flat tuples with a shape: the expected ones (trusted, any
array-like, read through ``tolist()`` so that numpy is never imported here) and the learner's
(parsed trees whose entries the parser has already folded to floats)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tutor.i18n import Text

from . import messages
from .tree import Neg, Node, Num, Vec


@dataclass(frozen=True, slots=True)
class Array:
    flat: tuple[float, ...]
    shape: tuple[int, ...]
    nodes: tuple[Node, ...] = ()  # the learner's entries, for their positions and typed digits


def expected_array(value: Any, what: str) -> Array:
    """Expected values: a number, a list, a list of lists or an array-like."""
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
            return Array(tuple(flat), (len(rows), widths.pop()))
        return Array(tuple(_float(x, what) for x in rows), (len(rows),))
    return Array((_float(value, what),), ())


def _float(value: Any, what: str) -> float:
    if isinstance(value, list | tuple | str | bytes):
        raise ValueError(f"{what}: only numbers, vectors and matrices are supported")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what}: {value!r} is not finite")
    return number


def learner_array(node: Node) -> Array | None:
    """The learner's numbers and their shape; None if the rows are ragged or nested deeper."""
    if not isinstance(node, Vec):
        entries: tuple[Node, ...] = (node,)
        shape: tuple[int, ...] = ()
    elif all(isinstance(item, Vec) for item in node.items):
        rows = [item.items for item in node.items if isinstance(item, Vec)]
        if len({len(r) for r in rows}) != 1 or any(isinstance(x, Vec) for r in rows for x in r):
            return None
        entries, shape = tuple(x for r in rows for x in r), (len(rows), len(rows[0]))
    elif any(isinstance(item, Vec) for item in node.items):
        return None
    else:
        entries, shape = node.items, (len(node.items),)
    return Array(tuple(_const(x) for x in entries), shape, entries)


def _const(node: Node) -> float:
    assert node.const is not None  # no symbols are declared, so every entry folds
    return node.const


def typed_literal(node: Node) -> Num | None:
    """The literal of an entry typed as a plain number (0.62, −1.5e-3), else None (3/4, σ(1))."""
    inner = node.arg if isinstance(node, Neg) else node
    return inner if isinstance(inner, Num) and inner.text else None


def same_shape(got: tuple[int, ...], want: tuple[int, ...]) -> bool:
    """Equal up to sizes of 1: a column vector may be typed as a flat list."""
    return got == want or _squeeze(got) == _squeeze(want)


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(n for n in shape if n != 1)


def positions(flat: Sequence[int], shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """1-based (entry,) or (row, col) for flat indices."""
    if len(shape) == 2:
        return [(k // shape[1] + 1, k % shape[1] + 1) for k in flat]
    return [(k + 1,) for k in flat]


def _describe(shape: tuple[int, ...]) -> Text:
    if not shape:
        return Text("一个数", "a single number")
    if len(shape) == 1:
        return Text(f" {shape[0]} 个数", f"{shape[0]} numbers")
    return Text(f"一个 {shape[0]}×{shape[1]} 的矩阵", f"a {shape[0]}×{shape[1]} matrix")


def shape_message(want: tuple[int, ...], got: tuple[int, ...]) -> Text:
    if not _squeeze(want):
        base = messages.text("shape-scalar")
    elif len(_squeeze(want)) == 1:
        base = messages.text("shape-vector", n=_squeeze(want)[0])
    else:
        base = messages.text("shape-matrix", rows=want[0], cols=want[1])
    return messages.join(base, messages.text("shape-got", got=_describe(got)))
