"""Vanishing gradients: the RNN's product of per-step factors w·tanh'(a_k), how many steps
it takes to fall below a threshold, and the LSTM's direct cell path ∏ f_t beside it.

Scalar networks (H = D = 1), so every factor is a number the learner can compute; the
numbers come from tutor.engine (rnn.forward, rnn.state_jacobians, jacobian.chain_products,
the activations).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import jacobian, rnn
from tutor.engine.activations import sigmoid, tanh, tanh_grad
from tutor.exercises.families._build import numeric_cell, span
from tutor.exercises.families._draw import GIVEN_DECIMALS, between, reject_if, signed
from tutor.exercises.families._numbers import ANSWER_DECIMALS, expansion, typed
from tutor.exercises.model import Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

#: Steps per difficulty for the products.
STEPS = {1: 2, 2: 3, 3: 5}
FACTOR = r"w \tanh'(a_k) = w (1 - h_k^2)"


def significant(value: float, digits: int = 4) -> int:
    """Decimals that show `digits` significant digits of value, between 2 and 6."""
    return min(6, max(2, digits - 1 - math.floor(math.log10(abs(value)))))


def recurrent_weight(rng: np.random.Generator, difficulty: int) -> float:
    """w in (0.5, 1.5); at difficulty 3 above 1, the trap: w > 1 and it still vanishes."""
    return (
        between(rng, 1.2, 2.5, decimals=1)
        if difficulty == 3
        else between(rng, 0.5, 1.5, decimals=1)
    )


def steps_below(factor: float, eps: float, limit: int = 10_000) -> int:
    """The fewest n with factor**n < eps, multiplying step by step as BPTT does."""
    product, n = 1.0, 0
    while product >= eps and n < limit:
        product *= factor
        n += 1
    return n


def product_text(T: int) -> str:
    return rf"\partial h_{T} / \partial h_0 = \prod_{{k=1}}^{{{T}}} w \tanh'(a_k)"


@register(
    "vanishing.rnn-product",
    "vanishing-gradient",
    "RNN 梯度的逐步连乘",
    "The RNN gradient as a product over steps",
)
def rnn_product(rng: np.random.Generator, difficulty: int) -> Exercise:
    T = STEPS[difficulty]
    w = recurrent_weight(rng, difficulty)
    u, b = signed(rng, 1.5, low=0.3, decimals=1), signed(rng, 0.5, decimals=1)
    h0 = signed(rng, 0.9)
    xs = signed(rng, 1.0, T, low=0.1)
    params = rnn.RNNParams(W=np.array([[w, u]]), b=np.array([b]))
    trace = rnn.forward(params, xs[:, None], np.array([h0]))
    J = rnn.state_jacobians(params, trace)  # (T, 1, 1): w (1 − h_k²), k = 1 … T
    factors = J[:, 0, 0]
    product = float(jacobian.chain_products(J)[T, 0, 0])  # ∂h_T/∂h_0
    reject_if(not 1e-3 <= abs(product) <= 100)
    decimals = significant(product)
    hs = trace.hs[:, 0]
    mistakes = {
        "lstm.tanh-derivative": float(np.prod(w * (1 - hs))),
        "general.constant-factor": float(np.prod(tanh_grad(hs))),  # w left out
    }
    cell = numeric_cell("product", f"${product_text(T).split(' = ')[0]}$", product,
                        decimals=decimals, mistakes=mistakes)  # fmt: skip
    step = r"h_k = \tanh(a_k), \; a_k = w h_{k-1} + u x_k + b"

    prompt = Text(
        f"标量 tanh RNN：${step}$。已知 $w$、$u$、$b$、$h_0$ 和 {span('x', T)}，"
        f"求梯度沿 {T} 步传回的因子 ${product_text(T)}$，保留 {decimals} 位小数。",
        f"A scalar tanh RNN: ${step}$. Given $w$, $u$, $b$, $h_0$ and {span('x', T)}, compute "
        f"the factor a gradient picks up going back {T} steps, ${product_text(T)}$, to "
        f"{decimals} decimals.",
    )
    hints = (
        Text(f"先正向算出 {span('h', T)}：每个因子都要用到这一步的 $h_k$。",
             f"Run the forward pass first, {span('h', T)}: each factor needs that step's $h_k$."),
        Text(f"每往回一步乘一个 ${FACTOR}$：$\\tanh' = 1 - \\tanh^2$，平方不能漏。",
             f"Each step back multiplies by ${FACTOR}$: $\\tanh' = 1 - \\tanh^2$, squared."),
        Text(f"把 {T} 个因子相乘（$w$ 也要乘 {T} 次）。",
             f"Multiply the {T} factors ($w$ appears {T} times)."),
    )  # fmt: skip
    solution = []
    for k in range(1, T + 1):
        h_prev = h0 if k == 1 else float(hs[k - 2])
        places = GIVEN_DECIMALS if k == 1 else ANSWER_DECIMALS
        arithmetic = expansion([w, u], [h_prev, float(xs[k - 1])], b, places)
        solution.append(Step(
            Text(f"第 {k} 步：$a_{k} = w h_{k - 1} + u x_{k} + b$，$h_{k} = \\tanh(a_{k})$，因子 $w(1 - h_{k}^2)$",
                 f"step {k}: $a_{k} = w h_{k - 1} + u x_{k} + b$, $h_{k} = \\tanh(a_{k})$, factor $w(1 - h_{k}^2)$"),
            f"a = {arithmetic} = {typed(trace.preacts[k - 1, 0])}, h = {typed(hs[k - 1])}, "
            f"w(1 - h²) = {typed(factors[k - 1])}",
        ))  # fmt: skip
    solution.append(
        Step(Text(f"{T} 个因子相乘", f"multiply the {T} factors"), typed(product, decimals))
    )
    givens = {
        "w": w,
        "u": u,
        "b": b,
        "h_0": h0,
        **{f"x_{k}": float(xs[k - 1]) for k in range(1, T + 1)},
    }
    return Exercise(prompt, givens, (cell,), hints, tuple(solution), given_decimals=GIVEN_DECIMALS)


# --------------------------------------------------------------------------- steps to vanish

EPSILON = {1: 0.1, 2: 0.01, 3: 0.001}


def _count(factor: Any, eps: float, fallback: int) -> int:
    """n for the learner's own factor; their factor outside (0, 1) never gets there."""
    value = float(np.asarray(factor))
    return steps_below(value, eps) if 0.0 < value < 1.0 else fallback


def _clear_count(factor: float, eps: float) -> bool:
    """ln ε / ln γ not within 0.1 of a whole number, so a rounded γ gives the same n."""
    ratio = math.log(eps) / math.log(factor)
    return abs(ratio - round(ratio)) > 0.1


@register(
    "vanishing.steps",
    "vanishing-gradient",
    "梯度多少步后消失：RNN 与 LSTM",
    "Steps until the gradient vanishes: RNN vs LSTM",
)
def steps(rng: np.random.Generator, difficulty: int) -> Exercise:
    eps = EPSILON[difficulty]
    w = recurrent_weight(rng, difficulty)
    a = signed(rng, 2.0, low=0.3)
    z_f = between(rng, 0.5, 3.5, decimals=1)
    gamma = float(w * tanh_grad(tanh(a)))
    f = float(sigmoid(z_f))
    reject_if(not (0.05 < gamma < 0.95 and _clear_count(gamma, eps) and _clear_count(f, eps)))
    n_rnn, n_lstm = steps_below(gamma, eps), steps_below(f, eps)
    wrong_gamma, wrong_f = float(w * (1 - tanh(a))), float(tanh(z_f))
    gamma_mistakes = {"lstm.tanh-derivative": wrong_gamma, "general.constant-factor": gamma / w}
    # ⌊ln ε / ln γ⌋ for ⌈ln ε / ln γ⌉: one step short (the ratio is never whole, _clear_count)
    n_mistakes = {"vanishing.steps-floor": math.floor(math.log(eps) / math.log(gamma))}
    if 0 < wrong_gamma < 1:
        n_mistakes["lstm.tanh-derivative"] = steps_below(wrong_gamma, eps)
    f_count = {"vanishing.steps-floor": math.floor(math.log(eps) / math.log(f))}
    if wrong_f < 1:
        f_count["lstm.gate-tanh"] = steps_below(wrong_f, eps)

    def rnn_count(v: Mapping[str, Any]) -> int:
        return _count(v["gamma"], eps, n_rnn)

    def lstm_count(v: Mapping[str, Any]) -> int:
        return _count(v["f"], eps, n_lstm)

    cells = (
        numeric_cell("gamma", "$\\gamma$", gamma, mistakes=gamma_mistakes),
        numeric_cell("n_rnn", "$n_{\\text{RNN}}$", n_rnn, decimals=0, mistakes=n_mistakes,
                     depends=("gamma",), recompute=rnn_count),
        numeric_cell("f", "$f$", f, mistakes={"lstm.gate-tanh": wrong_f}),
        numeric_cell("n_lstm", "$n_{\\text{LSTM}}$", n_lstm, decimals=0, mistakes=f_count,
                     depends=("f",), recompute=lstm_count),
    )  # fmt: skip
    eps_text = f"{eps:g}"

    def ratio(base: str) -> str:
        return rf"\frac{{\ln {eps_text}}}{{\ln {base}}}"

    by_gamma, by_f = ratio(r"\gamma"), ratio("f")
    prompt = Text(
        f"标量 tanh RNN 停在预激活 $a$ 附近，循环权重为 $w$：梯度每往回一步乘 "
        f"$\\gamma = w \\tanh'(a)$（{ANSWER_DECIMALS} 位小数）。求最小的步数 $n_{{\\text{{RNN}}}}$ 使 "
        f"$\\gamma^n < {eps_text}$。同样长度上，LSTM 的记忆直接路径每步乘遗忘门 "
        f"$f = \\sigma(z_f)$（{ANSWER_DECIMALS} 位小数）；求最小的 $n_{{\\text{{LSTM}}}}$ 使 $f^n < {eps_text}$。",
        f"A scalar tanh RNN sits near the pre-activation $a$ with recurrent weight $w$: each step "
        f"back multiplies the gradient by $\\gamma = w \\tanh'(a)$ ({ANSWER_DECIMALS} decimals). Find the "
        f"fewest steps $n_{{\\text{{RNN}}}}$ with $\\gamma^n < {eps_text}$. Along the LSTM's "
        f"direct cell path each step multiplies by the forget gate $f = \\sigma(z_f)$ "
        f"({ANSWER_DECIMALS} decimals); find the fewest $n_{{\\text{{LSTM}}}}$ with $f^n < {eps_text}$.",
    )
    hints = (
        Text("$\\tanh'(a) = 1 - \\tanh^2(a)$，再乘 $w$。", "$\\tanh'(a) = 1 - \\tanh^2(a)$, times $w$."),
        Text(f"$\\gamma^n < {eps_text}$ 等价于 $n > \\frac{{\\ln {eps_text}}}{{\\ln \\gamma}}$（分子分母都是负数，除法时不等号方向要想清楚）。",
             f"$\\gamma^n < {eps_text}$ means $n > \\frac{{\\ln {eps_text}}}{{\\ln \\gamma}}$ (both logarithms are negative)."),
        Text("取大于这个比值的最小整数；遗忘门同理，用 $f$ 代替 $\\gamma$。",
             "Take the smallest whole number above that ratio; the same for the forget gate, with $f$ for $\\gamma$."),
    )  # fmt: skip
    solution = (
        Step(Text("$\\tanh(a)$", "$\\tanh(a)$"), typed(tanh(a))),
        Step(Text("$\\gamma = w (1 - \\tanh^2(a))$", "$\\gamma = w (1 - \\tanh^2(a))$"), typed(gamma)),
        Step(Text(f"${by_gamma}$，向上取整", f"${by_gamma}$, rounded up"),
             f"{math.log(eps) / math.log(gamma):.2f} → {n_rnn}"),
        Step(Text("$f = \\sigma(z_f)$", "$f = \\sigma(z_f)$"), typed(f)),
        Step(Text(f"${by_f}$，向上取整", f"${by_f}$, rounded up"),
             f"{math.log(eps) / math.log(f):.2f} → {n_lstm}"),
        Step(Text(f"直接路径能多传 {n_lstm - n_rnn} 步" if n_lstm >= n_rnn else "这里遗忘门较小，直接路径并不更长",
                  f"the cell path lasts {n_lstm - n_rnn} steps longer" if n_lstm >= n_rnn
                  else "here the forget gate is small: the cell path is not longer"), ""),
    )  # fmt: skip
    return Exercise(
        prompt, {"w": w, "a": a, "z_f": z_f}, cells, hints, solution, given_decimals=GIVEN_DECIMALS
    )


# --------------------------------------------------------------------------- side by side

PATH_STEPS = {1: 3, 2: 4, 3: 6}


@register(
    "vanishing.cell-path",
    "vanishing-gradient",
    "RNN 连乘与 LSTM 记忆直接路径对比",
    "RNN product vs the LSTM cell path",
)
def cell_path(rng: np.random.Generator, difficulty: int) -> Exercise:
    T = PATH_STEPS[difficulty]
    w = recurrent_weight(rng, difficulty)
    a = signed(rng, 2.0, T, low=0.1)
    z = between(rng, 0.0, 4.0, T, decimals=1)
    factors = w * tanh_grad(tanh(a))
    rnn_path, lstm_path = float(np.prod(factors)), float(np.prod(sigmoid(z)))
    reject_if(not 1e-3 <= rnn_path <= 100 or lstm_path < 1e-3)
    rnn_dec, lstm_dec = significant(rnn_path), significant(lstm_path)
    rnn_mistakes = {
        "lstm.tanh-derivative": float(np.prod(w * (1 - tanh(a)))),
        "general.constant-factor": rnn_path / w**T,
    }
    cells = (
        numeric_cell("rnn", f"$\\prod_{{k=1}}^{{{T}}} w \\tanh'(a_k)$", rnn_path,
                     decimals=rnn_dec, mistakes=rnn_mistakes),
        numeric_cell("lstm", f"$\\prod_{{k=1}}^{{{T}}} f_k$", lstm_path, decimals=lstm_dec,
                     mistakes={"lstm.gate-tanh": float(np.prod(tanh(z)))}),
    )  # fmt: skip
    prompt = Text(
        f"同一段 {T} 步的序列。RNN（循环权重 $w$）第 $k$ 步的预激活为 $a_k$；LSTM 第 $k$ 步遗忘门的"
        f"预激活为 $z_k$，$f_k = \\sigma(z_k)$。分别求梯度沿 RNN 传回 {T} 步的因子 "
        f"$\\prod_k w \\tanh'(a_k)$（{rnn_dec} 位小数）和沿 LSTM 记忆直接路径的因子 "
        f"$\\prod_k f_k$（{lstm_dec} 位小数）。",
        f"The same {T}-step sequence. At step $k$ the RNN (recurrent weight $w$) has "
        f"pre-activation $a_k$, and the LSTM's forget gate has pre-activation $z_k$, "
        f"$f_k = \\sigma(z_k)$. Compute the factor a gradient picks up going back {T} steps "
        f"through the RNN, $\\prod_k w \\tanh'(a_k)$ ({rnn_dec} decimals), and along the LSTM's "
        f"direct cell path, $\\prod_k f_k$ ({lstm_dec} decimals).",
    )
    hints = (
        Text("RNN 每一步乘 $w (1 - \\tanh^2(a_k))$：权重和激活函数的导数都在里面。",
             "Each RNN step multiplies by $w (1 - \\tanh^2(a_k))$: the weight and the activation's slope."),
        Text("LSTM 直接路径 $\\partial C_t / \\partial C_{t-1} = f_t$：没有权重矩阵，也没有 tanh 的导数。",
             "The LSTM's direct path has $\\partial C_t / \\partial C_{t-1} = f_t$: no weight matrix, no tanh slope."),
        Text("$f_k = \\sigma(z_k)$（门用 σ），两边各自连乘。",
             "$f_k = \\sigma(z_k)$ (a gate uses σ); multiply each side's factors."),
    )  # fmt: skip
    solution = (
        Step(Text("RNN 各步因子 $w (1 - \\tanh^2(a_k))$", "RNN factors $w (1 - \\tanh^2(a_k))$"), typed(factors)),
        Step(Text("相乘", "their product"), typed(rnn_path, rnn_dec)),
        Step(Text("遗忘门 $f_k = \\sigma(z_k)$", "forget gates $f_k = \\sigma(z_k)$"), typed(sigmoid(z))),
        Step(Text("相乘", "their product"), typed(lstm_path, lstm_dec)),
    )  # fmt: skip
    givens = {"w": w, **{f"a_{k + 1}": float(a[k]) for k in range(T)},
              **{f"z_{k + 1}": float(z[k]) for k in range(T)}}  # fmt: skip
    return Exercise(prompt, givens, cells, hints, solution, given_decimals=GIVEN_DECIMALS)
