"""Fair grading (issue 10), answer by answer as a learner types it: formulas are exact, a
verdict is never a guess, whole numbers are whole, diagnoses fit, ambiguous input is refused
with a way to write it, and messages explain."""

from __future__ import annotations

import random

import pytest

from tutor.answers import SymbolicWorker, check_expression, check_numbers

DH_DC = "o*(1 - tanh(C)^2)"
GATE = "f*(1 - f)"

# --- 2. a formula is exact -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["f*(1 - f) + 0.001*f", "1.003*f*(1-f)", "f*(1-f) - 0.0005*f^2", "0.999*f - 0.999*f^2"],
)
def test_a_decimal_in_a_formula_buys_no_slack(typed: str) -> None:
    verdict = check_expression(typed, GATE, symbols=["f"])
    assert verdict.outcome == "incorrect" and verdict.counted


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0.25*f", "f/4"), ("0.5*(1 - tanh(C)^2)*o", "o*(1 - tanh(C)^2)/2"), ("f - 0.5f", "f/2")],
)
def test_a_decimal_that_is_the_exact_value_is_right(typed: str, expected: str) -> None:
    assert check_expression(typed, expected, symbols=["f", "o", "C"]).outcome == "correct"


def test_a_rounded_constant_is_named() -> None:
    verdict = check_expression("0.6225*z", "sigmoid(1/2)*z", symbols=["z"])
    assert (verdict.outcome, verdict.mistake) == ("incorrect", "general.inexact-decimal")
    assert "σ(1/2)" in verdict.feedback.en and "σ(1/2)" in verdict.feedback.zh


# --- 3. a time-out is not a proof --------------------------------------------------------------


def near_misses(count: int, seed: int = 3) -> list[tuple[str, str, list[str]]]:
    """Right formulas with a small exact term or factor added: 1e-5 … 1e-12, relative."""
    bases = [(DH_DC, ["o", "C"]), (GATE, ["f"]), ("sigmoid(z)*(1 - sigmoid(z))", ["z"]),
             ("f*C_prev + i*C_tilde", ["f", "i", "C_prev", "C_tilde"])]  # fmt: skip
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        base, symbols = rng.choice(bases)
        k, s = rng.randint(5, 12), rng.choice(symbols)
        form = rng.choice(
            [f"{base} + {s}/10^{k}", f"({base})*(1 + 10^(-{k}))", f"{base} - {s}^2/10^{k}"]
        )
        out.append((form, base, symbols))
    return out


def test_near_misses_are_wrong_without_sympy() -> None:
    for typed, expected, symbols in near_misses(150):
        verdict = check_expression(typed, expected, symbols=symbols)
        assert verdict.outcome == "incorrect", (typed, verdict)


def test_the_same_answer_gets_the_same_verdict_cold_or_warm(worker: SymbolicWorker) -> None:
    cases = [*near_misses(30, seed=5), ("1", "exp(40*o) + 1 - exp(40*o)", ["o"]),
             ("cosh(C)^2 - sinh(C)^2", "1", ["C"]), ("o*sech(C)^2", DH_DC, ["o", "C"])]  # fmt: skip
    for typed, expected, symbols in cases:
        functions = ("sigmoid", "tanh", "exp", "cosh", "sinh", "sech")
        cold = check_expression(typed, expected, symbols=symbols, functions=functions)
        warm = check_expression(
            typed, expected, symbols=symbols, functions=functions, worker=worker
        )
        assert cold == warm, typed


def test_a_worker_still_loading_gives_the_verdict_of_a_loaded_one(worker: SymbolicWorker) -> None:
    drowned = "exp(o) + 10^20 - 10^20"  # float noise at every point: sympy decides
    with SymbolicWorker() as cold:  # just started: sympy is still loading
        for typed in ("exp(o)", "exp(2*o)"):
            first = check_expression(typed, drowned, symbols=["o"], worker=cold)
            assert first == check_expression(typed, drowned, symbols=["o"], worker=worker)
            assert first.counted, typed


def test_undefined_where_the_answer_should_be_defined_is_wrong() -> None:
    verdict = check_expression("sqrt(C)^2", "C", symbols=["C"])
    assert verdict.outcome == "incorrect" and verdict.counted
    assert "undefined at C = -" in verdict.feedback.en
    # where the reference is undefined too, those points are outside the question
    assert check_expression("log(C^2)", "2*log(C)", symbols=["C"]).outcome == "correct"


def test_undecided_is_invalid_and_says_so() -> None:
    verdict = check_expression("exp(o)", "exp(o) + 10^20 - 10^20", symbols=["o"])
    assert verdict.outcome == "invalid" and not verdict.counted
    assert "could not be decided" in verdict.feedback.en


# --- 4. whole numbers are whole ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["104", "104.0", "1.04e2", "208/2", "[104]"])
def test_a_whole_number_in_any_spelling(typed: str) -> None:
    assert check_numbers(typed, 104, decimals=0).outcome == "correct"


@pytest.mark.parametrize(("typed", "expected"), [("104.4", 104), ("57.63", 58), ("3, 4.5", [3, 5])])
def test_a_fraction_where_a_whole_number_is_asked_is_invalid(typed: str, expected: object) -> None:
    verdict = check_numbers(typed, expected, decimals=0)
    assert verdict.outcome == "invalid" and not verdict.counted
    assert "whole number is expected" in verdict.feedback.en
    assert "整数" in verdict.feedback.zh


def test_the_neighbouring_whole_number_is_wrong() -> None:
    assert check_numbers("105", 104, decimals=0).outcome == "incorrect"
    assert check_numbers("3,5", [3, 5], decimals=0).outcome == "correct"  # no decimal comma here


# --- 5. diagnoses that fit ---------------------------------------------------------------------


def test_no_rounding_diagnosis_for_whole_numbers() -> None:
    for typed in ("103", "105", "102", "106"):
        assert check_numbers(typed, 104, decimals=0).mistake is None, typed


def test_truncation_is_named_and_shows_the_rounding() -> None:
    verdict = check_numbers("0.6224", 0.622459, decimals=4)
    assert (verdict.outcome, verdict.mistake) == ("incorrect", "numeric.truncated")
    assert "Round, don't truncate" in verdict.feedback.en and "0.6225" in verdict.feedback.en
    vector = check_numbers("0.1, 0.6224", [0.1, 0.622459], decimals=4)
    assert vector.mistake == "numeric.truncated" and "0.6225 (entry 2)" in vector.feedback.en


@pytest.mark.parametrize(("typed", "expected"), [("0.62", 0.622459), ("-0.33", -0.327477)])
def test_too_few_decimals_is_invalid_and_says_how_many(typed: str, expected: float) -> None:
    verdict = check_numbers(typed, expected, decimals=4)
    assert verdict.outcome == "invalid" and not verdict.counted
    assert "4 decimals are asked" in verdict.feedback.en and "4 位小数" in verdict.feedback.zh


def test_a_short_wrong_number_is_just_wrong() -> None:
    assert check_numbers("0.4", 0.5, decimals=2).outcome == "incorrect"
    assert check_numbers("0.5", 0.50003, decimals=4).outcome == "correct"  # exact as typed


# --- 6. decimal commas and dots ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected", "says"),
    [
        ("0·62", 0.62, "reads as a product, 0 × 62"),
        ("0∙62, 0.41", [0.62, 0.41], "write 0.62"),
        ("0,62", [0.62, 0.41], "reads as two numbers, 0 and 62"),
        ("0,62, 0,41", [0.62, 0.41], "write 0.62"),
        ("0，62", 0.62, "two numbers"),
        ("0。62", 0.62, "write 0.62"),
        ("0.4１。", 0.41, "not a decimal point"),
    ],
)
def test_ambiguous_decimal_marks_are_invalid_with_a_way_out(
    typed: str, expected: object, says: str
) -> None:
    verdict = check_numbers(typed, expected, decimals=2)
    assert verdict.outcome == "invalid" and not verdict.counted
    assert says in verdict.feedback.en
    assert verdict.feedback.zh and verdict.error_pos is not None


def test_a_middle_dot_between_decimals_is_a_product() -> None:
    assert check_numbers("0.5·0.3", 0.15, decimals=2).outcome == "correct"
    assert check_expression("2·o", "2*o", symbols=["o"]).outcome == "correct"


def test_next_step_typed_without_braces_is_ambiguous() -> None:
    verdict = check_expression("f_t+1", "f_next", symbols=["f", "f_next"])
    assert verdict.outcome == "invalid" and "f_{t+1}" in verdict.feedback.en
    assert check_expression("f_{t+1}", "f_next", symbols=["f", "f_next"]).outcome == "correct"
    assert check_expression("f_t + 1", "f + 1", symbols=["f", "f_next"]).outcome == "correct"


# --- 7. messages that explain ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("o*tanh'(C)", "1 - tanh(C)^2 (or sech(C)^2)"),
        ("o*tanh′(C)", "1 - tanh(C)^2 (or sech(C)^2)"),
        ("o*(1 - tanh^2 C)", "tanh(C)^2 (or tanh^2(C))"),
        ("o*(1 - tanh²C)", "parentheses"),
    ],
)
def test_messages_say_how_to_write_it(typed: str, says: str) -> None:
    verdict = check_expression(typed, DH_DC, symbols=["o", "C"])
    assert verdict.outcome == "invalid"
    assert says in verdict.feedback.en


def test_the_derivative_of_sigma_is_spelled_out() -> None:
    verdict = check_expression("σ'(z)", "sigmoid(z)*(1 - sigmoid(z))", symbols=["z"])
    assert "σ(z)*(1 - σ(z))" in verdict.feedback.en


# --- also accepted ------------------------------------------------------------------------------

MATRIX = [[0.1, -0.2], [0.3, 0.4]]


@pytest.mark.parametrize(
    "typed",
    [
        "[[0.1 -0.2] [0.3 0.4]]",
        "[[ 0.1  -0.2]\n [ 0.3   0.4]]",
        "[0.1, -0.2; 0.3, 0.4]",
        "0.1, -0.2; 0.3, 0.4",
        "[[0.1, -0.2] [0.3, 0.4]]",
        "[[0.1, -0.2], [0.3, 0.4]]",
    ],
)
def test_matrices_as_numpy_prints_them_or_with_semicolons(typed: str) -> None:
    assert check_numbers(typed, MATRIX, decimals=2).outcome == "correct"


def test_spaced_numbers_stay_arithmetic_where_they_look_like_it() -> None:
    # "0.3 - 0.1" is a subtraction, so this is one number, not two
    assert check_numbers("[0.3 - 0.1]", [0.2], decimals=2).outcome == "correct"
    assert check_numbers("[0.1 0.2]", [0.1, 0.2], decimals=2).outcome == "correct"


@pytest.mark.parametrize(
    ("typed", "expected", "symbols"),
    [
        ("σ(z)(1-σ(z))", "sigmoid(z)*(1 - sigmoid(z))", ["z"]),
        ("logistic(z)*(1 - logistic(z))", "sigmoid(z)*(1 - sigmoid(z))", ["z"]),
        ("o sech²(C)", DH_DC, ["o", "C"]),
        ("ｏ＊（１－ｔａｎｈ（Ｃ）＾２）", DH_DC, ["o", "C"]),
        ("f*C_{t-1} + i*C̃", "f*C_prev + i*C_tilde", ["f", "i", "C_prev", "C_tilde"]),
        ("f*Cₜ₋₁ + i*C_tilde", "f*C_prev + i*C_tilde", ["f", "i", "C_prev", "C_tilde"]),
        ("1e-3*o + 3/4*o", "0.751*o", ["o"]),
    ],
)
def test_what_worked_before_still_works(typed: str, expected: str, symbols: list[str]) -> None:
    assert check_expression(typed, expected, symbols=symbols).outcome == "correct"


def test_full_width_commas_and_digits_in_numbers() -> None:
    assert check_numbers("０.６２， ０.４１", [0.62, 0.41], decimals=2).outcome == "correct"
