"""A full LSTM step as a worksheet: f, i, C̃, o, then C_t and h_t, each in its own cell.

C_t and h_t are graded with error carried forward: given the learner's own gates (or own
C_t), a right computation earns the cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine.activations import tanh
from tutor.exercises.families._build import numeric_cell, sizes_text
from tutor.exercises.families._draw import GIVEN_DECIMALS
from tutor.exercises.families._lstm import GATES, draw, gate_cells, reject_saturated_gates
from tutor.exercises.families._lstm_lines import (
    cell_lines,
    columns_text,
    concat_line,
    gate_lines,
    hidden_lines,
)
from tutor.exercises.families._numbers import ANSWER_DECIMALS, shown_givens
from tutor.exercises.model import Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

#: What the learner is told about grading a chain of cells.
CHAIN = Text(
    "后面的格按你自己前面填的值评分，所以一处失误只丢一格。",
    "Later cells are graded with your own earlier values, so one slip costs one cell.",
)


def new_cell(C_prev: Any, f: Any, i: Any, C_tilde: Any) -> Any:
    """C_t = f ⊙ C_{t-1} + i ⊙ C̃_t on whatever numbers the learner typed (any finite value)."""
    return np.asarray(f) * C_prev + np.asarray(i) * np.asarray(C_tilde)


def hidden(o: Any, C: Any) -> Any:
    """h_t = o ⊙ tanh(C_t) on whatever numbers the learner typed."""
    return np.asarray(o) * tanh(np.asarray(C, dtype=float))


@register(
    "lstm.step", "forward-pass", "完整的一步 LSTM（工作表）", "One full LSTM step (worksheet)"
)
def build(rng: np.random.Generator, difficulty: int) -> Exercise:
    d = draw(rng, difficulty)
    step = d.step()
    reject_saturated_gates(step)
    C_prev = d.C_prev

    def recompute_C(v: Mapping[str, Any]) -> Any:
        return new_cell(C_prev, v["f"], v["i"], v["C_tilde"])

    def recompute_h(v: Mapping[str, Any]) -> Any:
        return hidden(v["o"], v["C"])

    swapped = new_cell(C_prev, step.i, step.f, step.C_tilde)
    h_mistakes = {
        "lstm.h-missing-tanh": step.o * step.C,
        "lstm.h-tanh-prev-cell": hidden(step.o, C_prev),  # the old cell squashed
    }
    cells = (
        *gate_cells(d, step),
        numeric_cell("C", "$C_t$", step.C, decimals=ANSWER_DECIMALS,
                     mistakes={"lstm.forget-input-swapped": swapped},
                     depends=("f", "i", "C_tilde"), recompute=recompute_C),
        numeric_cell("h", "$h_t$", step.h, decimals=ANSWER_DECIMALS, mistakes=h_mistakes,
                     depends=("o", "C"), recompute=recompute_h),
    )  # fmt: skip
    size, columns = sizes_text(d.H, d.D), columns_text(d, "W_k")
    prompt = Text(
        f"算完整的一步 LSTM（{size.zh}）。{columns.zh}依次填写四个门块、新的记忆 $C_t$ "
        f"和隐藏状态 $h_t$，每格保留 {ANSWER_DECIMALS} 位小数。{CHAIN.zh}",
        f"Compute one full LSTM step ({size.en}). {columns.en} Fill in the four blocks, then "
        f"the new cell $C_t$ and the hidden state $h_t$, each to {ANSWER_DECIMALS} decimals. "
        f"{CHAIN.en}",
    )
    hints = (
        Text("四个块都只读 $[h_{t-1}, x_t]$：$f_t$、$i_t$、$o_t$ 用 σ，$\\tilde{C}_t$ 用 tanh。",
             "All four blocks read only $[h_{t-1}, x_t]$: $f_t$, $i_t$, $o_t$ use σ, "
             "$\\tilde{C}_t$ uses tanh."),
        Text("$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$：遗忘门作用于旧记忆，输入门作用于候选细胞状态。",
             "$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$: the forget gate scales the old "
             "cell, the input gate the candidate."),
        Text("$h_t = o_t \\odot \\tanh(C_t)$：用新的记忆 $C_t$，先 tanh 再乘输出门。",
             "$h_t = o_t \\odot \\tanh(C_t)$: the new cell $C_t$, squashed, then scaled by the "
             "output gate."),
    )  # fmt: skip
    solution = [concat_line(step)]
    for gate in GATES.values():
        solution += gate_lines(d, step, gate)
    solution += cell_lines(step) + hidden_lines(step)
    givens = {**d.weights(*GATES), **shown_givens(h_prev=d.h_prev, x=d.x, C_prev=C_prev)}
    return Exercise(prompt, givens, cells, hints, tuple(solution), given_decimals=GIVEN_DECIMALS)
