"""Clipping by global norm against torch.nn.utils.clip_grad_norm_."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from engine_testlib import DTYPE, assert_close

from tutor.engine import lstm
from tutor.engine.clipping import clip_grad_norm, global_norm


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.0, math.inf])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_agrees_with_torch(norm_type: float, max_norm: float) -> None:
    rng = np.random.default_rng(0)
    grads = [rng.standard_normal(shape) for shape in ((3, 4), (5,), (2, 2, 2))]
    tensors = [torch.nn.Parameter(torch.zeros(g.shape, dtype=DTYPE)) for g in grads]
    for tensor, g in zip(tensors, grads, strict=True):
        tensor.grad = torch.tensor(g, dtype=DTYPE)
    total_torch = torch.nn.utils.clip_grad_norm_(tensors, max_norm, norm_type=norm_type)
    before = [g.copy() for g in grads]
    clipped, total = clip_grad_norm(grads, max_norm, norm_type)
    assert total == pytest.approx(float(total_torch), rel=1e-12)
    assert total == pytest.approx(global_norm(grads, norm_type), rel=1e-12)
    for ours, tensor in zip(clipped, tensors, strict=True):
        assert_close(ours, tensor.grad.numpy())
    for g, b in zip(grads, before, strict=True):  # the inputs are left alone
        assert_close(g, b)
    if max_norm < total:
        assert global_norm(clipped, norm_type) == pytest.approx(max_norm, rel=1e-5)


def test_mappings_keep_their_keys_and_clipping_keeps_the_direction() -> None:
    params = lstm.LSTMParams.random(3, 4, np.random.default_rng(1))
    trace = lstm.forward(params, np.random.default_rng(2).standard_normal((6, 3)))
    grads = lstm.backward(params, trace, np.full((6, 4), 50.0)).as_params().as_dict()
    clipped, total = clip_grad_norm(grads, 1.0)
    assert list(clipped) == list(grads)
    assert total > 1.0
    coef = 1.0 / (total + 1e-6)
    for name, g in grads.items():
        assert_close(clipped[name], g * coef, name)
    assert global_norm({}) == 0.0
    with pytest.raises(ValueError, match="max_norm"):
        clip_grad_norm(grads, -1.0)
