"""LSTM steps for exercises: drawn weights and states, steps with given gates, and the gates'
catalogued mistakes.

Shared by the gate, cell, step, unrolled, PyTorch-layout and BPTT families. Values come from
tutor.engine.lstm; the mistakes are the same engine step run on what the learner would have
done instead (no bias, [x_t, h_{t-1}], the other activation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.engine import lstm
from tutor.engine.activations import sigmoid, tanh
from tutor.exercises.families._build import numeric_cell
from tutor.exercises.families._draw import reject_saturated, signed, sizes
from tutor.exercises.families._numbers import as_shown
from tutor.exercises.model import Cell


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

    def value(self, step: lstm.LSTMStep) -> np.ndarray:
        """This block's value in the step (f_t, i_t, C̃_t or o_t)."""
        return getattr(step, self.cell)

    def preact(self, step: lstm.LSTMStep) -> np.ndarray:
        """This block's pre-activation in the step (z_f, z_i, z_C or z_o)."""
        return getattr(step, "z_" + self.key)

    def wrong_activation(self, z: Any) -> tuple[str, np.ndarray]:
        """The catalogued mix-up of σ and tanh for this block, and what it gives."""
        if self.activation == "sigmoid":
            return "lstm.gate-tanh", tanh(z)
        return "lstm.candidate-sigmoid", sigmoid(z)


GATES: dict[str, Gate] = {
    "f": Gate("f", "f", "f_{@t}", "sigmoid", "遗忘门", "forget gate"),
    "i": Gate("i", "i", "i_{@t}", "sigmoid", "输入门", "input gate"),
    "C": Gate("C", "C_tilde", r"\tilde{C}_{@t}", "tanh", "候选细胞状态", "candidate"),
    "o": Gate("o", "o", "o_{@t}", "sigmoid", "输出门", "output gate"),
}


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

    def weights(self, *keys: str) -> dict[str, Any]:
        """W_k and b_k of the given blocks, as givens."""
        out: dict[str, Any] = {}
        for key in keys:
            out[f"W_{key}"] = as_shown(getattr(self.params, f"W_{key}"))
            out[f"b_{key}"] = as_shown(getattr(self.params, f"b_{key}"))
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


def reject_saturated_gates(step: lstm.LSTMStep, *gates: Gate) -> None:
    """Throw away draws with a saturated block (all four when none is named)."""
    reject_saturated(*(gate.preact(step) for gate in gates or tuple(GATES.values())))


def gate_cells(d: Draw, step: lstm.LSTMStep, t: str = "t") -> list[Cell]:
    """One answer cell per block, with its mistakes, for worksheets."""
    return [
        numeric_cell(gate.cell, gate.label(t), gate.value(step), mistakes=gate_mistakes(d, gate))
        for gate in GATES.values()
    ]


def gate_mistakes(d: Draw, gate: Gate) -> dict[str, Any]:
    """What a forgotten bias, [x_t, h_{t-1}] and the wrong activation give for this block."""
    key, wrong = gate.wrong_activation(gate.preact(d.step()))
    return {
        "lstm.forgot-bias": gate.value(d.step(bias=False)),
        "lstm.concat-order": gate.value(d.step(swapped=True)),
        key: wrong,
    }


# --------------------------------------------------------------------------- given gates


def logit(p: Any) -> np.ndarray:
    """σ⁻¹: the pre-activation that gives gate value p."""
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def preacts_of_gates(
    f: Any, i: Any, C_tilde: Any, o: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(z_f, z_i, z_C, z_o): the pre-activations that give these gate values."""
    return logit(f), logit(i), np.arctanh(C_tilde), logit(o)


def params_with_preacts(
    z_f: Any, z_i: Any, z_C: Any, z_o: Any, input_size: int = 1
) -> lstm.LSTMParams:
    """Zero weights and the z's as biases: every step then has these pre-activations, whatever
    h_{t-1} and x_t are (which still reach the weight gradients)."""
    z_f, z_i, z_C, z_o = (np.atleast_1d(np.asarray(z, dtype=float)) for z in (z_f, z_i, z_C, z_o))
    zeros = np.zeros((z_f.shape[0], z_f.shape[0] + input_size))
    return lstm.LSTMParams(
        W_f=zeros, W_i=zeros, W_C=zeros, W_o=zeros, b_f=z_f, b_i=z_i, b_C=z_C, b_o=z_o
    )


def step_with_preacts(z_f: Any, z_i: Any, z_C: Any, z_o: Any, C_prev: Any) -> lstm.LSTMStep:
    """The engine's step for given pre-activations and previous cell."""
    params = params_with_preacts(z_f, z_i, z_C, z_o)
    H = params.hidden_size
    return lstm.step(params, np.zeros(1), np.zeros(H), np.atleast_1d(np.asarray(C_prev, float)))


def step_with_gates(f: Any, i: Any, C_tilde: Any, o: Any, C_prev: Any) -> lstm.LSTMStep:
    """The engine's step for given gate values and previous cell."""
    return step_with_preacts(*preacts_of_gates(f, i, C_tilde, o), C_prev)


def step_ending_in(z_o: Any, C: Any) -> lstm.LSTMStep:
    """The engine's step ending in cell C with output pre-activation z_o, for h_t = o ⊙ tanh(C).

    f = σ(0) = ½ on C_{t-1} = 2C and C̃ = tanh(0) = 0, both exact, so C_t is C itself.
    """
    C = np.asarray(C, dtype=float)
    zero = np.zeros_like(C)
    return step_with_preacts(zero, zero, zero, z_o, 2 * C)
