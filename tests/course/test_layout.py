"""Formulas and code fitted to a width: breaks where typeset mathematics breaks, nothing lost."""

from __future__ import annotations

import pytest
from rich.cells import cell_len as rich_cell_len

from tutor.course.layout import cell_len, continuation_prefix, layout_formula, wrap_code


def symbols(text: str) -> str:
    return "".join(text.split()).replace("↪", "")


def test_a_formula_that_fits_is_one_line() -> None:
    assert layout_formula("hₜ = oₜ ⊙ tanh(Cₜ)", 40) == ["hₜ = oₜ ⊙ tanh(Cₜ)"]


def test_breaks_before_a_relation_under_the_first_one() -> None:
    text = "2σ(2z) − 1 = 2/(1 + e⁻²ᶻ) − 1 = (1 − e⁻²ᶻ)/(1 + e⁻²ᶻ) = tanh(z)"
    assert layout_formula(text, 40) == [
        "2σ(2z) − 1 = 2/(1 + e⁻²ᶻ) − 1",
        "           = (1 − e⁻²ᶻ)/(1 + e⁻²ᶻ)",
        "           = tanh(z)",
    ]


def test_the_last_relation_is_kept_not_cut() -> None:
    text = "tanh′(z) = ((eᶻ + e⁻ᶻ)² − (eᶻ − e⁻ᶻ)²)/(eᶻ + e⁻ᶻ)² = 1 − tanh²(z) ≤ 1"
    assert layout_formula(text, 66) == [
        "tanh′(z) = ((eᶻ + e⁻ᶻ)² − (eᶻ − e⁻ᶻ)²)/(eᶻ + e⁻ᶻ)² = 1 − tanh²(z)",
        "         ≤ 1",
    ]


def test_breaks_before_plus_with_the_term_under_the_right_hand_side() -> None:
    text = "∂Cₜ/∂hₜ₋₁ = diag(Cₜ₋₁ ⊙ fₜ) W_(fh) + diag(C̃ₜ ⊙ iₜ) Wᵢₕ + diag(iₜ) W_(Ch)"
    assert layout_formula(text, 50) == [
        "∂Cₜ/∂hₜ₋₁ = diag(Cₜ₋₁ ⊙ fₜ) W_(fh)",
        "            + diag(C̃ₜ ⊙ iₜ) Wᵢₕ + diag(iₜ) W_(Ch)",
    ]


def test_relations_break_before_sums() -> None:
    # "− 1" would fit the first line, but a break at a relation comes first
    text = "σ′(z) = s(1 − s) = 1/4 − (s − 1/2)² ≤ 1/4"
    assert layout_formula(text, 36) == ["σ′(z) = s(1 − s) = 1/4 − (s − 1/2)²", "      ≤ 1/4"]


def test_each_formula_of_a_list_starts_its_own_line() -> None:
    text = "hₜ = tanh(W[hₜ₋₁, xₜ] + b) = tanh(aₜ),  aₜ = Wₕ hₜ₋₁ + Wₓ xₜ + b"
    assert layout_formula(text, 50) == [
        "hₜ = tanh(W[hₜ₋₁, xₜ] + b) = tanh(aₜ),",
        "aₜ = Wₕ hₜ₋₁ + Wₓ xₜ + b",
    ]


def test_a_product_breaks_between_factors() -> None:
    text = "∂L/∂hₜ = Wₕᵀ diag(tanh′(aₜ₊₁)) Wₕᵀ diag(tanh′(aₜ₊₂)) ⋯ Wₕᵀ diag(tanh′(a_T)) ∂L/∂h_T"
    assert layout_formula(text, 66) == [
        "∂L/∂hₜ = Wₕᵀ diag(tanh′(aₜ₊₁)) Wₕᵀ diag(tanh′(aₜ₊₂)) ⋯ Wₕᵀ",
        "           diag(tanh′(a_T)) ∂L/∂h_T",
    ]


def test_inside_brackets_only_when_outside_is_not_enough() -> None:
    text = "fₜ = σ(W_(if) xₜ + b_(if) + W_(hf) hₜ₋₁ + b_(hf))"
    assert layout_formula(text, 30) == [
        "fₜ = σ(W_(if) xₜ + b_(if)",
        "       + W_(hf) hₜ₋₁ + b_(hf))",
    ]


def test_a_big_operator_stays_with_its_summand() -> None:
    lines = layout_formula("dhₜ₋₁ = ∂Lₜ₋₁/∂hₜ₋₁ + ∑ₖ Wₖₕᵀ dzₖ", 24)
    assert lines == ["dhₜ₋₁ = ∂Lₜ₋₁/∂hₜ₋₁", "        + ∑ₖ Wₖₕᵀ dzₖ"]


def test_a_lone_bar_is_no_bracket() -> None:
    assert layout_formula("∂C_T/∂Cₜ |_(direct) = diag(fₜ₊₁ ⊙ f_T)", 30) == [
        "∂C_T/∂Cₜ |_(direct)",
        "    = diag(fₜ₊₁ ⊙ f_T)",
    ]


def test_what_no_break_can_fit_is_cut_with_a_marker_and_kept() -> None:
    lines = layout_formula("abcdefghijklmnopqrstuvwxyz = 1", 12)
    assert all(cell_len(line) <= 12 for line in lines)
    assert lines[1].startswith("↪ ")
    assert symbols("".join(lines)) == "abcdefghijklmnopqrstuvwxyz=1"


@pytest.mark.parametrize("width", [10, 20, 30, 46, 66])
def test_wide_characters_count_twice(width: int) -> None:
    text = "∂Cₜ/∂Cₜ₋₁ = diag(fₜ)  (直接路径) + diag(iₜ ⊙ C̃ₜ) + 1"
    lines = layout_formula(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert symbols("".join(lines)) == symbols(text)


def test_cell_len_agrees_with_rich() -> None:
    for text in ["C̃ₜ ⊙ ∂ ‖g‖ ∑ ∏ ⋯ …", "(直接路径)", "ℝ^(H×D) ≤ ≈ ← ′"]:
        assert cell_len(text) == rich_cell_len(text)


def test_code_wraps_before_an_aligned_comment() -> None:
    line = "x = torch.tensor([[[1.0]]])                 # (seq_len, batch, D)"
    spans = wrap_code(line, 40)
    assert [line[s:e] for s, e in spans] == ["x = torch.tensor([[[1.0]]])", "# (seq_len, batch, D)"]


def test_code_wraps_at_a_space_then_at_the_edge_keeping_every_character() -> None:
    line = "    lstm.weight_ih_l0.copy_(torch.tensor([[0.6], [0.4], [0.9], [0.2]]))"
    spans = wrap_code(line, 30)
    pieces = [line[s:e] for s, e in spans]
    prefix = continuation_prefix(line, 30)
    assert prefix == "    ↪ "
    assert len(pieces[0]) <= 30 and all(len(prefix + p) <= 30 for p in pieces[1:])
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")


def test_a_short_code_line_is_left_alone() -> None:
    assert wrap_code("import torch", 40) == [(0, 12)]
    assert wrap_code("", 40) == [(0, 0)]
