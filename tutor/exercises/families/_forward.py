"""One LSTM step drawn for exercises: parameters, state, the gates' mistakes and worked lines.

Shared by the gate, cell, step and unrolled families. Values come from tutor.engine.lstm;
the mistakes are the same engine step run on what the learner would have done instead
(no bias, [x_t, h_{t-1}], the other activation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.course.model import Text
from tutor.engine import lstm
from tutor.engine.activations import sigmoid, tanh
from tutor.exercises.families._draw import (
    ANSWER,
    GIVEN,
    expansion,
    fmt,
    reject_if,
    screen,
    signed,
    sizes,
)
from tutor.exercises.model import Cell, Step


@dataclass(frozen=True)
class Gate:
    """One of the four blocks: f, i, C̃ (key "C"), o."""

    key: str  # suffix of W_k, b_k, z_k
    cell: str  # the LSTMStep field and the answer cell's name
    symbol: str  # LaTeX, with @t for the time index
    activation: str  # "sigmoid" or "tanh"
    zh: str
    en: str

    def label(self, t: str = "t") -> str:
        return "$" + self.symbol.replace("@t", t) + "$"

    @property
    def act(self) -> str:
        """The activation in LaTeX: \\sigma or \\tanh."""
        return r"\sigma" if self.activation == "sigmoid" else r"\tanh"

    def equation(self, t: str = "t", prev: str = "t-1") -> str:
        """f_t = σ(W_f · [h_{t-1}, x_t] + b_f), as LaTeX without the dollars."""
        lhs = self.symbol.replace("@t", t)
        return rf"{lhs} = {self.act}(W_{self.key} \cdot [h_{{{prev}}}, x_{{{t}}}] + b_{self.key})"

    def wrong_activation(self, z: Any) -> tuple[str, np.ndarray]:
        """The catalogued mix-up of σ and tanh for this block, and what it gives."""
        if self.activation == "sigmoid":
            return "lstm.gate-tanh", tanh(z)
        return "lstm.candidate-sigmoid", sigmoid(z)


GATES: dict[str, Gate] = {
    "f": Gate("f", "f", "f_{@t}", "sigmoid", "遗忘门", "forget gate"),
    "i": Gate("i", "i", "i_{@t}", "sigmoid", "输入门", "input gate"),
    "C": Gate("C", "C_tilde", r"\tilde{C}_{@t}", "tanh", "候选值", "candidate"),
    "o": Gate("o", "o", "o_{@t}", "sigmoid", "输出门", "output gate"),
}

#: z beyond this makes a gate nearly 0 or 1 (σ(4) = 0.982): its value then teaches nothing.
SATURATED = 4.0


def value(step: lstm.LSTMStep, gate: Gate) -> np.ndarray:
    return getattr(step, gate.cell)


def preact(step: lstm.LSTMStep, gate: Gate) -> np.ndarray:
    return getattr(step, "z_" + gate.key)


@dataclass(frozen=True)
class Draw:
    """Parameters and one step's inputs, rounded as shown. Arrays keep their (H,)/(D,) shapes."""

    params: lstm.LSTMParams
    x: np.ndarray
    h_prev: np.ndarray
    C_prev: np.ndarray

    @property
    def H(self) -> int:
        return self.params.hidden_size

    @property
    def D(self) -> int:
        return self.params.input_size

    @property
    def scalar(self) -> bool:
        return self.H == 1 and self.D == 1

    def shown(self, array: Any) -> Any:
        """As the learner reads it: scalars as numbers, a 1 × n weight as a row."""
        array = np.asarray(array, dtype=float)
        if self.H == 1:
            array = array.reshape(array.shape[1:]) if array.ndim > 1 else array.reshape(())
        return float(array) if array.ndim == 0 else array

    def weights(self, *keys: str) -> dict[str, Any]:
        """W_k and b_k of the given blocks, as givens."""
        out: dict[str, Any] = {}
        for key in keys:
            out[f"W_{key}"] = self.shown(getattr(self.params, f"W_{key}"))
            out[f"b_{key}"] = self.shown(getattr(self.params, f"b_{key}"))
        return out

    def step(self, *, bias: bool = True, swapped: bool = False) -> lstm.LSTMStep:
        """The engine's step; `bias=False` or `swapped` ([x_t, h_{t-1}]) give the mistakes.

        Kept per variant: the mistakes of all four blocks read the same three steps.
        """
        cache: dict[tuple[bool, bool], lstm.LSTMStep] = self.__dict__.setdefault("_steps", {})
        if (bias, swapped) not in cache:
            params = self.variant(bias=bias, swapped=swapped)
            cache[bias, swapped] = lstm.step(params, self.x, self.h_prev, self.C_prev)
        return cache[bias, swapped]

    def variant(self, *, bias: bool = True, swapped: bool = False) -> lstm.LSTMParams:
        H, D = self.H, self.D
        fields: dict[str, np.ndarray] = {}
        for key in GATES:
            W = getattr(self.params, f"W_{key}")
            # W·[x, h] equals W'·[h, x] with W' = [W[:, D:] | W[:, :D]]
            fields[f"W_{key}"] = np.concatenate([W[:, D:], W[:, :D]], axis=1) if swapped else W
            b = getattr(self.params, f"b_{key}")
            fields[f"b_{key}"] = b if bias else np.zeros(H)
        return lstm.LSTMParams(**fields)


def columns_text(d: Draw, weight: str) -> Text:
    """Which columns of W_k meet h_{t-1} and which meet x_t (the columns of every W_k)."""
    if d.scalar:
        return Text(
            f"${weight}$ 的第一个数乘 $h_{{t-1}}$，第二个数乘 $x_t$。",
            f"The first entry of ${weight}$ multiplies $h_{{t-1}}$, the second $x_t$.",
        )
    return Text(
        f"${weight}$ 的前 $H$ 列乘 $h_{{t-1}}$，后 $D$ 列乘 $x_t$。",
        f"The first $H$ columns of ${weight}$ multiply $h_{{t-1}}$, the last $D$ multiply $x_t$.",
    )


def draw(rng: np.random.Generator, difficulty: int, *, zero_state: bool = False) -> Draw:
    """Weights with one decimal, biases non-zero (so a forgotten bias shows), state with two."""
    H, D = sizes(rng, difficulty)
    fields: dict[str, Any] = {}
    for key in GATES:
        fields[f"W_{key}"] = signed(rng, 1.0, (H, H + D), low=0.1, decimals=1)
        fields[f"b_{key}"] = signed(rng, 1.0, H, low=0.1, decimals=1)
    x = signed(rng, 1.0, D, low=0.1)
    h_prev = np.zeros(H) if zero_state else signed(rng, 0.9, H, low=0.05)
    C_prev = np.zeros(H) if zero_state else signed(rng, 2.0, H, low=0.1)
    return Draw(lstm.LSTMParams(**fields), x, h_prev, C_prev)


def reject_saturated(step: lstm.LSTMStep, *gates: Gate) -> None:
    """Throw away draws with a saturated block (all four when none is named)."""
    for gate in gates or tuple(GATES.values()):
        reject_if(np.any(np.abs(preact(step, gate)) > SATURATED))


def gate_cells(d: Draw, step: lstm.LSTMStep, t: str = "t") -> list[Cell]:
    """One answer cell per block, with its mistakes, for worksheets."""
    cells = []
    for gate in GATES.values():
        expected = d.shown(value(step, gate))
        mistakes = screen(expected, gate_mistakes(d, gate), ANSWER)
        cells.append(
            Cell(gate.cell, gate.label(t), expected=expected, decimals=ANSWER, mistakes=mistakes)
        )
    return cells


def gate_mistakes(d: Draw, gate: Gate) -> dict[str, Any]:
    """What a forgotten bias, [x_t, h_{t-1}] and the wrong activation give for this block."""
    key, wrong = gate.wrong_activation(preact(d.step(), gate))
    out = {
        "lstm.forgot-bias": value(d.step(bias=False), gate),
        "lstm.concat-order": value(d.step(swapped=True), gate),
        key: wrong,
    }
    return {name: d.shown(v) for name, v in out.items()}


def from_preacts(z_f: Any, z_i: Any, z_C: Any, z_o: Any, C_prev: Any) -> lstm.LSTMStep:
    """The engine's step for given pre-activations: zero weights, the biases are the z's."""
    z_f, z_i, z_C, z_o, C_prev = (
        np.atleast_1d(np.asarray(a, dtype=float)) for a in (z_f, z_i, z_C, z_o, C_prev)
    )
    H = z_f.shape[0]
    zeros = np.zeros((H, H + 1))
    params = lstm.LSTMParams(
        W_f=zeros, W_i=zeros, W_C=zeros, W_o=zeros, b_f=z_f, b_i=z_i, b_C=z_C, b_o=z_o
    )
    return lstm.step(params, np.zeros(1), np.zeros(H), C_prev)


def logit(p: Any) -> np.ndarray:
    """σ⁻¹: the pre-activation that gives gate value p."""
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def from_gates(f: Any, i: Any, C_tilde: Any, o: Any, C_prev: Any) -> lstm.LSTMStep:
    """The engine's step for given gate values."""
    return from_preacts(logit(f), logit(i), np.arctanh(C_tilde), logit(o), C_prev)


def from_cell(z_o: Any, c: Any) -> lstm.LSTMStep:
    """The engine's step ending in cell c with output pre-activation z_o, for h_t = o ⊙ tanh(c).

    f = σ(0) = ½ on C_{t-1} = 2c and C̃ = tanh(0) = 0, both exact, so C_t is c itself.
    """
    c = np.asarray(c, dtype=float)
    zero = np.zeros_like(c)
    return from_preacts(zero, zero, zero, z_o, 2 * c)


# --------------------------------------------------------------------------- worked lines


def concat_step(
    step: lstm.LSTMStep, t: str = "t", prev: str = "t-1", decimals: int = GIVEN
) -> Step:
    """[h_{t-1}, x_t] as the step saw it (h given: 2 decimals; h computed: pass 4)."""
    hx = np.concatenate([np.atleast_1d(step.h_prev), np.atleast_1d(step.x)])
    formula = f"$[h_{{{prev}}}, x_{{{t}}}]$"
    return Step(
        Text(f"拼接 {formula}（$h$ 在前）", f"Stack {formula} ($h$ first)"), fmt(hx, decimals)
    )


def gate_steps(
    d: Draw,
    step: lstm.LSTMStep,
    gate: Gate,
    t: str = "t",
    prev: str = "t-1",
    decimals: int = GIVEN,
) -> list[Step]:
    """z_k = W_k·[h, x] + b_k (written out for a scalar cell, inputs at `decimals`), then
    the activation."""
    z = preact(step, gate)
    formula = rf"$z_{gate.key} = W_{gate.key} \cdot [h_{{{prev}}}, x_{{{t}}}] + b_{gate.key}$"
    if d.scalar:
        W, b = getattr(d.params, f"W_{gate.key}"), getattr(d.params, f"b_{gate.key}")
        inputs = np.concatenate([np.atleast_1d(step.h_prev), np.atleast_1d(step.x)])
        arithmetic = f"{expansion(W[0], inputs, float(b[0]), decimals)} = {fmt(d.shown(z))}"
    else:
        arithmetic = fmt(z)
    act = gate.act
    lhs = gate.label(t)[1:-1]
    return [
        Step(Text(f"{gate.zh}的预激活 {formula}", f"{gate.en} pre-activation {formula}"), arithmetic),
        Step(Text(f"${lhs} = {act}(z_{gate.key})$", f"${lhs} = {act}(z_{gate.key})$"), fmt(d.shown(value(step, gate)))),
    ]  # fmt: skip


def activation_steps(step: lstm.LSTMStep, keys: str, shown: Callable[[Any], Any]) -> list[Step]:
    """f_t = σ(z_f), one line per block, for exercises that give the pre-activations."""
    lines = []
    for key in keys:
        gate = GATES[key]
        act = gate.act
        formula = f"${gate.label()[1:-1]} = {act}(z_{key})$"
        lines.append(Step(Text(formula, formula), fmt(shown(value(step, gate)))))
    return lines


def cell_steps(
    step: lstm.LSTMStep, shown: Callable[[Any], Any], t: str = "t", prev: str = "t-1"
) -> list[Step]:
    """C_t = f ⊙ C_{t-1} + i ⊙ C̃, its two products first."""
    keep = rf"f_{{{t}}} \odot C_{{{prev}}}"
    write = rf"i_{{{t}}} \odot \tilde{{C}}_{{{t}}}"
    return [
        Step(Text(f"保留的旧记忆 ${keep}$", f"old memory kept, ${keep}$"), fmt(shown(step.f * step.C_prev))),
        Step(Text(f"写入的新内容 ${write}$", f"new content written, ${write}$"), fmt(shown(step.i * step.C_tilde))),
        Step(Text(f"$C_{{{t}}} = {keep} + {write}$", f"$C_{{{t}}} = {keep} + {write}$"), fmt(shown(step.C))),
    ]  # fmt: skip


def hidden_steps(step: lstm.LSTMStep, shown: Callable[[Any], Any], t: str = "t") -> list[Step]:
    """tanh(C_t), then h_t = o_t ⊙ tanh(C_t)."""
    squash = rf"\tanh(C_{{{t}}})"
    out = rf"h_{{{t}}} = o_{{{t}}} \odot {squash}"
    return [
        Step(Text(f"压缩记忆 ${squash}$", f"squash the cell, ${squash}$"), fmt(shown(step.tanh_C))),
        Step(Text(f"${out}$", f"${out}$"), fmt(shown(step.h))),
    ]
