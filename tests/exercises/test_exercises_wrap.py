"""Wrapping terminal text: at spaces, between CJK characters, never inside a formula."""

from __future__ import annotations

from tutor.exercises.notation import NO_BREAK, terminal_text
from tutor.exercises.wrap import text_width, wrap


def test_breaks_at_spaces_and_keeps_the_words() -> None:
    text = "the forget gate scales the old cell and the input gate the candidate"
    lines = wrap(text, 20)
    assert all(len(line) <= 20 for line in lines)
    assert " ".join(lines) == text
    assert lines[0] == "the forget gate"


def test_fits_unchanged_and_no_width_means_one_line() -> None:
    assert wrap("a  →  b", 10) == ["a  →  b"]  # runs of spaces kept where the line fits
    long = "word " * 40
    assert wrap(long, None) == [long]


def test_indent_and_hanging_indent() -> None:
    lines = wrap("one two three four", 10, indent="  1. ", hang="     ")
    assert lines == ["  1. one", "     two", "     three", "     four"]


def test_a_formula_is_never_cut() -> None:
    text = terminal_text("so $C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$ holds")
    for width in range(8, 40):
        lines = wrap(text, width)
        assert any("Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ".replace(" ", NO_BREAK) in line for line in lines)


def test_a_piece_longer_than_the_width_gets_a_line_of_its_own() -> None:
    lines = wrap("a " + "x" * 30 + " b", 10)
    assert lines == ["a", "x" * 30, "b"]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation() -> None:
    text = "遗忘门乘旧记忆，输入门乘候选值。两项相加。"
    lines = wrap(text, 10)
    assert all(text_width(line) <= 10 for line in lines)
    assert "".join(lines) == text
    assert not any(line[0] in "，。" for line in lines)
    assert lines[0] == "遗忘门乘旧"


def test_chinese_next_to_a_formula() -> None:
    text = terminal_text("已知 $z_f$、$z_i$ 和上一时刻的记忆 $C_{t-1}$（标量，$H = D = 1$）。")
    lines = wrap(text, 16)
    assert all(text_width(line) <= 16 for line in lines), lines
    assert any("H\u00a0=\u00a0D\u00a0=\u00a01" in line for line in lines)
    assert not any(line.startswith(("、", "）", "。", "，")) for line in lines), lines
    assert not any(line.endswith("（") for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_widths_count_terminal_columns() -> None:
    assert text_width("C̃ₜ") == 2  # the combining tilde takes no column
    assert text_width("记忆") == 4
    assert text_width("hₜ₋₁") == 4
