"""LSTMP, the LSTM with a recurrent projection (Sak, Senior & Beaufays 2014; PyTorch's
``nn.LSTM(..., proj_size=P)``): its parameters, its state sizes and its multiplications.

    gates, C_t as in the LSTM, reading [h_{t-1}, x_t] with h_{t-1} of size P
    h_t = W_{hr} (o_t ⊙ tanh(C_t)),  W_{hr} of shape (P, H)

So each gate block is (H, P + D), and one layer has 4(H(P + D) + b·H) + PH parameters with b
biases per block; a step takes 4H(P + D) + PH multiplications. The tests check the counts
against torch's ``nn.LSTM(D, H, proj_size=P)``.
"""

from __future__ import annotations

import numpy as np

from tutor.exercises.families._build import (
    count_cell,
    hints,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._numbers import shown_givens
from tutor.exercises.families.counts import parameters
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

#: (H, P, D) choices per difficulty: small numbers first, speech-recognition sizes after.
HIDDEN = {1: (4, 6, 8, 10), 2: (256, 512, 1024), 3: (512, 1024, 2048)}
PROJECTED = {1: (2, 3), 2: (64, 128, 256), 3: (128, 256, 512)}
INPUTS = {1: (2, 3, 5), 2: (40, 80, 128), 3: (40, 80, 128)}


def lstmp_parameters(H: int, D: int, P: int, biases: int = 1) -> int:
    """One LSTMP layer: four (H, P + D) blocks with their biases, and W_hr (P, H)."""
    return 4 * (H * (P + D) + biases * H) + P * H


def lstmp_multiplications(H: int, D: int, P: int) -> int:
    """One step for one example: the gates' product and the projection."""
    return 4 * H * (P + D) + P * H


def _count_step(H: int, D: int, P: int, biases: int) -> Step:
    bias = "H" if biases == 1 else "2H"
    return worked_line(
        "四个门块（读 $[h_{t-1}, x_t]$，$h_{t-1}$ 是 P 维）加投影 $W_{hr}$",
        "Four gate blocks (reading $[h_{t-1}, x_t]$, $h_{t-1}$ of size P) plus the projection $W_{hr}$",
        rf"4(H(P + D) + {bias}) + PH",
        f"4×({H}×({P} + {D}) + {biases * H}) + {P}×{H}",
        str(lstmp_parameters(H, D, P, biases)),
    )  # fmt: skip


def _lstmp_cell(name: str, label: str, H: int, D: int, P: int, biases: int) -> Cell:
    return count_cell(
        name,
        label,
        lstmp_parameters(H, D, P, biases),
        {
            "lstm.forgot-bias": lstmp_parameters(H, D, P, 0),
            "lstm.single-bias": lstmp_parameters(H, D, P, 1) if biases == 2 else None,
        },
    )


@register(
    "params.lstmp",
    "acceleration",
    "带投影的 LSTM（LSTMP，proj_size）：参数量与乘法次数",
    "The LSTM with a projection (LSTMP, proj_size): parameters and multiplications",
)
def lstmp(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Sizes and one-bias counts at 1; PyTorch's count and a step's multiplications against
    the plain LSTM at 2; a two-layer PyTorch stack and the work left in the loop at 3."""
    H = int(rng.choice(HIDDEN[difficulty]))
    P = int(rng.choice([p for p in PROJECTED[difficulty] if p < H]))
    D = int(rng.choice([d for d in INPUTS[difficulty] if d not in (H, P)]))
    givens = shown_givens(H=H, D=D, P=P)
    torch_call = f"nn.LSTM({D}, {H}, proj_size={P})"
    if difficulty == 1:
        cells: tuple[Cell, ...] = (
            count_cell("h_size", r"$\operatorname{dim}(h_t)$", P),
            count_cell("C_size", r"$\operatorname{dim}(C_t)$", H),
            count_cell("lstm", r"$N_{\mathrm{LSTM}}$", parameters("lstm", H, D)),
            _lstmp_cell("lstmp", r"$N_{\mathrm{LSTMP}}$", H, D, P, 1),
        )
        ask = Text(
            "隐藏状态 $h_t$ 和细胞状态 $C_t$ 各是几维？每个门一个偏置时，不带投影的 LSTM（隐藏维度 H）"
            "与 LSTMP 各有多少参数？",
            "What are the sizes of the hidden state $h_t$ and of the cell $C_t$? With one bias per "
            "gate, how many parameters do a plain LSTM (hidden size H) and the LSTMP have?",
        )
        steps = [
            worked_line("投影之后的输出", "The output after the projection", r"h_t = W_{hr} (o_t \odot \tanh(C_t))", "", str(P)),
            worked_line("细胞不投影", "The cell is not projected", r"C_t", "", str(H)),
            worked_line("不带投影的 LSTM", "The plain LSTM", "4(H(H + D) + H)", f"4×({H}×({H} + {D}) + {H})", str(parameters("lstm", H, D))),
            _count_step(H, D, P, 1),
        ]  # fmt: skip
    elif difficulty == 2:
        plain, projected = 4 * H * (H + D), lstmp_multiplications(H, D, P)
        cells = (
            _lstmp_cell("torch", r"$N_{\mathrm{PyTorch}}$", H, D, P, 2),
            count_cell("mults_lstm", r"$M_{\mathrm{LSTM}}$", plain),
            count_cell("mults_lstmp", r"$M_{\mathrm{LSTMP}}$", projected),
        )  # fmt: skip
        ask = Text(
            f"PyTorch 的 {torch_call} 报告多少参数（每个门两个偏置）？一个样本一步，不带投影的 LSTM"
            "（隐藏维度 H）和 LSTMP 的矩阵乘法各要多少次乘法？",
            f"How many parameters does PyTorch's {torch_call} report (two biases per gate)? For one "
            "example and one step, how many multiplications do the matrix products of a plain LSTM "
            "(hidden size H) and of the LSTMP take?",
        )
        steps = [
            _count_step(H, D, P, 2),
            worked_line("不带投影：门读 $[h_{t-1}, x_t]$，$h_{t-1}$ 是 H 维", "Plain: the gates read $[h_{t-1}, x_t]$ with $h_{t-1}$ of size H", "4H(H + D)", f"4×{H}×({H} + {D})", str(plain)),
            worked_line("LSTMP：门的乘法加投影", "LSTMP: the gates' product plus the projection", "4H(P + D) + PH", f"4×{H}×({P} + {D}) + {P}×{H}", str(projected)),
        ]  # fmt: skip
    else:
        loop = 4 * H * P + P * H
        torch_call = f"nn.LSTM({D}, {H}, num_layers=2, proj_size={P})"
        cells = (
            _lstmp_cell("layer_1", r"$N^{(1)}$", H, D, P, 2),
            _lstmp_cell("layer_2", r"$N^{(2)}$", H, P, P, 2),
            # without the projection: 4HP, four fifths of 5HP
            count_cell("loop", r"$M_{\mathrm{loop}}$", loop, {"general.constant-factor": 4 * H * P}),
        )  # fmt: skip
        ask = Text(
            f"PyTorch 的 {torch_call}：第 1 层、第 2 层各有多少参数？把输入部分 $W_k^{{(x)}} x_t$ "
            "提到循环之前后，每层每一步留在循环里的乘法（递归乘法加投影）有多少次（一个样本）？",
            f"PyTorch's {torch_call}: how many parameters do layer 1 and layer 2 have? With the "
            "input half $W_k^{(x)} x_t$ hoisted out of the loop, how many multiplications per "
            "layer and step stay in the loop (the recurrent product and the projection), for one "
            "example?",
        )
        steps = [
            _count_step(H, D, P, 2),
            worked_line("第 2 层读第 1 层的 $h_t$，它是 P 维", "Layer 2 reads layer 1's $h_t$, of size P", "D \\to P", "", ""),
            _count_step(H, P, P, 2),
            worked_line("循环里：(4H, P) 乘 $h_{t-1}$，再 (P, H) 投影", "In the loop: (4H, P) times $h_{t-1}$, then the (P, H) projection", "4HP + PH", f"4×{H}×{P} + {P}×{H}", str(loop)),
        ]  # fmt: skip
    return whole_number_exercise(
        "LSTMP：每一步的输出先投影到 P 维，$h_t = W_{hr} (o_t \\odot \\tanh(C_t))$，"
        "$W_{hr}$ 的形状是 (P, H)；下一步的门读 $[h_{t-1}, x_t]$。输入维度 D，细胞（隐藏）维度 H。"
        f"{ask.zh}",
        "An LSTMP projects each step's output to P entries, $h_t = W_{hr} (o_t \\odot \\tanh(C_t))$ "
        "with $W_{hr}$ of shape (P, H); the next step's gates read $[h_{t-1}, x_t]$. Input size D, "
        f"cell (hidden) size H. {ask.en}",
        givens,
        cells,
        hints(
            (
                "门和细胞仍有 H 个单元，但它们读的 $h_{t-1}$ 只有 P 维：每个门块是 (H, P + D)。",
                "The gates and the cell still have H units, but the $h_{t-1}$ they read has only P "
                "entries: each gate block is (H, P + D).",
            ),
            (
                "投影矩阵 $W_{hr}$ 有 P·H 个参数，每一步也要 P·H 次乘法；PyTorch 每个门有两个偏置。",
                "The projection $W_{hr}$ has P·H parameters and takes P·H multiplications per step; "
                "PyTorch keeps two biases per gate.",
            )
            if difficulty > 1
            else (
                "投影矩阵 $W_{hr}$ 有 P·H 个参数，它没有偏置；每个门一个偏置。",
                "The projection $W_{hr}$ has P·H parameters and no bias; one bias per gate.",
            ),
        ),
        steps,
    )
