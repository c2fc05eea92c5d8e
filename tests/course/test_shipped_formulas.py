"""Every formula in the shipped content renders as terminal text, with no LaTeX left."""

from __future__ import annotations

import re

import pytest

from tutor.authoring.content import _texts
from tutor.course import LANGS, load_course
from tutor.course.layout import CONTINUED, cell_len, layout_formula
from tutor.course.markdown import _INLINE, find_formulas, render_markdown
from tutor.course.mathtext import render_latex

RAW_MACRO = re.compile(r"\\[A-Za-z]+")


def assert_no_raw_latex(latex: str, shown: str) -> None:
    """No macro survives, and braces show only where the author wrote \\{ or \\}."""
    assert not RAW_MACRO.search(shown), (latex, shown)
    assert shown.count("{") <= latex.count("\\{"), (latex, shown)
    assert shown.count("}") <= latex.count("\\}"), (latex, shown)


COURSE = load_course()


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
@pytest.mark.parametrize("lang", LANGS)
def test_reading_formulas_render(lesson, lang) -> None:
    text = lesson.reading(lang)
    formulas = find_formulas(text)
    assert formulas, "every lesson has mathematics or notation to show"
    for formula in formulas:
        assert_no_raw_latex(formula.latex, render_latex(formula.latex))
    rendered = render_markdown(text)
    assert not re.search(r"\\(frac|tanh|tilde|sigma|odot|partial)\b", rendered)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_question_formulas_render(lesson) -> None:
    for question in lesson.questions:
        for _field, text in _texts(question):
            for match in _INLINE.finditer(text):
                assert_no_raw_latex(match.group(1), render_latex(match.group(1)))


DISPLAY = sorted(
    {
        f.latex
        for lesson in COURSE.lessons
        for lang in LANGS
        for f in find_formulas(lesson.reading(lang))
        if f.display
    }
)


# The formula column of a 60- and an 80-column terminal (46, 66) and those widths themselves.
@pytest.mark.parametrize("width", [46, 60, 66, 80])
def test_every_display_formula_fits_with_every_symbol(width: int) -> None:
    for latex in DISPLAY:
        shown = render_latex(latex)
        lines = layout_formula(shown, width)
        assert all(cell_len(line) <= width for line in lines), (latex, lines)
        assert "".join("".join(lines).split()) == "".join(shown.split()), (latex, lines)
        assert CONTINUED not in "".join(lines), ("cut, not broken", latex, lines)


def test_formulas_use_real_minus_signs_and_transpose_only_for_top() -> None:
    for lesson in COURSE.lessons:
        for lang in LANGS:
            for formula in find_formulas(lesson.reading(lang)):
                shown = render_latex(re.sub(r"\\text\{[^}]*\}", "", formula.latex))
                assert "-" not in shown, (formula.latex, shown)
                assert shown.count("ᵀ") == formula.latex.count("\\top"), (formula.latex, shown)
