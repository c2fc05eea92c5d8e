"""Family 11: a bidirectional LSTM over a short sequence, its merged outputs and its sizes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import bilstm, lstm
from tutor.exercises.families._build import (
    count_cell,
    hints,
    numeric_cell,
    prompt_with_precision,
    span,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._draw import reject_if, reject_saturated, signed
from tutor.exercises.families._numbers import ANSWER_DECIMALS, as_array, shown_givens, typed
from tutor.exercises.families.counts import parameters
from tutor.exercises.model import Exercise, Step
from tutor.exercises.registry import register

DIM = r"\operatorname{dim}"
MERGE_TEXT = {
    "concat": (r"h_t = [h_t^f; h_t^b]", "拼接", "concatenation"),
    "sum": (r"h_t = h_t^f + h_t^b", "求和", "sum"),
    "mean": (r"h_t = (h_t^f + h_t^b)/2", "平均", "mean"),
}


def _stacked(params: lstm.LSTMParams) -> tuple[np.ndarray, np.ndarray]:
    W, b = params.stacked()
    return W.copy(), b.copy()


def _direction_steps(
    trace: lstm.LSTMTrace, arrow: str, zh: str, en: str, W: str, b: str
) -> list[Step]:
    """Each step of one direction in the order it runs: z, the gates, C, h."""
    T = trace.hs.shape[0]
    order = range(T - 1, -1, -1) if trace.reverse else range(T)
    lines = []
    for t in order:
        k, prev = t + 1, (t + 2 if trace.reverse else t)
        z = rf"z = {W} [h_{{{prev}}}^{arrow}, x_{{{k}}}] + {b}"
        lines += [
            worked_line(f"{zh}，t = {k}", f"{en}, t = {k}", z, "", typed(trace.preacts[t])),
            worked_line(
                "门", "gates", r"f, i, \tilde{C}, o", "", typed(trace.gates[t]),
            ),
            worked_line(
                "记忆", "cell", rf"C_{{{k}}}^{arrow} = f \odot C_{{{prev}}}^{arrow} + i \odot \tilde{{C}}",
                "", typed(trace.Cs[t]),
            ),
            worked_line(
                "输出", "output", rf"h_{{{k}}}^{arrow} = o \odot \tanh(C_{{{k}}}^{arrow})", "",
                typed(trace.hs[t]),
            ),
        ]  # fmt: skip
    return lines


def _shape(difficulty: int) -> tuple[int, int, int]:
    """(H, D, T): one unit over two steps; a 2-d input over three; two units."""
    return {1: (1, 1, 2), 2: (1, 2, 3), 3: (2, 1, 2)}[difficulty]


@register(
    "bilstm.merge",
    "bilstm",
    "双向 LSTM：两个方向的隐藏状态与合并输出",
    "BiLSTM: both directions' hidden states and the merged output",
)
def merge(rng: np.random.Generator, difficulty: int) -> Exercise:
    H, D, T = _shape(difficulty)
    directions = [
        lstm.LSTMParams(
            **{f"W_{k}": signed(rng, 1.0, (H, H + D), low=0.1, decimals=1) for k in "fiCo"},
            **{f"b_{k}": signed(rng, 1.0, H, low=0.1, decimals=1) for k in "fiCo"},
        )
        for _ in range(2)
    ]
    params = bilstm.BiLSTMParams(forward=directions[0], backward=directions[1])
    xs = signed(rng, 1.0, (T, D), low=0.1)
    mode = ("concat", "sum", "mean")[int(rng.integers(3))]
    trace = bilstm.forward(params, xs, merge=mode)
    fwd, bwd = trace.forward, trace.backward
    reject_saturated(fwd.preacts, bwd.preacts)
    reject_if(np.min(np.abs(np.concatenate([fwd.hs, bwd.hs]))) < 0.01)
    t = int(rng.integers(T))
    merged = trace.hs[t]
    width = merged.shape[0]

    def merged_from(values: Mapping[str, Any]) -> np.ndarray:
        hf, hb = as_array(values["hf"], (T, H)), as_array(values["hb"], (T, H))
        return bilstm.merge_outputs(hf[t], hb[t], mode)

    other = {"sum": "mean", "mean": "sum"}.get(mode)
    formula, mode_zh, mode_en = MERGE_TEXT[mode]
    def states(arrow: str) -> str:
        return "$[" + ", ".join(f"h_{k}^{arrow}" for k in range(1, T + 1)) + "]$"

    order = "1, 2" if T == 2 else f"1…{T}"
    cells = (
        numeric_cell("hf", states("f"), fwd.hs),
        numeric_cell(
            "hb",
            states("b"),
            bwd.hs,
            # listed in the order the backward LSTM computes them: h_T^b first
            mistakes={"bilstm.backward-reversed": bwd.hs[::-1]},
        ),
        numeric_cell(
            "merged",
            f"$h_{t + 1}$",
            merged,
            mistakes={
                "general.constant-factor": None
                if other is None
                else bilstm.merge_outputs(fwd.hs[t], bwd.hs[t], other),
                "bilstm.concat-order": bilstm.merge_outputs(bwd.hs[t], fwd.hs[t], mode)
                if mode == "concat"
                else None,
            },
            depends=("hf", "hb"),
            recompute=merged_from,
        ),
        count_cell(
            "size",
            f"${DIM}(h_{t + 1})$",
            width,
            {"general.constant-factor": (H if mode == "concat" else 2 * H) if H >= 3 else None},
        ),
    )
    per_step = "每一步一行" if H > 1 else ""
    solution = (
        *_direction_steps(fwd, "f", "前向", "Forward", "W^f", "b^f"),
        *_direction_steps(bwd, "b", "后向", "Backward", "W^b", "b^b"),
        worked_line(f"按{mode_zh}合并", f"Merge by {mode_en}", formula.replace("_t", f"_{t + 1}"), "", typed(merged)),
        worked_line("维度", "Size", f"{DIM}(h_{t + 1})", "", str(width)),
    )  # fmt: skip
    W_f, b_f = _stacked(directions[0])
    W_b, b_b = _stacked(directions[1])
    return Exercise(
        prompt=prompt_with_precision(
            f"一个双向 LSTM（每个方向 H = {H}）读序列 {span('x', T)}，初始状态都是 0。"
            "$W^f$、$b^f$ 是前向 LSTM 的权重，$W^b$、$b^b$ 是后向 LSTM 的，四个门按 f、i、"
            r"$\tilde{C}$、o 的顺序上下堆叠，作用于 $[h, x_t]$（h 在前）。"
            f"求两个方向的所有隐藏状态（按 t = {order} 排列{per_step}），用{mode_zh}"
            f"（${formula}$）得到的 $h_{t + 1}$，以及它的维度。",
            f"A bidirectional LSTM (H = {H} per direction) reads {span('x', T)} from zero "
            "initial states. $W^f$, $b^f$ are the forward LSTM's weights and $W^b$, $b^b$ the "
            r"backward one's, the four gates stacked in the order f, i, $\tilde{C}$, o, acting on "
            f"$[h, x_t]$ (h first). Find every hidden state of both directions (in the order "
            f"t = {order}{', one row per step' if H > 1 else ''}), the merged output $h_{t + 1}$ "
            f"by {mode_en} (${formula}$), and its size.",
            ANSWER_DECIMALS,
        ),
        givens=shown_givens(**{f"x_{k}": xs[k - 1] for k in range(1, T + 1)}, W_fwd=W_f, b_fwd=b_f, W_bwd=W_b, b_bwd=b_b),
        cells=cells,
        hints=hints(
            (
                f"两个方向是两个独立的 LSTM：前向从 $x_1$ 读到 $x_{T}$，后向从 $x_{T}$ 读到 $x_1$。",
                f"The directions are two independent LSTMs: the forward one reads $x_1$ to $x_{T}$, "
                f"the backward one $x_{T}$ to $x_1$.",
            ),
            (
                r"$h_t^b$ 是后向 LSTM 读完 $x_t$ 后的状态，它的“上一步”是 $h_{t+1}^b$；"
                f"写答案时仍按 t = {order} 排列。",
                r"$h_t^b$ is the backward LSTM's state after reading $x_t$; its previous state is "
                rf"$h_{{t+1}}^b$. List it in the order t = {order} all the same.",
            ),
            (
                f"合并只用同一时刻的两个状态：${formula}$；拼接的维度是 2H，求和与平均是 H。",
                f"Merging pairs the two states of the same step: ${formula}$; concatenation has "
                "2H entries, sum and mean H.",
            ),
        ),
        solution=solution,
    )


@register(
    "bilstm.sizes",
    "bilstm",
    "双向 LSTM 的输出维度与参数量",
    "A BiLSTM's output size and parameter count",
)
def sizes(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Output size and parameters at 1; the next layer on top at 2; PyTorch's counts at 3."""
    H = int(rng.choice((32, 64, 100, 128, 256)))
    D = int(rng.choice([v for v in (50, 64, 100, 200, 300) if v != H]))
    biases = 2 if difficulty == 3 else 1
    layer = 2 * parameters("lstm", H, D, biases)
    cells = [
        count_cell("width", f"${DIM}(h_t)$", 2 * H, {"general.constant-factor": H}),
        count_cell(
            "params",
            "$N$",
            layer,
            {
                "general.constant-factor": layer // 2,
                "lstm.forgot-bias": 2 * 4 * H * (H + D),
                "lstm.single-bias": 2 * parameters("lstm", H, D, 1) if biases == 2 else None,
            },
        ),
    ]
    steps = [
        worked_line("拼接两个方向", "Both directions concatenated", rf"{DIM}(h_t) = 2H", "", str(2 * H)),
        worked_line(
            "两个独立的 LSTM", "Two independent LSTMs",
            rf"2 \cdot 4(H(H + D) + {'2H' if biases == 2 else 'H'})",
            f"2×4×({H}×({H} + {D}) + {biases * H})", str(layer),
        ),
    ]  # fmt: skip
    if difficulty >= 2:
        upper = (
            2 * parameters("lstm", H, 2 * H, biases)
            if difficulty == 3
            else parameters("lstm", H, 2 * H)
        )
        name = "第 2 层（同样是双向）" if difficulty == 3 else "上面一层单向 LSTM（隐藏维度 H）"
        name_en = (
            "layer 2 (also bidirectional)"
            if difficulty == 3
            else "a unidirectional LSTM layer on top (hidden size H)"
        )
        directions = 2 if difficulty == 3 else 1
        cells.append(
            count_cell(
                "next",
                "$N^{(2)}$",
                upper,
                {
                    "lstm.single-bias": 2 * parameters("lstm", H, 2 * H, 1)
                    if biases == 2
                    else None,
                    # layer 2 sized as if it read x_t (size D), not layer 1's output (2H)
                    "lstm.stacked-input-size": directions * parameters("lstm", H, D, biases)
                    if D != 2 * H
                    else None,
                },
            )
        )
        steps.append(
            worked_line(
                f"{name}的输入维度是 2H", f"The input of {name_en} has size 2H",
                rf"D^{{(2)}} = 2H = {2 * H}", "", str(upper),
            )
        )  # fmt: skip
    else:
        name, name_en = "", ""
    torch_zh = "按 PyTorch（每个门两个偏置）计数，" if biases == 2 else "每个门一个偏置，"
    torch_en = (
        "counting as PyTorch does (two biases per gate)" if biases == 2 else "one bias per gate"
    )
    extra_zh = f"以及{name}的参数量 $N^{{(2)}}$" if name else ""
    extra_en = f", and the parameters $N^{{(2)}}$ of {name_en}" if name else ""
    return whole_number_exercise(
        f"一个双向 LSTM 层，输入维度 D，每个方向隐藏维度 H，输出按拼接合并。{torch_zh}"
        f"求每一步输出 $h_t$ 的维度、这一层的参数量 N{extra_zh}。",
        f"A bidirectional LSTM layer with input size D and hidden size H per direction, "
        f"outputs merged by concatenation; {torch_en}. Find the size of each output $h_t$, "
        f"the layer's number of parameters N{extra_en}.",
        shown_givens(H=H, D=D),
        cells,
        hints(
            (
                "双向 LSTM = 两个参数独立的 LSTM；拼接后每一步的输出有 2H 个数。",
                "A BiLSTM is two LSTMs with their own weights; concatenated, each output has 2H "
                "entries.",
            ),
            (
                "一个 LSTM 层：$4(H(H + D) + H)$；上面一层的输入维度是下面一层的输出维度。",
                "One LSTM layer: $4(H(H + D) + H)$; the next layer's input size is this layer's "
                "output size.",
            ),
        ),
        steps,
    )
