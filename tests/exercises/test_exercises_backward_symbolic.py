"""The symbolic derivatives (backprop.derivative, backprop.chain-rule): every expected
expression is sympy's derivative of the forward equations, no mistake is equivalent to it,
and learners' other correct forms pass."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from tutor.exercises import generate
from tutor.exercises.families import symbolic as fam
from tutor.exercises.grading import grade_cell

NAMES = ["o", "C", "f", "i", "C_prev", "C_tilde", "z_f", "z_i", "z_o", "z_C"]
S = {name: sp.Symbol(name) for name in [*NAMES, "dC", "dh", "dC_next", "f_next"]}


def logistic(z: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-z))


def parse(text: str) -> sp.Expr:
    """An expected string (trusted, test only) as sympy, σ written out."""
    return sp.sympify(text, locals={**S, "sigmoid": logistic}, convert_xor=True)


s = S  # short names for the table below
CELL = s["f"] * s["C_prev"] + s["i"] * s["C_tilde"]
# name -> (what is differentiated, by what, how the answer's symbols depend on the variable)
TABLE = {
    "dh-do": (s["o"] * sp.tanh(s["C"]), s["o"], {}),
    "dC-df": (CELL, s["f"], {}),
    "dC-di": (CELL, s["i"], {}),
    "dC-dCtilde": (CELL, s["C_tilde"], {}),
    "dC-dCprev": (CELL, s["C_prev"], {}),
    "dh-dC": (s["o"] * sp.tanh(s["C"]), s["C"], {}),
    "df-dz": (logistic(s["z_f"]), s["z_f"], {s["f"]: logistic(s["z_f"])}),
    "di-dz": (logistic(s["z_i"]), s["z_i"], {s["i"]: logistic(s["z_i"])}),
    "do-dz": (logistic(s["z_o"]), s["z_o"], {s["o"]: logistic(s["z_o"])}),
    "dCtilde-dz": (sp.tanh(s["z_C"]), s["z_C"], {s["C_tilde"]: sp.tanh(s["z_C"])}),
    "dL-dzf": (
        s["dC"] * CELL.subs(s["f"], logistic(s["z_f"])),
        s["z_f"],
        {s["f"]: logistic(s["z_f"])},
    ),
    "dL-dzi": (
        s["dC"] * CELL.subs(s["i"], logistic(s["z_i"])),
        s["z_i"],
        {s["i"]: logistic(s["z_i"])},
    ),
    "dL-dzC": (
        s["dC"] * CELL.subs(s["C_tilde"], sp.tanh(s["z_C"])),
        s["z_C"],
        {s["C_tilde"]: sp.tanh(s["z_C"])},
    ),
    "dL-dzo": (
        s["dh"] * logistic(s["z_o"]) * sp.tanh(s["C"]),
        s["z_o"],
        {s["o"]: logistic(s["z_o"])},
    ),
    "dL-dC": (s["dC_next"] * s["f_next"] * s["C"] + s["dh"] * s["o"] * sp.tanh(s["C"]), s["C"], {}),
    "dL-dC-last": (s["dh"] * s["o"] * sp.tanh(s["C"]), s["C"], {}),
    "dL-dzf-last": (
        s["dh"] * s["o"] * sp.tanh(CELL.subs(s["f"], logistic(s["z_f"]))),
        s["z_f"],
        {s["f"]: logistic(s["z_f"]), s["C"]: CELL.subs(s["f"], logistic(s["z_f"]))},
    ),
}


def every_derivative() -> list[fam.Derivative]:
    out = [*fam.PRODUCTS, *fam.CHAINS, fam.DH_DC, fam.DL_DC_VIA_H, fam.DL_DZF_VIA_H]
    for in_z in (True, False):
        out += [fam._gate(g, in_z) for g in "fio"] + [fam._candidate(in_z)]
    return out


POINTS = np.random.default_rng(0).uniform(-1.5, 1.5, size=(8, len(S)))


def same(a: sp.Expr, b: sp.Expr) -> bool:
    """Equal at random points (sympy's simplify would take seconds per case)."""
    names = list(S.values())
    fa, fb = sp.lambdify(names, a, "numpy"), sp.lambdify(names, b, "numpy")
    return all(np.isclose(fa(*p), fb(*p), rtol=1e-9, atol=1e-12) for p in POINTS)


@pytest.mark.parametrize("d", every_derivative(), ids=lambda d: f"{d.name}-{d.expected}")
def test_expected_is_the_derivative_and_mistakes_are_not(d: fam.Derivative) -> None:
    function, variable, depends = TABLE[d.name]
    truth = sp.diff(function, variable)
    assert same(parse(d.expected).subs(depends), truth)
    for key, wrong in d.mistakes.items():
        assert not same(parse(wrong).subs(depends), truth), key


def test_every_derivative_is_drawn() -> None:
    drawn = {
        cell.expected
        for difficulty in (1, 2, 3)
        for seed in range(60)
        for name in ("backprop.derivative", "backprop.chain-rule")
        for cell in generate(name, seed, difficulty).cells
    }
    assert {d.expected for d in every_derivative()} <= drawn


@pytest.mark.parametrize(
    ("typed", "outcome", "mistake"),
    [
        ("o*sech(C)^2", "correct", None),
        ("o(1 - tanh²(C))", "correct", None),
        ("o - o*tanh(C)^2", "correct", None),
        ("o*(1 - tanh(C))", "incorrect", "lstm.tanh-derivative"),
        ("o", "incorrect", "lstm.h-missing-tanh"),
    ],
)
def test_learner_forms_of_dh_dC(typed: str, outcome: str, mistake: str | None) -> None:
    cell = fam._cell(fam.DH_DC)
    verdict = grade_cell(cell, typed)
    assert (verdict.outcome, verdict.mistake) == (outcome, mistake)


def test_spellings_of_the_previous_cell() -> None:
    cell = fam._cell(fam.DL_DZF)
    for typed in ("dC*C_prev*f*(1-f)", "dC C_{t-1} f (1 - f)", "dC*c_prev*(f - f^2)"):
        assert grade_cell(cell, typed).outcome == "correct", typed
    assert grade_cell(cell, "dC*C*f*(1-f)").mistake == "lstm.c-current-for-prev"
