"""Family 12: where an LSTM's time goes: multiplications of separate and fused gate products,
the matrix shapes of a batched step, and the sequential chain that no hardware shortens.

The counts are those of the engine's fused forward pass (tutor.engine.lstm.forward: one
(4H, H + D) product per step, the input half hoisted out of the loop); the tests check them
against the shapes of the engine's arrays.
"""

from __future__ import annotations

import numpy as np

from tutor.exercises.families._build import (
    count_cell,
    hints,
    numeric_cell,
    shape_cell,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._draw import reject_if
from tutor.exercises.families._numbers import shown_givens
from tutor.exercises.families.counts import LARGE, SMALL, pick
from tutor.exercises.model import Cell, Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

BATCHES = (8, 16, 32, 64, 128)
LENGTHS = (10, 20, 50, 100, 200)


MATMUL_HINTS = hints(
    (
        "形状 (m, n) 的矩阵乘长度 n 的向量要做 m·n 次乘法。",
        "An (m, n) matrix times a length-n vector takes m·n multiplications.",
    ),
    (
        "每个门的 $W_k$ 是 (H, H + D)；融合后的 W 是 (4H, H + D)：乘法一样多，只是一次大乘法代替四次小乘法。",
        "Each $W_k$ is (H, H + D); the fused W is (4H, H + D): as many multiplications, one large "
        "product instead of four small ones.",
    ),
)


@register(
    "acceleration.multiplications",
    "acceleration",
    "LSTM 一步的乘法次数：分开与融合",
    "Multiplications in one LSTM step: separate and fused gates",
)
def multiplications(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Per step at 1; with the element-wise work and their ratio at 2; a batch over time,
    split into the hoisted input projection and the recurrent loop, at 3."""
    H, D = pick(rng, SMALL if difficulty == 1 else LARGE)
    per_gate, fused = H * (H + D), 4 * H * (H + D)
    steps = [
        worked_line("一个门 $W_k [h_{t-1}, x_t]$", "One gate $W_k [h_{t-1}, x_t]$", r"H(H + D)", f"{H}×{H + D}", str(per_gate)),
        worked_line("四个门，分开或融合", "Four gates, separate or fused", r"4H(H + D)", f"4×{per_gate}", str(fused)),
    ]  # fmt: skip
    givens = shown_givens(H=H, D=D)
    if difficulty == 1:
        cells: tuple[Cell, ...] = (
            count_cell("per_gate", r"$N_{\mathrm{gate}}$", per_gate),
            count_cell("separate", r"$N_{\mathrm{separate}}$", fused, {"general.constant-factor": per_gate}),
            count_cell("fused", r"$N_{\mathrm{fused}}$", fused, {"general.constant-factor": per_gate}),
        )  # fmt: skip
        ask = Text(
            "一个样本、一个时间步：一个门的矩阵乘法要多少次乘法？四个门分开算共多少次？"
            "把四个门堆成 (4H, H + D) 的 W 一次算又要多少次？",
            "One example, one time step: how many multiplications does one gate's matrix product "
            "take, the four gates computed separately, and the four fused into one (4H, H + D) W?",
        )
    elif difficulty == 2:
        ratio = fused / (3 * H)
        cells = (
            count_cell("fused", r"$N_{\mathrm{fused}}$", fused, {"general.constant-factor": per_gate}),
            count_cell("elementwise", r"$N_{\mathrm{elem}}$", 3 * H),
            numeric_cell("ratio", r"$N_{\mathrm{fused}}/N_{\mathrm{elem}}$", ratio, decimals=1),
        )
        steps += [
            worked_line(r"逐元素乘积 $f_t \odot C_{t-1}$、$i_t \odot \tilde{C}_t$、$o_t \odot \tanh(C_t)$", r"Element-wise products $f_t \odot C_{t-1}$, $i_t \odot \tilde{C}_t$, $o_t \odot \tanh(C_t)$", "3H", "", str(3 * H)),
            worked_line("比例", "Ratio", r"4H(H + D)/(3H) = 4(H + D)/3", "", f"{ratio:.1f}"),
        ]  # fmt: skip
        ask = Text(
            "一个样本、一个时间步：融合的矩阵乘法要多少次乘法？三个逐元素乘积共多少次？"
            "前者是后者的多少倍（保留 1 位小数）？",
            "One example, one time step: how many multiplications in the fused matrix product, "
            "how many in the three element-wise products, and their ratio (1 decimal)?",
        )
    else:
        B, T = (int(v) for v in (rng.choice(BATCHES), rng.choice(LENGTHS)))
        hoisted, loop = 4 * H * D * B * T, 4 * H * H * B * T
        cells = (
            count_cell("total", r"$N_{\mathrm{total}}$", B * T * fused, {"general.constant-factor": B * T * per_gate}),
            count_cell("hoisted", r"$N_{\mathrm{before}}$", hoisted, {"general.constant-factor": H * D * B * T}),
            count_cell("loop", r"$N_{\mathrm{loop}}$", loop, {"general.constant-factor": H * H * B * T}),
        )  # fmt: skip
        steps += [
            worked_line("整个批、整个序列", "The whole batch and sequence", "4BTH(H + D)", f"4×{B}×{T}×{per_gate}", str(B * T * fused)),
            worked_line("循环之前一次算完的输入部分", "The input half, before the loop", "4BTHD", f"4×{B}×{T}×{H}×{D}", str(hoisted)),
            worked_line("留在循环里的递归部分", "The recurrent half, left in the loop", "4BTH^2", f"4×{B}×{T}×{H}²", str(loop)),
        ]  # fmt: skip
        givens = shown_givens(H=H, D=D, B=B, T=T)
        ask = Text(
            "批大小 B、序列长度 T 的整个前向：门的矩阵乘法共多少次乘法？把输入部分 $W_k^{(x)} x_t$ "
            "提到循环之前后，循环前算多少次、循环里还剩多少次？",
            "The whole forward pass over a batch of B sequences of length T: how many "
            "multiplications in the gates' matrix products in all? With the input half "
            "$W_k^{(x)} x_t$ hoisted out of the loop, how many are done before the loop and how "
            "many stay inside it?",
        )
    return whole_number_exercise(
        f"LSTM，输入维度 D，隐藏维度 H。{ask.zh}",
        f"An LSTM with input size D and hidden size H. {ask.en}",
        givens,
        cells,
        MATMUL_HINTS,
        steps,
    )


@register(
    "acceleration.batch-shapes",
    "acceleration",
    "批处理时矩阵乘法的形状",
    "Matrix shapes of a batched LSTM step",
)
def batch_shapes(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Rows are examples (the engine's layout): [H_{t-1}, X_t] (B, H + D) times Wᵀ at 1; the
    hoisted input projection over all T steps at 2; the lesson's column layout at 3."""
    H, D = pick(rng, LARGE)
    B = int(rng.choice([b for b in BATCHES if b not in (H, D)]))
    # a square W, (4H, H + D), would let its transposed shape pass (shape_cell rejects the
    # square shapes that are asked for)
    reject_if(4 * H == H + D)
    givens = shown_givens(H=H, D=D, B=B)
    if difficulty == 1:
        cells = (
            shape_cell("inputs", r"$[H_{t-1}, X_t]$", B, H + D),
            shape_cell("weights", "$W$", 4 * H, H + D),
            shape_cell("gates", r"$Z_t = [H_{t-1}, X_t] W^\top + b$", B, 4 * H),
        )
        ask = Text(
            "批中每个样本占一行：写出 $[H_{t-1}, X_t]$、融合权重 W 和 $Z_t$ 的形状。",
            "One row per example of the batch: give the shapes of $[H_{t-1}, X_t]$, of the fused "
            "weights W and of $Z_t$.",
        )
        steps = [
            worked_line("每个样本一行", "One row per example", r"[H_{t-1}, X_t]", "", f"({B}, {H + D})"),
            worked_line("四个门堆叠", "Four gates stacked", "W", "", f"({4 * H}, {H + D})"),
            worked_line("一次乘法得到四个门", "One product gives all four gates", r"(B, H + D)(H + D, 4H)", "", f"({B}, {4 * H})"),
        ]  # fmt: skip
    elif difficulty == 2:
        T = int(rng.choice([t for t in LENGTHS if t not in (H, D)]))
        givens = shown_givens(H=H, D=D, B=B, T=T)
        cells = (
            shape_cell("inputs", "$X$", T * B, D),
            shape_cell("projection", r"$X (W^{(x)})^\top$", T * B, 4 * H),
            shape_cell("recurrent", r"$H_{t-1} (W^{(h)})^\top$", B, 4 * H),
        )
        ask = Text(
            "把所有时间步的输入一次投影：T 个 (B, D) 的输入排成一个矩阵 X，乘 $(W^{(x)})^\\top$"
            "（$W^{(x)}$ 是 W 作用于 x 的列，(4H, D)；作用于 h 的列是 $W^{(h)}$，(4H, H)）。"
            "写出 X、$X (W^{(x)})^\\top$ 以及循环里每一步 $H_{t-1} (W^{(h)})^\\top$ 的形状。",
            "Project the inputs of all time steps at once: the T inputs of shape (B, D) stacked "
            "into one matrix X, times $(W^{(x)})^\\top$ ($W^{(x)}$ is the x-columns of W, (4H, D); "
            "the h-columns are $W^{(h)}$, (4H, H)). Give the shapes of X, of $X (W^{(x)})^\\top$ "
            "and of each step's $H_{t-1} (W^{(h)})^\\top$ in the loop.",
        )
        steps = [
            worked_line("T·B 行", "T·B rows", "X", "", f"({T * B}, {D})"),
            worked_line("一次大乘法", "One large product", r"(TB, D)(D, 4H)", "", f"({T * B}, {4 * H})"),
            worked_line("循环里只剩递归部分", "Only the recurrent half stays in the loop", r"(B, H)(H, 4H)", "", f"({B}, {4 * H})"),
        ]  # fmt: skip
    else:
        cells = (
            shape_cell("inputs", r"$[h_{t-1}, x_t]$ (B)", H + D, B),
            shape_cell("gates", r"$W [h_{t-1}, x_t] + b$ (B)", 4 * H, B),
            count_cell("mults", r"$N_{\mathrm{batch}}$", 4 * B * H * (H + D), {"general.constant-factor": 4 * H * (H + D)}),
        )  # fmt: skip
        ask = Text(
            "课文的写法：把 B 个样本的 $[h_{t-1}, x_t]$ 作为列并排。写出这个输入矩阵和 "
            "$W [h_{t-1}, x_t] + b$ 的形状，以及这一步整个批的乘法次数。",
            "The lesson's layout: the B examples' $[h_{t-1}, x_t]$ side by side as columns. Give "
            "the shapes of that input matrix and of $W [h_{t-1}, x_t] + b$, and the "
            "multiplications of this step for the whole batch.",
        )
        steps = [
            worked_line("每个样本一列", "One column per example", r"[h_{t-1}, x_t]", "", f"({H + D}, {B})"),
            worked_line("左乘 W", "W on the left", r"(4H, H + D)(H + D, B)", "", f"({4 * H}, {B})"),
            worked_line("乘法次数", "Multiplications", "4H(H + D) B", f"4×{H}×{H + D}×{B}", str(4 * B * H * (H + D))),
        ]  # fmt: skip
    return whole_number_exercise(
        f"批大小 B 的 LSTM 一步（输入维度 D，隐藏维度 H，四个门融合成一个 (4H, H + D) 的 W，"
        f"h 在前）。形状写成 [行数, 列数]。{ask.zh}",
        "One LSTM step for a batch of B examples (input size D, hidden size H, the four gates "
        "fused into one (4H, H + D) matrix W, h first). Type a shape as [rows, columns]. "
        f"{ask.en}",
        givens,
        cells,
        hints(
            (
                "(m, k) 乘 (k, n) 得到 (m, n)；批处理不改变权重，只给输入和输出加上 B 这一维。",
                "(m, k) times (k, n) gives (m, n); batching leaves the weights alone and adds the "
                "dimension B to the inputs and outputs.",
            ),
            (
                "W 的前 H 列作用于 h，后 D 列作用于 x：$W = [W^{(h)}, W^{(x)}]$。",
                "The first H columns of W act on h, the last D on x: $W = [W^{(h)}, W^{(x)}]$.",
            ),
        ),
        steps,
    )


@register(
    "acceleration.sequential-steps",
    "acceleration",
    "不能在时间上并行：顺序步数",
    "Why time cannot be parallelised: counting sequential steps",
)
def sequential_steps(rng: np.random.Generator, difficulty: int) -> Exercise:
    """A batch at 1; a stack of layers, layer by layer and as a wavefront, at 2; a BiLSTM and
    what hoisting leaves on the critical path at 3."""
    T, B = int(rng.choice(LENGTHS)), int(rng.choice(BATCHES))
    if difficulty == 1:
        cells: tuple[Cell, ...] = (
            count_cell("one", "$S_1$", T),
            count_cell("batch", "$S_B$", T, {"general.constant-factor": B * T}),
        )
        givens = shown_givens(T=T, B=B)
        ask = Text(
            "一条长度 T 的序列至少要依次算多少步（$S_1$）？一次处理 B 条这样的序列（批处理）呢（$S_B$）？",
            "How many steps must run one after another for one sequence of length T ($S_1$), and "
            "for a batch of B such sequences processed together ($S_B$)?",
        )
        steps = [
            worked_line("每一步都要上一步的输出", "Each step needs the previous one's output", r"h_t = \mathrm{LSTM}(x_t, h_{t-1}, C_{t-1})", "", str(T)),
            worked_line("批中的样本互不依赖，同时计算", "The examples of a batch are independent: computed together", "S_B = T", "", str(T)),
        ]  # fmt: skip
    elif difficulty == 2:
        L = int(rng.integers(2, 5))
        cells = (
            count_cell("layer_by_layer", "$S$", L * T, {"general.constant-factor": T}),
            count_cell("wavefront", r"$S_{\mathrm{wave}}$", T + L - 1),
        )
        givens = shown_givens(T=T, L=L)
        ask = Text(
            "L 层堆叠的 LSTM，长度 T 的序列。一层算完再算下一层，共要依次算多少个（层，时间步）"
            "单元格（S）？若第 l 层算第 t 步时第 l+1 层同时算第 t-1 步（波前），最少要多少轮"
            "（$S_{\\mathrm{wave}}$）？",
            "A stack of L LSTM layers, a sequence of length T. Finishing each layer before the "
            "next, how many (layer, step) cells run one after another (S)? If layer l+1 works on "
            "step t-1 while layer l works on step t (a wavefront), how many rounds at least "
            "($S_{\\mathrm{wave}}$)?",
        )
        steps = [
            worked_line("逐层", "Layer by layer", "L T", f"{L}×{T}", str(L * T)),
            worked_line("波前：第 L 层从第 L 轮开始", "Wavefront: layer L starts in round L", "T + L - 1", f"{T} + {L} - 1", str(T + L - 1)),
        ]  # fmt: skip
    else:
        H, D = pick(rng, LARGE)
        cells = (
            count_cell("bilstm", "$S$", T, {"general.constant-factor": 2 * T}),
            count_cell(
                "critical",
                r"$N_{\mathrm{dir}}$",
                4 * H * H,
                {"general.constant-factor": 4 * H * (H + D)},
            ),
            count_cell(
                "layer", r"$N_{\mathrm{layer}}$", 8 * H * H, {"general.constant-factor": 4 * H * H}
            ),
        )
        givens = shown_givens(T=T, H=H, D=D)
        ask = Text(
            "双向 LSTM 的两个方向可以同时算：长度 T 的序列要依次算多少步（S）？"
            "把输入部分提到循环之前后，每一步留在顺序路径上的是每个方向的递归乘法 "
            "$W^{(h)} h_{t-1}$（$W^{(h)}$ 是四个门作用于 h 的列，(4H, H)）：一个样本每一步"
            "每个方向多少次乘法（$N_{\\mathrm{dir}}$）？这一层两个方向合起来每一步多少次"
            "（$N_{\\mathrm{layer}}$）？",
            "The two directions of a BiLSTM can run at the same time: how many steps run one "
            "after another for a sequence of length T (S)? With the input half hoisted out of "
            "the loop, what stays on the sequential path is each direction's recurrent product "
            "$W^{(h)} h_{t-1}$ ($W^{(h)}$ is the four gates' h-columns, (4H, H)): how many "
            "multiplications per step for one example in one direction ($N_{\\mathrm{dir}}$), "
            "and in the whole layer, both directions together ($N_{\\mathrm{layer}}$)?",
        )
        steps = [
            worked_line("两个方向互不依赖", "The directions do not depend on each other", "S = T", "", str(T)),
            worked_line("每个方向每一步：(4H, H) 乘长度 H 的向量", "Each direction, each step: (4H, H) times a length-H vector", "4H^2", f"4×{H}²", str(4 * H * H)),
            worked_line("两个方向同时算，每一步合计", "Both directions run at once; per step together", "2 \\cdot 4H^2 = 8H^2", f"8×{H}²", str(8 * H * H)),
        ]  # fmt: skip
    return whole_number_exercise(
        f"$h_t$ 依赖 $h_{{t-1}}$，所以 LSTM 的时间步只能一个接一个地算。{ask.zh}",
        f"$h_t$ depends on $h_{{t-1}}$, so an LSTM's time steps run one after another. {ask.en}",
        givens,
        cells,
        hints(
            (
                "第 t 步要等第 t-1 步算完；批中的样本、一层中的各个门和单元可以同时算。",
                "Step t waits for step t-1; the examples of a batch and the gates and units of a "
                "step can run at the same time.",
            ),
            (
                "只数“必须等前一个算完”的那条最长链。",
                "Count only the longest chain of things that must wait for each other.",
            ),
        ),
        steps,
    )
