"""The public surface: names, import cost, catalog, messages, help, preview."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest

import tutor.answers as answers
from tutor.answers import CATALOG, HELP, Preview, Verdict, messages, preview
from tutor.i18n import Text

ROOT = Path(__file__).resolve().parents[2]


def test_importing_loads_neither_sympy_nor_numpy() -> None:
    code = (
        "import sys, tutor.answers as a; "
        "a.check_numbers('0.5', 0.5); a.check_expression('2o', 'o*2', symbols=['o']); "
        "a.preview('o', symbols=['o']); "
        "print('sympy' in sys.modules, 'numpy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_public_names() -> None:
    for name in ["check_numbers", "check_expression", "preview", "Verdict", "Preview", "CATALOG",
                 "Mistake", "HELP", "DEFAULT_FUNCTIONS", "SymbolicWorker"]:  # fmt: skip
        assert name in answers.__all__
        assert hasattr(answers, name)


def test_verdict_and_preview_are_frozen() -> None:
    verdict = answers.check_numbers("0.5", 0.5)
    assert isinstance(verdict, Verdict)
    with pytest.raises(AttributeError):
        verdict.outcome = "incorrect"  # type: ignore[misc]
    assert isinstance(preview("o", symbols=["o"]), Preview)


REQUIRED = [
    "lstm.candidate-sigmoid",
    "lstm.h-missing-tanh",
    "lstm.c-current-for-prev",
    "lstm.dc-missing-output-term",
    "lstm.gate-order-pytorch",
    "lstm.gate-order-cs231n",
    "lstm.gate-order-document",
    "lstm.concat-order",
    "lstm.forgot-bias",
    "lstm.sigmoid-derivative",
    "lstm.tanh-derivative",
    "lstm.dc-prev-missing-forget",
    "lstm.h-current-for-prev",
    "general.sign",
    "numeric.rounded-too-early",
]


def test_catalog() -> None:
    assert set(REQUIRED) <= set(CATALOG)
    for key, mistake in CATALOG.items():
        assert mistake.id == key
        assert key.startswith(mistake.family + ".")
        for text in (mistake.feedback, mistake.title):
            assert isinstance(text, Text) and text.zh and text.en
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh)


def test_every_message_has_the_same_fields_in_both_languages() -> None:
    for code, (en, zh) in messages._TEMPLATES.items():
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert fields_en == fields_zh, code


def test_help_documents_the_language_in_both_languages() -> None:
    assert isinstance(HELP, Text)
    for text in (HELP.zh, HELP.en):
        for example in [
            "C_{t-1}",
            "C_prev",
            "tanh²(C)",
            "σ(z)(1-σ(z))",
            "[[0.1, 0.2], [0.3, 0.4]]",
        ]:
            assert example in text


def test_preview_shows_the_understood_answer() -> None:
    shown = preview("o*(1-tanh(C)^2)", symbols=["o", "C"])
    assert shown == Preview(True, "o⋅(1 − tanh²(C))")
    assert preview("σ(z)(1-σ(z))", symbols=["z"]).text == "σ(z)⋅(1 − σ(z))"
    assert preview("0.62, 0.41").text == "[0.62, 0.41]"
    assert (
        preview("f*c_prev + i*Ctilde", symbols=["f", "i", "C_prev", "C_tilde"]).text
        == "f⋅Cₜ₋₁ + i⋅C̃"
    )


def test_preview_error_has_a_caret_under_the_problem() -> None:
    shown = preview("o*(1-tanh(C)^2", symbols=["o", "C"])
    assert not shown.ok and shown.error_pos == 2
    assert shown.text.splitlines()[:2] == ["o*(1-tanh(C)^2", "  ^"]
    assert shown.message is not None and "没有闭合" in shown.message.zh
    assert "没有闭合" in preview("o*(o", symbols=["o"], lang="zh").text


def test_caret_counts_wide_characters_twice() -> None:
    shown = preview("（o + x", symbols=["o"])
    line, caret = shown.text.splitlines()[:2]
    assert line == "（o + x"
    assert caret == " " * 6 + "^"  # （ is two columns wide


def test_preview_never_says_whether_it_is_right() -> None:
    right = preview("o*sech(C)^2", symbols=["o", "C"])
    wrong = preview("o*tanh(C)", symbols=["o", "C"])
    assert right.ok and wrong.ok
    assert "correct" not in (right.text + wrong.text).lower()


def test_no_module_can_execute_text() -> None:
    """A static guard: nothing in tutor/answers calls eval, exec, compile or sympy's parsers."""
    import ast

    banned = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__", "lambdify"}
    package = ROOT / "tutor" / "answers"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                owner = getattr(getattr(func, "value", None), "id", None)
                if owner == "re":  # re.compile builds a regular expression, not code
                    continue
                assert name not in banned, f"{path.name}:{node.lineno} calls {name}"


def test_worker_builds_only_whitelisted_trees() -> None:
    import sympy

    from tutor.answers import symbolic_worker

    for tree in (
        ["call", "__import__", ["sym", "o"]],
        ["eval", "1 + 1"],
        ["bin", "**", ["sym", "o"], ["sym", "o"]],
        ["num", "1", 1],
        ["const", "E"],
    ):
        with pytest.raises((KeyError, ValueError)):
            symbolic_worker.build(tree, sympy, {})
    built = symbolic_worker.build(["bin", "^", ["sym", "o"], ["num", 2, 1]], sympy, {})
    assert built == sympy.Symbol("o", real=True) ** 2
