"""Each block of one LSTM step on its own: f_t, i_t, C̃_t or o_t from W, b, h_{t-1}, x_t."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.exercises.families._build import numeric_cell, sizes_text
from tutor.exercises.families._draw import GIVEN_DECIMALS
from tutor.exercises.families._lstm import GATES, Gate, draw, gate_mistakes, reject_saturated_gates
from tutor.exercises.families._lstm_lines import columns_text, concat_line, gate_lines
from tutor.exercises.families._numbers import ANSWER_DECIMALS, shown_givens
from tutor.exercises.model import Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text


def activation_hint(gate: Gate) -> Text:
    if gate.activation == "tanh":
        return Text(
            r"最后 $\tilde{C}_t = \tanh(z_C)$：候选细胞状态用 tanh 而不是 σ，所以可以是负数。",
            r"Finally $\tilde{C}_t = \tanh(z_C)$: the candidate uses tanh, not σ, so it may be negative.",
        )
    lhs = gate.label()[1:-1]
    return Text(
        f"最后逐个元素取 ${lhs} = \\sigma(z_{gate.key}) = 1 / (1 + e^{{-z_{gate.key}}})$，结果在 0 与 1 之间。",
        f"Finally ${lhs} = \\sigma(z_{gate.key}) = 1 / (1 + e^{{-z_{gate.key}}})$, entry by entry: a value between 0 and 1.",
    )  # fmt: skip


def gate_exercise(gate: Gate) -> Callable[[np.random.Generator, int], Exercise]:
    """The builder for one block."""

    def build(rng: np.random.Generator, difficulty: int) -> Exercise:
        d = draw(rng, difficulty)
        step = d.step()
        reject_saturated_gates(step, gate)
        cell = numeric_cell(
            gate.cell, gate.label(), gate.value(step), mistakes=gate_mistakes(d, gate)
        )
        size, columns = sizes_text(d.H, d.D), columns_text(d, f"W_{gate.key}")
        equation, lhs = gate.equation(), gate.label()
        prompt = Text(
            f"计算这一步的{gate.zh} ${equation}$（{size.zh}）。{columns.zh}"
            f"{lhs} 保留 {ANSWER_DECIMALS} 位小数。",
            f"Compute the {gate.en} ${equation}$ of this step ({size.en}). {columns.en} "
            f"Give {lhs} to {ANSWER_DECIMALS} decimals.",
        )
        hints = (
            Text("先把 $h_{t-1}$ 和 $x_t$ 拼成一个向量，$h$ 在前。",
                 "First stack $h_{t-1}$ and $x_t$ into one vector, $h$ first."),
            Text(f"$z_{gate.key} = W_{gate.key} \\cdot [h_{{t-1}}, x_t] + b_{gate.key}$："
                 f"$W_{gate.key}$ 的每一行对应一个单元，别忘了偏置。",
                 f"$z_{gate.key} = W_{gate.key} \\cdot [h_{{t-1}}, x_t] + b_{gate.key}$: one row of "
                 f"$W_{gate.key}$ per unit, and do not forget the bias."),
            activation_hint(gate),
        )  # fmt: skip
        return Exercise(
            prompt=prompt,
            givens={**d.weights(gate.key), **shown_givens(h_prev=d.h_prev, x=d.x)},
            cells=(cell,),
            hints=hints,
            solution=(concat_line(step), *gate_lines(d, step, gate)),
            given_decimals=GIVEN_DECIMALS,
        )

    return build


for _key, _name, _lesson, _zh, _en in (
    ("f", "lstm.forget-gate", "three-gates", "遗忘门 f", "The forget gate f"),
    ("i", "lstm.input-gate", "three-gates", "输入门 i", "The input gate i"),
    ("C", "lstm.candidate", "gate-mechanism", "候选细胞状态 C̃", "The candidate C̃"),
    ("o", "lstm.output-gate", "three-gates", "输出门 o", "The output gate o"),
):
    register(_name, _lesson, _zh, _en)(gate_exercise(GATES[_key]))
