"""Shape validation shared by every cell: each error names the argument and the shape expected.

Messages read like ``h0: expected shape (B, H) = (2, 4), got (4,)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

__all__ = [
    "as_float",
    "as_sequence",
    "as_state",
    "as_step_input",
    "as_upstream",
    "check_shape",
    "common_float_dtype",
    "shape_error",
]


def _fmt(shape: Sequence[int | str]) -> str:
    """(2, 4) -> '(2, 4)', (4,) -> '(4,)', ('H', 'H + D') -> '(H, H + D)'."""
    items = [str(s) for s in shape]
    return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"


def shape_error(
    name: str,
    symbols: Sequence[str],
    expected: Sequence[int] | None,
    got: tuple[int, ...],
    note: str = "",
) -> ValueError:
    """A ValueError like ``W_f: expected shape (H, H + D) = (4, 7), got (4, 6)``."""
    want = _fmt(symbols)
    if expected is not None:
        want += " = " + _fmt(expected)
    return ValueError(f"{name}: expected shape {want}{note}, got {_fmt(got) if got else '()'}")


def common_float_dtype(*arrays: np.ndarray) -> np.dtype:
    """float32 if every array is float32, else float64 (integers become float64)."""
    dtype = np.result_type(*arrays, np.float16)
    return dtype if dtype in (np.float32, np.float64) else np.dtype(np.float64)


def as_float(value: ArrayLike, dtype: DTypeLike) -> np.ndarray:
    """``np.asarray(value, dtype)``: no copy when the value already is such an array."""
    return np.asarray(value, dtype=dtype)


def check_shape(
    name: str, array: np.ndarray, symbols: Sequence[str], expected: Sequence[int]
) -> np.ndarray:
    """Raise unless ``array.shape == expected``; return the array."""
    if array.shape != tuple(expected):
        raise shape_error(name, symbols, expected, array.shape)
    return array


def as_sequence(
    name: str, xs: ArrayLike, input_size: int, dtype: DTypeLike
) -> tuple[np.ndarray, bool]:
    """A sequence of inputs as a (T, B, D) array, and whether it came with a batch axis.

    Args:
        name: the argument's name, for the error message.
        xs: (T, D) or (T, B, D), T >= 1, B >= 1.
        input_size: D.
        dtype: the computing dtype.

    Returns:
        ``(X, batched)`` with X of shape (T, B, D) (B = 1 when unbatched; a view, no copy).
    """
    X = as_float(xs, dtype)
    if X.ndim not in (2, 3) or X.shape[-1] != input_size or 0 in X.shape:
        raise ValueError(
            f"{name}: expected shape (T, D) or (T, B, D) with T >= 1, B >= 1 and "
            f"D = {input_size} (the input size), got {_fmt(X.shape) if X.shape else '()'}"
        )
    if X.ndim == 2:
        return X[:, None, :], False
    return X, True


def as_step_input(
    name: str, x: ArrayLike, input_size: int, dtype: DTypeLike
) -> tuple[np.ndarray, bool]:
    """One time step's input as a (B, D) array, and whether it came with a batch axis.

    Args:
        x: (D,) or (B, D).

    Returns:
        ``(x, batched)`` with x of shape (B, D) (B = 1 when unbatched).
    """
    X = as_float(x, dtype)
    if X.ndim not in (1, 2) or X.shape[-1] != input_size or 0 in X.shape:
        raise ValueError(
            f"{name}: expected shape (D,) or (B, D) with D = {input_size} (the input size), "
            f"got {_fmt(X.shape) if X.shape else '()'}"
        )
    if X.ndim == 1:
        return X[None, :], False
    return X, True


def as_state(
    name: str,
    value: ArrayLike | None,
    batch: int,
    hidden_size: int,
    batched: bool,
    dtype: DTypeLike,
) -> np.ndarray:
    """A state (h or C) as a (B, H) array; ``None`` means zeros.

    Args:
        value: (H,) when unbatched, (B, H) when batched, or None.
        batch: B.
        hidden_size: H.
        batched: whether the inputs came with a batch axis.

    Returns:
        (B, H) array (a view of ``value`` when possible).
    """
    if value is None:
        return np.zeros((batch, hidden_size), dtype=dtype)
    state = as_float(value, dtype)
    if batched:
        return check_shape(name, state, ("B", "H"), (batch, hidden_size))
    if state.shape != (hidden_size,):
        raise shape_error(name, ("H",), (hidden_size,), state.shape, " for unbatched inputs")
    return state[None, :]


def as_upstream(
    name: str,
    value: ArrayLike | None,
    shape: tuple[int, ...],
    symbols: tuple[str, ...],
    batched: bool,
    dtype: DTypeLike,
) -> np.ndarray:
    """An upstream gradient shaped like a forward output; ``None`` means zeros.

    Args:
        value: shaped like the forward output: ``shape`` without its batch axis (the one named
            "B" in ``symbols``) when unbatched, or None.
        shape: the internal, batched shape, e.g. (T, B, H).
        symbols: the names of the axes, e.g. ("T", "B", "H").

    Returns:
        An array of shape ``shape``.
    """
    if value is None:
        return np.zeros(shape, dtype=dtype)
    grad = as_float(value, dtype)
    if batched:
        return check_shape(name, grad, symbols, shape)
    axis = symbols.index("B")
    user_shape = shape[:axis] + shape[axis + 1 :]
    if grad.shape != user_shape:
        user_symbols = tuple(s for s in symbols if s != "B")
        raise shape_error(name, user_symbols, user_shape, grad.shape, " for unbatched inputs")
    return grad.reshape(shape)
