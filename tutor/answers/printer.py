"""Print answer trees: `pretty` for the preview (o⋅(1 − tanh²(C))), `plain` in ASCII.

Both outputs parse back to the same tree (the preview shows exactly what was understood, with
an explicit ⋅ for every product, typed or implied).
"""

from __future__ import annotations

from .aliases import GREEK_LETTER, TILDE, name_key
from .limits import MAX_FUNCTION_POWER
from .tree import Bin, Call, Const, Neg, Node, Num, Sym, Vec

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}
_ATOM = 5
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = str.maketrans("0123456789+-t", "₀₁₂₃₄₅₆₇₈₉₊₋ₜ")
_PRETTY_FUNCTION = {"sigmoid": "σ", "sqrt": "√"}
_PRETTY_CONSTANT = {"e": "e", "pi": "π"}


def _precedence(node: Node) -> int:
    if isinstance(node, Bin):
        return _PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return _PRECEDENCE["neg"]
    return _ATOM


def pretty_symbol(name: str) -> str:
    """C_prev -> Cₜ₋₁, C_tilde -> C̃, sigma -> σ, W_f -> W_f."""
    key = name_key(name)
    if key is None:
        return name
    out = GREEK_LETTER.get(key.base, key.base) + (TILDE if key.tilde else "")
    if key.time == "prev":
        out += "ₜ₋₁"
    elif key.time == "next":
        out += "ₜ₊₁"
    for part in key.extra:
        if all(c in "0123456789+-t" for c in part):
            out += part.translate(_SUBSCRIPT)
        else:
            out += "_" + (part if part.isalnum() else "{" + part + "}")
    return out


def _small_integer(node: Node) -> int | None:
    """2 in x^2, -1 in x^-1: exponents shown as superscripts."""
    if isinstance(node, Num) and node.value.denominator == 1 and 0 <= node.value < 100:
        return int(node.value)
    if isinstance(node, Neg) and isinstance(node.arg, Num):
        inner = _small_integer(node.arg)
        return None if inner is None else -inner
    return None


class _Printer:
    def __init__(self, pretty: bool) -> None:
        self.fancy = pretty
        self.times = "⋅" if pretty else "*"
        self.minus = "−" if pretty else "-"

    def __call__(self, node: Node) -> str:
        if isinstance(node, Num):
            return node.text if node.text else str(node.value)
        if isinstance(node, Const):
            return _PRETTY_CONSTANT[node.name] if self.fancy else node.name
        if isinstance(node, Sym):
            return pretty_symbol(node.name) if self.fancy else node.name
        if isinstance(node, Vec):
            return "[" + ", ".join(self(item) for item in node.items) + "]"
        if isinstance(node, Neg):
            return self.minus + self.wrap(node.arg, _PRECEDENCE["neg"], strict=True)
        if isinstance(node, Call):
            return self.call(node, power="")
        return self.binary(node)

    def wrap(self, node: Node, level: int, strict: bool = False) -> str:
        """`node` as an operand at `level`, parenthesised when it binds more loosely."""
        inner = _precedence(node)
        if inner < level or (strict and inner == level):
            return "(" + self(node) + ")"
        return self(node)

    def call(self, node: Call, power: str) -> str:
        name = _PRETTY_FUNCTION.get(node.func, node.func) if self.fancy else node.func
        return f"{name}{power}({self(node.arg)})"

    def binary(self, node: Bin) -> str:
        level = _PRECEDENCE[node.op]
        if node.op == "^":
            return self.power(node)
        left = self.wrap(node.left, level)
        # a − (b + c), a/(b⋅c), a⋅(−b): the right operand needs brackets at equal precedence
        if isinstance(node.right, Neg):
            right = "(" + self(node.right) + ")"
        else:
            right = self.wrap(node.right, level, strict=True)
        if node.op == "*":
            return f"{left}{self.times}{right}"
        if node.op == "/":
            return f"{left}/{right}"
        sign = self.minus if node.op == "-" else "+"
        return f"{left} {sign} {right}"

    def power(self, node: Bin) -> str:
        small = _small_integer(node.right) if self.fancy else None
        left = node.left
        # tanh²(C); but √²(x) would not parse back
        if (
            isinstance(left, Call)
            and left.func != "sqrt"
            and small
            and 0 < small <= MAX_FUNCTION_POWER
        ):
            return self.call(left, power=str(small).translate(_SUPERSCRIPT))
        base = self(node.left) if _precedence(node.left) == _ATOM else "(" + self(node.left) + ")"
        if small is not None:
            return base + str(small).translate(_SUPERSCRIPT)
        exponent = self(node.right)
        if _precedence(node.right) < _ATOM:
            exponent = "(" + exponent + ")"
        return f"{base}^{exponent}"


def pretty(node: Node) -> str:
    return _Printer(pretty=True)(node)


def plain(node: Node) -> str:
    return _Printer(pretty=False)(node)
