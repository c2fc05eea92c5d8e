"""Family 7: derivatives of one LSTM step, typed as expressions and checked with sympy.

Everything is element-wise, so each derivative is written for one unit (scalars). The
expected strings are in the tutor's input language (tutor/answers/help.py); the tests
differentiate the forward equations with sympy and compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.exercises.families._build import expression_cell, hints
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.notation import typing_note
from tutor.exercises.registry import register
from tutor.i18n import Text

H_EQ = r"h_t = o_t \odot \tanh(C_t)"
C_EQ = r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t"
NEXT_EQ = r"C_{t+1} = f_{t+1} \odot C_t + \ldots"
SIGMOID = {g: rf"{g}_t = \sigma(z_{g})" for g in "fio"}
CANDIDATE = r"\tilde{C}_t = \tanh(z_C)"

CELL = ("C", "C_prev", "f", "i", "C_tilde")
NO_NOTE = Text("", "")
LAST_STEP = Text(
    "这是最后一步：没有从 t+1 步传回的梯度。",
    " This is the last step: nothing comes back from step t+1.",
)


@dataclass(frozen=True)
class Derivative:
    """One derivative: the equations it comes from, the answer, the traps, how to get it."""

    name: str
    label: str  # LaTeX of the derivative
    equations: tuple[str, ...]
    expected: str  # in the answer language
    symbols: tuple[str, ...]
    mistakes: dict[str, str]
    hint: Text
    steps: tuple[str, ...]  # the derivation, LaTeX lines
    note: Text = NO_NOTE  # what the prompt must add (a path, a form)


def _gate(g: str, in_z: bool) -> Derivative:
    """∂g/∂z_g of a σ gate, in terms of z_g or of the gate's value."""
    z = f"z_{g}"
    if in_z:
        answer, symbols = f"sigmoid({z})*(1 - sigmoid({z}))", (z,)
        mistakes = {
            "lstm.sigmoid-derivative": f"sigmoid({z})",
            "lstm.gate-tanh": f"1 - tanh({z})^2",
        }
        last = rf"\sigma(z_{g})(1 - \sigma(z_{g}))"
        note = Text(f"用 ${z}$ 表示。", f" Write it in terms of ${z}$.")
    else:
        answer, symbols, mistakes = f"{g}*(1 - {g})", (g,), {"lstm.sigmoid-derivative": g}
        last = rf"{g}_t (1 - {g}_t)"
        note = Text(f"用门的值 ${g}_t$ 表示。", f" Write it in terms of the gate's value ${g}_t$.")
    return Derivative(
        f"d{g}-dz",
        rf"\partial {g}_t/\partial z_{g}",
        (SIGMOID[g],),
        answer,
        symbols,
        mistakes,
        Text("σ 的导数可以用 σ 自己表示。", "σ's derivative can be written with σ itself."),
        (r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", rf"\partial {g}_t/\partial z_{g} = {last}"),
        note,
    )


def _candidate(in_z: bool) -> Derivative:
    if in_z:
        answer, symbols, last = "1 - tanh(z_C)^2", ("z_C",), r"1 - \tanh^2(z_C)"
        mistakes = {
            "lstm.tanh-derivative": "1 - tanh(z_C)",
            "lstm.candidate-sigmoid": "sigmoid(z_C)*(1 - sigmoid(z_C))",
        }
        note = Text("用 $z_C$ 表示。", " Write it in terms of $z_C$.")
    else:
        answer, symbols, last = "1 - C_tilde^2", ("C_tilde",), r"1 - \tilde{C}_t^2"
        mistakes = {"lstm.tanh-derivative": "1 - C_tilde"}
        note = Text(r"用 $\tilde{C}_t$ 表示。", r" Write it in terms of $\tilde{C}_t$.")
    return Derivative(
        "dCtilde-dz",
        r"\partial \tilde{C}_t/\partial z_C",
        (CANDIDATE,),
        answer,
        symbols,
        mistakes,
        Text(
            "tanh 的导数可以用 tanh 自己表示。",
            "tanh's derivative can be written with tanh itself.",
        ),
        (r"\tanh'(z) = 1 - \tanh^2(z)", rf"\partial \tilde{{C}}_t/\partial z_C = {last}"),
        note,
    )


def _product(name: str, label: str, answer: str, latex: str, mistakes: dict[str, str],
             hint: Text, note: Text = NO_NOTE) -> Derivative:  # fmt: skip
    """A derivative of the cell update: the factor that multiplies the variable."""
    steps = (C_EQ, f"{label} = {latex}")
    return Derivative(name, label, (C_EQ,), answer, CELL, mistakes, hint, steps, note)


DH_DO = Derivative(
    "dh-do",
    r"\partial h_t/\partial o_t",
    (H_EQ,),
    "tanh(C)",
    ("o", "C"),
    {"lstm.h-missing-tanh": "C"},
    Text(
        "乘积对一个因子的导数是另一个因子。", "A product's derivative by one factor is the other."
    ),
    (H_EQ, r"\partial h_t/\partial o_t = \tanh(C_t)"),
)
DC_DF = _product(
    "dC-df",
    r"\partial C_t/\partial f_t",
    "C_prev",
    "C_{t-1}",
    {"lstm.c-current-for-prev": "C", "lstm.forget-input-swapped": "C_tilde"},
    Text("$f_t$ 乘的是哪个量？", "Which quantity does $f_t$ multiply?"),
)
DC_DI = _product(
    "dC-di",
    r"\partial C_t/\partial i_t",
    "C_tilde",
    r"\tilde{C}_t",
    {"lstm.forget-input-swapped": "C_prev"},
    Text("$i_t$ 乘的是哪个量？", "Which quantity does $i_t$ multiply?"),
)
DC_DCTILDE = _product(
    "dC-dCtilde",
    r"\partial C_t/\partial \tilde{C}_t",
    "i",
    "i_t",
    {"lstm.forget-input-swapped": "f"},
    Text(r"哪个门乘 $\tilde{C}_t$？", r"Which gate multiplies $\tilde{C}_t$?"),
)
DC_DCPREV = _product(
    "dC-dCprev",
    r"\partial C_t/\partial C_{t-1}",
    "f",
    "f_t",
    {"lstm.forget-input-swapped": "i", "lstm.dc-prev-missing-forget": "1"},
    Text("直接路径上 $C_{t-1}$ 乘的是什么？", "On the direct path, what multiplies $C_{t-1}$?"),
    Text(
        r"只算直接路径（把 $f_t$、$i_t$、$\tilde{C}_t$ 看作常数）。",
        r" Along the direct path only (treat $f_t$, $i_t$, $\tilde{C}_t$ as constants).",
    ),
)
DH_DC = Derivative(
    "dh-dC",
    r"\partial h_t/\partial C_t",
    (H_EQ,),
    "o*(1 - tanh(C)^2)",
    ("o", "C"),
    {
        "lstm.tanh-derivative": "o*(1 - tanh(C))",
        "lstm.h-missing-tanh": "o",
        "lstm.dh-dc-missing-output-gate": "1 - tanh(C)^2",
    },
    Text(
        "$o_t$ 是常数因子；tanh 的导数是什么？",
        "$o_t$ is a constant factor; what is tanh's derivative?",
    ),
    (
        r"\partial h_t/\partial C_t = o_t \tanh'(C_t)",
        r"\partial h_t/\partial C_t = o_t (1 - \tanh^2(C_t))",
    ),
)


def _chain(name: str, label: str, equations: tuple[str, ...], answer: str,
           symbols: tuple[str, ...], mistakes: dict[str, str], chain: str,
           result: str, note: Text = NO_NOTE) -> Derivative:  # fmt: skip
    return Derivative(
        name,
        label,
        equations,
        answer,
        symbols,
        mistakes,
        Text(f"链式法则：${chain}$。", f"Chain rule: ${chain}$."),
        (f"{label} = {chain}", f"{label} = {result}"),
        note,
    )


DL_DZF = _chain(
    "dL-dzf",
    r"\partial L/\partial z_f",
    (C_EQ, SIGMOID["f"]),
    "dC*C_prev*f*(1 - f)",
    ("dC", *CELL),
    {
        "lstm.c-current-for-prev": "dC*C*f*(1 - f)",
        "lstm.sigmoid-derivative": "dC*C_prev*f",
        "lstm.forget-input-swapped": "dC*C_tilde*f*(1 - f)",
    },
    r"\partial L/\partial C_t \cdot \partial C_t/\partial f_t \cdot \partial f_t/\partial z_f",
    r"dC \cdot C_{t-1} \cdot f_t (1 - f_t)",
)
DL_DZI = _chain(
    "dL-dzi",
    r"\partial L/\partial z_i",
    (C_EQ, SIGMOID["i"]),
    "dC*C_tilde*i*(1 - i)",
    ("dC", *CELL),
    {
        "lstm.sigmoid-derivative": "dC*C_tilde*i",
        "lstm.forget-input-swapped": "dC*C_prev*i*(1 - i)",
    },
    r"\partial L/\partial C_t \cdot \partial C_t/\partial i_t \cdot \partial i_t/\partial z_i",
    r"dC \cdot \tilde{C}_t \cdot i_t (1 - i_t)",
)
DL_DZC = _chain(
    "dL-dzC",
    r"\partial L/\partial z_C",
    (C_EQ, CANDIDATE),
    "dC*i*(1 - C_tilde^2)",
    ("dC", *CELL),
    {
        "lstm.tanh-derivative": "dC*i*(1 - C_tilde)",
        "lstm.forget-input-swapped": "dC*f*(1 - C_tilde^2)",
    },
    r"\partial L/\partial C_t \cdot \partial C_t/\partial \tilde{C}_t \cdot \partial \tilde{C}_t/\partial z_C",
    r"dC \cdot i_t \cdot (1 - \tilde{C}_t^2)",
)
DL_DZO = _chain(
    "dL-dzo",
    r"\partial L/\partial z_o",
    (H_EQ, SIGMOID["o"]),
    "dh*tanh(C)*o*(1 - o)",
    ("dh", "o", "C"),
    {"lstm.sigmoid-derivative": "dh*tanh(C)*o", "lstm.h-missing-tanh": "dh*C*o*(1 - o)"},
    r"\partial L/\partial h_t \cdot \partial h_t/\partial o_t \cdot \partial o_t/\partial z_o",
    r"dh \cdot \tanh(C_t) \cdot o_t (1 - o_t)",
)
DL_DC = _chain(
    "dL-dC",
    r"\partial L/\partial C_t",
    (H_EQ, NEXT_EQ),
    "dC_next*f_next + dh*o*(1 - tanh(C)^2)",
    ("dC_next", "f_next", "dh", "o", "C"),
    {
        "lstm.dc-missing-next": "dh*o*(1 - tanh(C)^2)",
        "lstm.dc-missing-output-term": "dC_next*f_next",
        "lstm.dc-prev-missing-forget": "dC_next + dh*o*(1 - tanh(C)^2)",
        "lstm.tanh-derivative": "dC_next*f_next + dh*o*(1 - tanh(C))",
        "lstm.dh-dc-missing-output-gate": "dC_next*f_next + dh*(1 - tanh(C)^2)",
    },
    r"\partial L/\partial C_{t+1} \cdot \partial C_{t+1}/\partial C_t + \partial L/\partial h_t \cdot \partial h_t/\partial C_t",
    r"dC_{t+1} f_{t+1} + dh \cdot o_t (1 - \tanh^2(C_t))",
)
DL_DC_VIA_H = _chain(
    "dL-dC-last",
    r"\partial L/\partial C_t",
    (H_EQ,),
    "dh*o*(1 - tanh(C)^2)",
    ("dh", "o", "C"),
    {
        "lstm.tanh-derivative": "dh*o*(1 - tanh(C))",
        "lstm.h-missing-tanh": "dh*o",
        "lstm.dh-dc-missing-output-gate": "dh*(1 - tanh(C)^2)",
    },
    r"\partial L/\partial h_t \cdot \partial h_t/\partial C_t",
    r"dh \cdot o_t (1 - \tanh^2(C_t))",
    LAST_STEP,
)
DL_DZF_VIA_H = _chain(
    "dL-dzf-last",
    r"\partial L/\partial z_f",
    (H_EQ, C_EQ, SIGMOID["f"]),
    "dh*o*(1 - tanh(C)^2)*C_prev*f*(1 - f)",
    ("dh", "o", *CELL),
    {
        "lstm.tanh-derivative": "dh*o*(1 - tanh(C))*C_prev*f*(1 - f)",
        "lstm.sigmoid-derivative": "dh*o*(1 - tanh(C)^2)*C_prev*f",
        "lstm.c-current-for-prev": "dh*o*(1 - tanh(C)^2)*C*f*(1 - f)",
        "lstm.dh-dc-missing-output-gate": "dh*(1 - tanh(C)^2)*C_prev*f*(1 - f)",
    },
    r"\partial L/\partial C_t \cdot \partial C_t/\partial f_t \cdot \partial f_t/\partial z_f",
    r"dh \cdot o_t (1 - \tanh^2(C_t)) \cdot C_{t-1} \cdot f_t (1 - f_t)",
    LAST_STEP,
)
PRODUCTS = (DH_DO, DC_DF, DC_DI, DC_DCTILDE, DC_DCPREV)
CHAINS = (DL_DZF, DL_DZI, DL_DZC, DL_DZO, DL_DC)


def _activations(rng: np.random.Generator) -> tuple[Derivative, ...]:
    in_z = bool(rng.integers(2))
    return (DH_DC, *(_gate(g, in_z) for g in "fio"), _candidate(in_z))


def _joined(parts: tuple[Derivative, ...]) -> tuple[Text, ...]:
    """The earlier cells' hints as one (a worksheet keeps to three hints)."""
    if not parts:
        return ()
    return (Text("".join(d.hint.zh for d in parts), " ".join(d.hint.en for d in parts)),)


def _cell(d: Derivative) -> Cell:
    return expression_cell(d.name, f"${d.label}$", d.expected, d.symbols, d.mistakes)


def _exercise(parts: tuple[Derivative, ...]) -> Exercise:
    """One derivative, or a chain of them as a worksheet (the last one is the goal)."""
    equations = tuple(dict.fromkeys(e for d in parts for e in d.equations))
    symbols = tuple(dict.fromkeys(s for d in parts for s in d.symbols))
    asked_zh = "、".join(f"${d.label}$" for d in parts)
    asked_en = ", ".join(f"${d.label}$" for d in parts)
    notes = Text(*("".join(dict.fromkeys(d.note(lang) for d in parts)) for lang in ("zh", "en")))
    names = typing_note(symbols)
    solution: list[Step] = []
    for d in parts:
        solution += [Step(Text(f"${line}$", f"${line}$")) for line in d.steps]
        solution.append(Step(Text("输入", "Typed"), d.expected))
    return Exercise(
        prompt=Text(
            f"由 {'，'.join(f'${e}$' for e in equations)}（逐元素：按一个单元写成标量），"
            f"写出 {asked_zh}。{notes.zh}{names.zh}",
            f"From {', '.join(f'${e}$' for e in equations)} (element-wise: write it for one "
            f"unit, as scalars), give {asked_en}.{notes.en}{names.en}",
        ),
        givens={},
        cells=tuple(_cell(d) for d in parts),
        hints=(
            *hints(
                (
                    "只看含有这个变量的式子，其余量都当作常数。",
                    "Look only at the equations that contain the variable; treat the rest as "
                    "constants.",
                )
            ),
            *_joined(parts[:-1]),
            parts[-1].hint,
        ),
        solution=tuple(solution),
    )


@register(
    "backprop.derivative",
    "backpropagation",
    "LSTM 一步中的导数（符号）",
    "A derivative inside one LSTM step, symbolic",
)
def derivative(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Products at difficulty 1, activation derivatives at 2, chain rules at 3."""
    if difficulty == 1:
        choices = PRODUCTS
    elif difficulty == 2:
        choices = _activations(rng)
    else:
        choices = CHAINS
    return _exercise((choices[int(rng.integers(len(choices)))],))


@register(
    "backprop.chain-rule",
    "backpropagation",
    "链式法则，一步一格（符号）",
    "The chain rule, one factor per cell, symbolic",
)
def chain_rule(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Gates f or i at difficulty 1; C̃ or o at 2; through h_t and the cell path at 3."""
    if difficulty == 1:
        chains = ((DC_DF, _gate("f", False), DL_DZF), (DC_DI, _gate("i", False), DL_DZI))
    elif difficulty == 2:
        chains = ((DC_DCTILDE, _candidate(False), DL_DZC), (DH_DO, _gate("o", False), DL_DZO))
    else:
        chains = ((DH_DC, DL_DC), (DH_DC, DL_DC_VIA_H, DC_DF, _gate("f", False), DL_DZF_VIA_H))
    return _exercise(chains[int(rng.integers(len(chains)))])
