"""Two time steps unrolled: C_1, h_1, then C_2, h_2 from [h_1, x_2] and C_1 (a worksheet).

Step 2 is graded with error carried forward from the learner's own C_1 and h_1, through
the engine's step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import lstm
from tutor.exercises.families._build import numeric_cell, sizes_text
from tutor.exercises.families._draw import GIVEN_DECIMALS, signed
from tutor.exercises.families._lstm import GATES, draw, reject_saturated_gates
from tutor.exercises.families._lstm_lines import (
    cell_lines,
    columns_text,
    concat_line,
    gate_lines,
    hidden_lines,
)
from tutor.exercises.families._numbers import ANSWER_DECIMALS, shown_givens
from tutor.exercises.families.lstm_step import CHAIN, hidden, new_cell
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

#: Every cell is computed from earlier ones; the grader carries the rounding of the learner's
#: own earlier values through, so they ask the same decimals as any other cell.
PLACES = ANSWER_DECIMALS


@register(
    "lstm.two-steps",
    "forward-pass",
    "展开两个时间步（工作表）",
    "Two time steps unrolled (worksheet)",
)
def build(rng: np.random.Generator, difficulty: int) -> Exercise:
    # difficulty 1 starts from the usual zero state; above, from a given one
    d = draw(rng, difficulty, zero_state=difficulty == 1)
    x2 = signed(rng, 1.0, d.D, low=0.1)
    trace = lstm.forward(d.params, np.stack([d.x, x2]), d.h_prev, d.C_prev)
    first, second = trace.steps
    reject_saturated_gates(first)
    reject_saturated_gates(second)
    params = d.params

    def h_1(v: Mapping[str, Any]) -> Any:
        return hidden(first.o, v["C_1"])

    def C_2(v: Mapping[str, Any]) -> Any:
        return lstm.step(params, x2, np.ravel(v["h_1"]), np.ravel(v["C_1"])).C

    def h_2(v: Mapping[str, Any]) -> Any:
        o2 = lstm.step(params, x2, np.ravel(v["h_1"]), np.ravel(v["C_1"])).o
        return hidden(o2, v["C_2"])

    def swapped(s: lstm.LSTMStep) -> Any:
        return {"lstm.forget-input-swapped": new_cell(s.C_prev, s.i, s.f, s.C_tilde)}

    def bare(s: lstm.LSTMStep) -> Any:
        return {
            "lstm.h-missing-tanh": s.o * s.C,
            "lstm.h-tanh-prev-cell": hidden(s.o, s.C_prev),  # C_{t-1} squashed, not C_t
        }

    restarted = lstm.step(params, x2, d.h_prev, d.C_prev)  # step 2 from h_0, C_0 again

    def not_carried(s: lstm.LSTMStep) -> Any:
        return {**swapped(s), "lstm.state-not-carried": restarted.C}

    def cell(name: str, s: lstm.LSTMStep, field: str, wrong: Any, **ecf: Any) -> Cell:
        return numeric_cell(name, f"${name}$", getattr(s, field), decimals=PLACES,
                            mistakes=wrong(s), **ecf)  # fmt: skip

    cells = (
        cell("C_1", first, "C", swapped),
        cell("h_1", first, "h", bare, depends=("C_1",), recompute=h_1),
        cell("C_2", second, "C", not_carried, depends=("C_1", "h_1"), recompute=C_2),
        cell("h_2", second, "h", bare, depends=("C_1", "h_1", "C_2"), recompute=h_2),
    )
    size, columns = sizes_text(d.H, d.D), columns_text(d, "W_k")
    start = (
        Text("从零状态 $h_0 = C_0 = 0$ 出发", "Start from the zero state $h_0 = C_0 = 0$")
        if (difficulty == 1)
        else Text("从给定的 $h_0$、$C_0$ 出发", "Start from the given $h_0$, $C_0$")
    )
    prompt = Text(
        f"把 LSTM 展开两个时间步（{size.zh}）。{columns.zh}{start.zh}，输入依次为 $x_1$、$x_2$。"
        f"填写 $C_1$、$h_1$、$C_2$、$h_2$，每格保留 {PLACES} 位小数。{CHAIN.zh}",
        f"Unroll the LSTM over two time steps ({size.en}). {columns.en} {start.en}; the inputs "
        f"are $x_1$, then $x_2$. Fill in $C_1$, $h_1$, $C_2$, $h_2$, each to {PLACES} decimals. "
        f"{CHAIN.en}",
    )
    hints = (
        Text("第 1 步和单步 LSTM 一样：四个块读 $[h_0, x_1]$，再算 $C_1$ 和 $h_1$。",
             "Step 1 is one ordinary LSTM step: the four blocks read $[h_0, x_1]$, then $C_1$ and $h_1$."),
        Text("第 2 步用同一组权重，读 $[h_1, x_2]$，遗忘门作用于 $C_1$。",
             "Step 2 uses the same weights; it reads $[h_1, x_2]$ and its forget gate scales $C_1$."),
        Text("$C_2 = f_2 \\odot C_1 + i_2 \\odot \\tilde{C}_2$，$h_2 = o_2 \\odot \\tanh(C_2)$。",
             "$C_2 = f_2 \\odot C_1 + i_2 \\odot \\tilde{C}_2$ and $h_2 = o_2 \\odot \\tanh(C_2)$."),
    )  # fmt: skip
    solution: list[Step] = []
    for t, s, decimals in (("1", first, GIVEN_DECIMALS), ("2", second, ANSWER_DECIMALS)):
        prev = str(int(t) - 1)
        solution.append(concat_line(s, t, prev, decimals))
        for gate in GATES.values():
            solution += gate_lines(d, s, gate, t, prev, decimals)
        solution += cell_lines(s, t, prev) + hidden_lines(s, t)
    givens = {**d.weights(*GATES), **shown_givens(h_0=d.h_prev, C_0=d.C_prev, x_1=d.x, x_2=x2)}
    return Exercise(prompt, givens, cells, hints, tuple(solution), given_decimals=GIVEN_DECIMALS)
