"""check_expression: equivalent forms, decimals, diagnosis, sympy input, the symbolic worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sympy

from tutor.answers import SymbolicWorker, check_expression
from tutor.answers.parser import parse

DH_DC = "o*(1 - tanh(C)^2)"


@pytest.mark.parametrize(
    "typed",
    [
        "o*(1-tanh(C)**2)",
        "o*sech(C)^2",
        "o/cosh(C)^2",
        "o - o*tanh(C)^2",
        "o⋅(1 − tanh²(C))",
        "o(1 - tanh^2(C))",
        "(1 - tanh(C)^2) o",
        "-o*(tanh(C)^2 - 1)",
        "4o/(exp(C) + exp(-C))^2",
        "o*(1 + tanh(C))*(1 - tanh(C))",
    ],
)
def test_equivalent_forms_are_correct(typed: str) -> None:
    verdict = check_expression(typed, DH_DC, symbols=["o", "C"])
    assert (verdict.outcome, verdict.score, verdict.mistake) == ("correct", 1.0, None)


@pytest.mark.parametrize(
    ("typed", "expected", "symbols"),
    [
        ("σ(z)(1-σ(z))", "exp(-z)/(1 + exp(-z))^2", ["z"]),
        ("sigmoid(z) - sigmoid(z)^2", "σ(z)*(1 - σ(z))", ["z"]),
        ("f*C_{t-1} + i*C̃", "f*C_prev + i*C_tilde", ["f", "C_prev", "i", "C_tilde"]),
        ("c_prev*f + C_tilde*i", "f*C_prev + i*C_tilde", ["f", "C_prev", "i", "C_tilde"]),
        ("σ(1-σ)", "sigma - sigma^2", ["sigma"]),
        ("sqrt(o)*sqrt(o)", "sqrt(o)^2", ["o"]),  # only defined for o ≥ 0, like the reference
        ("log(o^2)", "2*log(o)", ["o"]),
        ("e^z", "exp(z)", ["z"]),
    ],
)
def test_more_equivalences(typed: str, expected: str, symbols: list[str]) -> None:
    assert check_expression(typed, expected, symbols=symbols).outcome == "correct"


def test_decimals_in_a_correct_answer() -> None:
    assert (
        check_expression("sigmoid(0.5)*0.3", "sigmoid(1/2)*3/10", symbols=[]).outcome == "correct"
    )
    assert check_expression("0.25*f", "f/4", symbols=["f"]).outcome == "correct"  # equal
    # a formula is exact: a rounded decimal in it is wrong, and named as such
    rounded = check_expression("0.6225*0.3*o", "sigmoid(1/2)*(3/10)*o", symbols=["o"])
    assert (rounded.outcome, rounded.mistake) == ("incorrect", "general.inexact-decimal")
    assert rounded.counted and "exact" in rounded.feedback.en


@pytest.mark.parametrize(
    ("typed", "mistake"),
    [
        ("o*tanh(C)", None),
        ("-o*(1 - tanh(C)^2)", "general.sign"),
        ("2*o*(1 - tanh(C)^2)", "general.constant-factor"),
        ("o*(1 - tanh(C))", "lstm.tanh-derivative"),
    ],
)
def test_wrong_answers_and_their_diagnosis(typed: str, mistake: str | None) -> None:
    verdict = check_expression(
        typed, DH_DC, symbols=["o", "C"], mistakes={"lstm.tanh-derivative": "o*(1 - tanh(C))"}
    )
    assert (verdict.outcome, verdict.score, verdict.mistake) == ("incorrect", 0.0, mistake)
    assert verdict.counted
    assert verdict.feedback.en and verdict.feedback.zh


def test_lstm_mistakes_by_expression() -> None:
    symbols = ["o", "C"]
    verdict = check_expression(
        "o*C", "o*tanh(C)", symbols=symbols, mistakes={"lstm.h-missing-tanh": "o*C"}
    )
    assert verdict.mistake == "lstm.h-missing-tanh"
    assert "tanh(Cₜ)" in verdict.feedback.en
    derivative = check_expression(
        "sigma",
        "sigma*(1 - sigma)",
        symbols=["sigma"],
        mistakes={"lstm.sigmoid-derivative": "sigma"},
    )
    assert derivative.mistake == "lstm.sigmoid-derivative"


def test_invalid_is_not_counted() -> None:
    verdict = check_expression("o*(1-tanh(C)^2", DH_DC, symbols=["o", "C"])
    assert verdict.outcome == "invalid" and not verdict.counted
    assert verdict.error_pos == 2
    assert "never closed" in verdict.feedback.en
    assert "没有闭合" in verdict.feedback.zh


def test_sympy_expected_and_sympy_mistakes() -> None:
    o, c, c_prev = sympy.symbols("o C C_{t-1}")
    expected = o * (1 - sympy.tanh(c) ** 2) * c_prev
    symbols = ["o", "C", "C_prev"]
    assert check_expression("o*sech(C)^2*C_prev", expected, symbols=symbols).outcome == "correct"
    z = sympy.Symbol("z")
    sig = 1 / (1 + sympy.exp(-z))
    assert check_expression("σ(z)(1-σ(z))", sympy.diff(sig, z), symbols=["z"]).outcome == "correct"
    verdict = check_expression(
        "σ(z)", sympy.diff(sig, z), symbols=["z"], mistakes={"lstm.sigmoid-derivative": sig}
    )
    assert verdict.mistake == "lstm.sigmoid-derivative"


def test_programming_errors_raise() -> None:
    with pytest.raises(KeyError):
        check_expression("o", "o", symbols=["o"], mistakes={"nope": "o"})
    with pytest.raises(ValueError, match="does not parse"):
        check_expression("o", "o*(", symbols=["o"])
    with pytest.raises(ValueError, match="not among"):
        check_expression("o", sympy.Symbol("q"), symbols=["o"])
    with pytest.raises(ValueError):
        check_expression("o", "o", symbols=["o"], functions=["no-such-function"])


def test_functions_can_be_restricted() -> None:
    verdict = check_expression("o*sech(C)^2", "o/cosh(C)^2", symbols=["o", "C"], functions=["cosh"])
    assert verdict.outcome == "invalid"
    assert "sech" in verdict.feedback.en


# --- the symbolic worker --------------------------------------------------------------------------


def test_worker_proves_equivalences(worker: SymbolicWorker) -> None:
    symbols = ["o", "C"]
    a, b = parse(DH_DC, symbols=symbols), parse("o*sech(C)^2", symbols=symbols)
    assert worker.equal(a, b, timeout=10) is True
    assert worker.equal(a, parse("o*tanh(C)", symbols=symbols), timeout=10) is False


def test_sampling_that_cannot_decide_goes_to_the_worker(worker: SymbolicWorker) -> None:
    # exp(40 o) + 1 - exp(40 o) cancels to 0 in floats for large o: the points disagree
    verdict = check_expression("1", "exp(40*o) + 1 - exp(40*o)", symbols=["o"], worker=worker)
    assert verdict.outcome == "correct"
    drowned = "exp(o) + 10^20 - 10^20"
    assert check_expression("exp(o)", drowned, symbols=["o"], worker=worker).outcome == "correct"
    assert check_expression("exp(2o)", drowned, symbols=["o"], worker=worker).outcome == "incorrect"


class _SlowWorker(SymbolicWorker):
    """A worker whose child says it is ready and then never answers."""

    script = Path(__file__).with_name("slow_symbolic_worker.py")


def test_a_slow_worker_is_killed_and_replaced() -> None:
    with _SlowWorker() as slow:
        assert slow.wait_ready(30)
        before = slow.pid
        a = parse("o", symbols=["o"])
        started = time.monotonic()
        assert slow.equal(a, a, timeout=0.3) is None
        assert time.monotonic() - started < 20  # not 3600: killed at its deadline
        assert slow.pid not in (None, before)  # a fresh one is already loading
        assert slow.wait_ready(30)
    assert slow.pid is None  # closed with the block
    assert slow.equal(a, a, timeout=0.3) is None  # and a closed worker answers nothing


def test_without_a_worker_nothing_undecided_is_counted() -> None:
    # 10^20 drowns exp(o) in float noise at every point: only sympy could say
    verdict = check_expression("exp(o)", "exp(o) + 10^20 - 10^20", symbols=["o"])
    assert verdict.outcome == "invalid" and not verdict.counted
    assert "does not count" in verdict.feedback.en
    # clearly wrong or clearly right answers never need it
    assert check_expression("o*tanh(C)", DH_DC, symbols=["o", "C"]).outcome == "incorrect"
    assert check_expression("o*sech(C)^2", DH_DC, symbols=["o", "C"]).outcome == "correct"
    assert check_expression("1/(o - o)", "o", symbols=["o"]).outcome == "incorrect"
