"""The engine's public names follow DESIGN's notation: the cell state is C (C_prev, dC_prev,
C_T, …), never a lower-case c."""

from __future__ import annotations

import inspect
import re
from dataclasses import fields

from tutor.engine import bilstm, lstm

LOWER_CELL = re.compile(r"(^|_|d)c(_|s|0|$)")  # c, c_prev, dc_prev, cs, c0, tanh_c, dc_T …
CLASSES = [
    lstm.LSTMStep, lstm.LSTMStepGrads, lstm.LSTMTrace, lstm.LSTMGrads,
    bilstm.BiLSTMTrace, bilstm.BiLSTMGrads,
]  # fmt: skip
FUNCTIONS = [lstm.step, lstm.step_backward, lstm.forward, lstm.backward]
FUNCTIONS += [bilstm.forward, bilstm.backward]


def public_names() -> list[str]:
    names = []
    for cls in CLASSES:
        names += [f.name for f in fields(cls)]
        names += [n for n, v in vars(cls).items() if isinstance(v, property) and n[0] != "_"]
    for function in FUNCTIONS:
        names += list(inspect.signature(function).parameters)
    return names


def test_the_cell_state_is_always_a_capital_C() -> None:
    names = public_names()
    assert {"C", "C_prev", "tanh_C", "dC_prev", "dC_total", "Cs", "C0", "C_T", "dC_T"} <= set(names)
    assert [n for n in names if LOWER_CELL.search(n)] == []


def test_the_pattern_catches_the_old_spellings() -> None:
    old = ["c", "c_prev", "dc_prev", "dc_total", "cs", "c0", "dc0", "tanh_c", "tanh_cs", "c_T"]
    assert all(LOWER_CELL.search(n) for n in old)
    assert not any(LOWER_CELL.search(n) for n in ["reverse", "xs", "dC", "do", "dz_C", "h_prevs"])
