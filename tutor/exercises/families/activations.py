"""σ and tanh: values, derivatives written through the value (σ' = σ(1 − σ) ≤ 1/4,
tanh' = 1 − tanh² ≤ 1), and the range and largest slope over an interval of inputs.

Values come from tutor.engine.activations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.engine.activations import sigmoid, sigmoid_grad, tanh, tanh_grad
from tutor.exercises.families._build import numeric_cell, to_decimals
from tutor.exercises.families._draw import GIVEN_DECIMALS, between, signed
from tutor.exercises.families._numbers import ANSWER_DECIMALS, typed
from tutor.exercises.model import Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text


@dataclass(frozen=True)
class Curve:
    """One activation: how to evaluate it, its slope through its value, the usual slip."""

    name: str  # cell-name prefix: "s" or "t"
    latex: str  # \sigma or \tanh
    value: Callable[[Any], np.ndarray]
    slope: Callable[[Any], np.ndarray]  # from the value
    slope_latex: str  # σ(z)(1 − σ(z)) …
    mistake: str  # the catalogued slip in the slope
    wrong_slope: Callable[[Any], np.ndarray]  # what that slip gives, from the value
    saturated: tuple[float, float]  # |z| for the saturated entry at difficulty 3
    zh: str
    en: str
    bound: str


SIGMOID = Curve(
    "s", r"\sigma", sigmoid, sigmoid_grad, r"\sigma(z)(1 - \sigma(z))",
    "lstm.sigmoid-derivative", lambda y: np.asarray(y), (3.5, 5.5),
    "σ 的导数可以用它自己的值写出", "σ's slope is written through its own value", "1/4",
)  # fmt: skip
TANH = Curve(
    "t", r"\tanh", tanh, tanh_grad, r"1 - \tanh^2(z)",
    "lstm.tanh-derivative", lambda y: 1 - np.asarray(y), (2.2, 3.2),
    "tanh 的导数可以用它自己的值写出", "tanh's slope is written through its own value", "1",
)  # fmt: skip


def inputs(rng: np.random.Generator, difficulty: int, curve: Curve) -> Any:
    """z: a number, 3 numbers, or 4 numbers of which one sits in the flat part."""
    if difficulty == 1:
        return signed(rng, 3.0, low=0.2)
    z = signed(rng, 2.5, 3 if difficulty == 2 else 4, low=0.2)
    if difficulty == 3:
        z[rng.integers(len(z))] = signed(rng, curve.saturated[1], low=curve.saturated[0])
    return z


def value_and_slope(curve: Curve) -> Callable[[np.random.Generator, int], Exercise]:
    def build(rng: np.random.Generator, difficulty: int) -> Exercise:
        z = inputs(rng, difficulty, curve)
        y = curve.value(z)
        slope = curve.slope(y)

        def recompute(v: Mapping[str, Any]) -> Any:
            return curve.slope(np.asarray(v[curve.name], dtype=float))

        wrong = {curve.mistake: curve.wrong_slope(y)}
        cells = (
            numeric_cell(curve.name, f"${curve.latex}(z)$", y),
            numeric_cell(f"d{curve.name}", f"${curve.latex}'(z)$", slope, mistakes=wrong,
                         depends=(curve.name,), recompute=recompute),
        )  # fmt: skip
        places = to_decimals(ANSWER_DECIMALS)
        each = Text("（逐个元素）", " (entry by entry)") if difficulty > 1 else Text("", "")
        prompt = Text(
            f"求 ${curve.latex}(z)$ 和它的导数 ${curve.latex}'(z)${each.zh}，{places.zh}。",
            f"Compute ${curve.latex}(z)$ and its derivative ${curve.latex}'(z)${each.en}, {places.en}.",
        )
        hints = (
            Text(f"{curve.zh}：${curve.latex}'(z) = {curve.slope_latex}$。",
                 f"{curve.en}: ${curve.latex}'(z) = {curve.slope_latex}$."),
            Text("先算函数值，再用它算导数；不必重新求指数。",
                 "Compute the value first, then the slope from it: no new exponential needed."),
            Text(f"导数最大为 {curve.bound}（在 $z = 0$ 处）；$|z|$ 越大，导数越小。",
                 f"The slope is at most {curve.bound} (at $z = 0$) and shrinks as $|z|$ grows."),
        )  # fmt: skip
        solution = (
            Step(Text(f"${curve.latex}(z)$", f"${curve.latex}(z)$"), typed(y)),
            Step(Text(f"${curve.latex}'(z) = {curve.slope_latex}$", f"${curve.latex}'(z) = {curve.slope_latex}$"),
                 typed(slope)),
        )  # fmt: skip
        return Exercise(prompt, {"z": z}, cells, hints, solution, given_decimals=GIVEN_DECIMALS)

    return build


register("activations.sigmoid", "activations", "σ 的值与导数", "σ: value and slope")(
    value_and_slope(SIGMOID)
)
register("activations.tanh", "activations", "tanh 的值与导数", "tanh: value and slope")(
    value_and_slope(TANH)
)


# --------------------------------------------------------------------------- over a range


def interval(
    rng: np.random.Generator, difficulty: int
) -> tuple[float, float, dict[str, float], Text]:
    """(z_min, z_max, givens, how z is described): z itself at difficulty 1; z = w x + b over
    an interval of x above (w < 0 at difficulty 3: the ends swap, and 0 may lie inside)."""
    if difficulty == 1:
        near = signed(rng, 2.0, low=0.2)  # the end nearer 0; the interval stays on its side
        far = round(near + np.sign(near) * between(rng, 0.5, 2.0), GIVEN_DECIMALS)
        lo, hi = sorted((near, far))
        givens = {"z_{min}": lo, "z_{max}": hi}
        return (
            lo,
            hi,
            givens,
            Text(
                "$z$ 在 $[z_{\\min}, z_{\\max}]$ 中取值", "$z$ ranges over $[z_{\\min}, z_{\\max}]$"
            ),
        )
    w = between(rng, 0.5, 2.0, decimals=1) * (-1.0 if difficulty == 3 else 1.0)
    b = signed(rng, 2.0, decimals=1)
    x_lo = signed(rng, 1.0)
    x_hi = round(x_lo + between(rng, 0.3, 1.5), GIVEN_DECIMALS)
    ends = sorted((w * x_lo + b, w * x_hi + b))
    givens = {"w": w, "b": b, "x_{min}": x_lo, "x_{max}": x_hi}
    text = Text(
        "$z = w x + b$，$x$ 在 $[x_{\\min}, x_{\\max}]$ 中取值",
        "$z = w x + b$ with $x$ in $[x_{\\min}, x_{\\max}]$",
    )
    return ends[0], ends[1], givens, text


@register(
    "activations.range",
    "activations",
    "一段输入上的取值范围与最大斜率",
    "Range and largest slope over an interval",
)
def value_range(rng: np.random.Generator, difficulty: int) -> Exercise:
    lo, hi, givens, described = interval(rng, difficulty)
    nearest = min(max(0.0, lo), hi)  # where both slopes peak: the point of [lo, hi] nearest 0
    s_range = sigmoid(np.array([lo, hi]))
    ds, dt = float(sigmoid_grad(sigmoid(nearest))), float(tanh_grad(tanh(nearest)))
    dt_mistakes = {} if nearest == 0 else {"lstm.tanh-derivative": float(1 - tanh(nearest))}
    cells = (
        numeric_cell("s_range", "$[\\sigma_{\\min}, \\sigma_{\\max}]$", s_range),
        numeric_cell("ds_max", "$\\max \\sigma'(z)$", ds,
                     mistakes={"lstm.sigmoid-derivative": float(sigmoid(nearest))}),
        numeric_cell("dt_max", "$\\max \\tanh'(z)$", dt, mistakes=dt_mistakes),
    )  # fmt: skip
    places = to_decimals(ANSWER_DECIMALS)
    prompt = Text(
        f"{described.zh}。求 $\\sigma(z)$ 的取值范围 $[\\sigma_{{\\min}}, \\sigma_{{\\max}}]$，"
        f"以及这段上的最大斜率 $\\max \\sigma'(z)$ 和 $\\max \\tanh'(z)$，{places.zh}。",
        f"{described.en}. Give the range of $\\sigma(z)$ as $[\\sigma_{{\\min}}, \\sigma_{{\\max}}]$, "
        f"and the largest slopes $\\max \\sigma'(z)$ and $\\max \\tanh'(z)$ on it, {places.en}.",
    )
    hints = (
        Text("先求 $z$ 的最小值和最大值；$w < 0$ 时两端对调。",
             "First find the smallest and largest $z$; when $w < 0$ the ends swap.")
        if difficulty > 1
        else Text("σ 和 tanh 的导数都关于 $z = 0$ 对称。", "Both slopes are symmetric about $z = 0$."),
        Text("σ 单调递增，所以范围就是两端的 σ 值。", "σ increases, so its range is σ at the two ends."),
        Text("两种导数都在 $z = 0$ 处最大，离 0 越远越小：取区间中离 0 最近的点。",
             "Both slopes peak at $z = 0$ and fall away from it: use the point of the interval nearest 0."),
    )  # fmt: skip
    solution = (
        Step(Text("$z$ 的范围", "the range of $z$"), typed([lo, hi])),
        Step(Text("两端的 σ 值", "σ at the two ends"), typed(s_range)),
        Step(Text("区间中离 0 最近的点", "the point nearest 0"), typed(nearest)),
        Step(Text("$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$ 在该点", "$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$ there"), typed(ds)),
        Step(Text("$\\tanh'(z) = 1 - \\tanh^2(z)$ 在该点", "$\\tanh'(z) = 1 - \\tanh^2(z)$ there"), typed(dt)),
    )  # fmt: skip
    return Exercise(prompt, givens, cells, hints, solution, given_decimals=GIVEN_DECIMALS)
