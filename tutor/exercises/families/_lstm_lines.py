"""Worked-solution lines and prompt sentences for one LSTM step, in both languages."""

from __future__ import annotations

import numpy as np

from tutor.engine import lstm
from tutor.exercises.families._draw import GIVEN_DECIMALS
from tutor.exercises.families._lstm import GATES, Draw, Gate
from tutor.exercises.families._numbers import expansion, typed
from tutor.exercises.model import Step
from tutor.i18n import Text


def columns_text(d: Draw, weight: str) -> Text:
    """Which columns of W_k meet h_{t-1} and which meet x_t (the columns of every W_k)."""
    if d.scalar:
        return Text(
            f"${weight}$ 的第一个数乘 $h_{{t-1}}$，第二个数乘 $x_t$。",
            f"The first entry of ${weight}$ multiplies $h_{{t-1}}$, the second $x_t$.",
        )
    return Text(
        f"${weight}$ 的前 $H$ 列乘 $h_{{t-1}}$，后 $D$ 列乘 $x_t$。",
        f"The first $H$ columns of ${weight}$ multiply $h_{{t-1}}$, the last $D$ multiply $x_t$.",
    )


def concat_line(
    step: lstm.LSTMStep, t: str = "t", prev: str = "t-1", decimals: int = GIVEN_DECIMALS
) -> Step:
    """[h_{t-1}, x_t] as the step saw it (h given: 2 decimals; h computed: pass 4)."""
    hx = np.concatenate([np.atleast_1d(step.h_prev), np.atleast_1d(step.x)])
    formula = f"$[h_{{{prev}}}, x_{{{t}}}]$"
    return Step(
        Text(f"拼接 {formula}（$h$ 在前）", f"Stack {formula} ($h$ first)"), typed(hx, decimals)
    )


def gate_lines(
    d: Draw,
    step: lstm.LSTMStep,
    gate: Gate,
    t: str = "t",
    prev: str = "t-1",
    decimals: int = GIVEN_DECIMALS,
) -> list[Step]:
    """z_k = W_k·[h, x] + b_k (written out for a scalar cell, inputs at `decimals`), then
    the activation."""
    z = gate.preact(step)
    formula = rf"$z_{gate.key} = W_{gate.key} \cdot [h_{{{prev}}}, x_{{{t}}}] + b_{gate.key}$"
    if d.scalar:
        W, b = getattr(d.params, f"W_{gate.key}"), getattr(d.params, f"b_{gate.key}")
        inputs = np.concatenate([np.atleast_1d(step.h_prev), np.atleast_1d(step.x)])
        arithmetic = f"{expansion(W[0], inputs, float(b[0]), decimals)} = {typed(z)}"
    else:
        arithmetic = typed(z)
    act = gate.act
    lhs = gate.label(t)[1:-1]
    return [
        Step(Text(f"{gate.zh}的预激活 {formula}", f"{gate.en} pre-activation {formula}"), arithmetic),
        Step(Text(f"${lhs} = {act}(z_{gate.key})$", f"${lhs} = {act}(z_{gate.key})$"), typed(gate.value(step))),
    ]  # fmt: skip


def activation_lines(step: lstm.LSTMStep, keys: str) -> list[Step]:
    """f_t = σ(z_f), one line per block, for exercises that give the pre-activations."""
    lines = []
    for key in keys:
        gate = GATES[key]
        formula = f"${gate.label()[1:-1]} = {gate.act}(z_{key})$"
        lines.append(Step(Text(formula, formula), typed(gate.value(step))))
    return lines


def cell_lines(step: lstm.LSTMStep, t: str = "t", prev: str = "t-1") -> list[Step]:
    """C_t = f ⊙ C_{t-1} + i ⊙ C̃, its two products first."""
    keep = rf"f_{{{t}}} \odot C_{{{prev}}}"
    write = rf"i_{{{t}}} \odot \tilde{{C}}_{{{t}}}"
    return [
        Step(Text(f"保留的旧记忆 ${keep}$", f"old memory kept, ${keep}$"), typed(step.f * step.C_prev)),
        Step(Text(f"写入的新内容 ${write}$", f"new content written, ${write}$"), typed(step.i * step.C_tilde)),
        Step(Text(f"$C_{{{t}}} = {keep} + {write}$", f"$C_{{{t}}} = {keep} + {write}$"), typed(step.C)),
    ]  # fmt: skip


def hidden_lines(step: lstm.LSTMStep, t: str = "t") -> list[Step]:
    """tanh(C_t), then h_t = o_t ⊙ tanh(C_t)."""
    squash = rf"\tanh(C_{{{t}}})"
    out = rf"h_{{{t}}} = o_{{{t}}} \odot {squash}"
    return [
        Step(Text(f"压缩记忆 ${squash}$", f"squash the cell, ${squash}$"), typed(step.tanh_C)),
        Step(Text(f"${out}$", f"${out}$"), typed(step.h)),
    ]
