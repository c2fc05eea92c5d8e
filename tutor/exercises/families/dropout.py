"""Where dropout's masks live in an LSTM and how often they are drawn: between layers at every
step (Zaremba, Sutskever & Vinyals 2014; PyTorch's ``nn.LSTM(dropout=p)``), one mask per
sequence on the recurrent connection (Gal & Ghahramani 2016), one mask per batch over the
recurrent weights (the weight-dropped LSTM of Merity, Keskar & Socher 2017), and inverted
dropout's scale 1/(1 − p).

The counts are the sizes of the tensors each mask multiplies; the tests check them against
the shapes of torch's ``nn.LSTM`` outputs and weights.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from tutor.exercises.families._build import (
    count_cell,
    hints,
    numeric_cell,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._numbers import shown_givens
from tutor.exercises.model import Cell, Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

HIDDEN = (32, 64, 128, 256, 512)
BATCHES = (8, 16, 32, 64)
LENGTHS = (20, 35, 50, 70, 100)
RATES = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5)
#: Rates for which p·4H² is a whole number for every H above (powers of two).
WHOLE_RATES = (0.25, 0.5)


@register(
    "dropout.masks",
    "backpropagation",
    "LSTM 中 dropout 掩码的位置与大小",
    "Where dropout's masks sit in an LSTM, and how large they are",
)
def dropout_masks(rng: np.random.Generator, difficulty: int) -> Exercise:
    """PyTorch's between-layer dropout and the inverted scale at 1; the recurrent connection's
    mask per step, per sequence and per batch (over the weights) at 2; the weight-dropped
    stack's masks and the weights dropped on average at 3."""
    H, B, T = (int(rng.choice(v)) for v in (HIDDEN, BATCHES, LENGTHS))
    L, p = int(rng.integers(2, 5)), float(rng.choice(WHOLE_RATES if difficulty == 3 else RATES))
    scale = 1 / (1 - p)
    scale_cell = numeric_cell("scale", r"$1/(1 - p)$", scale, decimals=4)
    scale_step = worked_line("保留的元素放大", "The kept entries are scaled up", "1/(1 - p)", f"1/(1 - {p:g})", f"{scale:.4f}")
    if difficulty == 1:
        between = (L - 1) * T * B * H
        cells: tuple[Cell, ...] = (
            # every layer's output, the last one's too
            count_cell("between", r"$N_{\mathrm{mask}}$", between, {"general.constant-factor": L * T * B * H}),
            scale_cell,
        )  # fmt: skip
        steps = [
            worked_line("除最后一层外每层的输出 (T, B, H)，每一步一个新掩码", "Every layer's output but the last, (T, B, H), a new mask at every step",
                        "(L - 1) T B H", f"{L - 1}×{T}×{B}×{H}", str(between)),
            scale_step,
        ]  # fmt: skip
        givens = shown_givens(L=L, H=H, T=T, B=B)
        ask = Text(
            f"PyTorch 的 nn.LSTM(..., num_layers=L, dropout={p:g}) 读一个批（B 条长度 T 的序列）："
            "一次前向要抽多少个掩码元素（$N_{\\mathrm{mask}}$）？训练时保留下来的元素要乘多少"
            "（保留 4 位小数）？",
            f"PyTorch's nn.LSTM(..., num_layers=L, dropout={p:g}) reads a batch of B sequences of "
            "length T: how many mask entries does one forward pass draw ($N_{\\mathrm{mask}}$), and "
            "by what factor are the kept entries multiplied in training (4 decimals)?",
        )
    elif difficulty == 2:
        per_step, per_sequence, per_weight = T * B * H, B * H, 4 * H * H
        cells = (
            count_cell("per_step", r"$N_{\mathrm{step}}$", per_step),
            count_cell("per_sequence", r"$N_{\mathrm{seq}}$", per_sequence, {"general.constant-factor": per_step}),
            # one gate's block only: a quarter of W^(h)
            count_cell("per_weight", r"$N_{\mathrm{weight}}$", per_weight, {"general.constant-factor": H * H}),
        )  # fmt: skip
        steps = [
            worked_line("每一步、每条序列一个新掩码", "A new mask at every step for every sequence", "T B H", f"{T}×{B}×{H}", str(per_step)),
            worked_line("变分 dropout：每条序列一个，各步共用", "Variational: one per sequence, shared by the steps", "B H", f"{B}×{H}", str(per_sequence)),
            worked_line("权重丢弃：四个门的 $W_k^{(h)}$ 每个元素一个，整个批共用", "Weight drop: one per entry of the four gates' $W_k^{(h)}$, shared by the batch",
                        "4H \\cdot H", f"4×{H}×{H}", str(per_weight)),
        ]  # fmt: skip
        givens = shown_givens(H=H, T=T, B=B)
        ask = Text(
            "只看一层 LSTM 的循环连接，一个批（B 条长度 T 的序列）。三种正则化各要抽多少个掩码元素："
            "每一步在 $h_{t-1}$ 上换新掩码（$N_{\\mathrm{step}}$）、变分 dropout 每条序列一个掩码"
            "（$N_{\\mathrm{seq}}$）、权重丢弃对 $W_k^{(h)}$ 做 DropConnect（$N_{\\mathrm{weight}}$）？",
            "Only the recurrent connection of one LSTM layer, over a batch of B sequences of length T. "
            "How many mask entries does each scheme draw: a fresh mask on $h_{t-1}$ at every step "
            "($N_{\\mathrm{step}}$), variational dropout with one mask per sequence "
            "($N_{\\mathrm{seq}}$), and weight dropping with DropConnect on $W_k^{(h)}$ "
            "($N_{\\mathrm{weight}}$)?",
        )
    else:
        masks = L * 4 * H * H
        dropped = Fraction(p).limit_denominator(100) * masks
        kept = None if p == 0.5 else masks - int(dropped)  # the kept ones, counted as dropped
        cells = (
            count_cell("weights", r"$N_{\mathrm{weight}}$", masks, {"general.constant-factor": L * H * H}),
            count_cell("dropped", r"$E[N_{\mathrm{dropped}}]$", int(dropped), {"general.constant-factor": kept}),
            scale_cell,
        )  # fmt: skip
        steps = [
            worked_line("每层 $W_k^{(h)}$ 的四个块", "The four blocks of $W_k^{(h)}$ in every layer", "L \\cdot 4H^2", f"{L}×4×{H}²", str(masks)),
            worked_line("平均丢掉的比例是 p", "On average a share p is dropped", "p L \\cdot 4H^2", f"{p:g}×{masks}", str(int(dropped))),
            scale_step,
        ]  # fmt: skip
        givens = shown_givens(L=L, H=H)
        ask = Text(
            f"一个 L 层的权重丢弃 LSTM（AWD-LSTM），对每层循环权重 $W_k^{{(h)}}$ 做丢弃率 p = {p:g} 的 "
            "DropConnect，每个批抽一次掩码：每个批共要抽多少个掩码元素，平均丢掉多少个权重，"
            "保留的权重乘多少（保留 4 位小数）？",
            f"An L-layer weight-dropped LSTM (AWD-LSTM) applies DropConnect with rate p = {p:g} to "
            "every layer's recurrent weights $W_k^{(h)}$, one mask per batch: how many mask entries "
            "are drawn per batch, how many weights are dropped on average, and by what factor are "
            "the kept weights multiplied (4 decimals)?",
        )
    return whole_number_exercise(
        f"LSTM 的隐藏维度 H。{ask.zh}",
        f"An LSTM with hidden size H. {ask.en}",
        givens,
        cells,
        hints(
            (
                "一个掩码元素乘一个数：数一数掩码作用的张量有多大，以及多久换一次。",
                "One mask entry multiplies one number: count the entries of the tensor the mask "
                "acts on, and how often it is redrawn.",
            ),
            (
                "训练时用反向缩放：保留的元素乘 $1/(1 - p)$，测试时不再缩放。",
                "Inverted dropout: in training the kept entries are multiplied by $1/(1 - p)$, so "
                "nothing is rescaled at test time.",
            ),
        ),
        steps,
    )
