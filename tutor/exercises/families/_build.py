"""Building an exercise: answer cells whose catalogued mistakes are screened, prompts, hints
and worked-solution lines written once for both languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from tutor.exercises.families._draw import reject_if
from tutor.exercises.families._numbers import ANSWER_DECIMALS, as_shown
from tutor.exercises.model import Cell, Exercise, Step
from tutor.i18n import Text


def screened(expected: Any, mistakes: Mapping[str, Any] | None, decimals: int) -> dict[str, Any]:
    """The mistakes that apply (None marks one that does not), as shown, checked to be
    diagnosable; a draw with one that is not is thrown away (Degenerate).

    Typed at `decimals`, a mistake's value must be told apart from the answer and from every
    other mistake: each entry either equals the answer or differs by clearly more than the
    tolerance (no entry in between), at least one entry differs, and no other mistake
    explains all of the entries this one gets wrong. Whole numbers asked as whole numbers
    (decimals 0) are typed exactly, so there a difference of 1 is already clear.
    """
    kept = {key: as_shown(value) for key, value in (mistakes or {}).items() if value is not None}
    want = np.asarray(expected, dtype=float).ravel()
    clear = 2.0 * 10.0**-decimals
    if decimals == 0 and all(_whole(v) for v in (expected, *kept.values())):
        clear = 0.5
    wrong: dict[str, np.ndarray] = {}
    for key, value in kept.items():
        got = np.asarray(value, dtype=float).ravel()
        if got.shape != want.shape or not np.all(np.isfinite(got)):
            raise ValueError(f"mistake {key}: shape {got.shape}, expected {want.shape}")
        gap = np.abs(got - want)
        reject_if(np.any((gap > 1e-9) & (gap <= clear)) or not np.any(gap > clear))
        wrong[key] = gap > clear
    for a, b in ((a, b) for a in kept for b in kept if a != b):
        gap = np.abs(np.ravel(kept[a]) - np.ravel(kept[b]))
        reject_if(not np.any(gap[wrong[a]] > clear))
    return kept


def _whole(value: Any) -> bool:
    array = np.asarray(value, dtype=float)
    return bool(np.all(np.isfinite(array)) and np.all(array == np.round(array)))


def numeric_cell(
    name: str,
    label: str,
    expected: Any,
    *,
    decimals: int = ANSWER_DECIMALS,
    mistakes: Mapping[str, Any] | None = None,
    depends: Sequence[str] = (),
    recompute: Callable[[Mapping[str, Any]], Any] | None = None,
    ask: Text | None = None,
) -> Cell:
    """A numeric cell, its value and mistakes as shown; `recompute` (error carried forward)
    gets the learner's earlier values; `ask` names the answer's form where the decimals do
    not."""
    shown_recompute = None
    if recompute is not None:
        inner = recompute

        def shown_recompute(values: Mapping[str, Any]) -> Any:
            return as_shown(inner(values))

    return Cell(
        name=name,
        label=label,
        kind="numeric",
        expected=as_shown(expected),
        decimals=decimals,
        mistakes=screened(expected, mistakes, decimals),
        depends=tuple(depends),
        recompute=shown_recompute,
        ask=ask,
    )


def count_cell(
    name: str,
    label: str,
    expected: Any,
    mistakes: Mapping[str, Any] | None = None,
    *,
    ask: Text | None = None,
) -> Cell:
    """A whole-number cell (parameter counts, sizes, shapes)."""
    return numeric_cell(
        name, label, np.asarray(expected, dtype=float), decimals=0, mistakes=mistakes, ask=ask
    )


#: How a shape cell asks for its answer.
SHAPE = Text("形状 [行数, 列数]", "a shape [rows, columns]")


def shape_cell(name: str, label: str, rows: int, cols: int) -> Cell:
    """A matrix shape typed as [rows, columns], the swapped shape its transposed mistake. A
    square shape would let a transposed answer pass: the draw is thrown away."""
    reject_if(rows == cols)
    return count_cell(
        name, label, np.array([rows, cols]), {"general.transposed": [cols, rows]}, ask=SHAPE
    )


def expression_cell(
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


def worked_line(zh: str, en: str, formula: str, numbers: str = "", result: str = "") -> Step:
    """A solution line: a few words in each language, one formula for both, then the numbers
    put in (plain text: a vector's minus signs inside $…$ would read as subtractions)."""
    tail = f" = {numbers}" if numbers else ""
    zh_lead, en_lead = (f"{zh}：", f"{en}: ") if zh else ("", "")
    return Step(Text(f"{zh_lead}${formula}${tail}", f"{en_lead}${formula}${tail}"), result)


def prompt_with_precision(zh: str, en: str, decimals: int | None = ANSWER_DECIMALS) -> Text:
    """A prompt ending with the precision asked for (none for whole numbers or expressions)."""
    if decimals:
        zh += f"答案保留 {decimals} 位小数。"
        en += f" Give answers to {decimals} decimals."
    return Text(zh, en)


def hints(*pairs: tuple[str, str]) -> tuple[Text, ...]:
    """Hints from (zh, en) pairs."""
    return tuple(Text(zh, en) for zh, en in pairs)


def span(symbol: str, T: int) -> str:
    """The steps 1…T of a sequence in prose: "$x_1$, $x_2$" for two, "$x_1$…$x_5$" for more."""
    if T == 2:
        return f"${symbol}_1$, ${symbol}_2$"
    return f"${symbol}_1$…${symbol}_{{{T}}}$"


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


def whole_number_exercise(
    zh: str,
    en: str,
    givens: Mapping[str, Any],
    cells: Sequence[Cell],
    hints: tuple[Text, ...],
    solution: Sequence[Step],
) -> Exercise:
    """An exercise about counts and shapes: whole-number givens and answers."""
    return Exercise(
        prompt=prompt_with_precision(zh, en, None),
        givens=givens,
        cells=tuple(cells),
        hints=hints,
        solution=tuple(solution),
        given_decimals=0,
    )
