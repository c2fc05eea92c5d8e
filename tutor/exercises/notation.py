"""The document's notation for the names exercises use, and formulas as terminal text.

One table serves the givens, the cells and the symbols of expression answers: a name means
the same quantity wherever it appears (``C`` is Cₜ as a given and as a typed symbol).
"""

from __future__ import annotations

from collections.abc import Iterable

from tutor.course.markdown import find_formulas
from tutor.course.mathtext import render_latex
from tutor.i18n import Text

#: Inside a rendered formula, spaces are no-break spaces, so that wrapping never cuts one.
NO_BREAK = "\u00a0"

# Code names -> the document's notation (LaTeX, rendered for the terminal).
NOTATION: dict[str, str] = {
    # one LSTM step (the engine's LSTMStep and LSTMStepGrads)
    "x": "x_t",
    "h_prev": "h_{t-1}",
    "C_prev": "C_{t-1}",
    "f": "f_t",
    "i": "i_t",
    "o": "o_t",
    "C_tilde": r"\tilde{C}_t",
    "C": "C_t",
    "h": "h_t",
    "tanh_C": r"\tanh(C_t)",
    "z_f": "z_f",
    "z_i": "z_i",
    "z_C": "z_C",
    "z_o": "z_o",
    "dh": r"\partial L/\partial h_t",
    "dC": r"\partial L/\partial C_t",
    "dC_prev": r"\partial L/\partial C_{t-1}",
    "dh_prev": r"\partial L/\partial h_{t-1}",
    "do": r"\partial L/\partial o_t",
    "df": r"\partial L/\partial f_t",
    "di": r"\partial L/\partial i_t",
    "dC_tilde": r"\partial L/\partial \tilde{C}_t",
    "dz_f": r"\partial L/\partial z_f",
    "dz_i": r"\partial L/\partial z_i",
    "dz_C": r"\partial L/\partial z_C",
    "dz_o": r"\partial L/\partial z_o",
    # the next step, for backpropagation through time
    "f_next": "f_{t+1}",
    "dC_next": r"\partial L/\partial C_{t+1}",
    "dC_from_next": r"dC_{t+1} \odot f_{t+1}",  # what reaches C_t along the cell path
    # PyTorch's nn.LSTM names (its stacked layout)
    "weight_ih": r"\text{weight_ih}",
    "weight_hh": r"\text{weight_hh}",
    "bias_ih": r"\text{bias_ih}",
    "bias_hh": r"\text{bias_hh}",
    # clipping, GRU and BiLSTM givens
    "theta": r"\theta",
    "W_hn": "W_{hn}",
    "W_xn": "W_{in}",  # the engine's W_xn is W_in in PyTorch's documentation
    "b_hn": "b_{hn}",
    "b_xn": "b_{in}",
    # layer normalisation: gain and bias
    "alpha": r"\alpha",
    "beta": r"\beta",
    # inference memory: a Transformer decoder's sizes
    "d_model": r"d_{\mathrm{model}}",
    "n_heads": r"n_{\mathrm{heads}}",
    "n_kv": r"n_{\mathrm{kv}}",
    "d_head": r"d_{\mathrm{head}}",
    "W_fwd": "W^f",
    "b_fwd": "b^f",
    "W_bwd": "W^b",
    "b_bwd": "b^b",
}


def label(name: str) -> str:
    """A given's or symbol's name as the learner reads it (h_prev is hₜ₋₁, x_1 is x₁): a
    formula, so its spaces are no-break spaces."""
    return render_latex(NOTATION.get(name, name)).replace(" ", NO_BREAK)


def terminal_text(text: str) -> str:
    """Prose with inline `$…$` formulas as terminal text (as course.markdown.render_inline
    renders them), the spaces inside each formula no-break spaces."""
    out, position = [], 0
    for formula in find_formulas(text):
        source = f"${formula.latex}$"
        start = text.index(source, position)
        out += [text[position:start], render_latex(formula.latex).replace(" ", NO_BREAK)]
        position = start + len(source)
    out.append(text[position:])
    return "".join(out)


def terminal(text: Text) -> Text:
    """:func:`terminal_text` in both languages."""
    return Text(terminal_text(text.zh), terminal_text(text.en))


def typing_note(symbols: Iterable[str]) -> Text:
    """How to type each symbol that is shown otherwise (z_i for zᵢ, C_prev for Cₜ₋₁), as a
    sentence that ends a prompt; empty when every symbol is typed as shown."""
    named = [s for s in dict.fromkeys(symbols) if label(s) != s]
    if not named:
        return Text("", "")
    zh = "，".join(f"{s} 表示 ${NOTATION.get(s, s)}$" for s in named)
    en = ", ".join(f"{s} for ${NOTATION.get(s, s)}$" for s in named)
    return Text(f"可用符号：{zh}。", f" Symbols: {en}.")
