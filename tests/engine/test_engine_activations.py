"""Activations: the stable sigmoid, the derivatives through the outputs, the fused gates."""

from __future__ import annotations

import warnings

import numpy as np

from tutor.engine.activations import GateActivations, sigmoid, sigmoid_grad, tanh, tanh_grad


def test_sigmoid_is_exact_and_never_overflows() -> None:
    z = np.array([-1000.0, -40.0, -5.0, 0.0, 1e-3, 5.0, 40.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(z)
    middle = np.abs(z) < 50
    np.testing.assert_allclose(s[middle], 1 / (1 + np.exp(-z[middle])), rtol=0, atol=2e-16)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5


def test_derivatives_through_the_outputs() -> None:
    z = np.linspace(-4, 4, 17)
    h = 1e-6
    numeric_sigmoid = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    numeric_tanh = (np.tanh(z + h) - np.tanh(z - h)) / (2 * h)
    np.testing.assert_allclose(sigmoid_grad(sigmoid(z)), numeric_sigmoid, atol=1e-9)
    np.testing.assert_allclose(tanh_grad(tanh(z)), numeric_tanh, atol=1e-9)


def test_gate_activations_apply_each_gates_function() -> None:
    H = 3
    act = GateActivations(("sigmoid", "sigmoid", "tanh", "sigmoid"), H)
    z = np.random.default_rng(0).standard_normal((2, 4 * H)) * 3
    y = act(z)
    expected = np.concatenate(
        [sigmoid(z[:, :H]), sigmoid(z[:, H : 2 * H]), np.tanh(z[:, 2 * H : 3 * H]),
         sigmoid(z[:, 3 * H :])], axis=1,
    )  # fmt: skip
    np.testing.assert_array_equal(y, expected)  # the same operations, bit for bit
    np.testing.assert_array_equal(act.from_scaled(z * act.scale), y)
    grads = act.grad(y)
    np.testing.assert_allclose(grads[:, :H], sigmoid_grad(y[:, :H]), atol=1e-16)
    np.testing.assert_allclose(grads[:, 2 * H : 3 * H], tanh_grad(y[:, 2 * H : 3 * H]), atol=1e-16)
