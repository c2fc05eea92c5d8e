"""Float arithmetic for answer trees, where every failure is a MathFault instead of inf or nan.

The parser uses it to fold constants (and so to refuse 1/0 or 10^400 with a position);
evaluate.py uses it at sampled points, where a fault marks the point undefined (or overflowed).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .tree import Bin, Const, Neg, Node, Num, Sym, Vec


class MathFault(ArithmeticError):
    def __init__(self, code: str) -> None:  # "overflow", "division-by-zero" or "not-real"
        super().__init__(code)
        self.code = code


def _finite(x: float) -> float:
    if not math.isfinite(x):
        raise MathFault("overflow")
    return x


def _pow(a: float, b: float) -> float:
    if a == 0.0 and b < 0.0:
        raise MathFault("division-by-zero")
    if a < 0.0 and not b.is_integer():
        raise MathFault("not-real")
    try:
        return _finite(math.pow(a, b))
    except OverflowError:
        raise MathFault("overflow") from None


def _div(a: float, b: float) -> float:
    if b == 0.0:
        raise MathFault("division-by-zero")
    return _finite(a / b)


def binary(op: str, a: float, b: float) -> float:
    if op == "+":
        return _finite(a + b)
    if op == "-":
        return _finite(a - b)
    if op == "*":
        return _finite(a * b)
    if op == "/":
        return _div(a, b)
    return _pow(a, b)


def _sigmoid(x: float) -> float:
    if x >= 0.0:  # the two branches never overflow
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _exp_like(fn: Callable[[float], float]) -> Callable[[float], float]:
    def safe(x: float) -> float:
        try:
            return _finite(fn(x))
        except OverflowError:
            raise MathFault("overflow") from None

    return safe


def _log(x: float) -> float:
    if x <= 0.0:
        raise MathFault("not-real")
    return math.log(x)


def _sqrt(x: float) -> float:
    if x < 0.0:
        raise MathFault("not-real")
    return math.sqrt(x)


def _sech(x: float) -> float:
    return 0.0 if abs(x) > 710.0 else 1.0 / math.cosh(x)  # cosh overflows past 710


FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sigmoid": _sigmoid,
    "tanh": math.tanh,
    "exp": _exp_like(math.exp),
    "log": _log,
    "sqrt": _sqrt,
    "cosh": _exp_like(math.cosh),
    "sinh": _exp_like(math.sinh),
    "sech": _sech,
}
CONSTANTS = {"e": math.e, "pi": math.pi}


def fold(node: Node) -> float | None:
    """The value of `node` if it has no symbols and its children are folded; may raise MathFault."""
    if isinstance(node, Num):
        return float(node.value)
    if isinstance(node, Const):
        return CONSTANTS[node.name]
    if isinstance(node, Sym | Vec):
        return None
    if isinstance(node, Neg):
        return None if node.arg.const is None else -node.arg.const
    if isinstance(node, Bin):
        a, b = node.left.const, node.right.const
        return None if a is None or b is None else binary(node.op, a, b)
    x = node.arg.const
    return None if x is None else FUNCTIONS[node.func](x)
