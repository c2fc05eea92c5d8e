"""Layer normalisation as the layer-normalised LSTM uses it (Ba, Kiros & Hinton 2016):

    LN(z; α, β) = α ⊙ (z − μ)/s + β,   μ = mean of z's entries,  s = √(mean of (z − μ)²)

over the entries of one example (not over a batch), with the population standard deviation
s (no 1/(n − 1)) and, as in the paper, no ε. In the LN-LSTM the four gates' pre-activations
are W^(h) h_{t-1} and W^(x) x_t normalised separately, plus b, and the output is
h_t = o_t ⊙ tanh(LN(C_t)). Exact numpy arithmetic; the tests check it against torch's
layer_norm.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.exercises.families._build import hints, numeric_cell, prompt_with_precision, worked_line
from tutor.exercises.families._draw import between, reject_if, signed
from tutor.exercises.families._numbers import as_array, shown_givens, typed
from tutor.exercises.model import Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text


def layer_norm(z: Any, gain: Any = 1.0, bias: Any = 0.0) -> np.ndarray:
    """α ⊙ (z − μ)/s + β with the population standard deviation s."""
    z = np.asarray(z, dtype=float)
    return np.asarray(gain) * (z - z.mean()) / z.std() + np.asarray(bias)


@register(
    "lstm.layer-norm",
    "forward-pass",
    "层归一化的 LSTM：归一化一个向量",
    "The layer-normalised LSTM: normalising one vector",
)
def layer_norm_exercise(rng: np.random.Generator, difficulty: int) -> Exercise:
    """The four pre-activations of one unit at 1; with a gain and a bias at 2; the LN-LSTM's
    output h_t = o_t ⊙ tanh(LN(C_t)) at 3."""
    n = 4 if difficulty < 3 else 3
    z = signed(rng, 2.0, n, low=0.1)
    reject_if(z.std() < 0.3 or len(set(np.round(z, 2))) < n)
    gain = between(rng, 0.5, 1.5, n, decimals=1) if difficulty > 1 else np.ones(n)
    bias = signed(rng, 0.5, n, low=0.1, decimals=1) if difficulty > 1 else np.zeros(n)
    mu, s = float(z.mean()), float(z.std())
    normed = layer_norm(z, gain, bias)
    # the sample standard deviation, 1/(n − 1): a constant factor √(n/(n − 1)) on s
    sample = float(z.std(ddof=1))

    def normed_from(values: Mapping[str, Any]) -> np.ndarray:
        m, sd = float(np.asarray(values["mu"])), float(np.asarray(values["s"]))
        return gain * (z - m) / sd + bias

    name = "C" if difficulty == 3 else "z"
    symbol = "C_t" if difficulty == 3 else "z"
    entry = "(C_t)_j" if difficulty == 3 else "z_j"
    cells = [
        numeric_cell("mu", r"$\mu$", mu),
        numeric_cell("s", "$s$", s, mistakes={"general.constant-factor": sample}),
        numeric_cell(
            "normed",
            rf"$\operatorname{{LN}}({symbol})$",
            normed,
            mistakes={"general.constant-factor": (z - mu) / sample} if difficulty == 1 else {},
            depends=("mu", "s"),
            recompute=normed_from,
        ),
    ]
    steps = [
        worked_line("均值", "Mean", rf"\mu = \frac{{1}}{{{n}}} \sum_j {entry}", "", typed(mu)),
        worked_line("总体标准差（除以 n，不是 n - 1）", "Population standard deviation (divide by n, not n - 1)",
                    rf"s = \sqrt{{\frac{{1}}{{{n}}} \sum_j ({entry} - \mu)^2}}", "", typed(s)),
        worked_line("归一化", "Normalise", rf"({symbol} - \mu)/s", "", typed((z - mu) / s)),
    ]  # fmt: skip
    if difficulty > 1:
        steps.append(
            worked_line("乘增益、加偏置", "Scale by the gain, add the bias",
                        rf"\alpha \odot ({symbol} - \mu)/s + \beta", "", typed(normed))
        )  # fmt: skip
    givens: dict[str, Any] = {name: z}
    if difficulty > 1:
        givens |= {"alpha": gain, "beta": bias}
    what = Text(
        "一个单元的四个预激活 $z = (z_f, z_i, z_C, z_o)$（H = 1，所以 4H = 4 个数）",
        "the four pre-activations of one unit, $z = (z_f, z_i, z_C, z_o)$ (H = 1, so 4H = 4 "
        "numbers)",
    )
    ask = Text(
        "求均值 $\\mu$、标准差 $s$ 和 $\\operatorname{LN}(z)$。",
        "Find the mean $\\mu$, the standard deviation $s$ and $\\operatorname{LN}(z)$.",
    )
    if difficulty == 3:
        o = between(rng, 0.1, 0.9, n)
        h = o * np.tanh(normed)

        def h_from(values: Mapping[str, Any]) -> np.ndarray:
            return o * np.tanh(as_array(values["normed"], (n,)))

        cells.append(numeric_cell("h", "$h_t$", h, depends=("normed",), recompute=h_from))
        steps.append(
            worked_line("输出", "Output", r"h_t = o_t \odot \tanh(\operatorname{LN}(C_t))", "", typed(h))
        )  # fmt: skip
        givens["o"] = o
        what = Text(
            "层归一化 LSTM 的输出 $h_t = o_t \\odot \\tanh(\\operatorname{LN}(C_t; \\alpha, \\beta))$"
            "，H = 3，归一化的是这一步的细胞 $C_t$（$C_t$ 本身不变，照常传到下一步）",
            "the layer-normalised LSTM's output $h_t = o_t \\odot \\tanh(\\operatorname{LN}(C_t; "
            "\\alpha, \\beta))$, H = 3, which normalises this step's cell $C_t$ ($C_t$ itself is "
            "carried to the next step unchanged)",
        )
        ask = Text(
            "求 $C_t$ 各分量的均值 $\\mu$、标准差 $s$、$\\operatorname{LN}(C_t)$ 和 $h_t$。",
            "Find the mean $\\mu$ and the standard deviation $s$ of $C_t$'s entries, "
            "$\\operatorname{LN}(C_t)$ and $h_t$.",
        )
    formula = (
        r"\operatorname{LN}(z; \alpha, \beta) = \alpha \odot (z - \mu)/s + \beta"
        if difficulty > 1
        else r"\operatorname{LN}(z) = (z - \mu)/s"
    )
    return Exercise(
        prompt=prompt_with_precision(
            f"层归一化（Ba, Kiros & Hinton 2016）对一个样本自身的各个分量做归一化：${formula}$，"
            f"$\\mu$ 是各分量的均值，$s$ 是它们的总体标准差（除以分量个数）。对象是{what.zh}。{ask.zh}",
            "Layer normalisation (Ba, Kiros & Hinton 2016) normalises one example over its own "
            f"entries: ${formula}$, with $\\mu$ the mean of the entries and $s$ their population "
            f"standard deviation (dividing by the number of entries). Here it is applied to "
            f"{what.en}. {ask.en}",
        ),
        givens=shown_givens(**givens),
        cells=tuple(cells),
        hints=hints(
            ("均值和标准差只在这一个向量的分量上算，与批中其他样本无关。",
             "The mean and the standard deviation are taken over this one vector's entries, "
             "whatever else is in the batch."),
            ("$s$ 除以分量个数 n，不是 n - 1。", "$s$ divides by the number of entries n, not n - 1."),
        ),
        solution=tuple(steps),
    )
