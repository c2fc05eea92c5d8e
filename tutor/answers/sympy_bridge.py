"""Turn a trusted sympy expression (from an exercise generator) into an answer tree.

Only called with an object that is already a sympy expression, so sympy is already imported by
the caller; this module imports it lazily and never parses text with it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .aliases import SymbolTable
from .arith import MathFault, fold
from .tree import Bin, Call, Const, Neg, Node, Num, Sym

_FUNCTIONS = {"tanh": "tanh", "exp": "exp", "log": "log", "cosh": "cosh", "sinh": "sinh",
              "sech": "sech"}  # fmt: skip


def is_sympy(value: object) -> bool:
    return type(value).__module__.startswith("sympy")


def from_sympy(expr: Any, table: SymbolTable) -> Node:
    """The tree of `expr`; ValueError for anything outside the answer language."""
    import sympy as sp

    def number(value: Fraction) -> Node:
        text = (
            str(value.numerator)
            if value.denominator == 1
            else f"{value.numerator}/{value.denominator}"
        )
        node: Node = Num(abs(value), text.lstrip("-"), const=float(abs(value)))
        return Neg(node, const=-float(abs(value))) if value < 0 else node

    def folded(node: Node) -> Node:
        try:
            value = fold(node)
        except MathFault as fault:
            raise ValueError(f"{expr} is not finite ({fault.code})") from None
        return node if value is None else _with_const(node, value)

    def balanced(op: str, args: list[Node]) -> Node:
        """a + b + c + d as (a + b) + (c + d): a long sum stays shallow."""
        if len(args) == 1:
            return args[0]
        middle = len(args) // 2
        return folded(Bin(op, balanced(op, args[:middle]), balanced(op, args[middle:])))

    def walk(e: Any) -> Node:
        if isinstance(e, sp.Rational):
            return number(Fraction(int(e.p), int(e.q)))
        if isinstance(e, sp.Float):
            return number(Fraction(float(e)))
        if e is sp.E:
            return folded(Const("e"))
        if e is sp.pi:
            return folded(Const("pi"))
        if isinstance(e, sp.Symbol):
            name = table.resolve(e.name)
            if name is None:
                raise ValueError(f"symbol {e.name!r} is not among {list(table.names)}")
            return Sym(name)
        if isinstance(e, sp.Add | sp.Mul):
            return balanced("+" if isinstance(e, sp.Add) else "*", [walk(a) for a in e.args])
        if isinstance(e, sp.Pow):
            base, exponent = e.args
            if exponent == sp.Rational(1, 2):
                return folded(Call("sqrt", walk(base)))
            return folded(Bin("^", walk(base), walk(exponent)))
        if isinstance(e, sp.exp):
            return folded(Call("exp", walk(e.args[0])))
        if isinstance(e, sp.Function) and len(e.args) == 1:
            name = type(e).__name__
            if name in _FUNCTIONS:
                return folded(Call(_FUNCTIONS[name], walk(e.args[0])))
            if name.lower() in ("sigmoid", "sigma", "logistic"):
                return folded(Call("sigmoid", walk(e.args[0])))
        raise ValueError(f"{type(e).__name__} ({e}) is not in the answer language")

    if not isinstance(expr, sp.Basic):
        raise TypeError(f"expected a sympy expression, not {type(expr).__name__}")
    return walk(expr)


def _with_const(node: Node, value: float) -> Node:
    import dataclasses

    return dataclasses.replace(node, const=value)
