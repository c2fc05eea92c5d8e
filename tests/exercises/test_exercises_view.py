"""The structured view of an exercise: what a screen lays out, one input per cell."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pytest

from tutor.answers import CATALOG
from tutor.course.markdown import find_formulas, render_inline
from tutor.course.mathtext import render_latex
from tutor.exercises import REGISTRY, Cell, Exercise, Step, generate
from tutor.exercises.notation import NO_BREAK, NOTATION, label
from tutor.exercises.values import format_value
from tutor.exercises.view import view
from tutor.i18n import LANGS, Text


def every_draw(seeds: range = range(2)) -> Iterator[Exercise]:
    for name, generator in REGISTRY.items():
        for difficulty in generator.difficulties:
            for seed in seeds:
                yield generate(name, seed, difficulty)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_the_view_holds_the_exercise(name: str) -> None:
    for difficulty in REGISTRY[name].difficulties:
        exercise = generate(name, 4, difficulty)
        v = view(exercise)
        assert (v.name, v.seed, v.difficulty, v.lesson) == (name, 4, difficulty, exercise.lesson)
        assert v.title == REGISTRY[name].title
        assert [g.name for g in v.givens] == list(exercise.givens)
        for given, value in zip(v.givens, exercise.givens.values(), strict=True):
            assert given.label == label(given.name)
            assert given.value == format_value(value, exercise.given_decimals)
        assert [c.name for c in v.cells] == [c.name for c in exercise.cells]
        for shown, cell in zip(v.cells, exercise.cells, strict=True):
            assert shown.label.replace(NO_BREAK, " ") == render_inline(cell.label)
            assert shown.shape == np.shape(cell.expected) or cell.kind == "expression"
            assert (shown.kind, shown.decimals, shown.depends) == (
                cell.kind,
                cell.decimals,
                cell.depends,
            )
            assert shown.whole == (cell.kind == "numeric" and cell.decimals == 0)
            assert [s.typed for s in shown.symbols] == list(cell.symbols)
            assert [m.id for m in shown.mistakes] == list(cell.mistakes)
        assert len(v.hints) == len(exercise.hints) and len(v.solution) == len(exercise.solution)
        assert [s.result for s in v.solution] == [s.result for s in exercise.solution]


def test_every_text_is_terminal_text_in_both_languages() -> None:
    """Rendered as the course renders inline formulas; only the spaces inside a formula are
    no-break spaces, so that no wrapper cuts one."""
    for exercise in every_draw():
        v = view(exercise)
        sources = [exercise.prompt, *exercise.hints, *(s.text for s in exercise.solution)]
        shown_texts = [v.prompt, *v.hints, *(s.text for s in v.solution)]
        for source, shown in zip(sources, shown_texts, strict=True):
            for lang in LANGS:
                assert shown(lang).replace(NO_BREAK, " ") == render_inline(source(lang))
                assert "$" not in shown(lang)
                for formula in find_formulas(source(lang)):
                    rendered = render_latex(formula.latex)
                    assert rendered.replace(" ", NO_BREAK) in shown(lang), formula


def test_answers_are_typed_as_the_learner_types_them() -> None:
    for exercise in every_draw():
        v = view(exercise)
        for cell in exercise.cells:
            decimals = 4 if cell.decimals is None else cell.decimals
            typed = (
                cell.expected
                if cell.kind == "expression"
                else format_value(cell.expected, decimals)
            )
            assert v.answers[cell.name] == typed


def test_each_cell_says_what_form_its_answer_takes() -> None:
    ask = {
        c.name: c.ask
        for name in ("lstm.step", "params.lstm", "backprop.derivative")
        for c in view(generate(name, 0, 1)).cells
    }
    assert ask["f"] == Text("4 位小数", "4 decimals")
    assert ask["C"] == Text("4 位小数", "4 decimals")  # later cells too: rounding is carried
    assert ask["lstm"] == Text("整数", "a whole number")
    expression = next(c for c in view(generate("backprop.derivative", 0, 1)).cells)
    listed = ", ".join(s.typed for s in expression.symbols)
    assert expression.ask.en == f"an expression in {listed}"
    assert expression.ask.zh.startswith("用 ") and expression.ask.zh.endswith(" 表示的式子")


def test_symbols_are_shown_as_the_document_writes_them_and_typed_as_names() -> None:
    exercise = next(
        e
        for seed in range(50)
        if "z_i" in (e := generate("backprop.derivative", seed, 2)).cells[0].symbols
    )
    (cell,) = view(exercise).cells
    assert [(s.shown, s.typed) for s in cell.symbols] == [("zᵢ", "z_i")]
    chain = view(generate("backprop.chain-rule", 0, 1)).cells[-1]
    shown = {s.typed: s.shown for s in chain.symbols}
    assert shown["C_prev"] == "Cₜ₋₁" and shown["C_tilde"] == "C̃ₜ" and shown["dC"] == "∂L/∂Cₜ"


def test_mistakes_carry_the_catalogs_titles() -> None:
    cell = next(c for c in view(generate("lstm.forget-gate", 0, 1)).cells)
    assert [m.id for m in cell.mistakes] == [
        "lstm.forgot-bias",
        "lstm.concat-order",
        "lstm.gate-tanh",
    ]
    for mistake in cell.mistakes:
        assert mistake.title == CATALOG[mistake.id].title


def test_a_hand_made_exercise_has_its_name_as_title() -> None:
    exercise = Exercise(
        prompt=Text("求 $x_t$。", "Find $x_t$."),
        givens={"h_prev": np.array([0.5, -0.25])},
        cells=(Cell("x", "$x_t$", expected=np.array([1.0, 2.0]), decimals=1),),
        hints=(),
        solution=(Step(Text("$x_t = 2h$", "$x_t = 2h$"), "[1.0, 2.0]"),),
        name="hand.made",
    )
    v = view(exercise)
    assert v.title == Text.same("hand.made")
    assert v.prompt == Text("求 xₜ。", "Find xₜ.")
    assert (v.givens[0].label, v.givens[0].value) == ("hₜ₋₁", "[0.50, -0.25]")
    assert v.cells[0].shape == (2,) and v.answers == {"x": "[1.0, 2.0]"}


def test_notation_has_one_spelling_for_each_quantity() -> None:
    assert len({name.lower() for name in NOTATION}) == len(NOTATION)
    assert "c_prev" not in NOTATION and "dc" not in NOTATION and "tanh_c" not in NOTATION


def test_given_names_are_in_the_notation_or_plain_symbols() -> None:
    """A name without a NOTATION entry is rendered as LaTeX: it must then be one symbol with
    at most one subscript, or it comes out mangled (dW_f_row became dW_fᵣow)."""
    plain = re.compile(r"[A-Za-z]+(_(\{[A-Za-z]+\}|[A-Za-z0-9]+))?")
    for exercise in every_draw(range(3)):
        for name in exercise.givens:
            assert name in NOTATION or plain.fullmatch(name), (exercise.name, name)
