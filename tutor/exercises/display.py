"""Exercises as text: givens in the document's notation, numbers as the learner sees them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.course.markdown import render_inline
from tutor.course.mathtext import render_latex
from tutor.exercises.model import Exercise
from tutor.i18n import Lang

# Code names of givens and cells -> the document's notation (LaTeX, rendered for the terminal).
NOTATION: dict[str, str] = {
    "x": "x_t",
    "h_prev": "h_{t-1}",
    "C_prev": "C_{t-1}",
    "f": "f_t",
    "i": "i_t",
    "o": "o_t",
    "C_tilde": r"\tilde{C}_t",
    "C": "C_t",
    "h": "h_t",
    "tanh_C": r"\tanh(C_t)",
    "z_f": "z_f",
    "z_i": "z_i",
    "z_C": "z_C",
    "z_o": "z_o",
    "dh": r"\partial L/\partial h_t",
    "dC": r"\partial L/\partial C_t",
    "dC_prev": r"\partial L/\partial C_{t-1}",
    "dh_prev": r"\partial L/\partial h_{t-1}",
    "do": r"\partial L/\partial o_t",
    "df": r"\partial L/\partial f_t",
    "di": r"\partial L/\partial i_t",
    "dC_tilde": r"\partial L/\partial \tilde{C}_t",
    "dz_f": r"\partial L/\partial z_f",
    "dz_i": r"\partial L/\partial z_i",
    "dz_C": r"\partial L/\partial z_C",
    "dz_o": r"\partial L/\partial z_o",
    # PyTorch's nn.LSTM names (its stacked layout)
    "weight_ih": r"\text{weight_ih}",
    "weight_hh": r"\text{weight_hh}",
    "bias_ih": r"\text{bias_ih}",
    "bias_hh": r"\text{bias_hh}",
    # backward-pass, clipping, GRU and BiLSTM givens
    "dC_next": r"dC_{t+1} \odot f_{t+1}",
    "theta": r"\theta",
    "xs": r"[x_1, \ldots, x_T]",
    "W_hn": "W_{hn}",
    "W_xn": "W_{xn}",
    "b_hn": "b_{hn}",
    "b_xn": "b_{xn}",
    "W_fwd": "W^f",
    "b_fwd": "b^f",
    "W_bwd": "W^b",
    "b_bwd": "b^b",
}


def label(name: str) -> str:
    """A given's or cell's name as the learner reads it (W_f stays W_f, h_prev is hₜ₋₁)."""
    return render_latex(NOTATION.get(name, name))


def format_value(value: Any, decimals: int) -> str:
    """A number, vector or matrix as typed in an answer: 0.25, [0.62, 0.41], [[…], […]]."""
    if isinstance(value, str):
        return value
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        text = f"{float(array):.{decimals}f}"
        return "0." + "0" * decimals if text.lstrip("-") == "0." + "0" * decimals else text
    return "[" + ", ".join(format_value(row, decimals) for row in array) + "]"


def format_givens(givens: Mapping[str, Any], decimals: int) -> list[str]:
    return [f"{label(name)} = {format_value(value, decimals)}" for name, value in givens.items()]


def render_exercise(exercise: Exercise, lang: Lang, *, solution: bool = False) -> str:
    """The exercise as a learner sees it; with `solution`, the answers and worked steps."""
    heading = {"zh": "已知", "en": "Given"}[lang]
    answer_heading = {"zh": "作答", "en": "Answer"}[lang]
    lines = [render_inline(exercise.prompt(lang)), "", f"{heading}:"]
    lines += [f"  {row}" for row in format_givens(exercise.givens, exercise.given_decimals)]
    lines += ["", f"{answer_heading}:"]
    for cell in exercise.cells:
        places = (
            ""
            if cell.decimals is None or cell.kind == "expression"
            else f"  ({'整数' if lang == 'zh' else 'a whole number'})"
            if cell.decimals == 0
            else (
                f"  ({cell.decimals} {'位小数' if lang == 'zh' else _plural(cell.decimals, 'decimal')})"
            )
        )
        lines.append(f"  {render_inline(cell.label)} = ?{places}")
    if not solution:
        return "\n".join(lines)
    lines += ["", {"zh": "提示", "en": "Hints"}[lang] + ":"]
    lines += [f"  {n}. {render_inline(h(lang))}" for n, h in enumerate(exercise.hints, 1)]
    lines += ["", {"zh": "解答", "en": "Worked solution"}[lang] + ":"]
    for n, step in enumerate(exercise.solution, 1):
        tail = f"  →  {step.result}" if step.result else ""
        lines.append(f"  {n}. {render_inline(step.text(lang))}{tail}")
    lines += ["", {"zh": "答案", "en": "Answers"}[lang] + ":"]
    for cell in exercise.cells:
        value = format_value(cell.expected, 4 if cell.decimals is None else cell.decimals)
        lines.append(f"  {render_inline(cell.label)} = {value}")
    mistakes = exercise.mistakes()
    if mistakes:
        lines += ["", {"zh": "已编目的常见错误", "en": "Catalogued mistakes"}[lang] + ":"]
        from tutor.answers import CATALOG

        for name, ids in mistakes.items():
            titles = "; ".join(f"{CATALOG[i].title(lang)} ({i})" for i in ids)
            lines.append(f"  {label(name)}: {titles}")
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
