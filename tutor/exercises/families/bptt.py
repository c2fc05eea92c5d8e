"""Family 8: one step of backpropagation through time, numeric, as a worksheet.

The step's gate values are the givens; the engine's step and step_backward produce every
number (the gates are realised as biases with zero weights, so σ(b) is exactly the given).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import lstm
from tutor.engine.activations import sigmoid_grad
from tutor.exercises.families._build import (
    hints,
    numeric_cell,
    prompt_with_precision,
    worked_line,
)
from tutor.exercises.families._draw import between, signed, sizes
from tutor.exercises.families._lstm import params_with_preacts, preacts_of_gates
from tutor.exercises.families._numbers import as_array, shown_givens, typed
from tutor.exercises.model import Degenerate, Exercise
from tutor.exercises.registry import register


@register("bptt.step", "backpropagation", "一步 BPTT（数值）", "One BPTT step, numeric")
def bptt_step(rng: np.random.Generator, difficulty: int) -> Exercise:
    H, D = sizes(rng, difficulty)
    x, h_prev = signed(rng, 1.0, D, low=0.05), signed(rng, 0.9, H, low=0.05)
    C_prev = signed(rng, 1.5, H, low=0.2)
    f, i, o = (between(rng, 0.1, 0.9, H) for _ in range(3))
    C_tilde = signed(rng, 0.9, H, low=0.1)
    dh, dC_next = signed(rng, 1.0, H, low=0.1), signed(rng, 1.0, H, low=0.1)
    row = int(rng.integers(H))

    params = params_with_preacts(*preacts_of_gates(f, i, C_tilde, o), D)
    st = lstm.step(params, x, h_prev, C_prev)
    g = lstm.step_backward(params, st, dh, dC_next)
    if np.min(np.abs(g.dz_f)) < 0.005 or np.min(np.abs(g.dC_total)) < 0.05:
        raise Degenerate("gradients too small to teach anything")
    hx = np.concatenate([h_prev, x])
    through_h = lstm.step_backward(params, st, dh, None).dC_total  # without the cell path

    def from_dC(values: Mapping[str, Any]) -> lstm.LSTMStepGrads:
        # the learner's dC_t as the whole cell gradient: dh = 0, dC = their value
        return lstm.step_backward(params, st, np.zeros(H), as_array(values["dC"], (H,)))

    def dz_f_from(values: Mapping[str, Any]) -> np.ndarray:
        return as_array(values["df"], (H,)) * sigmoid_grad(f)

    def row_from(values: Mapping[str, Any]) -> np.ndarray:
        return as_array(values["dz_f"], (H,))[row] * hx

    # step t's contributions, X|_t: the full dW_f is the sum over t of dW_f|_t, and dC_{t-1}
    # also receives a part through h_{t-1} when step t-1 is differentiated
    w_label = "$dW_f|_t$" if H == 1 else f"$dW_f|_t[{row + 1}, :]$"
    # the cells that only multiply dC_t by one factor: (engine field, label, mistakes)
    from_dC_cells = (
        (
            "dC_prev",
            "$dC_{t-1}|_t$",
            {
                "lstm.dc-prev-missing-forget": g.dC_total,
                "lstm.dc-missing-output-term": dC_next * f,
            },
        ),
        ("df", "$df_t$", {"lstm.c-current-for-prev": g.dC_total * st.C}),
        ("di", "$di_t$", {"lstm.forget-input-swapped": g.dC_total * C_prev}),
        ("dC_tilde", r"$d\tilde{C}_t$", {"lstm.forget-input-swapped": g.dC_total * f}),
    )
    cells = (
        numeric_cell("do", "$do_t$", g.do, mistakes={"lstm.h-missing-tanh": dh * st.C}),
        numeric_cell(
            "dC",
            "$dC_t$",
            g.dC_total,
            mistakes={
                "lstm.dc-missing-output-term": dC_next,
                "lstm.dc-missing-next": through_h,
                "lstm.tanh-derivative": dC_next + dh * o * (1 - st.tanh_C),
                "lstm.dh-dc-missing-output-gate": dC_next + dh * (1 - st.tanh_C**2),
            },
        ),
        *(
            numeric_cell(
                name,
                label,
                getattr(g, name),
                mistakes=mistakes,
                depends=("dC",),
                recompute=lambda v, name=name: getattr(from_dC(v), name),
            )
            for name, label, mistakes in from_dC_cells
        ),
        numeric_cell(
            "dz_f",
            "$dz_f$",
            g.dz_f,
            mistakes={"lstm.sigmoid-derivative": g.df * f},
            depends=("df",),
            recompute=dz_f_from,
        ),
        numeric_cell(
            "dW_f_row",
            w_label,
            g.dW_f[row],
            mistakes={"lstm.concat-order": g.dz_f[row] * np.concatenate([x, h_prev])},
            depends=("dz_f",),
            recompute=row_from,
        ),
    )

    def v(a: np.ndarray) -> str:
        return typed(a, 2)

    dC, dz_j = typed(g.dC_total), typed(g.dz_f[row])
    solution = (
        worked_line(
            "先重算前向",
            "Recompute the forward pass",
            r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t",
            f"{v(f)} ⊙ {v(C_prev)} + {v(i)} ⊙ {v(C_tilde)}",
            typed(st.C),
        ),
        worked_line("于是", "so", r"\tanh(C_t)", "", typed(st.tanh_C)),
        worked_line(
            "输出门",
            "Output gate",
            r"do_t = dh_t \odot \tanh(C_t)",
            f"{v(dh)} ⊙ {typed(st.tanh_C)}",
            typed(g.do),
        ),
        worked_line(
            "经过 $h_t$ 的部分",
            "The part through $h_t$",
            r"dh_t \odot o_t \odot (1 - \tanh^2(C_t))",
            f"{v(dh)} ⊙ {v(o)} ⊙ {typed(1 - st.tanh_C**2)}",
            typed(through_h),
        ),
        worked_line(
            "加上沿细胞传来的部分",
            "Add what arrives along the cell",
            r"dC_t = dC_{t+1} \odot f_{t+1} + dh_t \odot o_t \odot (1 - \tanh^2(C_t))",
            f"{v(dC_next)} + {typed(through_h)}",
            dC,
        ),
        worked_line(
            "沿细胞传回上一步（第 t 步的贡献）",
            "Sent back along the cell (step t's contribution)",
            r"dC_{t-1}|_t = dC_t \odot f_t",
            f"{dC} ⊙ {v(f)}",
            typed(g.dC_prev),
        ),
        worked_line(
            "遗忘门",
            "Forget gate",
            r"df_t = dC_t \odot C_{t-1}",
            f"{dC} ⊙ {v(C_prev)}",
            typed(g.df),
        ),
        worked_line(
            "输入门",
            "Input gate",
            r"di_t = dC_t \odot \tilde{C}_t",
            f"{dC} ⊙ {v(C_tilde)}",
            typed(g.di),
        ),
        worked_line(
            "候选细胞状态",
            "Candidate",
            r"d\tilde{C}_t = dC_t \odot i_t",
            f"{dC} ⊙ {v(i)}",
            typed(g.dC_tilde),
        ),
        worked_line(
            "经过 σ",
            "Through σ",
            r"dz_f = df_t \odot f_t \odot (1 - f_t)",
            f"{typed(g.df)} ⊙ {typed(sigmoid_grad(f))}",
            typed(g.dz_f),
        ),
        worked_line(
            "权重（第 t 步的贡献）",
            "Weights (step t's contribution)",
            rf"{w_label[1:-1]} = (dz_f)_{{{row + 1}}} [h_{{t-1}}, x_t]",
            f"{dz_j} · {v(hx)}",
            typed(g.dW_f[row]),
        ),
    )
    row_zh = "" if H == 1 else f" 的第 {row + 1} 行"
    row_en = "" if H == 1 else f" (row {row + 1})"
    return Exercise(
        prompt=prompt_with_precision(
            "LSTM 单步反向传播。$dX$ 表示 $\\partial L/\\partial X$。下面给出这一步的前向值、"
            "$h_t$ 的完整梯度 $dh_t$，以及沿细胞路径从 t+1 步传回的 $dC_{t+1} \\odot f_{t+1}$。"
            "$dX|_t$ 表示第 t 步对 $dX$ 的贡献：完整的 $dW_f = \\sum_t dW_f|_t$ 是所有时间步之和，"
            "$dC_{t-1}$ 在反向传播第 t-1 步时还会得到经过 $h_{t-1}$ 的部分。"
            "求 $do_t$、完整的 $dC_t$、第 t 步沿细胞传回的 $dC_{t-1}|_t$、$df_t$、$di_t$、"
            f"$d\\tilde{{C}}_t$、$dz_f$ 和第 t 步的 $dW_f|_t${row_zh}。",
            "One LSTM step backward. $dX$ means $\\partial L/\\partial X$. Given the step's "
            "forward values, the full gradient $dh_t$ of $h_t$, and $dC_{t+1} \\odot f_{t+1}$, "
            "what arrives along the cell path from step t+1. $dX|_t$ is step t's contribution "
            "to $dX$: the full $dW_f = \\sum_t dW_f|_t$ sums every step's, and $dC_{t-1}$ also "
            "receives a part through $h_{t-1}$ when step t-1 is differentiated. Compute $do_t$, "
            "$dC_t$ in full, step t's cell-path part $dC_{t-1}|_t$, $df_t$, $di_t$, "
            f"$d\\tilde{{C}}_t$, $dz_f$ and step t's $dW_f|_t${row_en}.",
        ),
        givens=shown_givens(
            x=x,
            h_prev=h_prev,
            C_prev=C_prev,
            f=f,
            i=i,
            C_tilde=C_tilde,
            o=o,
            dh=dh,
            dC_from_next=dC_next,
        ),
        cells=cells,
        hints=hints(
            (
                "先重算 $C_t$ 和 $\\tanh(C_t)$，再从 $h_t = o_t \\odot \\tanh(C_t)$ 往回走。",
                "Recompute $C_t$ and $\\tanh(C_t)$, then go back through "
                "$h_t = o_t \\odot \\tanh(C_t)$.",
            ),
            (
                "$dC_t$ 有两部分：沿细胞传来的 $dC_{t+1} \\odot f_{t+1}$，加上经过 $h_t$ 的 "
                "$dh_t \\odot o_t \\odot (1 - \\tanh^2(C_t))$。",
                "$dC_t$ has two parts: $dC_{t+1} \\odot f_{t+1}$ along the cell, plus "
                "$dh_t \\odot o_t \\odot (1 - \\tanh^2(C_t))$ through $h_t$.",
            ),
            (
                "$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$：每个因子的梯度是 $dC_t$ "
                "乘另一个因子；$dz_f = df_t \\odot f_t(1 - f_t)$，第 t 步的 $dW_f|_t$ 的第 j 行是 "
                "$(dz_f)_j [h_{t-1}, x_t]$。",
                "$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$: each factor's gradient is "
                "$dC_t$ times its partner; $dz_f = df_t \\odot f_t(1 - f_t)$, and row j of step "
                "t's $dW_f|_t$ is $(dz_f)_j [h_{t-1}, x_t]$.",
            ),
        ),
        solution=solution,
    )
