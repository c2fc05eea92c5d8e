"""check_numbers: tolerances, shapes, partial credit, diagnosis."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.answers import check_numbers


@pytest.mark.parametrize("typed", ["0.68", "0.675", "0.6751", "0.67506", "+0.68", "６８/100"])
def test_decimals_set_the_tolerance(typed: str) -> None:
    assert check_numbers(typed, 0.6751, decimals=2).outcome == "correct"


def test_half_way_rounding_either_way() -> None:
    assert check_numbers("0.68", 0.675, decimals=2).outcome == "correct"
    assert check_numbers("0.67", 0.675, decimals=2).outcome == "correct"


@pytest.mark.parametrize("typed", ["3/4", "0.75", "75e-2", "[0.75]", "σ(0)+1/4", "1 − 1/4"])
def test_calculations_and_spellings(typed: str) -> None:
    assert check_numbers(typed, 0.75, decimals=2).outcome == "correct"


def test_unicode_minus() -> None:
    assert check_numbers("−0.5", -0.5).outcome == "correct"


def test_explicit_tolerances() -> None:
    assert check_numbers("1.05", 1.0, rel_tol=0.1).outcome == "correct"
    assert check_numbers("1.05", 1.0, rel_tol=0.01).outcome == "incorrect"
    assert check_numbers("0.001", 0.0, abs_tol=1e-2).outcome == "correct"
    assert check_numbers("0.001", 0.0, abs_tol=1e-4).outcome == "incorrect"
    assert check_numbers("0.2501", 0.25).outcome == "correct"  # default: 1 % relative


def test_vectors_in_every_spelling() -> None:
    for typed in ["0.62, 0.41", "[0.62, 0.41]", "(0.62, 0.41)", "[0.62, 0.41,]", "0.62，0.41"]:
        verdict = check_numbers(typed, np.array([0.62, 0.41]), decimals=2)
        assert verdict.outcome == "correct", typed
        assert verdict.expected_shape == (2,)
        assert verdict.wrong_elements == ()


def test_partial_credit_names_the_wrong_entries() -> None:
    verdict = check_numbers("0.1, 0.2, 0.9, 0.4", [0.1, 0.2, 0.3, 0.5], decimals=2)
    assert verdict.outcome == "partial"
    assert verdict.score == pytest.approx(0.5)
    assert verdict.wrong_elements == (2, 3)
    assert "3, 4" in verdict.feedback.en
    assert "3、4" in verdict.feedback.zh


def test_matrix() -> None:
    expected = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    good = check_numbers("[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]", expected, decimals=1)
    assert good.outcome == "correct" and good.expected_shape == (2, 3)
    one_off = check_numbers("[[0.1, 0.2, 0.3], [0.4, 0.9, 0.6]]", expected, decimals=1)
    assert one_off.outcome == "partial"
    assert one_off.wrong_elements == (4,)
    assert "(row 2, col 2)" in one_off.feedback.en


def test_none_right_is_incorrect() -> None:
    verdict = check_numbers("1, 2", [3, 4])
    assert (verdict.outcome, verdict.score, verdict.wrong_elements) == ("incorrect", 0.0, (0, 1))


@pytest.mark.parametrize(
    ("typed", "expected", "says"),
    [
        ("0.62", [0.62, 0.41], "vector of 2"),
        ("0.62, 0.41", 0.62, "single number"),
        ("0,62", 0.62, "two numbers, 0 and 62"),
        ("0.1, 0.2, 0.3, 0.4, 0.5, 0.6", np.zeros((2, 3)), "2×3 matrix"),
        ("[[1, 2], [3, 4], [5, 6]]", np.zeros((2, 3)), "3×2"),
        ("[1, 2], [3]", np.zeros((2, 2)), "different lengths"),
        ("1, [2, 3]", np.zeros((2, 2)), "different lengths"),
    ],
)
def test_wrong_shape_is_invalid_and_says_the_shape(typed: str, expected: object, says: str) -> None:
    verdict = check_numbers(typed, expected)
    assert verdict.outcome == "invalid" and not verdict.counted
    assert says in verdict.feedback.en
    assert verdict.feedback.zh


def test_column_vector_accepts_a_flat_list() -> None:
    assert check_numbers("0.1, 0.2", np.array([[0.1], [0.2]])).outcome == "correct"


@pytest.mark.parametrize("typed", ["", "x", "0.62 0.41", "1e400", "o*2", "[[[1]]]", "1/0"])
def test_not_understood_is_invalid_with_a_message(typed: str) -> None:
    verdict = check_numbers(typed, [0.62, 0.41])
    assert verdict.outcome == "invalid" and verdict.score == 0.0
    assert verdict.feedback.en and verdict.feedback.zh


def test_invalid_feedback_points_at_the_problem() -> None:
    verdict = check_numbers("0.62, 0.4.1", [0.62, 0.41])
    assert verdict.error_pos == 9
    picture = verdict.feedback.en.splitlines()
    assert picture[0] == "0.62, 0.4.1"
    assert picture[1] == " " * 9 + "^"


def test_given_mistake_is_named() -> None:
    verdict = check_numbers("0.31", 0.62, decimals=2, mistakes={"lstm.forgot-bias": 0.31})
    assert (verdict.outcome, verdict.mistake) == ("incorrect", "lstm.forgot-bias")
    assert "bias" in verdict.feedback.en and "偏置" in verdict.feedback.zh


def test_mistake_on_some_entries_of_a_vector() -> None:
    mistakes = {"lstm.candidate-sigmoid": [0.62, 0.55, 0.3], "lstm.forgot-bias": [0.0, 0.0, 0.0]}
    verdict = check_numbers("0.62, 0.55, 0.1", [0.62, -0.2, 0.3], decimals=2, mistakes=mistakes)
    assert verdict.outcome == "partial"
    assert verdict.mistake == "lstm.candidate-sigmoid"
    assert verdict.wrong_elements == (1, 2)
    assert "entry 2" in verdict.feedback.en  # the one the mistake explains


def test_mistake_that_equals_the_answer_is_not_blamed() -> None:
    verdict = check_numbers("0.5", 0.5, mistakes={"lstm.forgot-bias": 0.5})
    assert verdict.outcome == "correct" and verdict.mistake is None


def test_automatic_diagnoses() -> None:
    assert check_numbers("-0.62", 0.62, decimals=2).mistake == "general.sign"
    transposed = check_numbers("[[1, 3], [2, 4]]", [[1, 2], [3, 4]])
    assert transposed.mistake == "general.transposed"
    assert check_numbers("0.66", 0.6789, decimals=2).mistake == "numeric.rounded-too-early"
    assert check_numbers("0.67", 0.6789, decimals=2).mistake == "numeric.truncated"
    assert check_numbers("0.5", 0.6789, decimals=2).mistake is None


def test_programming_errors_raise() -> None:
    with pytest.raises(KeyError, match="unknown mistake"):
        check_numbers("1", 1.0, mistakes={"lstm.no-such-thing": 1.0})
    with pytest.raises(ValueError, match="shape"):
        check_numbers("1", 1.0, mistakes={"lstm.forgot-bias": [1.0, 2.0]})
    with pytest.raises(ValueError):
        check_numbers("1", float("nan"))
    with pytest.raises(ValueError):
        check_numbers("1", 1.0, decimals=-1)
    with pytest.raises(TypeError):
        check_numbers(None, 1.0)  # type: ignore[arg-type]
