"""Properties over random text and random well-formed answers."""

from __future__ import annotations

import time
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.answers import check_expression, check_numbers, preview
from tutor.answers.errors import AnswerSyntaxError
from tutor.answers.parser import parse
from tutor.answers.printer import plain, pretty
from tutor.answers.tree import Bin, Call, Const, Neg, Node, Num, Sym

SYMBOLS = ["o", "C", "C_prev", "f", "z"]
FUNCTIONS = ["sigmoid", "tanh", "exp", "log", "sqrt", "cosh", "sech"]
#: CPU seconds of work per check, not wall time: generous (benchmarks/grading.py measures a
#: few milliseconds), so it cannot flake on a loaded machine, yet catches unbounded work.
CPU_BOUND = 2.0
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text made of the characters the language uses, plus a little of everything else
_ALPHABET = st.sampled_from(
    list("oCfz0123456789.+-*/^()[], _{}etanhsigmoexpqrlcσ⊙−²⁻ₜ₋₁√\u0303\u200b（＊';=\x00")
)
texts = st.one_of(st.text(_ALPHABET, max_size=60), st.text(max_size=60))


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> Node:
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        kind = draw(st.sampled_from(["sym", "sym", "int", "dec", "const"]))
        if kind == "sym":
            return Sym(draw(st.sampled_from(SYMBOLS)))
        if kind == "int":
            value = draw(st.integers(0, 12))
            return Num(Fraction(value), str(value))
        if kind == "dec":
            text = draw(st.sampled_from(["0.5", "0.25", "1.5", "2.75", "1e-3"]))
            return Num(Fraction(text), text)
        return Const(draw(st.sampled_from(["e", "pi"])))
    kind = draw(st.sampled_from(["bin", "bin", "bin", "neg", "call", "pow"]))
    if kind == "neg":
        return Neg(draw(trees(depth + 1)))
    if kind == "call":
        return Call(draw(st.sampled_from(FUNCTIONS)), draw(trees(depth + 1)))
    if kind == "pow":
        exponent = draw(st.integers(1, 4))
        return Bin("^", draw(trees(depth + 1)), Num(Fraction(exponent), str(exponent)))
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    return Bin(op, draw(trees(depth + 1)), draw(trees(depth + 1)))


def _parses(text: str) -> Node | None:
    try:
        return parse(text, symbols=SYMBOLS)
    except AnswerSyntaxError:
        return None


@FAST
@given(texts)
def test_any_text_gets_a_verdict_quickly(text: str) -> None:
    started = time.process_time()
    verdict = check_expression(text, "o*(1 - tanh(C)^2)", symbols=SYMBOLS)
    assert time.process_time() - started < CPU_BOUND
    assert verdict.outcome in ("correct", "incorrect", "invalid")
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.feedback.zh and verdict.feedback.en
    counted = check_numbers(text, [0.5, 0.25], decimals=2)
    assert counted.outcome in ("correct", "partial", "incorrect", "invalid")


@FAST
@given(texts)
def test_preview_agrees_with_the_parser(text: str) -> None:
    shown = preview(text, symbols=SYMBOLS)
    assert shown.ok == (_parses(text) is not None)
    if not shown.ok:
        assert shown.error_pos is not None and 0 <= shown.error_pos <= len(text)
        assert "^" in shown.text


@settings(max_examples=200, deadline=None)
@given(trees())
def test_printed_answers_parse_back_to_the_same_tree(tree: Node) -> None:
    node = _parses(plain(tree))
    if node is None:  # a constant part that overflows or divides by zero is refused
        return
    assert node == tree
    assert parse(pretty(tree), symbols=SYMBOLS) == tree


@settings(max_examples=60, deadline=None)
@given(trees(), trees())
def test_rearranged_answers_are_correct(a: Node, b: Node) -> None:
    original, swapped = plain(Bin("*", a, b)), plain(Bin("*", b, a))
    if _parses(original) is None:
        return
    verdict = check_expression(swapped, original, symbols=SYMBOLS)
    # an answer undefined at nearly every sampled point may be "could not be decided" (invalid)
    assert verdict.outcome in ("correct", "invalid"), (original, swapped, verdict)
    assert verdict.outcome == "correct" or "could not be decided" in verdict.feedback.en
    same = check_expression(original, original, symbols=SYMBOLS)
    assert same.outcome in ("correct", "invalid")
