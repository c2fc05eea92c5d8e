"""check_expression: an algebraic answer against the expected expression.

Order of work, cheapest first: parse (bounded), evaluate both trees at random points (pure
Python, a millisecond), and only if the points disagree with each other ask the sympy worker,
with a deadline. Mistakes are recognised at the same points.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from . import limits, messages, sampling
from .aliases import DEFAULT_FUNCTIONS, resolve_functions
from .errors import AnswerSyntaxError
from .mistakes import lookup
from .parser import parse, symbol_table
from .preview import error_feedback
from .symbolic import SymbolicWorker
from .sympy_bridge import from_sympy, is_sympy
from .tree import Node
from .verdict import Verdict, correct, invalid, with_mistake

_log = logging.getLogger(__name__)


def check_expression(
    text: str,
    expected: Any,
    *,
    symbols: Sequence[str],
    functions: Iterable[str] = DEFAULT_FUNCTIONS,
    mistakes: Mapping[str, Any] | None = None,
    worker: SymbolicWorker | None = None,
) -> Verdict:
    """Grade an algebraic answer; `expected` is a sympy expression or a string in the answer
    language (trusted, written by an author or a generator); so are the values of `mistakes`.

    Any equivalent form is correct (o⋅sech²(C) for o⋅(1 − tanh²(C))); decimals the learner
    rounded (0.6225 for σ(0.5)) are accepted with a note. The few answers that sampling cannot
    decide go to `worker`; without one (or if sympy cannot decide in time) they are invalid:
    "could not be decided", not counted.
    """
    names = tuple(symbols)
    funcs = resolve_functions(functions)
    want = trusted_tree(expected, names, funcs)
    traps = {key: trusted_tree(value, names, funcs) for key, value in (mistakes or {}).items()}
    for key in traps:
        lookup(key)
    try:
        node = parse(text, symbols=names, functions=funcs)
    except AnswerSyntaxError as error:
        return invalid(error_feedback(text, error), error.pos)
    try:
        return _grade(node, want, names, traps, worker)
    except Exception:
        _log.exception("check_expression failed on %r", text[:200])
        return invalid(messages.text("internal"))


@lru_cache(maxsize=512)
def trusted_tree(expected: Any, symbols: tuple[str, ...], functions: frozenset[str]) -> Node:
    """The tree of an author's or generator's expression; an error here is a content bug."""
    if is_sympy(expected):
        return from_sympy(expected, symbol_table(symbols))
    if not isinstance(expected, str):
        raise TypeError(f"expected a sympy expression or a string, not {type(expected).__name__}")
    try:
        return parse(expected, symbols=symbols, functions=functions)
    except AnswerSyntaxError as error:
        raise ValueError(f"expected answer {expected!r} does not parse: {error}") from None


def _grade(
    node: Node,
    want: Node,
    names: tuple[str, ...],
    traps: dict[str, Node],
    worker: SymbolicWorker | None,
) -> Verdict:
    at = sampling.points(names, False)
    got, ref = sampling.values(node, at), sampling.values(want, at)
    result = sampling.compare(got, ref)
    if result.valid < sampling.MIN_VALID:  # log, sqrt: try the positive half
        at = sampling.points(names, True)
        got, ref = sampling.values(node, at), sampling.values(want, at)
        result = sampling.compare(got, ref)
    if result.equal:
        return correct()
    if sampling.finite(ref) < sampling.MIN_VALID:  # the reference itself is undefined (o/0)
        return invalid(messages.text("undecidable"))
    rounding = sampling.rounding_rtol(node)
    if rounding is not None and sampling.compare(got, ref, rounding).equal:
        return correct("correct-rounded")
    # undefined (1/(o - o), log(-o²)) where the right answer is defined: wrong, no sympy needed
    undefined = result.valid < sampling.MIN_VALID and sampling.finite(ref) >= sampling.MIN_VALID
    if not (result.different or undefined):
        decided = None
        if worker is not None:
            decided = worker.equal(node, want, timeout=limits.SYMBOLIC_TIMEOUT)
        if decided is None:  # no proof either way: never count a guess, for or against
            return invalid(messages.text("undecidable"))
        if decided:
            return correct()
    mistake = _diagnose(got, ref, at, traps, rounding)
    return Verdict(
        "incorrect", 0.0, with_mistake(messages.text("incorrect-expression"), mistake), mistake
    )


def _diagnose(
    got: list[float],
    ref: list[float],
    at: Sequence[sampling.Point],
    traps: dict[str, Node],
    rounding: float | None,
) -> str | None:
    def same(values: list[float]) -> bool:
        if sampling.compare(got, values).equal:
            return True
        return rounding is not None and sampling.compare(got, values, rounding).equal

    for key, trap in traps.items():
        values = sampling.values(trap, at)
        if same(values) and not sampling.compare(values, ref).equal:
            return key
    if same([-v for v in ref]):
        return "general.sign"
    ratio = sampling.constant_ratio(got, ref)
    if ratio is not None:
        return "general.constant-factor"
    return None
