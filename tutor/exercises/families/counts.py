"""Family 10: parameter counts of the RNN, LSTM and GRU, one bias per block (the document's
equations) or two (PyTorch's layout), single layers and stacks.

A cell with k weight blocks W (H, H + D) and b biases of size H per block has
k·(H(H + D) + b·H) parameters; the tests check this against the engine's and torch's shapes.
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
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

BLOCKS = {"rnn": 1, "gru": 3, "lstm": 4}
NAMES = {"rnn": "RNN", "gru": "GRU", "lstm": "LSTM"}
SMALL = (2, 3, 4, 5, 6, 8, 10)
LARGE = (16, 32, 50, 64, 100, 128, 200, 256, 300, 512)


def parameters(cell: str, H: int, D: int, biases: int = 1) -> int:
    """Weights and biases of one layer: blocks · (H(H + D) + biases · H)."""
    return BLOCKS[cell] * (H * (H + D) + biases * H)


def pick(rng: np.random.Generator, sizes: tuple[int, ...], k: int = 2) -> list[int]:
    """k different sizes (equal H and D would hide an [x, h] mix-up)."""
    return [int(v) for v in rng.choice(sizes, size=k, replace=False)]


def block_step(cell: str, H: int, D: int, biases: int) -> Step:
    """The worked line for one layer's count, with the numbers put in."""
    k = BLOCKS[cell]
    bias = "H" if biases == 1 else "2H"
    numbers = f"{k}×({H}×({H} + {D}) + {biases * H})"
    return worked_line(
        f"{NAMES[cell]}：{k} 个块",
        f"{NAMES[cell]}: {k} block{'s' if k > 1 else ''}",
        rf"{k}(H(H + D) + {bias})" if k > 1 else rf"H(H + D) + {bias}",
        numbers,
        str(parameters(cell, H, D, biases)),
    )


def parameter_count_cell(
    name: str, label: str, cell: str, H: int, D: int, biases: int, *, below: int | None = None
) -> Cell:
    """A layer's count, with the slips that give clearly different numbers.

    `below` is the input size of the network's first layer, for a layer stacked above it
    (whose input size D is the hidden size H of the layer below): taking `below` instead is a
    catalogued slip.
    """
    right = parameters(cell, H, D, biases)
    mistakes = {
        "lstm.forgot-bias": BLOCKS[cell] * H * (H + D),
        "lstm.single-bias": parameters(cell, H, D, 1) if biases == 2 else None,
        "general.constant-factor": parameters("rnn", H, D, biases) if cell != "rnn" else None,
        "lstm.stacked-input-size": None
        if below is None or below == D
        else parameters(cell, H, below, biases),
    }
    return count_cell(name, label, right, mistakes)


def count_hints(biases: int) -> tuple[Text, ...]:
    """The hints of a count; PyTorch's two biases are named only where they are counted."""
    blocks = (
        "RNN 有 1 个块，GRU 3 个，LSTM 4 个",
        "An RNN has 1 block, a GRU 3, an LSTM 4",
    )
    two = (
        ("；PyTorch 每个块有两个偏置 b_ih 和 b_hh。", "; PyTorch keeps two biases per block, b_ih and b_hh.")
        if biases == 2
        else ("；每个块一个偏置。", "; one bias per block.")
    )  # fmt: skip
    return hints(
        (
            "每个块是 $W_k [h_{t-1}, x_t] + b_k$：$W_k$ 的形状是 (H, H + D)，$b_k$ 是 (H,)。",
            "Each block is $W_k [h_{t-1}, x_t] + b_k$: $W_k$ has shape (H, H + D), $b_k$ is (H,).",
        ),
        (blocks[0] + two[0], blocks[1] + two[1]),
    )


@register(
    "params.lstm",
    "network-structure",
    "LSTM 层的参数量",
    "Parameters of an LSTM layer",
)
def lstm_parameters(rng: np.random.Generator, difficulty: int) -> Exercise:
    """One bias per gate at 1; also PyTorch's count at 2; a PyTorch stack of layers at 3."""
    H, D = pick(rng, SMALL if difficulty == 1 else LARGE)
    if difficulty == 1:
        cells = (parameter_count_cell("lstm", "$N$", "lstm", H, D, 1),)
        ask = Text(
            "求参数量 N（每个门一个偏置，即文档的公式）。",
            "Find the number of parameters N, one bias per gate (the document's equations).",
        )
        gate = H * (H + D) + H
        steps = [
            worked_line("一个门", "One gate", "H(H + D) + H", f"{H}×({H} + {D}) + {H}", str(gate)),
            block_step("lstm", H, D, 1),
        ]
        givens = shown_givens(H=H, D=D)
    elif difficulty == 2:
        cells = (
            parameter_count_cell("lstm", "$N$", "lstm", H, D, 1),
            parameter_count_cell("torch", r"$N_{\mathrm{PyTorch}}$", "lstm", H, D, 2),
        )
        ask = Text(
            "求文档公式（每个门一个偏置）的参数量 N，以及 PyTorch 的 nn.LSTM 报告的参数量。",
            "Find the count N with one bias per gate (the document's equations) and the count "
            "PyTorch's nn.LSTM reports.",
        )
        steps = [block_step("lstm", H, D, 1), block_step("lstm", H, D, 2)]
        givens = shown_givens(H=H, D=D)
    else:
        layers = int(rng.integers(2, 4))
        first, upper = parameters("lstm", H, D, 2), parameters("lstm", H, H, 2)
        total = first + (layers - 1) * upper
        cells = (
            parameter_count_cell("layer_1", r"$N^{(1)}$", "lstm", H, D, 2),
            parameter_count_cell("layer_2", r"$N^{(2)}$", "lstm", H, H, 2, below=D),
            count_cell(
                "total",
                r"$N_{\mathrm{total}}$",
                total,
                {
                    "lstm.single-bias": total - 4 * H * layers,
                    # every layer sized as if it read x_t (size D)
                    "lstm.stacked-input-size": layers * first,
                },
            ),
        )
        ask = Text(
            f"PyTorch 的 nn.LSTM(input_size={D}, hidden_size={H}, num_layers={layers})："
            "求第 1 层、第 2 层的参数量和总数。",
            f"PyTorch's nn.LSTM(input_size={D}, hidden_size={H}, num_layers={layers}): find "
            "the parameters of layer 1, of layer 2, and the total.",
        )
        lead = Text(
            "L 个 LSTM 层堆叠，第 1 层的输入维度 D，每层隐藏维度 H。",
            "A stack of L LSTM layers, the first with input size D, each with hidden size H.",
        )
        steps = [
            block_step("lstm", H, D, 2),
            worked_line(
                "第 2 层及以上的输入是 $h_t$（维度 H）",
                "From layer 2 on the input is $h_t$ (size H)",
                "D \\to H",
                "",
                "",
            ),
            block_step("lstm", H, H, 2),
            worked_line(
                "总数",
                "Total",
                r"N^{(1)} + (L - 1) N^{(2)}",
                f"{first} + {layers - 1}×{upper}",
                str(total),
            ),
        ]
        givens = shown_givens(H=H, D=D, L=layers)
    if difficulty < 3:
        lead = Text(
            "一个 LSTM 层，输入维度 D，隐藏维度 H。", "An LSTM layer with input size D and hidden size H."
        )
    return whole_number_exercise(
        f"{lead.zh}{ask.zh}",
        f"{lead.en} {ask.en}",
        givens,
        cells,
        count_hints(1 if difficulty == 1 else 2),
        steps,
    )


@register(
    "params.rnn-lstm-gru",
    "improvements",
    "RNN、GRU、LSTM 的参数量对比",
    "Parameters of an RNN, a GRU and an LSTM compared",
)
def compare_parameters(rng: np.random.Generator, difficulty: int) -> Exercise:
    """RNN and LSTM at 1; with the GRU at 2; PyTorch's counts (two biases) at 3."""
    H, D = pick(rng, SMALL if difficulty == 1 else LARGE)
    kinds = ("rnn", "lstm") if difficulty == 1 else ("rnn", "gru", "lstm")
    biases = 2 if difficulty == 3 else 1
    cells = tuple(parameter_count_cell(k, f"$N_{{\\mathrm{{{NAMES[k]}}}}}$", k, H, D, biases) for k in kinds)
    which = "、".join(NAMES[k] for k in kinds), ", ".join(NAMES[k] for k in kinds)
    if biases == 2:
        how = Text(
            "按 PyTorch 的 nn.RNN、nn.GRU、nn.LSTM 计数（每个块两个偏置）。",
            "Count as PyTorch's nn.RNN, nn.GRU and nn.LSTM do (two biases per block).",
        )
    else:
        how = Text("每个块一个偏置。", "One bias per block.")
    return whole_number_exercise(
        f"输入维度 D、隐藏维度 H 的单层 {which[0]} 各有多少个参数？{how.zh}",
        f"How many parameters do one-layer {which[1]} with input size D and hidden size H "
        f"have? {how.en}",
        shown_givens(H=H, D=D),
        cells,
        count_hints(biases),
        [block_step(k, H, D, biases) for k in kinds],
    )
