import pytest

from tutor.course.mathtext import MathError, render_latex


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f)", "fₜ = σ(W_f · [hₜ₋₁, xₜ] + b_f)"),
        (r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t", "Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ"),
        (r"\tilde{C_t} = \tanh(z)", "C̃ₜ = tanh(z)"),
        (r"\frac{\partial L}{\partial h_T}", "∂L/∂h_T"),
        (r"\frac{a+b}{c}", "(a + b)/c"),
        (r"h_t = [h_t^f; h_t^b]", "hₜ = [hₜᶠ; hₜᵇ]"),
        (r"\sigma'(z) = \sigma(z)(1-\sigma(z)) \le \frac{1}{4}", "σ′(z) = σ(z)(1 − σ(z)) ≤ 1/4"),
        (r"1 - \tanh^2(C_t)", "1 − tanh²(Cₜ)"),
        (r"\prod_{k=t+1}^{T} f_k", "∏ₖ₌ₜ₊₁ᵀ fₖ"),
        (r"W \in \mathbb{R}^{H \times (H+D)}", "W ∈ ℝ^(H×(H+D))"),
        (r"\left\| g \right\|_2", "‖g‖₂"),
        (r"\text{if } x > 0", "if x > 0"),
        (r"0.25^{10} \approx 9.5 \times 10^{-7}", "0.25¹⁰ ≈ 9.5 × 10⁻⁷"),
        (r"W^\top \operatorname{diag}(x)", "Wᵀ diag(x)"),
        (r"-x", "−x"),
    ],
)
def test_renders_as_terminal_text(latex: str, shown: str) -> None:
    assert render_latex(latex) == shown


@pytest.mark.parametrize(
    ("latex", "pos"),
    [(r"\foo x", 0), (r"{a", 2), (r"a}", 1), (r"a & b", 2), ("\\", 0), (r"\mathbb{X}", 0)],
)
def test_unsupported_latex_is_an_error_with_position(latex: str, pos: int) -> None:
    with pytest.raises(MathError) as info:
        render_latex(latex)
    assert info.value.pos == pos


def test_no_raw_latex_survives() -> None:
    shown = render_latex(r"\frac{\partial C_t}{\partial C_{t-1}} = \tilde{C}_t \odot \tanh(x)")
    assert "\\" not in shown and "{" not in shown


def test_operator_after_a_closing_bar_is_binary() -> None:
    assert render_latex(r"\lvert C_t \rvert < \lvert C_{t-1} \rvert + 1") == "|Cₜ| < |Cₜ₋₁| + 1"
    assert render_latex(r"|-x| + \|g\| - 1") == "|−x| + ‖g‖ − 1"
