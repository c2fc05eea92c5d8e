"""One gate read out of PyTorch's stacked weights: blocks i, f, g, o and two biases per block.

The weights go through tutor.engine.convert.lstm_from_torch, so the answer is the engine's;
the order mistakes are the same conversion applied to the blocks read in another order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tutor.engine import lstm
from tutor.engine.convert import CS231N_LSTM_ORDER, TORCH_LSTM_ORDER, lstm_from_torch
from tutor.exercises.families._build import numeric_cell, sizes_text
from tutor.exercises.families._draw import GIVEN_DECIMALS, reject_saturated, signed, sizes
from tutor.exercises.families._lstm import GATES, Gate
from tutor.exercises.families._numbers import ANSWER_DECIMALS, shown_givens, typed
from tutor.exercises.families.gates import activation_hint
from tutor.exercises.model import Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

DOCUMENT_ORDER = ("f", "i", "C", "o")
#: Who stacks the blocks in which order, and the mistake of reading PyTorch's in that order.
MISREADINGS = {
    "lstm.gate-order-document": DOCUMENT_ORDER,
    "lstm.gate-order-cs231n": CS231N_LSTM_ORDER,
}
TORCH_NAME = {"i": "i", "f": "f", "C": "g", "o": "o"}


def state_dict(rng: np.random.Generator, H: int, D: int) -> dict[str, np.ndarray]:
    """An nn.LSTM layer's tensors as arrays, drawn like the other families' weights."""
    return {
        "weight_ih_l0": signed(rng, 1.0, (4 * H, D), low=0.1, decimals=1),
        "weight_hh_l0": signed(rng, 1.0, (4 * H, H), low=0.1, decimals=1),
        "bias_ih_l0": signed(rng, 1.0, 4 * H, low=0.1, decimals=1),
        "bias_hh_l0": signed(rng, 1.0, 4 * H, low=0.1, decimals=1),
    }


def misread(state: dict[str, np.ndarray], order: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The state dict a learner effectively uses when reading PyTorch's blocks in `order`.

    They take gate g from block order.index(g); put that block where PyTorch keeps g.
    """
    blocks = [order.index(gate) for gate in TORCH_LSTM_ORDER]
    out = {}
    for name, array in state.items():
        chunks = np.split(array, 4, axis=0)
        out[name] = np.concatenate([chunks[k] for k in blocks], axis=0)
    return out


def gate_of(state: dict[str, np.ndarray], gate: Gate, x: np.ndarray, h: np.ndarray) -> np.ndarray:
    return gate.value(lstm.step(lstm_from_torch(state), x, h))


def mistakes(
    state: dict[str, np.ndarray], gate: Gate, x: np.ndarray, h: np.ndarray
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, order in MISREADINGS.items():
        if order.index(gate.key) != TORCH_LSTM_ORDER.index(gate.key):  # else it reads right
            out[key] = gate_of(misread(state, order), gate, x, h)
    out["lstm.single-bias"] = gate_of({**state, "bias_hh_l0": 0 * state["bias_hh_l0"]}, gate, x, h)
    key, wrong = gate.wrong_activation(gate.preact(lstm.step(lstm_from_torch(state), x, h)))
    out[key] = wrong
    return out


@register(
    "lstm.pytorch-gate",
    "forward-pass",
    "PyTorch 堆叠权重中的一个门",
    "A gate from PyTorch's stacked weights",
)
def build(rng: np.random.Generator, difficulty: int) -> Exercise:
    H, D = sizes(rng, difficulty)
    gate = GATES[str(rng.choice(list(GATES)))]
    state = state_dict(rng, H, D)
    x = signed(rng, 1.0, D, low=0.1)
    h = signed(rng, 0.9, H, low=0.05)
    step = lstm.step(lstm_from_torch(state), x, h)
    reject_saturated(gate.preact(step))
    wrong = mistakes(state, gate, x, h)
    cell = numeric_cell(gate.cell, gate.label(), gate.value(step), mistakes=wrong)
    block = TORCH_LSTM_ORDER.index(gate.key)
    rows = slice(block * H, (block + 1) * H)
    torch_gate, lhs, size = TORCH_NAME[gate.key], gate.label(), sizes_text(H, D)
    prompt = Text(
        "PyTorch 的 `nn.LSTM` 把四块按 i, f, g, o 的顺序堆叠（g 即候选细胞状态 $\\tilde{C}_t$），每块 $H$ 行："
        "`weight_ih`（$4H \\times D$）乘 $x_t$，`weight_hh`（$4H \\times H$）乘 $h_{t-1}$，"
        f"每块有两个偏置 `bias_ih` 和 `bias_hh`（{size.zh}）。计算{gate.zh} {lhs}，"
        f"保留 {ANSWER_DECIMALS} 位小数。",
        "PyTorch's `nn.LSTM` stacks the four blocks in the order i, f, g, o (g is the candidate "
        "$\\tilde{C}_t$), $H$ rows each: `weight_ih` ($4H \\times D$) multiplies $x_t$, `weight_hh` "
        "($4H \\times H$) multiplies $h_{t-1}$, and every block has two biases, `bias_ih` and "
        f"`bias_hh` ({size.en}). Compute the {gate.en} {lhs} to {ANSWER_DECIMALS} decimals.",
    )
    hints = (
        Text("先找到这个门的行：PyTorch 的顺序是 i, f, g, o，每块 $H$ 行（不是文档的 f, i, C̃, o）。",
             "Find this gate's rows first: PyTorch's order is i, f, g, o, $H$ rows per block "
             "(not the document's f, i, C̃, o)."),
        Text("在这些行上：$z = \\text{weight_ih} \\cdot x_t + \\text{bias_ih} + \\text{weight_hh} \\cdot h_{t-1} + \\text{bias_hh}$，两个偏置都要加。",
             "On those rows: $z = \\text{weight_ih} \\cdot x_t + \\text{bias_ih} + \\text{weight_hh} \\cdot h_{t-1} + \\text{bias_hh}$: add both biases."),
        activation_hint(gate),
    )  # fmt: skip
    W_ih, W_hh = state["weight_ih_l0"][rows], state["weight_hh_l0"][rows]
    from_x = W_ih @ x + state["bias_ih_l0"][rows]
    from_h = W_hh @ h + state["bias_hh_l0"][rows]
    last = rows.stop - 1
    where = f"{rows.start}" if H == 1 else f"{rows.start}–{last}"
    act = gate.act
    solution = (
        Step(Text(f"{gate.zh}在 PyTorch 中是 {torch_gate} 块，第 {block + 1} 块（共 4 块），从 0 数的行",
                  f"the {gate.en} is PyTorch's block {torch_gate}, block {block + 1} of 4; its rows, from 0"),
             where),
        Step(Text("$\\text{weight_ih} \\cdot x_t + \\text{bias_ih}$（这些行）",
                  "$\\text{weight_ih} \\cdot x_t + \\text{bias_ih}$ (those rows)"), typed(from_x)),
        Step(Text("$\\text{weight_hh} \\cdot h_{t-1} + \\text{bias_hh}$（这些行）",
                  "$\\text{weight_hh} \\cdot h_{t-1} + \\text{bias_hh}$ (those rows)"), typed(from_h)),
        Step(Text("两部分相加得预激活 $z$", "add the two: the pre-activation $z$"),
             typed(gate.preact(step))),
        Step(Text(f"${lhs[1:-1]} = {act}(z)$", f"${lhs[1:-1]} = {act}(z)$"), typed(cell.expected)),
    )  # fmt: skip
    givens = {
        "weight_ih": state["weight_ih_l0"],
        "weight_hh": state["weight_hh_l0"],
        "bias_ih": state["bias_ih_l0"],
        "bias_hh": state["bias_hh_l0"],
        **shown_givens(h_prev=h, x=x),
    }
    return Exercise(prompt, givens, (cell,), hints, solution, given_decimals=GIVEN_DECIMALS)
