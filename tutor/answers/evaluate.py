"""An answer tree at one point, with a bound on the rounding error of the float arithmetic.

Two equivalent forms differ at a point by no more than their rounding errors; two different
ones, nearly always by more. So a comparison can be as strict as machine precision where the
arithmetic is well conditioned (1 − tanh²(0.3)) and stays honest where it is not (1 − tanh²(8),
exp(40·o) + 1 − exp(40·o)), instead of one fixed tolerance that is either too loose to tell
a near miss or too tight for cancellation. The bound is first order (errors of the inputs
times the derivative, plus one rounding per operation); the caller adds a safety factor.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from .arith import CONSTANTS, FUNCTIONS, MathFault, binary
from .tree import Bin, Call, Const, Neg, Node, Num, Sym

UNIT = 2.0**-53  # unit roundoff of float64: one rounding moves a value by at most this, relative
_LIBRARY = 4 * UNIT  # math.exp, math.tanh … are within an ulp or two

Bounded = tuple[float, float]  # (value, bound on its absolute rounding error)
Compiled = Callable[[Mapping[str, float]], Bounded]


# |f'(x)| from x and y = f(x), each safe where f itself is finite
_SLOPES: dict[str, Callable[[float, float], float]] = {
    "sigmoid": lambda x, y: y * (1.0 - y),
    "tanh": lambda x, y: FUNCTIONS["sech"](x) ** 2,
    "exp": lambda x, y: y,
    "log": lambda x, y: 1.0 / abs(x),
    "sqrt": lambda x, y: math.inf if y == 0.0 else 0.5 / y,
    "cosh": lambda x, y: abs(math.sinh(x)),
    "sinh": lambda x, y: math.cosh(x),
    "sech": lambda x, y: y * abs(math.tanh(x)),
}


def _bounded(value: float, error: float) -> Bounded:
    return value, error if error == error else math.inf  # 0 · inf is no bound at all


def _binary(op: str, a: Bounded, b: Bounded) -> Bounded:
    (x, ex), (y, ey) = a, b
    value = binary(op, x, y)
    rounding = UNIT * abs(value)
    if op in "+-":
        return _bounded(value, ex + ey + rounding)
    if op == "*":
        return _bounded(value, abs(x) * ey + abs(y) * ex + ex * ey + rounding)
    if op == "/":
        if ey >= abs(y):  # the divisor could be zero within its error
            return value, math.inf
        return _bounded(value, (ex + abs(value) * ey) / (abs(y) - ey) + rounding)
    # x^y: through the exponent only when it carries an error (it is a constant nearly always)
    error = abs(value * y / x) * ex if x != 0.0 else (math.inf if ex else 0.0)
    if ey:
        error = error + abs(value * math.log(x)) * ey if x > 0.0 else math.inf
    return _bounded(value, error + _LIBRARY * abs(value))


def _call(func: str, a: Bounded) -> Bounded:
    x, ex = a
    value = FUNCTIONS[func](x)
    if func in ("log", "sqrt") and ex >= abs(x):  # the argument could cross 0 within its error
        return value, math.inf
    slope = _SLOPES[func](x, value) if ex else 0.0
    return _bounded(value, slope * ex + _LIBRARY * abs(value))


def compile_bounded(node: Node) -> Compiled:
    """A closure giving (value, error bound) of `node` at a point; raises MathFault where the
    answer is undefined (a log or root of a negative, a division by zero) or overflows."""
    if isinstance(node, Num):
        value = float(node.value)  # 0.1 and 1/3 are off by their rounding, 2 and 0.25 exact
        literal = (value, 0.0 if Fraction(value) == node.value else UNIT * abs(value))
        return lambda env: literal
    if isinstance(node, Const):
        constant = (CONSTANTS[node.name], UNIT * CONSTANTS[node.name])
        return lambda env: constant
    if node.const is not None:  # a folded part without symbols: its value and error, once
        folded = _unfolded(node)({})
        return lambda env: folded
    if isinstance(node, Sym):
        name = node.name
        return lambda env: (env[name], 0.0)  # the point itself is exact
    if isinstance(node, Neg):
        arg = compile_bounded(node.arg)

        def negated(env: Mapping[str, float]) -> Bounded:
            value, error = arg(env)
            return -value, error

        return negated
    if isinstance(node, Bin):
        op, left, right = node.op, compile_bounded(node.left), compile_bounded(node.right)
        return lambda env: _binary(op, left(env), right(env))
    if isinstance(node, Call):
        func, inner = node.func, compile_bounded(node.arg)
        return lambda env: _call(func, inner(env))
    raise TypeError(f"cannot evaluate {type(node).__name__}")


def _unfolded(node: Node) -> Compiled:
    """compile_bounded of a node whose folded value is ignored (its children's are not)."""
    return compile_bounded(dataclasses.replace(node, const=None))


__all__ = ["UNIT", "Bounded", "MathFault", "compile_bounded"]
