"""The answer tree: a few immutable node types, nothing a learner can make executable.

Every node keeps `pos` (index in the learner's original text, for caret messages) and `const`,
its float value when it contains no symbol (None otherwise); the parser fills `const` so that
bounds on numbers are checked while parsing and numeric answers need no further evaluation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

BINARY_OPS = ("+", "-", "*", "/", "^")


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction  # exact, so 0.3 means 3/10 in the symbolic check
    text: str = field(default="", compare=False)  # as typed: 0.50 and 0.5 are the same number
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "e" or "pi"
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Sym:
    name: str  # the question's canonical symbol name
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Node
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Bin:
    op: str  # one of BINARY_OPS
    left: Node
    right: Node
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)
    implicit: bool = field(default=False, compare=False)  # typed as juxtaposition: 2o


@dataclass(frozen=True, slots=True)
class Call:
    func: str  # canonical function name, see aliases.KNOWN_FUNCTIONS
    arg: Node
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Vec:
    items: tuple[Node, ...]
    pos: int = field(default=0, compare=False)
    const: float | None = field(default=None, compare=False)


Node = Num | Const | Sym | Neg | Bin | Call | Vec


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Neg | Call):
        return (node.arg,)
    if isinstance(node, Bin):
        return (node.left, node.right)
    if isinstance(node, Vec):
        return node.items
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node, parents first (iterative: trees are bounded but need no recursion here)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def symbols_in(node: Node) -> frozenset[str]:
    return frozenset(n.name for n in walk(node) if isinstance(n, Sym))


def places(text: str) -> int:
    """Decimal places a literal is typed to: 0.620 → 3, 1e-3 → 3, 104 → 0, 1.04e2 → 0."""
    mantissa, _, exponent = text.lower().partition("e")
    return len(mantissa.partition(".")[2]) - int(exponent or 0)


def half_unit(text: str) -> float:
    """Half a unit in the last typed place: how far a rounded literal may be off (0.62: 0.005)."""
    return 0.5 * 10.0 ** -places(text)


def decimal_literals(node: Node) -> list[Num]:
    """Literals typed with a fractional part, e.g. 0.62 (not 2 or 1e-3 given exactly)."""
    return [n for n in walk(node) if isinstance(n, Num) and n.value.denominator != 1]


def substituted(root: Node, old: Node, new: Node) -> Node:
    """`root` with the node `old` (by identity) replaced by `new`; the folded constants of its
    ancestors are dropped, so that evaluation sees the change."""
    if root is old:
        return new
    if isinstance(root, Neg | Call):
        arg = substituted(root.arg, old, new)
        return root if arg is root.arg else replace(root, arg=arg, const=None)
    if isinstance(root, Bin):
        left, right = substituted(root.left, old, new), substituted(root.right, old, new)
        if left is root.left and right is root.right:
            return root
        return replace(root, left=left, right=right, const=None)
    if isinstance(root, Vec):
        items = tuple(substituted(item, old, new) for item in root.items)
        return replace(root, items=items, const=None)
    return root


def to_json(node: Node) -> Any:
    """A JSON-able form for the symbolic worker: lists of kind and operands, numbers as p/q."""
    if isinstance(node, Num):
        return ["num", node.value.numerator, node.value.denominator]
    if isinstance(node, Const):
        return ["const", node.name]
    if isinstance(node, Sym):
        return ["sym", node.name]
    if isinstance(node, Neg):
        return ["neg", to_json(node.arg)]
    if isinstance(node, Bin):
        return ["bin", node.op, to_json(node.left), to_json(node.right)]
    if isinstance(node, Call):
        return ["call", node.func, to_json(node.arg)]
    raise TypeError(f"cannot send {type(node).__name__} to the symbolic worker")
