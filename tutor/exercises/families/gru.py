"""Family 13: one GRU step with the engine's (PyTorch's) equations, and the GRU's cost next to
the LSTM's.

    r_t = σ(W_r [h_{t-1}, x_t] + b_r),  z_t = σ(W_z [h_{t-1}, x_t] + b_z)
    n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))

r and z are written as the course writes gates (PyTorch's documentation splits W_r into W_ir and
W_hr, with b_r = b_ir + b_hr); the candidate keeps the names of PyTorch's documentation, W_in,
b_in, W_hn, b_hn (the engine's W_xn, b_xn, W_hn, b_hn).
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import gru, jacobian
from tutor.engine.activations import sigmoid
from tutor.exercises.families._build import (
    count_cell,
    hints,
    numeric_cell,
    prompt_with_precision,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._draw import between, reject_if, reject_saturated, signed, sizes
from tutor.exercises.families._lstm import logit
from tutor.exercises.families._numbers import ANSWER_DECIMALS, as_array, shown_givens, typed
from tutor.exercises.families.counts import (
    LARGE,
    NAMES,
    SMALL,
    block_step,
    parameter_count_cell,
    pick,
)
from tutor.exercises.model import Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

EQUATIONS = (
    r"r_t = \sigma(W_r [h_{t-1}, x_t] + b_r)",
    r"z_t = \sigma(W_z [h_{t-1}, x_t] + b_z)",
    r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))",
    r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
)


def _variant(params: gru.GRUParams, *, swapped: bool = False, bias: bool = True,
             b_hn: bool = True) -> gru.GRUParams:  # fmt: skip
    """The weights a mistake amounts to: [x, h] read as [h, x] (the gates' columns swapped),
    the gates' biases left out, or the bias inside the reset (b_hn) left out."""
    D = params.input_size
    fields = params.as_dict()
    for key in ("W_r", "W_z"):
        W = fields[key]
        fields[key] = np.concatenate([W[:, D:], W[:, :D]], axis=1) if swapped else W
    for key in ("b_r", "b_z"):
        fields[key] = fields[key] if bias else np.zeros_like(fields[key])
    fields["b_hn"] = fields["b_hn"] if b_hn else np.zeros_like(fields["b_hn"])
    return gru.GRUParams(**fields)


@register(
    "gru.step", "acceleration", "GRU 的一步（PyTorch 的公式）", "One GRU step (PyTorch's equations)"
)
def gru_step(rng: np.random.Generator, difficulty: int) -> Exercise:
    H, D = sizes(rng, difficulty)
    shapes = {"W_r": (H, H + D), "W_z": (H, H + D), "W_hn": (H, H), "W_xn": (H, D)}
    weights = {k: signed(rng, 1.0, s, low=0.1, decimals=1) for k, s in shapes.items()}
    biases = {k: signed(rng, 1.0, H, low=0.1, decimals=1) for k in ("b_r", "b_z", "b_hn", "b_xn")}
    params = gru.GRUParams(**weights, **biases)
    x, h_prev = signed(rng, 1.0, D, low=0.1), signed(rng, 0.9, H, low=0.05)
    st = gru.step(params, x, h_prev)
    reject_saturated(st.z_r, st.z_z, st.z_n)
    no_bias = gru.step(_variant(params, bias=False), x, h_prev)
    swapped = gru.step(_variant(params, swapped=True), x, h_prev) if H == D else None
    outside = st.z_n - st.r * st.hn  # W_in x + b_in
    # Cho et al.: the reset before the product, W_hn (r ⊙ h_{t-1}) + b_hn; where that gives
    # PyTorch's numbers anyway, it is no mistake
    cho = np.tanh(outside + params.W_hn @ (st.r * h_prev) + params.b_hn)
    reset_before = None if np.allclose(cho, st.n, rtol=0, atol=10.0**-ANSWER_DECIMALS) else cho

    def gate_mistakes(name: str) -> dict[str, Any]:
        z = getattr(st, "z_" + name)
        return {
            "lstm.forgot-bias": getattr(no_bias, name),
            "lstm.gate-tanh": np.tanh(z),
            "lstm.concat-order": None if swapped is None else getattr(swapped, name),
        }

    def n_from(values: Mapping[str, Any]) -> np.ndarray:
        return np.tanh(outside + as_array(values["r"], (H,)) * st.hn)

    def h_from(values: Mapping[str, Any]) -> np.ndarray:
        z, n = as_array(values["z"], (H,)), as_array(values["n"], (H,))
        return (1 - z) * n + z * h_prev

    cells = (
        numeric_cell("r", "$r_t$", st.r, mistakes=gate_mistakes("r")),
        numeric_cell("z", "$z_t$", st.z, mistakes=gate_mistakes("z")),
        numeric_cell(
            "n",
            "$n_t$",
            st.n,
            mistakes={
                "lstm.candidate-sigmoid": sigmoid(st.z_n),
                "lstm.single-bias": gru.step(_variant(params, b_hn=False), x, h_prev).n,
                "gru.reset-before-product": reset_before,
            },
            depends=("r",),
            recompute=n_from,
        ),
        numeric_cell(
            "h",
            "$h_t$",
            st.h,
            mistakes={"gru.update-swapped": st.z * st.n + (1 - st.z) * h_prev},
            depends=("z", "n"),
            recompute=h_from,
        ),
    )

    def v(a: np.ndarray) -> str:
        return typed(a, 2)

    hx = np.concatenate([h_prev, x])
    solution = (
        worked_line("拼接", "Stack", r"[h_{t-1}, x_t]", "", v(hx)),
        worked_line("重置门", "Reset gate", r"z_r = W_r [h_{t-1}, x_t] + b_r", "", typed(st.z_r)),
        worked_line("", "", r"r_t = \sigma(z_r)", "", typed(st.r)),
        worked_line("更新门", "Update gate", r"z_z = W_z [h_{t-1}, x_t] + b_z", "", typed(st.z_z)),
        worked_line("", "", r"z_t = \sigma(z_z)", "", typed(st.z)),
        worked_line("重置门作用的部分", "What the reset gate scales", r"W_{hn} h_{t-1} + b_{hn}", "", typed(st.hn)),
        worked_line("输入部分", "The input part", r"W_{in} x_t + b_{in}", "", typed(outside)),
        worked_line("候选隐藏状态", "Candidate", r"z_n = W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})", "", typed(st.z_n)),
        worked_line("", "", r"n_t = \tanh(z_n)", "", typed(st.n)),
        worked_line(
            "新状态", "New state", r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
            f"{typed(1 - st.z)} ⊙ {typed(st.n)} + {typed(st.z)} ⊙ {v(h_prev)}", typed(st.h),
        ),
    )  # fmt: skip
    return Exercise(
        prompt=prompt_with_precision(
            "PyTorch 的 GRU（nn.GRU）一步：" + "，".join(f"${e}$" for e in EQUATIONS) + "。"
            "候选隐藏状态 $n_t$ 沿用 PyTorch 文档的名字 $W_{in}$、$b_{in}$、$W_{hn}$、$b_{hn}$；"
            "$r_t$、$z_t$ 按本课程门的写法（PyTorch 文档把 $W_r$ 拆成 $W_{ir}$、$W_{hr}$，"
            "$b_r = b_{ir} + b_{hr}$）。求 $r_t$、$z_t$、$n_t$、$h_t$。",
            "One step of PyTorch's GRU (nn.GRU): "
            + ", ".join(f"${e}$" for e in EQUATIONS)
            + ". The candidate $n_t$ keeps the names of PyTorch's documentation, $W_{in}$, "
            "$b_{in}$, $W_{hn}$, $b_{hn}$; $r_t$ and $z_t$ are written as the course writes gates "
            "(PyTorch's documentation splits $W_r$ into $W_{ir}$ and $W_{hr}$, and "
            "$b_r = b_{ir} + b_{hr}$). Find $r_t$, $z_t$, $n_t$ and $h_t$.",
        ),
        givens=shown_givens(x=x, h_prev=h_prev, **weights, **biases),
        cells=cells,
        hints=hints(
            (
                "$r_t$ 和 $z_t$ 与 LSTM 的门一样：σ 作用在 $W [h_{t-1}, x_t] + b$ 上。",
                "$r_t$ and $z_t$ are gates like the LSTM's: σ of $W [h_{t-1}, x_t] + b$.",
            ),
            (
                "PyTorch 的重置门乘在矩阵乘法之后：乘的是 $W_{hn} h_{t-1} + b_{hn}$ 整体。",
                "PyTorch applies the reset gate after the product: to the whole "
                "$W_{hn} h_{t-1} + b_{hn}$.",
            ),
            (
                "$z_t$ 是保留旧状态的比例：$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$。",
                "$z_t$ is the share of the old state kept: "
                "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$.",
            ),
        ),
        solution=solution,
    )


@register(
    "gru.vs-lstm", "acceleration", "GRU 与 LSTM 的代价之比", "The GRU's cost next to the LSTM's"
)
def versus_lstm(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Parameters and their ratio at 1; PyTorch's counts and the multiplications of a step at
    2; a batch over time, and the sequential steps that do not shrink, at 3."""
    H, D = pick(rng, SMALL if difficulty == 1 else LARGE)
    biases = 1 if difficulty == 1 else 2
    gru_n, lstm_n = (
        parameter_count_cell(k, f"$N_{{\\mathrm{{{NAMES[k]}}}}}$", k, H, D, biases) for k in ("gru", "lstm")
    )
    steps = [block_step("gru", H, D, biases), block_step("lstm", H, D, biases)]
    ratio = 3 / 4
    givens = shown_givens(H=H, D=D)
    if difficulty == 1:
        cells = (
            gru_n,
            lstm_n,
            numeric_cell("ratio", r"$N_{\mathrm{GRU}}/N_{\mathrm{LSTM}}$", ratio, decimals=2),
        )
        ask = Text(
            "求两者的参数量（每个块一个偏置）及其比值（保留 2 位小数）。",
            "Find both parameter counts (one bias per block) and their ratio (2 decimals).",
        )
        steps.append(worked_line("比值", "Ratio", r"3(H(H + D) + H)/(4(H(H + D) + H))", "", f"{ratio:.2f}"))
    else:
        B = int(rng.choice((8, 16, 32, 64)))
        mults = [
            count_cell(f"mults_{k}", f"$M_{{\\mathrm{{{NAMES[k]}}}}}$", m * B * H * (H + D))
            for k, m in (("gru", 3), ("lstm", 4))
        ]
        steps += [
            worked_line("GRU 一步", "One GRU step", "3BH(H + D)", f"3×{B}×{H}×{H + D}", str(3 * B * H * (H + D))),
            worked_line("LSTM 一步", "One LSTM step", "4BH(H + D)", f"4×{B}×{H}×{H + D}", str(4 * B * H * (H + D))),
        ]  # fmt: skip
        cells = (gru_n, lstm_n, *mults)
        givens = shown_givens(H=H, D=D, B=B)
        ask = Text(
            "按 PyTorch 计数（每个块两个偏置）求 nn.GRU 与 nn.LSTM 的参数量，以及批大小 B 时一步门的矩阵乘法各要多少次乘法（M）。",
            "Find the parameters of nn.GRU and nn.LSTM as PyTorch counts them (two biases per block), "
            "and the multiplications (M) of one step's gate products for a batch of B.",
        )  # fmt: skip
        if difficulty == 3:
            T = int(rng.choice((20, 50, 100)))
            givens = shown_givens(H=H, D=D, B=B, T=T)
            cells = (
                *cells,
                count_cell(
                    "sequential",
                    "$S_{\\mathrm{GRU}}$",
                    T,
                    {"general.constant-factor": 3 * T // 4 if T % 4 == 0 else None},
                ),
            )
            steps.append(
                worked_line(
                    "GRU 仍是 T 步递归",
                    "The GRU is still a recurrence of T steps",
                    "S = T",
                    "",
                    str(T),
                )
            )
            ask = Text(
                ask.zh + "长度 T 的序列上，GRU 要依次算多少步（$S_{\\mathrm{GRU}}$）？",
                ask.en + " Over a sequence of length T, how many steps must the GRU run one after another ($S_{\\mathrm{GRU}}$)?",
            )  # fmt: skip
    return whole_number_exercise(
        f"输入维度 D、隐藏维度 H 的单层 GRU 和 LSTM（GRU 有 3 个权重块，LSTM 有 4 个）。{ask.zh}",
        f"A one-layer GRU and a one-layer LSTM with input size D and hidden size H (the GRU has "
        f"3 weight blocks, the LSTM 4). {ask.en}",
        givens,
        cells,
        hints(
            (
                "每个块是一个 (H, H + D) 的权重加偏置；GRU 3 块，LSTM 4 块。",
                "Each block is an (H, H + D) weight plus its bias; a GRU has 3 blocks, an LSTM 4.",
            ),
            (
                "块数之比就是参数量和乘法次数之比；时间上的依次计算不变。",
                "The ratio of blocks is the ratio of parameters and of multiplications; the "
                "sequential chain over time stays the same.",
            ),
        ),
        steps,
    )


#: Steps of the direct path per difficulty, and the units at difficulty 3.
PATH_STEPS = {1: 3, 2: 4, 3: 3}


def direct_path(z: np.ndarray) -> np.ndarray:
    """∂h_T/∂h_0 of a GRU whose update gates are z (T, H) and whose recurrent weights are zero,
    from the engine: then each step's Jacobian is its direct term diag(z_t) alone."""
    H = z.shape[1]
    params = gru.GRUParams(
        W_r=np.zeros((H, 2 * H)),
        W_z=np.hstack([np.zeros((H, H)), np.eye(H)]),  # z_t = σ(x_t): x_t carries the gate
        W_hn=np.zeros((H, H)),
        W_xn=np.zeros((H, H)),
        b_r=np.zeros(H),
        b_z=np.zeros(H),
        b_hn=np.zeros(H),
        b_xn=np.zeros(H),
    )
    xs = logit(z)
    trace = gru.forward(params, xs)
    return jacobian.chain_products(gru.state_jacobians(params, trace))[-1]


@register(
    "gru.direct-path",
    "improvements",
    "GRU 的直接梯度路径与 LSTM 的细胞路径",
    "The GRU's direct gradient path next to the LSTM's cell path",
)
def gru_direct_path(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Given update and forget gates at 1; gates from their pre-activations at 2; two units
    (the diagonal of ∏ diag(z_t)) at 3."""
    T = PATH_STEPS[difficulty]
    H = 2 if difficulty == 3 else 1
    if difficulty == 2:
        a = between(rng, 0.5, 4.0, T, decimals=1)
        c = between(rng, 0.5, 4.0, T, decimals=1)
        z, f = sigmoid(a), sigmoid(c)
    else:
        z = between(rng, 0.5, 0.99, (T, H))
        f = between(rng, 0.5, 0.99, (T, H)) if difficulty == 1 else None
    z = np.asarray(z, dtype=float).reshape(T, H)
    product = np.diag(direct_path(z))
    swapped = np.prod(1.0 - z, axis=0)
    reject_if(np.min(swapped) < 1e-4 or np.min(product) < 1e-3)
    cells = [
        numeric_cell(
            "gru",
            "$\\prod_k z_k$" if H == 1 else r"$\operatorname{diag}(\prod_k \operatorname{diag}(z_k))$",
            product,
            mistakes={"gru.update-swapped": swapped}
            | ({"lstm.gate-tanh": np.prod(np.tanh(a))} if difficulty == 2 else {}),
        )
    ]
    if f is not None:
        f = np.asarray(f, dtype=float).reshape(T)
        cells.append(
            numeric_cell(
                "lstm",
                "$\\prod_k f_k$",
                np.prod(f),
                mistakes={"lstm.gate-tanh": np.prod(np.tanh(c))} if difficulty == 2 else {},
            )
        )
    if difficulty == 2:
        givens = {**{f"a_{k + 1}": float(a[k]) for k in range(T)},
                  **{f"c_{k + 1}": float(c[k]) for k in range(T)}}  # fmt: skip
        gates = Text(
            "GRU 第 k 步更新门的预激活为 $a_k$，$z_k = \\sigma(a_k)$；LSTM 第 k 步遗忘门的预激活为 "
            "$c_k$，$f_k = \\sigma(c_k)$。",
            "At step k the GRU's update gate has pre-activation $a_k$, $z_k = \\sigma(a_k)$, and "
            "the LSTM's forget gate has pre-activation $c_k$, $f_k = \\sigma(c_k)$.",
        )
    elif difficulty == 1:
        givens = {**{f"z_{k + 1}": float(z[k, 0]) for k in range(T)},
                  **{f"f_{k + 1}": float(f[k]) for k in range(T)}}  # fmt: skip
        gates = Text("给出 GRU 各步的更新门 $z_k$ 和 LSTM 各步的遗忘门 $f_k$。",
                     "The GRU's update gates $z_k$ and the LSTM's forget gates $f_k$ are given.")  # fmt: skip
    else:
        givens = {f"z_{k + 1}": z[k] for k in range(T)}
        gates = Text("GRU 有两个单元，各步的更新门 $z_k$ 已知。",
                     "The GRU has two units; its update gates $z_k$ are given.")  # fmt: skip
    ask = Text(
        f"求梯度沿 GRU 的直接路径从 $h_{T}$ 传回 $h_0$ 的因子"
        + ("" if H == 1 else "（乘积矩阵的对角线）")
        + ("" if f is None else f"，以及沿 LSTM 记忆直接路径从 $C_{T}$ 传回 $C_0$ 的因子")
        + "。",
        f"Find the factor a gradient picks up along the GRU's direct path from $h_{T}$ back to "
        "$h_0$" + ("" if H == 1 else " (the diagonal of the product)")
        + ("" if f is None else f", and along the LSTM's direct cell path from $C_{T}$ back to $C_0$")
        + ".",
    )
    solution = [
        worked_line("GRU 每步的直接项", "The GRU's direct term per step",
                    r"\operatorname{diag}(z_t)", "", typed(z if H > 1 else z[:, 0])),
        worked_line("相乘", "Their product", r"\prod_k z_k", "", typed(product)),
    ]  # fmt: skip
    if f is not None:
        solution += [
            worked_line("LSTM 每步的直接项", "The LSTM's direct term per step",
                        r"\operatorname{diag}(f_t)", "", typed(f)),
            worked_line("相乘", "Their product", r"\prod_k f_k", "", typed(np.prod(f))),
        ]  # fmt: skip
    return Exercise(
        prompt=prompt_with_precision(
            "GRU：$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$，所以 $\\partial h_t / \\partial h_{t-1}$ "
            "中不经过任何权重的直接项是 $\\operatorname{diag}(z_t)$，正如 LSTM 的 "
            "$\\operatorname{diag}(f_t)$。" + f"序列长 {T} 步。{gates.zh}{ask.zh}",
            "A GRU: $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$, so the term of "
            "$\\partial h_t / \\partial h_{t-1}$ that passes no weight is $\\operatorname{diag}(z_t)$, "
            f"as the LSTM's is $\\operatorname{{diag}}(f_t)$. The sequence has {T} steps. "
            f"{gates.en} {ask.en}",
        ),
        givens=givens,
        cells=tuple(cells),
        hints=hints(
            ("$h_{t-1}$ 以系数 $z_t$ 直接进入 $h_t$：保留旧状态的是 $z_t$，不是 $1 - z_t$。",
             "$h_{t-1}$ enters $h_t$ directly with the factor $z_t$: what keeps the old state is "
             "$z_t$, not $1 - z_t$."),
            ("沿直接路径每往回一步乘一个门值；各步相乘。",
             "Each step back along the direct path multiplies by one gate value; multiply the steps."),
        ),
        solution=tuple(solution),
    )
