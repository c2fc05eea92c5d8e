"""Helpers for the backward-pass, counting and architecture families.

Numbers as the learner sees and types them (one unit: a plain number), cells whose catalogued
mistakes are screened (tutor.exercises.families._draw, shared with the forward families), and
worked-solution steps written once for both languages. Draws use _draw's `signed`/`between`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from tutor.course.model import Text
from tutor.exercises.display import format_value
from tutor.exercises.families._draw import screen
from tutor.exercises.model import Cell, Exercise, Step

ANSWER = 4  # decimals asked of numeric answers


def text(zh: str, en: str) -> Text:
    return Text(zh, en)


def plain(value: Any) -> Any:
    """What the learner sees and types: a number for one entry, a vector for a single row or
    a single column (one unit over T steps)."""
    array = np.asarray(value, dtype=float)
    if array.size == 1:
        return float(array.reshape(()))
    if array.ndim == 2 and 1 in array.shape:
        return array.ravel()
    return array


def shown(**values: Any) -> dict[str, Any]:
    """Givens by name, as displayed (in the order given)."""
    return {name: plain(value) for name, value in values.items()}


def fmt(value: Any, decimals: int = ANSWER) -> str:
    return format_value(plain(value), decimals)


def as_array(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A learner's value (number, list, array) in the shape the engine needs."""
    return np.asarray(value, dtype=float).reshape(shape)


def screened(expected: Any, mistakes: Mapping[str, Any] | None, decimals: int) -> dict[str, Any]:
    """The mistakes that apply (None marks one that does not), as typed, checked by the forward
    families' screen: a mistake the grader could not tell apart makes the draw Degenerate."""
    kept = {key: plain(value) for key, value in (mistakes or {}).items() if value is not None}
    return screen(expected, kept, decimals)


def numeric(
    name: str,
    label: str,
    expected: Any,
    *,
    decimals: int = ANSWER,
    mistakes: Mapping[str, Any] | None = None,
    depends: Sequence[str] = (),
    recompute: Callable[[Mapping[str, Any]], Any] | None = None,
) -> Cell:
    """A numeric cell; `recompute` (error carried forward) gets the learner's earlier values."""
    wrapped = None
    if recompute is not None:
        inner = recompute

        def wrapped(values: Mapping[str, Any]) -> Any:
            return plain(inner(values))

    return Cell(
        name=name,
        label=label,
        kind="numeric",
        expected=plain(expected),
        decimals=decimals,
        mistakes=screened(expected, mistakes, decimals),
        depends=tuple(depends),
        recompute=wrapped,
    )


def count(name: str, label: str, expected: int, mistakes: Mapping[str, Any] | None = None) -> Cell:
    """A whole-number cell (parameter counts, sizes, shapes)."""
    return numeric(name, label, np.asarray(expected, dtype=float), decimals=0, mistakes=mistakes)


def expression(
    name: str, label: str, expected: str, symbols: Sequence[str], mistakes: Mapping[str, str]
) -> Cell:
    """An algebraic cell checked with tutor.answers.check_expression."""
    return Cell(
        name=name,
        label=label,
        kind="expression",
        expected=expected,
        decimals=None,
        symbols=tuple(symbols),
        mistakes=dict(mistakes),
    )


def say(zh: str, en: str, formula: str, numbers: str = "", result: str = "") -> Step:
    """A solution line: a few words in each language, one formula for both, then the numbers
    put in (plain text: a vector's minus signs inside $…$ would read as subtractions)."""
    tail = f" = {numbers}" if numbers else ""
    zh_lead, en_lead = (f"{zh}：", f"{en}: ") if zh else ("", "")
    return Step(Text(f"{zh_lead}${formula}${tail}", f"{en_lead}${formula}${tail}"), result)


def prompt(zh: str, en: str, decimals: int | None = ANSWER) -> Text:
    """A prompt ending with the precision asked for (none for whole numbers or expressions)."""
    if decimals:
        zh += f"答案保留 {decimals} 位小数。"
        en += f" Give answers to {decimals} decimals."
    return Text(zh, en)


def hints(*pairs: tuple[str, str]) -> tuple[Text, ...]:
    return tuple(Text(zh, en) for zh, en in pairs)


def whole_numbers(
    zh: str,
    en: str,
    givens: Mapping[str, Any],
    cells: Sequence[Cell],
    hints: tuple[Text, ...],
    solution: Sequence[Step],
) -> Exercise:
    """An exercise about counts and shapes: whole-number givens and answers."""
    return Exercise(
        prompt=prompt(zh, en, None),
        givens=givens,
        cells=tuple(cells),
        hints=hints,
        solution=tuple(solution),
        given_decimals=0,
    )
