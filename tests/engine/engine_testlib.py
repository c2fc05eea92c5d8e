"""Shared by the engine's tests: random cases, agreement to 1e-10, gradient checks, and the
PyTorch references (the same computation with torch.nn modules in float64, weights loaded
through tutor.engine.convert, gradients by autograd)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import torch

from tutor.engine.gradcheck import check_gradients

DTYPE = torch.float64

#: (seed, D, H, T, B), B None for one unbatched sequence.
Case = tuple[int, int, int, int, int | None]

#: D ≠ H, unbatched, B = 1 and B > 1, T from 1 to 20, a seed each.
CASES: list[Case] = [
    (0, 3, 4, 1, None),
    (1, 5, 3, 7, None),
    (2, 2, 6, 20, None),
    (3, 4, 2, 1, 3),
    (4, 3, 5, 6, 1),
    (5, 7, 4, 13, 4),
    (6, 1, 3, 20, 2),
]


def case_id(case: Case) -> str:
    seed, D, H, T, B = case
    return f"s{seed}-D{D}-H{H}-T{T}-B{B if B is not None else 'none'}"


@contextmanager
def one_thread() -> Iterator[None]:
    """Torch on one thread for tiny tensors (two threads on a busy 2-core box crawl)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def assert_close(actual: np.ndarray, expected: np.ndarray, name: str = "") -> None:
    """Agreement to 1e-10: absolute for small values, relative for large ones."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, f"{name}: shape {actual.shape} != {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=1e-10, atol=1e-10, err_msg=name)


def assert_gradcheck(
    loss: Callable[[], float], arrays: dict[str, np.ndarray], analytic: dict[str, np.ndarray]
) -> None:
    """Every analytic gradient within a relative error of 1e-7 of the fourth-order central
    difference (CS231n's rel_error, entry by entry)."""
    errors = check_gradients(loss, arrays, analytic, h=1e-3, order=4)
    worst = max(errors, key=errors.__getitem__)
    assert errors[worst] < 1e-7, f"{worst}: relative error {errors[worst]:.2e} ({errors})"


@dataclass
class Data:
    """Random inputs and upstream gradients for one case (numpy, float64)."""

    xs: np.ndarray  # (T[, B], D)
    h0: np.ndarray  # ([B,] H)
    C0: np.ndarray  # ([B,] H)
    dhs: np.ndarray  # (T[, B], H)
    dh_T: np.ndarray  # ([B,] H)
    dC_T: np.ndarray  # ([B,] H)


def make_data(rng: np.random.Generator, D: int, H: int, T: int, B: int | None) -> Data:
    batch = () if B is None else (B,)
    return Data(
        xs=rng.standard_normal((T, *batch, D)),
        h0=rng.standard_normal((*batch, H)) * 0.5,
        C0=rng.standard_normal((*batch, H)) * 0.5,
        dhs=rng.standard_normal((T, *batch, H)),
        dh_T=rng.standard_normal((*batch, H)),
        dC_T=rng.standard_normal((*batch, H)),
    )


P = TypeVar("P")  # a parameter class: LSTMParams, GRUParams, RNNParams or BiLSTMParams


def random_case(params_class: type[P], case: Case, seed_offset: int) -> tuple[P, Data]:
    """Parameters (uniform in ±0.8) and data for a case; each cell's tests offset the seed so
    that they do not all draw the same numbers."""
    seed, D, H, T, B = case
    rng = np.random.default_rng(seed_offset + seed)
    params = params_class.random(D, H, rng, scale=0.8)  # type: ignore[attr-defined]
    return params, make_data(rng, D, H, T, B)


def random_step(
    params_class: type[P], batch: int | None, seed: int = 3, D: int = 4, H: int = 3
) -> tuple[P, np.ndarray, np.ndarray, np.ndarray]:
    """(params, x, h_prev, dh) for one step, with or without a batch axis."""
    rng = np.random.default_rng(seed)
    params = params_class.random(D, H, rng, scale=0.8)  # type: ignore[attr-defined]
    shape = () if batch is None else (batch,)
    x, h_prev = rng.standard_normal((*shape, D)), rng.standard_normal((*shape, H))
    return params, x, h_prev, rng.standard_normal((*shape, H))


def _tensor(a: np.ndarray, grad: bool = False) -> torch.Tensor:
    return torch.tensor(a, dtype=DTYPE, requires_grad=grad)


def _load(module: torch.nn.Module, state: dict[str, np.ndarray]) -> None:
    module.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()})


@dataclass
class TorchResult:
    """What torch computed, as numpy arrays."""

    out: np.ndarray  # (T[, B], H or 2H)
    h_n: np.ndarray  # (directions, [B,] H)
    c_n: np.ndarray | None
    dxs: np.ndarray
    dh0: np.ndarray  # (directions, [B,] H)
    dC0: np.ndarray | None
    grads: dict[str, np.ndarray]  # state-dict name -> gradient


def run_torch(
    kind: str,
    state: dict[str, np.ndarray],
    D: int,
    H: int,
    xs: np.ndarray,
    h0: np.ndarray,
    C0: np.ndarray | None,
    d_out: np.ndarray,
    d_hn: np.ndarray | None,
    d_cn: np.ndarray | None,
    bidirectional: bool = False,
) -> TorchResult:
    """Forward and backward with torch.nn.{LSTM, GRU, RNN} for L = Σ out·d_out + h_n·d_hn +
    c_n·d_cn; h0, C0, d_hn, d_cn are shaped (directions, [B,] H) as torch wants them."""
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
    module = cls(D, H, dtype=DTYPE, bidirectional=bidirectional)
    _load(module, state)
    with one_thread():
        x_t = _tensor(xs, grad=True)
        h0_t = _tensor(h0, grad=True)
        if kind == "lstm":
            assert C0 is not None
            c0_t = _tensor(C0, grad=True)
            out, (h_n, c_n) = module(x_t, (h0_t, c0_t))
        else:
            out, h_n = module(x_t, h0_t)
            c_n = None
        loss = (out * _tensor(d_out)).sum()
        if d_hn is not None:
            loss = loss + (h_n * _tensor(d_hn)).sum()
        if c_n is not None and d_cn is not None:
            loss = loss + (c_n * _tensor(d_cn)).sum()
        loss.backward()
    return TorchResult(
        out=out.detach().numpy(),
        h_n=h_n.detach().numpy(),
        c_n=None if c_n is None else c_n.detach().numpy(),
        dxs=x_t.grad.numpy(),
        dh0=h0_t.grad.numpy(),
        dC0=None if kind != "lstm" else c0_t.grad.numpy(),
        grads={name: p.grad.numpy() for name, p in module.named_parameters()},
    )


def assert_param_grads(
    kind: str, ours: dict[str, np.ndarray], theirs: dict[str, np.ndarray]
) -> None:
    """Our parameter gradients, put in torch's layout by ``convert.*_to_torch(grads.as_params())``,
    against torch's.

    The conversion puts a whole bias in bias_ih and zeros in bias_hh (the GRU's b_hn in the n
    block of bias_hh). Since torch adds its two biases to the same pre-activation, each of
    their gradients equals our bias gradient: bias_hh's gradient is bias_ih's, except the
    GRU's n block, which is b_hn's.
    """
    assert set(ours) == set(theirs)
    for name, grad in theirs.items():
        expected = ours[name]
        if name.startswith("bias_hh"):
            expected = ours[name.replace("bias_hh", "bias_ih")].copy()
            if kind == "gru":
                H = len(expected) // 3
                expected[2 * H :] = ours[name][2 * H :]
        assert_close(expected, grad, name)


def stack_dirs(a: np.ndarray | None) -> np.ndarray | None:
    """([B,] H) -> (1, [B,] H), torch's (num_layers · directions, …) layout."""
    return None if a is None else a[None]
