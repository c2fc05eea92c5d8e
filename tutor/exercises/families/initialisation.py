"""How long an LSTM remembers at initialisation: the forget-gate bias, the time scale it sets,
and chrono initialisation (Tallec & Ollivier 2018).

With small weights f_t ≈ σ(b_f), and a cell left alone keeps f^k of its content after k steps;
its time scale, the mean of that geometric decay, is

    τ = 1 / (1 − σ(b_f)) = 1 + e^{b_f},   so the bias for a time scale τ is b_f = ln(τ − 1).

Chrono initialisation draws b_f = ln u with u uniform in [1, T_max − 1] and sets b_i = −b_f,
so the units' time scales 1 + u spread from 2 to T_max. The gate values come from
tutor.engine.activations; the tests run the engine's LSTM with zero weights to check the
decay, the half-life and the time scale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine.activations import sigmoid, tanh
from tutor.exercises.families._build import hints, numeric_cell, prompt_with_precision, worked_line
from tutor.exercises.families._draw import between, reject_if
from tutor.exercises.families._numbers import as_array, shown_givens, typed
from tutor.exercises.families.vanishing import steps_below
from tutor.exercises.model import Cell, Exercise
from tutor.exercises.registry import register
from tutor.i18n import Text

#: Forget-gate biases (one decimal) and the time scales asked for.
BIASES = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
TARGETS = (10, 20, 50, 100, 200, 1000)
LONGEST = (50, 100, 200, 500, 1000)
UNITS = 3


BIAS_HINTS = hints(
    ("$\\sigma(b) = 1/(1 + e^{-b})$，所以 $1 - \\sigma(b) = 1/(1 + e^{b})$，$\\tau = 1 + e^{b_f}$。",
     "$\\sigma(b) = 1/(1 + e^{-b})$, so $1 - \\sigma(b) = 1/(1 + e^{b})$ and $\\tau = 1 + e^{b_f}$."),
    ("$f^n < 1/2$ 两边取对数，$\\ln f < 0$，不等号反向；再取大于比值的最小整数。",
     "Take logarithms of $f^n < 1/2$; $\\ln f < 0$ flips the inequality; then the smallest whole "
     "number above the ratio."),
    ("由 $\\tau = 1 + e^{b_f}$ 解出 $b_f$。", "Solve $\\tau = 1 + e^{b_f}$ for $b_f$."),
    ("k 步后还剩 $f^k$；$\\tau = 1/(1 - f) = 1 + f + f^2 + \\cdots$ 是内容平均留存的步数。",
     "After k steps $f^k$ is left; $\\tau = 1/(1 - f) = 1 + f + f^2 + \\cdots$ is how many steps "
     "the content lasts on average."),
)  # fmt: skip


def time_scale(f: Any) -> Any:
    """τ = 1/(1 − f): the mean lifetime of content kept with factor f per step."""
    return 1.0 / (1.0 - np.asarray(f, dtype=float))


@register(
    "init.forget-bias",
    "memory-cell",
    "遗忘门偏置与记忆的时间尺度（含 chrono 初始化）",
    "The forget-gate bias and the memory's time scale (with chrono initialisation)",
)
def forget_bias(rng: np.random.Generator, difficulty: int) -> Exercise:
    """f and τ from a bias at 1; the half-life and the bias for a wanted τ at 2; chrono
    initialisation of three units at 3."""
    if difficulty < 3:
        return _one_bias(rng, difficulty)
    return _chrono(rng)


def _one_bias(rng: np.random.Generator, difficulty: int) -> Exercise:
    b = float(rng.choice(BIASES))
    f = float(sigmoid(b))
    tau = float(time_scale(f))

    def tau_from(values: Mapping[str, Any]) -> float:
        return float(time_scale(float(np.asarray(values["f"]))))

    cells: list[Cell] = [
        numeric_cell("f", "$f$", f, mistakes={"lstm.gate-tanh": tanh(b)}),
        numeric_cell("tau", r"$\tau$", tau, decimals=1, depends=("f",), recompute=tau_from),
    ]
    steps = [
        worked_line("权重很小时", "With small weights", rf"f = \sigma(b_f) = 1/(1 + e^{{-{b:g}}})", "", typed(f)),
        worked_line("时间尺度", "Time scale", r"\tau = 1/(1 - f) = 1 + e^{b_f}", "", f"{tau:.1f}"),
    ]  # fmt: skip
    givens: dict[str, Any] = {"b_f": b}
    ask = Text("求 $f$（4 位小数）和 $\\tau$（1 位小数）。", "Find $f$ (4 decimals) and $\\tau$ (1 decimal).")
    if difficulty == 2:
        target = int(rng.choice(TARGETS))
        ratio = math.log(0.5) / math.log(f)
        reject_if(abs(ratio - round(ratio)) < 0.1)  # a rounded f must give the same count
        half = steps_below(f, 0.5)
        wanted = math.log(target - 1)
        cells += [
            numeric_cell("half", "$n_{1/2}$", half, decimals=0,
                         mistakes={"vanishing.steps-floor": math.floor(ratio)}),
            numeric_cell("b_wanted", rf"$b_f(\tau = {target})$", wanted, decimals=2),
        ]  # fmt: skip
        steps += [
            worked_line("$f^n < 1/2$，向上取整", "$f^n < 1/2$, rounded up", r"n > \ln(1/2)/\ln f", "", f"{ratio:.2f} → {half}"),
            worked_line("反过来解 $\\tau = 1 + e^{b_f}$", "Solving $\\tau = 1 + e^{b_f}$ backwards", r"b_f = \ln(\tau - 1)", f"ln({target} - 1)", f"{wanted:.2f}"),
        ]  # fmt: skip
        ask = Text(
            "求 $f$（4 位小数）、$\\tau$（1 位小数）、内容降到一半以下所需的最少步数 $n_{1/2}$"
            f"（$f^n < 1/2$），以及要得到时间尺度 $\\tau = {target}$ 步所需的偏置（2 位小数）。",
            "Find $f$ (4 decimals), $\\tau$ (1 decimal), the fewest steps $n_{1/2}$ after which "
            "less than half the content is left ($f^n < 1/2$), and the bias that gives a time "
            f"scale of $\\tau = {target}$ steps (2 decimals).",
        )
    return Exercise(
        prompt=Text(
            "LSTM 初始化时权重很小，遗忘门约为 $f = \\sigma(b_f)$；一个不再写入的单元每步保留 $f$ 倍的内容，"
            f"它的时间尺度是 $\\tau = 1/(1 - f)$ 步。遗忘门偏置 $b_f$ 已知。{ask.zh}",
            "At initialisation an LSTM's weights are small, so its forget gate is about "
            "$f = \\sigma(b_f)$; a unit that writes nothing more keeps a share $f$ of its content "
            "per step, and its time scale is $\\tau = 1/(1 - f)$ steps. The forget-gate bias $b_f$ "
            f"is given. {ask.en}",
        ),
        givens=shown_givens(**givens),
        cells=tuple(cells),
        hints=(BIAS_HINTS[0], BIAS_HINTS[3]) if difficulty == 1 else BIAS_HINTS[:3],
        solution=tuple(steps),
        given_decimals=1,
    )


def _chrono(rng: np.random.Generator) -> Exercise:
    longest = int(rng.choice(LONGEST))
    u = between(rng, 1.0, longest - 1.0, UNITS, decimals=1)
    reject_if(np.min(np.diff(np.sort(u))) < 1.0)  # three clearly different time scales
    b_f = np.log(u)
    f = sigmoid(b_f)
    b_max = math.log(longest - 1)

    def f_from(values: Mapping[str, Any]) -> np.ndarray:
        return sigmoid(as_array(values["b_f"], (UNITS,)))

    def tau_from(values: Mapping[str, Any]) -> np.ndarray:
        return time_scale(sigmoid(as_array(values["b_f"], (UNITS,))))

    cells = (
        numeric_cell("b_f", "$b_f$", b_f),
        numeric_cell("b_i", "$b_i$", -b_f, mistakes={"general.sign": b_f}),
        numeric_cell("f", "$f$", f, mistakes={"lstm.gate-tanh": tanh(b_f)}, depends=("b_f",),
                     recompute=f_from),
        numeric_cell("tau", r"$\tau$", time_scale(f), decimals=1, depends=("b_f",),
                     recompute=tau_from),
        numeric_cell("b_max", r"$b_{\max}$", b_max, decimals=2),
    )  # fmt: skip
    return Exercise(
        prompt=prompt_with_precision(
            f"chrono 初始化（Tallec & Ollivier 2018），$T_{{\\max}} = {longest}$ 是预计最长的依赖："
            "每个单元抽 $u \\sim U[1, T_{\\max} - 1]$，令 "
            "$b_f = \\ln u$、$b_i = -b_f$。三个单元抽到的 $u$ 已知。求 $b_f$、$b_i$、权重很小时的"
            "遗忘门 $f = \\sigma(b_f)$、各自的时间尺度 $\\tau = 1/(1 - f)$（1 位小数），以及这种初始化"
            "可能给出的最大偏置 $b_{\\max}$（2 位小数）。",
            f"Chrono initialisation (Tallec & Ollivier 2018), with $T_{{\\max}} = {longest}$ the "
            "longest dependency expected: each unit draws "
            "$u \\sim U[1, T_{\\max} - 1]$ and sets $b_f = \\ln u$, $b_i = -b_f$. The three units' "
            "draws $u$ are given. Find $b_f$, $b_i$, the forget gates $f = \\sigma(b_f)$ with small "
            "weights, their time scales $\\tau = 1/(1 - f)$ (1 decimal), and the largest bias "
            "$b_{\\max}$ this initialisation can give (2 decimals).",
        ),
        givens={"u": u},
        cells=cells,
        hints=hints(
            ("$\\sigma(\\ln u) = u/(1 + u)$，所以 $\\tau = 1 + u$：时间尺度从 2 铺到 $T_{\\max}$。",
             "$\\sigma(\\ln u) = u/(1 + u)$, so $\\tau = 1 + u$: the time scales spread from 2 to $T_{\\max}$."),
            ("$b_i = -b_f$：记得久的单元一开始也写得少。",
             "$b_i = -b_f$: a unit that remembers long also starts by writing little."),
            ("最大的 $u$ 是 $T_{\\max} - 1$。", "The largest $u$ is $T_{\\max} - 1$."),
        ),
        solution=(
            worked_line("", "", r"b_f = \ln u", "", typed(b_f)),
            worked_line("", "", r"b_i = -b_f", "", typed(-b_f)),
            worked_line("", "", r"f = \sigma(b_f) = u/(1 + u)", "", typed(f)),
            worked_line("", "", r"\tau = 1/(1 - f) = 1 + u", "", typed(time_scale(f), 1)),
            worked_line("", "", r"b_{\max} = \ln(T_{\max} - 1)", f"ln({longest} - 1)", f"{b_max:.2f}"),
        ),
        given_decimals=1,
    )
