from tutor.course.markdown import find_formulas, render_inline, render_markdown
from tutor.course.mathtext import render_latex

MD = """# Title
Gate $f_t = \\sigma(z)$ and $b_f$ here.

$$
C_t = f_t \\odot C_{t-1}
$$

$$h_t = o_t \\odot \\tanh(C_t)$$

```python
price = "$5 and $6"
```
"""


def test_finds_inline_and_display_formulas_with_lines() -> None:
    found = [(f.latex, f.line, f.display) for f in find_formulas(MD)]
    assert found == [
        ("f_t = \\sigma(z)", 2, False),
        ("b_f", 2, False),
        ("C_t = f_t \\odot C_{t-1}", 4, True),
        ("h_t = o_t \\odot \\tanh(C_t)", 8, True),
    ]


def test_renders_formulas_and_leaves_code_alone() -> None:
    out = render_markdown(MD)
    assert "fₜ = σ(z)" in out
    assert "b\\_f" in out  # escaped, so Markdown does not read W_f … b_f as emphasis
    assert "Cₜ = fₜ ⊙ Cₜ₋₁" in out  # display formulas are blocks of their own
    assert '"$5 and $6"' in out
    assert "\\odot" not in out


def test_render_inline() -> None:
    assert render_inline("range of $\\sigma$ is (0, 1)") == "range of σ is (0, 1)"


def test_a_soft_line_break_in_chinese_adds_no_space() -> None:
    out = render_markdown(
        "## 标题\n解码器对\n拼接后的状态。\n- 列表\n- 第二项\n\nEnglish line\nwraps here."
    )
    assert "解码器对拼接后的状态。" in out
    assert "## 标题\n" in out and "- 列表\n- 第二项" in out and "English line\nwraps here." in out


def test_after_full_width_punctuation_a_line_break_adds_no_space() -> None:
    out = render_markdown("矩阵按行输入：\n`[[1, 2]]`。\n$h_t$ 是隐藏状态；\n- 列表\n1. 第一\n")
    assert "矩阵按行输入：`[[1, 2]]`。hₜ 是隐藏状态；\n- 列表\n1. 第一" in out


def test_an_unclosed_display_formula_is_an_error() -> None:
    import pytest

    from tutor.course.mathtext import MathError

    (formula,) = find_formulas("# T\n\n$$\nC_t = 1\n")
    with pytest.raises(MathError):
        render_latex(formula.latex)


def test_a_display_formula_is_one_line_in_a_formula_fence() -> None:
    from tutor.course.markdown import FORMULA_FENCE

    out = render_markdown("Text\n\n$$\nC_t = f_t \\odot C_{t-1}\n$$\n\n$$a = 1$$\nMore")
    assert f"\n```{FORMULA_FENCE}\nCₜ = fₜ ⊙ Cₜ₋₁\n```\n" in out
    assert f"\n```{FORMULA_FENCE}\na = 1\n```\n" in out
    assert out.startswith("Text\n") and out.endswith("\nMore")


def test_prose_keeps_strong_and_code_apart_from_formulas() -> None:
    from tutor.course.markdown import prose_runs, render_prose

    text = "`nn.LSTM`'s `weight_ih_l0` has $4H$ rows; which can **not** run $f_t$?"
    assert prose_runs(text) == [
        ("code", "nn.LSTM"),
        ("text", "'s "),
        ("code", "weight_ih_l0"),
        ("text", " has 4H rows; which can "),
        ("strong", "not"),
        ("text", " run fₜ?"),
    ]
    assert render_prose(text) == "nn.LSTM's weight_ih_l0 has 4H rows; which can not run fₜ?"
    assert render_prose("`$x$` stays as written") == "$x$ stays as written"


def test_prose_markup_is_inert_for_brackets() -> None:
    from tutor.ui.markup import prose

    assert prose("[0, 1] and **(0, 1)**") == "\\[0, 1] and [b](0, 1)[/b]"
