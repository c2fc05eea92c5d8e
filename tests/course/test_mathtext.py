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
        (r"\prod_{k=t+1}^{T} f_k", "∏(k=t+1…T) fₖ"),
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


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        # a \quad stays a visible gap (two spaces), \qquad twice that
        (r"h_t = \tanh(a_t), \quad a_t = W_h h_{t-1}", "hₜ = tanh(aₜ),  aₜ = Wₕ hₜ₋₁"),
        (r"a = 1, \qquad b = 2", "a = 1,    b = 2"),
        # a space typed between two factors is kept: w hₜ₋₁ is a product, whₜ₋₁ a name
        (r"\sigma(w h_{t-1} + u x_t)", "σ(w hₜ₋₁ + u xₜ)"),
        (r"W_f^\top dz_f + W_i^\top dz_i", "W_fᵀ dz_f + Wᵢᵀ dzᵢ"),
        (r"\operatorname{diag}(f_t) W_{ih}", "diag(fₜ) Wᵢₕ"),
        (r"\frac{a}{b} \cdots \frac{c}{d}", "a/b ⋯ c/d"),
        # and none where the author typed none
        (r"dz_f", "dz_f"),
        (r"W [h_{t-1}, x_t]", "W[hₜ₋₁, xₜ]"),
        (r"2\sigma(2z)", "2σ(2z)"),
        # no space before a closing bar, even after a fraction
        (r"\left\| \frac{\partial h_T}{\partial h_t} \right\| \le 1", "‖∂h_T/∂hₜ‖ ≤ 1"),
        (r"\frac{\partial C}{\partial x} \Big|_{0}", "∂C/∂x |₀"),
    ],
)
def test_spacing(latex: str, shown: str) -> None:
    assert render_latex(latex) == shown


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"\sum_{t=1}^{T} dz_t", "∑(t=1…T) dzₜ"),
        (r"\prod^{T}_{k=1} f_k", "∏(k=1…T) fₖ"),
        (r"\int_0^1 x", "∫(0…1) x"),
        (r"\sum_k x_k", "∑ₖ xₖ"),  # a lower limit alone cannot be read as a transpose
        (r"\sum_{k \in S} x_k", "∑_(k∈S) xₖ"),
        (r"\sum_{t=1}^{T} dz_k [h, x]^\top", "∑(t=1…T) dzₖ[h, x]ᵀ"),
    ],
)
def test_big_operator_limits_are_ranges_not_scripts(latex: str, shown: str) -> None:
    assert render_latex(latex) == shown


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"W_i + W_o + W_{ih}", "Wᵢ + Wₒ + Wᵢₕ"),  # every character has a subscript form
        (r"W_f + b_f + h_T", "W_f + b_f + h_T"),  # one character without: _x
        (r"h_{T-1} + W_{fh}", "h_(T−1) + W_(fh)"),  # more than one: _(…), never hₜ_(…)
        (r"\Big|_{\text{direct}}", "|_(direct)"),
        (r"x_{\tilde C}", "x_C̃"),  # C̃ is one symbol
        (r"W^{(h)}", "W⁽ʰ⁾"),
        (r"\mathbb{R}^{H \times D}", "ℝ^(H×D)"),
        (r"\gamma^{T}", "γ^T"),  # ᵀ only ever means the transpose
        (r"W^\top", "Wᵀ"),
    ],
)
def test_scripts_all_or_nothing(latex: str, shown: str) -> None:
    assert render_latex(latex) == shown


def test_minus_signs_are_u2212() -> None:
    assert render_latex(r"-a - b_{t-1} + e^{-z} - x_{T-1}") == "−a − bₜ₋₁ + e⁻ᶻ − x_(T−1)"


def test_spaces_before_an_argument_are_skipped() -> None:
    assert render_latex(r"\tilde C_t + x^ 2") == "C̃ₜ + x²"
