"""The gradient-check tools themselves, on functions with known gradients."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.engine.gradcheck import (
    check_gradients,
    numerical_gradient,
    numerical_gradient_array,
    rel_error,
)


def test_rel_error_is_cs231ns() -> None:
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert rel_error(np.array([1.0]), np.array([3.0])) == pytest.approx(0.5)
    assert rel_error(np.array([0.0]), np.array([1e-9])) == pytest.approx(1e-9 / 1e-8)
    assert rel_error(np.array([1.0, 100.0]), np.array([1.1, 100.0])) == pytest.approx(0.1 / 2.1)
    with pytest.raises(ValueError, match="y: expected the shape of x"):
        rel_error(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize(("order", "h", "tol"), [(2, 1e-5, 1e-8), (4, 1e-3, 1e-11)])
def test_numerical_gradient_of_known_functions(order: int, h: float, tol: float) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4))
    original = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(np.sin(v) * v)), x, h, order)
    np.testing.assert_allclose(grad, np.cos(original) * original + np.sin(original), atol=tol)
    np.testing.assert_array_equal(x, original)  # restored exactly
    df = rng.standard_normal((4, 3))
    grad = numerical_gradient_array(lambda v: np.tanh(v).T, x, df, h, order)
    np.testing.assert_allclose(grad, (1 - np.tanh(original) ** 2) * df.T, atol=tol)
    with pytest.raises(ValueError, match="order: expected 2 or 4"):
        numerical_gradient(lambda v: 0.0, x, order=3)


def test_check_gradients_finds_a_wrong_gradient() -> None:
    a, b = np.array([1.0, -2.0]), np.array([[0.5, 3.0]])

    def loss() -> float:
        return float(np.sum(a**2) + np.sum(a * b))

    errors = check_gradients(loss, {"a": a, "b": b}, {"a": 2 * a + b[0], "b": a[None]})
    assert max(errors.values()) < 1e-10
    wrong = check_gradients(loss, {"a": a, "b": b}, {"a": 2 * a, "b": a[None]})
    assert wrong["a"] > 0.1 and wrong["b"] < 1e-10
