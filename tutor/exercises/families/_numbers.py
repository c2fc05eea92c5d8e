"""Numbers as the learner sees and types them: the shape they are shown in, and their text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tutor.exercises.families._draw import GIVEN_DECIMALS
from tutor.exercises.values import format_value

#: Decimals the answer cells ask for, unless a family says otherwise.
ANSWER_DECIMALS = 4


def as_shown(value: Any) -> Any:
    """The value in the shape the learner sees and types: a number for one entry, a vector for
    a single row or a single column (one unit over T steps, a 1 × n weight), else the array."""
    array = np.asarray(value, dtype=float)
    if array.size == 1:
        return float(array.reshape(()))
    if array.ndim == 2 and 1 in array.shape:
        return array.ravel()
    return array


def shown_givens(**values: Any) -> dict[str, Any]:
    """Givens by name, each as shown (in the order given)."""
    return {name: as_shown(value) for name, value in values.items()}


def typed(value: Any, decimals: int = ANSWER_DECIMALS) -> str:
    """The value as the learner types it: 0.2500, [0.62, -0.41], [[…], […]]."""
    return format_value(as_shown(value), decimals)


def as_array(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A learner's value (number, list, array) in the shape the engine needs."""
    return np.asarray(value, dtype=float).reshape(shape)


def term(value: float, decimals: int = GIVEN_DECIMALS) -> str:
    """A number inside a sum: negatives in brackets, 0.30×(-0.20)."""
    text = typed(value, decimals)
    return f"({text})" if text.startswith("-") else text


def expansion(
    row: Sequence[float],
    inputs: Sequence[float],
    bias: float | None,
    decimals: int = GIVEN_DECIMALS,
) -> str:
    """w₁×v₁ + w₂×v₂ + … + b, the inputs at `decimals` (given: 2; computed earlier: 4)."""
    terms = [f"{term(w)}×{term(v, decimals)}" for w, v in zip(row, inputs, strict=True)]
    if bias is not None:
        terms.append(term(bias))
    return " + ".join(terms)
