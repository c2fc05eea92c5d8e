"""Hostile input: nothing is executed, nothing grows without bound, every input gets a verdict
(the issue's corpus, plus more of the same). benchmarks/grading.py times the slowest."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tutor.answers import Verdict, check_expression, check_numbers, preview

PWNED = Path("/tmp/lstm_tutor_answers_pwned")

CODE = [
    f"__import__('os').system('touch {PWNED}')",
    "__import__('os')",
    f"exec(\"open('{PWNED}','w')\")",
    "eval('1+1')",
    "compile('1', '', 'eval')",
    "o.__class__.__bases__[0].__subclasses__()",
    "().__class__",
    "o.real",
    "getattr(o, 'real')",
    "o[0]",
    "o['a']",
    "lambda: 0",
    "lambda x: x",
    "[x for x in range(10)]",
    "(x for x in o)",
    "{1: 2}",
    "{o}",
    "'abc'",
    '"abc"',
    "o # comment",
    "o; import os",
    "o\nimport os",
    "o\\\nC",
    "os.system('ls')",
    "open('/etc/passwd').read()",
    "Symbol('x')",
    "S('1/0')",
    "sympify('x')",
    "parse_expr('x')",
    "$(ls)",
    "`ls`",
    "o if C else o",
    "o and C",
    "not o",
    "o == C",
    "(o := 1)",
    "@o",
    "o!",
    "o % 2",
    "o & C",
    "~o",
    "o << 2",
    "1_000",
    "0x10",
    "1j",
    "b'\\x00'",
    "f'{o}'",
    "%(o)s",
    "{{o}}",
    "<script>alert(1)</script>",
    "print(o)",
    "import os",
    "globals()",
    "__builtins__",
    "breakpoint()",
    "sys.exit()",
]

RESOURCES = [
    "9**9**9**9",
    "9^9^9^9",
    "factorial(10**10)",
    "10**10**10",
    "2^1000",
    "(2^100)^100",
    "((o+1)^100)^100",
    "(o+C)^100 - (C+o)^100",
    "o^(10^10)",
    "(" * 1000 + "o" + ")" * 1000,
    "(" * 39 + "o" + ")" * 39,
    "-" * 1999 + "o",
    "1" * 1_000_000,
    "o" * 1_000_000,
    "x" * (1 << 20),
    "+".join(["o"] * 900),
    "*".join(["o"] * 999),
    "-o" * 999,
    "tanh(" * 60 + "o" + ")" * 60,
    "exp(exp(exp(exp(exp(o)))))",
    "exp(exp(o))^100",
    "exp(1000)",
    "1e400",
    "1e-400",
    "1e999999999",
    "9" * 40,
    "cosh(1e100)",
    "sqrt(-1)",
    "log(0)",
    "1/0",
    "0^-1",
    "(-8)^(1/3)",
    "1/(o - o)",
    "log(o - o)",
    "sqrt(-o^2 - 1)",
    "log(log(log(log(o))))",
    "o^o^o^o^o^o^o^o",
    "exp(o^C)^exp(C^o)",
    "tanh(exp(exp(100*o)))",
    "((" * 25 + "o" + "))" * 25,
    "+".join(["o"] * 250),
    "+".join(["(o)"] * 250),
    "/".join(["o"] * 99),
    "*".join(["tanh(o)"] * 120),
    "o" * 1999,
    "oC" * 999,
    "sigmod" * 300,
]

ODD = [
    "",
    " ",
    "\t\n",
    "\x00",
    "\x07",
    "o\u200bC",
    "\u200b",
    "\ufeff",
    "\u202eo",
    "o\x00C",
    "\ud800",
    "sigmod(0.5)",
    "x^2",
    "2x",
    "sin x",
    "sin(x)",
    "tanh C",
    "σ′(z)",
    "o'",
    "😀",
    "答案",
    "o*(1-tanh(C)^2))",
    "((",
    "))",
    ",",
    "[",
    "]",
    "[[[1]]]",
    "o,",
    "..",
    "1..2",
    "--",
    "^",
    "*o",
    "o*",
    "o^",
    "=o",
    "dC = o",
    "NaN",
    "nan",
    "inf",
    "Infinity",
    "None",
    "True",
    "∞",
    "½",
    "C_",
    "C_{",
    "C_{t-1",
    "C_{}",
    "̃",
    "o" + "\u0303" * 500,
    "C_t-1",
]

CORPUS = CODE + RESOURCES + ODD
#: CPU seconds of work per input, not wall time: 40 times the slowest input measured by
#: benchmarks/grading.py, so a loaded machine cannot make it flake, yet unbounded work fails.
CPU_BOUND = 2.0

T = TypeVar("T")


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    """The result and the CPU seconds this process spent on it."""
    started = time.process_time()
    result = fn(*args, **kwargs)
    return result, time.process_time() - started


def _ids(text: str) -> str:
    return ascii(text[:30]) + (f"…({len(text)})" if len(text) > 30 else "")


@pytest.mark.parametrize("text", CORPUS, ids=_ids)
def test_expression_check_refuses_with_bounded_work(text: str) -> None:
    verdict, seconds = timed(check_expression, text, "o*(1 - tanh(C)^2)", symbols=["o", "C"])
    assert isinstance(verdict, Verdict)
    assert verdict.outcome in ("invalid", "incorrect"), verdict
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.feedback.en and verdict.feedback.zh
    assert seconds < CPU_BOUND, f"{seconds:.3f} s"
    assert not PWNED.exists()


@pytest.mark.parametrize("text", CORPUS, ids=_ids)
def test_number_check_refuses_with_bounded_work(text: str) -> None:
    verdict, seconds = timed(check_numbers, text, [0.62, 0.41], decimals=2)
    assert isinstance(verdict, Verdict)
    assert verdict.outcome in ("invalid", "incorrect", "partial"), verdict
    assert seconds < CPU_BOUND, f"{seconds:.3f} s"
    assert not PWNED.exists()


@pytest.mark.parametrize("text", CORPUS, ids=_ids)
def test_preview_never_fails(text: str) -> None:
    shown, seconds = timed(preview, text, symbols=["o", "C"])
    assert seconds < CPU_BOUND
    assert isinstance(shown.text, str)
    assert "\x00" not in shown.text and "\u202e" not in shown.text  # nothing raw reaches the screen


def test_full_width_correct_answer_is_still_correct() -> None:
    typed = "ｏ＊（１－ｔａｎｈ（Ｃ）＾２）"
    assert check_expression(typed, "o*(1 - tanh(C)^2)", symbols=["o", "C"]).outcome == "correct"
