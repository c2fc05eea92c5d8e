"""Printed exercises (`lstm-tutor exercise`): whole, legible, wrapped to the terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from click.testing import CliRunner

from tutor.cli import main
from tutor.course.markdown import find_formulas
from tutor.course.mathtext import render_latex
from tutor.exercises import REGISTRY, Exercise, generate
from tutor.exercises.display import format_lines, render_exercise
from tutor.exercises.notation import NO_BREAK
from tutor.exercises.view import view
from tutor.exercises.wrap import text_width, wrap
from tutor.i18n import LANGS

SYMBOLIC = ("backprop.derivative", "backprop.chain-rule")
ITEM = re.compile(r"^ *(\d+\. )?")  # the indent of a line, with its number if it has one
HEADING = {"zh": "已知:", "en": "Given:"}


def draws(seeds: range = range(3), names: Iterable[str] = REGISTRY) -> Iterator[Exercise]:
    for name in sorted(names):
        for difficulty in REGISTRY[name].difficulties:
            for seed in seeds:
                yield generate(name, seed, difficulty)


@pytest.mark.parametrize("name", SYMBOLIC)
def test_no_empty_given_section(name: str) -> None:
    for difficulty in (1, 2, 3):
        for lang in LANGS:
            text = render_exercise(generate(name, 0, difficulty), lang, solution=True)
            assert HEADING[lang] not in text
            assert text.split("\n")[1:3] == ["", "Answer:" if lang == "en" else "作答:"]


def test_givens_are_listed_where_there_are_some() -> None:
    text = render_exercise(generate("lstm.cell-update", 0, 1), "en")
    assert "\nGiven:\n  fₜ = " in text and "\n  Cₜ₋₁ = " in text


def test_the_prompt_says_how_to_type_every_symbol() -> None:
    """Every symbol a cell accepts that is shown otherwise than it is typed (zᵢ, typed z_i)
    is named in the prompt, in both languages."""
    named = set()
    for exercise in draws(range(30), SYMBOLIC):
        printed = {lang: render_exercise(exercise, lang) for lang in LANGS}
        for cell in view(exercise).cells:
            for symbol in cell.symbols:
                if symbol.shown != symbol.typed:
                    shown = symbol.shown.replace(NO_BREAK, " ")
                    assert f"{symbol.typed} for {shown}" in printed["en"]
                    assert f"{symbol.typed} 表示 {shown}" in printed["zh"]
                    named.add(symbol.typed)
    assert {"z_i", "z_o", "C_prev", "C_tilde", "dC", "dh", "o", "f"} <= named


def test_mistake_labels_are_the_cells_labels() -> None:
    """Each line of the catalogued mistakes starts with the cell's label as the Answer section
    shows it (before, names went through the LaTeX renderer: dL − dC, nᵣnn, dW_fᵣow)."""
    seen = 0
    for exercise in draws():
        v = view(exercise)
        for lang in LANGS:
            lines = render_exercise(exercise, lang, solution=True).split("\n")
            heading = "Catalogued mistakes:" if lang == "en" else "常见错误:"
            if heading not in lines:
                assert not any(c.mistakes for c in v.cells)
                continue
            listed = lines[lines.index(heading) + 1 :]
            cells = [c for c in v.cells if c.mistakes]
            assert len(listed) == len(cells)
            for line, cell in zip(listed, cells, strict=True):
                assert line.startswith(f"  {cell.label.replace(NO_BREAK, ' ')}: "), line
                seen += 1
    assert seen > 100
    text = "\n".join(
        render_exercise(generate(name, seed, d), lang, solution=True)
        for name in ("backprop.chain-rule", "vanishing.steps", "bptt.step")
        for seed in range(5)
        for d in (1, 2, 3)
        for lang in LANGS
    )
    for mangled in ("dL − dC", "nᵣnn", "dW_fᵣow", "dC − df", "sᵣange"):
        assert mangled not in text


@pytest.mark.parametrize("width", [40, 60, 80])
def test_lines_fit_the_width_and_break_at_word_boundaries(width: int) -> None:
    """Every line fits, unless it is one piece that cannot be broken (a long formula); the
    words are those of the unwrapped text, in order (Chinese may break between characters)."""
    for exercise in draws(range(2)):
        v = view(exercise)
        for lang in LANGS:
            wrapped = format_lines(v, lang, solution=True, width=width)
            for line in wrapped:
                if text_width(line) > width:  # then one unbreakable piece after the indent
                    assert len(wrap(ITEM.sub("", line), 1)) == 1, line
            whole = format_lines(v, lang, solution=True)
            if lang == "en":
                assert " ".join(wrapped).split() == " ".join(whole).split()
            else:
                assert "".join("".join(wrapped).split()) == "".join("".join(whole).split())


@pytest.mark.parametrize("width", [30, 50])
def test_an_inline_formula_is_never_cut(width: int) -> None:
    for exercise in draws(range(2)):
        v = view(exercise)
        for lang in LANGS:
            lines = format_lines(v, lang, solution=True, width=width)
            sources = [exercise.prompt, *exercise.hints, *(s.text for s in exercise.solution)]
            for source in sources:
                for formula in find_formulas(source(lang)):
                    rendered = render_latex(formula.latex).replace(" ", NO_BREAK)
                    assert any(rendered in line for line in lines), (exercise.name, rendered)
            for shown in [*(g.label for g in v.givens), *(c.label for c in v.cells)]:
                for piece in shown.split(" "):  # the formulas of a label, whole
                    assert any(piece in line for line in lines), (exercise.name, piece)


def test_without_a_width_nothing_wraps() -> None:
    exercise = generate("lstm.step", 3, 2)
    text = render_exercise(exercise, "en", solution=True)
    assert text.split("\n")[0] == view(exercise).prompt("en").replace(NO_BREAK, " ")
    assert NO_BREAK not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_wraps_to_the_terminal_width(lang: str) -> None:
    args = ["--lang", lang, "exercise", "lstm.step", "--seed", "3", "--difficulty", "2"]
    result = CliRunner().invoke(main, [*args, "--solution"], env={"COLUMNS": "50"})
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    too_wide = [line for line in lines if text_width(line) > 50]
    assert not too_wide
    wide = CliRunner().invoke(main, [*args, "--solution"], env={"COLUMNS": "200"})
    assert len(wide.output.split("\n")) < len(lines)
