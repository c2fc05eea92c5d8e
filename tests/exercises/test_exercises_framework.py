"""The exercise framework on a hand-made worksheet: grading, error carried forward, self-check."""

from __future__ import annotations

import numpy as np

from tutor.exercises.display import format_value, render_exercise
from tutor.exercises.grading import grade
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.selfcheck import check_exercise
from tutor.i18n import Text

G = np.array([0.5, -1.25])


def worksheet(mistakes: dict | None = None) -> Exercise:
    doubled = 2 * G
    return Exercise(
        prompt=Text("计算 $a = 2g$，再算 $b = a + 1$。", "Compute $a = 2g$, then $b = a + 1$."),
        givens={"g": G},
        cells=(
            Cell("a", "$a$", expected=doubled, decimals=3, mistakes=mistakes or {}),
            Cell(
                "b",
                "$b$",
                expected=doubled + 1,
                decimals=3,
                depends=("a",),
                recompute=lambda v: np.asarray(v["a"]) + 1,
            ),
        ),
        hints=(Text("翻倍。", "Double it."),),
        solution=(Step(Text("$a = 2g$", "$a = 2g$"), format_value(doubled, 3)),),
        name="demo.sheet",
    )


def test_all_right() -> None:
    results = grade(worksheet(), {"a": "[1, -2.5]", "b": "[2, -1.5]"})
    assert {k: r.verdict.outcome for k, r in results.items()} == {"a": "correct", "b": "correct"}
    assert not any(r.carried_forward for r in results.values())


def test_error_carried_forward_earns_credit_and_says_so() -> None:
    results = grade(worksheet(), {"a": "[1, -3]", "b": "[2, -2]"})
    assert results["a"].verdict.outcome == "partial"
    assert results["b"].verdict.outcome == "correct" and results["b"].carried_forward
    assert "carried forward" in results["b"].verdict.feedback.en
    assert "错误沿用" in results["b"].verdict.feedback.zh


def test_right_earlier_cells_lend_no_slack_to_a_wrong_later_one() -> None:
    # b's first entry is 0.003 off: wrong at the 3 decimals asked, right only to a looser check
    results = grade(worksheet(), {"a": "[1, -2.5]", "b": "[2.003, -1.5]"})
    assert results["a"].verdict.outcome == "correct"
    assert results["b"].verdict.outcome == "partial" and not results["b"].carried_forward
    assert results["b"].verdict.wrong_elements == (0,)


def test_wrong_given_both_truth_and_own_cells_is_wrong() -> None:
    results = grade(worksheet(), {"a": "[1, -3]", "b": "[7, 7]"})
    assert results["b"].verdict.outcome == "incorrect" and not results["b"].carried_forward


def test_unanswered_cells_are_left_out_and_invalid_is_not_carried() -> None:
    results = grade(worksheet(), {"a": "[1, oops"})
    assert list(results) == ["a"] and results["a"].verdict.outcome == "invalid"
    results = grade(worksheet(), {"a": "[1, oops", "b": "[2, -1.5]"})
    assert results["b"].verdict.outcome == "correct" and not results["b"].carried_forward


def test_self_check_finds_a_mistake_that_is_not_diagnosed() -> None:
    assert check_exercise(worksheet({"lstm.forgot-bias": 2 * G + 0.3})) == []
    problems = check_exercise(worksheet({"lstm.forgot-bias": 2 * G}))  # same as the answer
    assert problems and "lstm.forgot-bias" in problems[0]


def test_render_shows_givens_cells_and_solution() -> None:
    text = render_exercise(worksheet(), "en", solution=True)
    assert "g = [0.50, -1.25]" in text
    assert "a = ?  (3 decimals)" in text
    assert "a = [1.000, -2.500]" in text
    assert "Worked solution" in text
    assert "已知" in render_exercise(worksheet(), "zh")
