"""The memory cell: C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t, and what it shows, h_t = o_t ⊙ tanh(C_t).

Difficulty 1 and 2 give the gate values; difficulty 3 gives pre-activations, so the learner
also has to pick σ or tanh for each.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tutor.engine.activations import sigmoid, tanh
from tutor.exercises.families._build import numeric_cell, sizes_text, to_decimals
from tutor.exercises.families._draw import GIVEN_DECIMALS, between, signed, units
from tutor.exercises.families._lstm import (
    logit,
    step_ending_in,
    step_with_gates,
    step_with_preacts,
)
from tutor.exercises.families._lstm_lines import activation_lines, cell_lines, hidden_lines
from tutor.exercises.families._numbers import ANSWER_DECIMALS, shown_givens
from tutor.exercises.model import Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

CELL = r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t"
HIDDEN = r"h_t = o_t \odot \tanh(C_t)"
ELEMENTWISE = Text(
    "$\\odot$ 是逐元素相乘：每个单元各算各的。", "$\\odot$ is element-wise: each unit on its own."
)


@register("lstm.cell-update", "memory-cell", "记忆单元的更新 C_t", "The cell update C_t")
def cell_update(rng: np.random.Generator, difficulty: int) -> Exercise:
    H = units(rng, difficulty)
    C_prev = signed(rng, 2.0, H, low=0.1)
    preacts = difficulty == 3
    if preacts:
        z_f, z_i, z_C = (signed(rng, 3.0, H, low=0.1) for _ in range(3))
        step = step_with_preacts(z_f, z_i, z_C, np.zeros(H), C_prev)
        givens: dict[str, Any] = {"z_f": z_f, "z_i": z_i, "z_C": z_C}
    else:
        f, i = between(rng, 0.05, 0.95, H), between(rng, 0.05, 0.95, H)
        C_tilde = signed(rng, 0.95, H, low=0.05)
        step = step_with_gates(f, i, C_tilde, np.full(H, 0.5), C_prev)
        givens = {"f": f, "i": i, "C_tilde": C_tilde}
    givens = shown_givens(**givens, C_prev=C_prev)
    mistakes = {
        "lstm.forget-input-swapped": step.i * step.C_prev + step.f * step.C_tilde,
        "lstm.no-forget-gate": step.C_prev + step.i * step.C_tilde,
    }
    if preacts:
        mistakes["lstm.gate-tanh"] = tanh(z_f) * C_prev + tanh(z_i) * step.C_tilde
        mistakes["lstm.candidate-sigmoid"] = step.f * C_prev + step.i * sigmoid(z_C)
    cell = numeric_cell("C", "$C_t$", step.C, mistakes=mistakes)
    places, size = to_decimals(ANSWER_DECIMALS), sizes_text(H)
    if preacts:
        prompt = Text(
            f"已知这一步的预激活 $z_f$、$z_i$、$z_C$ 和上一时刻的记忆 $C_{{t-1}}$（{size.zh}）。"
            f"先求出各门，再求新的记忆 ${CELL}$，{places.zh}。",
            f"Given this step's pre-activations $z_f$, $z_i$, $z_C$ and the previous cell "
            f"$C_{{t-1}}$ ({size.en}), find the gates, then the new cell ${CELL}$, {places.en}.",
        )
        first = Text(
            "先激活：$f_t = \\sigma(z_f)$，$i_t = \\sigma(z_i)$，但 $\\tilde{C}_t = \\tanh(z_C)$。",
            "Activate first: $f_t = \\sigma(z_f)$, $i_t = \\sigma(z_i)$, but $\\tilde{C}_t = \\tanh(z_C)$.",
        )
    else:
        prompt = Text(
            f"已知这一步的遗忘门、输入门、候选细胞状态和上一时刻的记忆（{size.zh}）。"
            f"求新的记忆 ${CELL}$，{places.zh}。",
            f"Given this step's forget gate, input gate, candidate and previous cell ({size.en}), "
            f"compute the new cell ${CELL}$, {places.en}.",
        )
        first = ELEMENTWISE
    hints = (
        first,
        Text("遗忘门乘旧记忆：$f_t \\odot C_{t-1}$；输入门乘候选细胞状态：$i_t \\odot \\tilde{C}_t$。",
             "The forget gate scales the old cell, $f_t \\odot C_{t-1}$; the input gate scales the "
             "candidate, $i_t \\odot \\tilde{C}_t$."),
        Text(f"两项相加：${CELL}$。", f"Add the two: ${CELL}$."),
    )  # fmt: skip
    solution = (*(activation_lines(step, "fiC") if preacts else ()), *cell_lines(step))
    return Exercise(prompt, givens, (cell,), hints, solution, given_decimals=GIVEN_DECIMALS)


@register("lstm.hidden-state", "memory-cell", "隐藏状态 h_t", "The hidden state h_t")
def hidden_state(rng: np.random.Generator, difficulty: int) -> Exercise:
    H = units(rng, difficulty)
    C = signed(rng, 2.5, H, low=0.2)
    preacts = difficulty == 3
    if preacts:
        z_o = signed(rng, 3.0, H, low=0.1)
        givens = shown_givens(z_o=z_o, C=C)
    else:
        o = between(rng, 0.05, 0.95, H)
        z_o = logit(o)
        givens = shown_givens(o=o, C=C)
    step = step_ending_in(z_o, C)
    mistakes = {"lstm.h-missing-tanh": step.o * C}
    if preacts:
        mistakes["lstm.gate-tanh"] = tanh(z_o) * step.tanh_C
    cell = numeric_cell("h", "$h_t$", step.h, mistakes=mistakes)
    places, size = to_decimals(ANSWER_DECIMALS), sizes_text(H)
    what = (
        Text("输出门的预激活 $z_o$", "the output gate's pre-activation $z_o$")
        if preacts
        else Text("输出门 $o_t$", "the output gate $o_t$")
    )
    prompt = Text(
        f"已知{what.zh} 和新的记忆 $C_t$（{size.zh}）。求隐藏状态 ${HIDDEN}$，{places.zh}。",
        f"Given {what.en} and the new cell $C_t$ ({size.en}), compute the hidden state "
        f"${HIDDEN}$, {places.en}.",
    )
    hints = (
        Text("先算 $o_t = \\sigma(z_o)$。", "First $o_t = \\sigma(z_o)$.") if preacts else ELEMENTWISE,
        Text("记忆先经过 tanh 压缩到 (−1, 1)：算 $\\tanh(C_t)$。",
             "The cell is squashed into (−1, 1) first: compute $\\tanh(C_t)$."),
        Text(f"再乘输出门：${HIDDEN}$。", f"Then scale by the output gate: ${HIDDEN}$."),
    )  # fmt: skip
    solution = (*(activation_lines(step, "o") if preacts else ()), *hidden_lines(step))
    return Exercise(prompt, givens, (cell,), hints, solution, given_decimals=GIVEN_DECIMALS)
