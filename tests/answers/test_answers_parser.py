"""The answer language: normalisation, names, grammar, bounds, printing."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tutor.answers import limits
from tutor.answers.aliases import SymbolTable, name_key
from tutor.answers.errors import AnswerSyntaxError
from tutor.answers.normalize import normalize
from tutor.answers.parser import parse
from tutor.answers.printer import plain, pretty
from tutor.answers.tree import Bin, Call, Num, Sym, Vec

LSTM = ["o", "C", "C_prev", "f", "i", "C_tilde", "z", "h_prev", "dC_next"]


def understood(text: str, symbols: list[str] = LSTM, **kw: object) -> str:
    return plain(parse(text, symbols=symbols, **kw))  # type: ignore[arg-type]


def error(text: str, symbols: list[str] = LSTM, **kw: object) -> AnswerSyntaxError:
    with pytest.raises(AnswerSyntaxError) as info:
        parse(text, symbols=symbols, **kw)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [
        ("o*(1-tanh(C)^2)", "o*(1 - tanh(C)^2)"),
        ("o*(1-tanh(C)**2)", "o*(1 - tanh(C)^2)"),
        ("o⋅(1 − tanh²(C))", "o*(1 - tanh(C)^2)"),
        ("o(1 - tanh^2(C))", "o*(1 - tanh(C)^2)"),
        ("2o", "2*o"),
        ("o tanh(C)", "o*tanh(C)"),
        ("σ(z)(1-σ(z))", "sigmoid(z)*(1 - sigmoid(z))"),
        ("sigmoid(z)", "sigmoid(z)"),
        ("f ⊙ C_{t-1} + i ⊙ C̃", "f*C_prev + i*C_tilde"),
        ("f·Cₜ₋₁ + i×Ctilde", "f*C_prev + i*C_tilde"),
        ("f*c_prev", "f*C_prev"),
        ("f*C_(t-1)", "f*C_prev"),
        ("f*C_prev + i*C_tilde_t", "f*C_prev + i*C_tilde"),
        ("Ct + h_{t-1}", "C + h_prev"),
        ("dC_{t+1}", "dC_next"),
        ("-o^2", "-o^2"),
        ("2^3^2", "2^(3^2)"),
        ("C^-1", "C^(-1)"),
        ("C⁻¹", "C^(-1)"),
        ("e^(-z)", "e^(-z)"),
        ("√(o) + √o", "sqrt(o) + sqrt(o)"),
        ("ln(o)", "log(o)"),
        ("ｏ＊（１－Ｃ）", "o*(1 - C)"),
        ("o\u200b*C", "o*C"),
        ("o\n*C", "o*C"),
        ("C_t - 1", "C - 1"),
        ("3/4", "3/4"),
        ("1e-3", "1e-3"),
        (".5o", ".5*o"),
    ],
)
def test_spellings(typed: str, meaning: str) -> None:
    assert understood(typed) == meaning


def test_sigma_as_symbol_and_function() -> None:
    symbols = ["sigma", "z"]
    assert understood("σ(1-σ)", symbols) == "sigma*(1 - sigma)"
    assert understood("sigma*(1 - sigma)", symbols) == "sigma*(1 - sigma)"
    assert understood("σ(z)", symbols) == "sigmoid(z)"
    assert understood("σ²", symbols) == "sigma^2"


def test_numbers_are_exact() -> None:
    node = parse("0.3")
    assert isinstance(node, Num) and node.value == Fraction(3, 10)
    assert parse("1e-3").const == pytest.approx(1e-3)
    assert parse("3/4").const == 0.75


def test_lists_only_where_asked() -> None:
    assert parse("0.62, 0.41", lists=True) == Vec((Num(Fraction("0.62")), Num(Fraction("0.41"))))
    assert isinstance(parse("[[1, 2], [3, 4]]", lists=True), Vec)
    assert isinstance(parse("[0.5]", lists=True), Vec)
    assert isinstance(parse("[1, 2,]", lists=True), Vec)
    assert error("0.62, 0.41", []).code == "list-not-allowed"
    assert error("[[[1]]]", [], lists=True).code == "list-too-deep"
    assert error("0.62 0.41", [], lists=True).code == "two-numbers"
    assert error("1,,2", [], lists=True).code == "empty-item"


@pytest.mark.parametrize(
    ("typed", "code", "pos"),
    [
        ("", "empty", 0),
        ("   ", "empty", 0),
        ("o*(1-tanh(C)^2", "unclosed-paren", 2),
        ("o)", "unmatched-close", 1),
        ("sigmod(0.5)", "unknown-name", 0),
        ("x^2", "unknown-name", 0),
        ("2x", "unknown-name", 1),
        ("oC", "unknown-name", 0),
        ("sin x", "not-available", 0),
        ("tanh C", "call-needs-parens", 0),
        ("tanh^-1(C)", "function-power", 4),
        ("1/2o", "ambiguous-division", 3),
        ("C_t-1", "ambiguous-prev", 0),
        ("Ct-1", "ambiguous-prev", 0),
        ("__import__('os')", "unexpected-char", 0),
        ("o'", "quote", 1),
        ("σ′(z)", "derivative", 0),
        ("dC = o", "equals", 3),
        ("o;C", "separator", 1),
        ("o\x07", "invisible-char", 1),
        ("o\u202eC", "invisible-char", 1),
        ("tanh(o, C)", "one-argument", 6),
        ("C_", "subscript", 1),
        ("1/0", "division-by-zero", 1),
        ("log(0)", "not-real", 0),
        ("exp(1000)", "overflow", 0),
        ("*o", "expected-operand", 0),
        ("o*", "expected-operand", 2),
        ("9**9**9**9", "exponent-too-large", 6),
        ("2^1000", "exponent-too-large", 2),
        ("1e400", "number-range", 0),
        ("1" * 40, "number-too-long", 0),
        ("（o", "unclosed-paren", 0),
    ],
)
def test_errors_say_what_and_where(typed: str, code: str, pos: int) -> None:
    err = error(typed)
    assert (err.code, err.pos) == (code, pos)
    assert err.texts.en and err.texts.zh


def test_suggestions() -> None:
    assert "sigmoid" in error("sigmod(z)").texts.en
    assert "o*C" in error("oC").texts.en
    assert "o^2" in error("o2").texts.en
    assert "Only numbers" in error("x", []).texts.en


def test_bounds() -> None:
    with pytest.raises(AnswerSyntaxError) as info:
        parse("o" * (limits.MAX_LENGTH + 1), symbols=["o"])
    assert info.value.code == "too-long"
    assert error("(" * 100 + "o" + ")" * 100).code == "too-deep"
    assert error("-" * 100 + "o").code == "too-deep"
    assert error("*".join(["(o+o+o+o+o+o+o+o)"] * 40)).code == "too-complex"
    assert error("+".join(["o"] * 150)).code == "too-tall"
    assert error("[" + ", ".join(["-1"] * 300) + "]", [], lists=True).code == "too-complex"
    parse("[" + ", ".join(["-1"] * 200) + "]", lists=True)  # wide is fine, deep is not
    assert error("o^" * 60 + "o").code == "too-deep"
    parse("(" * 30 + "o" + ")" * 30, symbols=["o"])  # reasonable nesting is fine


def test_positions_refer_to_the_original_text() -> None:
    # the superscript, the full-width characters and the combining tilde change lengths
    assert error("tanh²(C) + ｘ").pos == 11
    assert error("C̃ + x").pos == 5


def test_symbol_table() -> None:
    table = SymbolTable(["C", "C_prev", "C_tilde", "sigma", "W_f"])
    assert table.resolve("C_{t-1}") == "C_prev"
    assert table.resolve("c_{t-1}") == "C_prev"
    assert table.resolve("C̃_t") == "C_tilde"
    assert table.resolve("σ") == "sigma"
    assert table.resolve("W_f") == "W_f"
    assert table.resolve("W_i") is None
    assert SymbolTable(["c", "C"]).resolve("c") == "c"
    assert SymbolTable(["c", "C"]).resolve("C") == "C"
    with pytest.raises(ValueError, match="same thing"):
        SymbolTable(["C", "C_t"])
    assert name_key("C_{t-1}") == name_key("C_prev")


def test_tree_shapes() -> None:
    node = parse("tanh²(C)", symbols=["C"])
    assert isinstance(node, Bin) and node.op == "^" and isinstance(node.left, Call)
    assert parse("C_prev", symbols=LSTM) == Sym("C_prev")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("o*(1-tanh(C)^2)", "o⋅(1 − tanh²(C))"),
        ("o/cosh(C)^2", "o/cosh²(C)"),
        ("σ(z)(1-σ(z))", "σ(z)⋅(1 − σ(z))"),
        ("f*C_prev + i*C_tilde", "f⋅Cₜ₋₁ + i⋅C̃"),
        ("dC_next - h_prev", "dCₜ₊₁ − hₜ₋₁"),
        ("o^(2^3)", "o^(2³)"),
        ("(o^2)^3", "(o²)³"),
        ("o + -C", "o + (−C)"),
        ("-(o + C)", "−(o + C)"),
        ("sqrt(o)", "√(o)"),
        ("e^(-z)", "e^(−z)"),
        ("tanh(C)^10", "tanh(C)¹⁰"),
    ],
)
def test_pretty_and_round_trip(typed: str, shown: str) -> None:
    node = parse(typed, symbols=LSTM)
    assert pretty(node) == shown
    assert parse(shown, symbols=LSTM) == node
    assert parse(plain(node), symbols=LSTM) == node


def test_normalize_keeps_a_map_to_the_original() -> None:
    norm = normalize("tanh²(C̃)")
    assert norm.text == "tanh^2(C\u0303)"
    assert norm.origin[norm.text.index("(")] == 5
