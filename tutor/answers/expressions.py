"""check_expression: an algebraic answer against the expected expression.

Order of work, cheapest first: parse (bounded), evaluate both trees at fixed random points
with a bound on the float error (pure Python, a millisecond; decides nearly every answer),
and only if too few points are free of float noise ask the sympy worker, with a deadline.
Answers are exact: a decimal typed in a formula is the number it says, never a rounding.
Mistakes are recognised at the same points.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from . import messages, sampling
from .aliases import DEFAULT_FUNCTIONS, resolve_functions
from .errors import AnswerSyntaxError
from .limits import MAX_ROUNDED_LITERALS, SYMBOLIC_TIMEOUT
from .mistakes import lookup
from .parser import parse, symbol_table
from .preview import error_feedback
from .printer import pretty_symbol
from .symbolic import SymbolicWorker
from .sympy_bridge import from_sympy, is_sympy
from .tree import Node, Num, decimal_literals, half_unit, substituted, symbols_in
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

    Any equivalent form is correct (o⋅sech²(C) for o⋅(1 − tanh²(C)), 0.25⋅f for f/4); a
    rounded decimal (0.6225 for σ(0.5)) is not, and is named as such. The few answers that
    sampling cannot decide go to `worker`; without one, or if sympy cannot decide in time,
    they are invalid ("could not be decided"), never counted.
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
    ref = sampling.values(want, at)
    if sampling.defined(ref) < sampling.MIN_INFORMATIVE:  # log, sqrt: a positive question
        at = sampling.points(names, True)
        ref = sampling.values(want, at)
        if sampling.defined(ref) < sampling.MIN_INFORMATIVE:  # the reference itself (o/0)
            return invalid(messages.text("undecidable"))
    got = sampling.values(node, at)
    result = sampling.compare(got, ref)
    if result.equal:
        return correct()
    if not result.different:  # too few points free of float noise: only sympy can say
        decided = None if worker is None else worker.equal(node, want, timeout=SYMBOLIC_TIMEOUT)
        if decided is None:  # no proof either way: never count a guess, for or against
            return invalid(messages.text("undecidable"))
        if decided:
            return correct()
    mistake = _diagnose(node, got, ref, at, traps)
    feedback = with_mistake(messages.text("incorrect-expression"), mistake)
    if mistake is None and result.undefined and result.witness is not None:
        point = at[result.witness]
        shown = sorted(symbols_in(node) | symbols_in(want), key=names.index)
        where = ", ".join(f"{pretty_symbol(name)} = {point[name]:.3g}" for name in shown)
        feedback = messages.join(feedback, messages.text("undefined-at", point=where))
    return Verdict("incorrect", 0.0, feedback, mistake)


def _diagnose(
    node: Node,
    got: list[sampling.Value],
    ref: list[sampling.Value],
    at: Sequence[sampling.Point],
    traps: dict[str, Node],
) -> str | None:
    for key, trap in traps.items():
        values = sampling.values(trap, at)
        if sampling.compare(got, values).equal and not sampling.compare(values, ref).equal:
            return key
    if sampling.compare(got, sampling.negated(ref)).equal:
        return "general.sign"
    if sampling.constant_ratio(got, ref) is not None:
        return "general.constant-factor"
    slack = _rounding_slack(node, got, at)
    if slack is not None and sampling.compare(got, ref, slack).equal:
        return "general.inexact-decimal"
    return None


def _rounding_slack(
    node: Node, got: list[sampling.Value], at: Sequence[sampling.Point]
) -> list[float] | None:
    """How far the answer moves at each point when each decimal typed in it moves by half a
    unit in its last place (0.6225 stands for anything from 0.62245 to 0.62255); None if it
    has no such decimal (or too many to try)."""
    typed = [n for n in decimal_literals(node) if "." in n.text]
    if not typed or len(typed) > MAX_ROUNDED_LITERALS:
        return None
    slack = [0.0] * len(at)
    for literal in typed:
        shifted = literal.value + Fraction(half_unit(literal.text))
        moved = sampling.values(substituted(node, literal, Num(shifted, literal.text)), at)
        for k, (a, b) in enumerate(zip(got, moved, strict=True)):
            slack[k] += math.inf if isinstance(a, str) or isinstance(b, str) else abs(b[0] - a[0])
    return slack
