"""LaTeX math -> terminal text (σ, ⊙, ∂, hₜ₋₁, C̃, a/b).

Only the subset in docs/content-format.md is accepted; anything else raises MathError, so
`lstm-tutor content check` can name the formula that would otherwise show raw LaTeX. The
libraries tried first (flatlatex, unicodeit, pylatexenc's latex2text) each left raw macros
or mangled subscripts on the document's own formulas; see README, "Design".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["MathError", "render_latex"]


class MathError(ValueError):
    """A formula outside the supported LaTeX subset; `pos` is the offset in the source."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


SYMBOLS: dict[str, str] = {
    # Greek
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    # operators and relations
    "cdot": "·",
    "odot": "⊙",
    "otimes": "⊗",
    "oplus": "⊕",
    "times": "×",
    "circ": "∘",
    "pm": "±",
    "mp": "∓",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "sim": "∼",
    "equiv": "≡",
    "propto": "∝",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "mapsto": "↦",
    "ll": "≪",
    "gg": "≫",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "|": "‖",
    "lVert": "‖",
    "rVert": "‖",
    "lvert": "|",
    "rvert": "|",
    "mid": "|",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "top": "⊤",
    "forall": "∀",
    "exists": "∃",
    "{": "{",
    "}": "}",
    "langle": "⟨",
    "rangle": "⟩",
    "prime": "′",
    "cdotp": "·",
    "ast": "∗",
    "star": "⋆",
    "neg": "¬",
    # spacing
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "quad": "\u2001",  # a quad: kept as two spaces (see render_latex)
    "qquad": "\u2001\u2001",
    " ": " ",
    # named functions, printed upright
    "tanh": "tanh",
    "exp": "exp",
    "log": "log",
    "ln": "ln",
    "sin": "sin",
    "cos": "cos",
    "cosh": "cosh",
    "sinh": "sinh",
    "max": "max",
    "min": "min",
    "sech": "sech",
    "arg": "arg",
    "det": "det",
    "lim": "lim",
    "dim": "dim",
}

# Combining marks for accents; they follow the base character.
ACCENTS: dict[str, str] = {
    "tilde": "\u0303",
    "hat": "\u0302",
    "bar": "\u0304",
    "dot": "\u0307",
    "vec": "\u20d7",
    "widetilde": "\u0303",
    "widehat": "\u0302",
    "overline": "\u0305",
}
# Macros whose single argument is shown as plain text.
TEXT_STYLES = {"mathrm", "mathit", "mathsf"}
RAW_TEXT = {"text", "textrm", "textit", "textbf"}  # words, spaces kept
BOLD = {"mathbf", "boldsymbol", "bm"}
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
SIZERS = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr"}

SUBSCRIPT = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvxβγρφχ−",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋",
        strict=True,
    )
)
SUPERSCRIPT = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRUVWβγδθφχ−⊤′",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂᵝᵞᵟᶿᵠᵡ⁻ᵀ′",
        strict=True,
    )
)

ALLOWED_CHARS = set("+-=<>()[],;:!'/|.*?")
# Binary operators and relations get a space on each side, as TeX typesets them.
SPACED = set("=+−<>≤≥≈≠⊙·×→←⇒⇐∈∉≡∼∝±∓⊗⊕↦≪≫⊂")
OPENING = set("([{⟨|‖")
BIG_OPERATORS = {"∑", "∏", "∫"}
QUAD = "\u2001"  # \quad while rendering; two spaces in the result
_WHITESPACE = re.compile(r"\s+")
# Which atoms count as operands when the author typed a space between two of them.
OPERAND_END = set(")]}⁾₎′⋯…")
OPERAND_START = set("∂∇√⋯…")
_COMBINING = "".join(chr(c) for c in range(0x300, 0x370)) + "\u20d7"


@dataclass
class _Cursor:
    src: str
    pos: int = 0

    def peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def take(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch


def render_latex(src: str) -> str:
    """Render one formula (without its `$` delimiters) as terminal text."""
    cur = _Cursor(src)
    return _WHITESPACE.sub(_space, _render_sequence(cur, closing="")).strip()


def _space(match: re.Match[str]) -> str:
    """A run of spaces becomes one; each \\quad in it is two, so a gap the author asked for shows."""
    return "  " * match.group().count(QUAD) or " "


def _render_sequence(cur: _Cursor, closing: str) -> str:
    parts: list[str] = []
    spaced = False  # whether the author typed a space before the next atom
    while True:
        ch = cur.peek()
        if ch == "":
            if closing:
                raise MathError(f"missing '{closing}'", cur.pos)
            return "".join(parts)
        if ch == closing:
            cur.take()
            return "".join(parts)
        if ch == "}":
            raise MathError("unbalanced '}'", cur.pos)
        if ch.isspace():  # TeX ignores spaces; we keep one between two operands (below)
            cur.take()
            spaced = True
            continue
        if ch in "_^":
            cur.take()
            base = parts.pop() if parts else ""
            if base.strip() in BIG_OPERATORS:
                parts.append(_limits(base, ch, cur))
            else:
                parts.append(base + _script(_render_atom(cur), ch == "^"))
            spaced = False
            continue
        atom = _render_atom(cur)
        if parts and _needs_space(parts, atom, spaced):
            atom = _pad(atom)
        if atom in SPACED and parts and not _opens(parts):
            atom = f" {atom} "
        elif atom in ",;":
            atom += " "
        parts.append(atom)
        spaced = False


def _needs_space(parts: list[str], atom: str, spaced: bool) -> bool:
    """Whether `atom` is set apart from what precedes it."""
    last = parts[-1]
    if _ends_loose(last):  # after ∑ₖ or a/b, except before a closing mark: "a/b g", "‖a/b‖"
        return atom[:1] not in SPACED | set(")]},;.") and not _closes_bar(parts, atom)
    if isinstance(atom, _Word):  # "x tanh", but "(tanh" and "= tanh"
        return last[-1:] not in SPACED | OPENING | {" ", QUAD}
    # A space the author typed between two operands is kept: "W_h h_{t-1}" is Wₕ hₜ₋₁, two
    # factors, not one name "Wₕhₜ₋₁".
    return spaced and _operand_end(last) and _operand_start(atom)


def _pad(atom: str) -> str:
    """A space before an atom, keeping its kind (_Word, _Fraction)."""
    return type(atom)(" " + atom) if isinstance(atom, (_Word, _Fraction)) else " " + atom


def _opens(parts: list[str]) -> bool:
    """Whether what precedes an operator leaves it unary: an operator or an opening bracket.

    A bar opens when it is the odd one of its kind so far (|x| + 1: the second bar closes).
    """
    last = parts[-1].strip()
    if last in ("|", "‖"):
        return sum(p.strip() == last for p in parts) % 2 == 1
    return last in SPACED | OPENING | {",", ";"}  # [-0.5, -0.8]: both minus signs are unary


def _closes_bar(parts: list[str], atom: str) -> bool:
    """Whether a bar closes one opened before it (‖∂h/∂x‖: no space before the second)."""
    return atom in ("|", "‖") and sum(p.strip() == atom for p in parts) % 2 == 1


def _operand_end(part: str) -> bool:
    last = part.rstrip(_COMBINING)[-1:]
    return last.isalnum() or last in OPERAND_END


def _operand_start(atom: str) -> bool:
    first = atom[:1]
    return first.isalnum() or first in OPERAND_START


def _limits(base: str, first: str, cur: _Cursor) -> str:
    """∑, ∏, ∫ with limits: an upper limit makes a range, ∏(k=t+1…T), never a superscript.

    A superscript T would read as the transpose (ᵀ), so limits are not scripts; a lower
    limit alone is an ordinary subscript (∑ₖ), which cannot be mistaken.
    """
    scripts = {first: _render_atom(cur)}
    other = "^" if first == "_" else "_"
    while cur.peek().isspace():
        cur.take()
    if cur.peek() == other:
        cur.take()
        scripts[other] = _render_atom(cur)
    lower, upper = ("".join(scripts.get(k, "").split()) for k in "_^")
    if not upper:
        return base + _script(lower, sup=False)
    return f"{base}({lower}…{upper})"


class _Word(str):
    """An upright function name (tanh, diag): set apart from a preceding letter."""


class _Fraction(str):
    """A rendered a/b: a letter right after it needs a space ("θ/‖g‖ g")."""


def _ends_loose(part: str) -> bool:
    """∑, ∏, ∫ (with their limits) and fractions are set apart from what follows."""
    return isinstance(part, _Fraction) or part.lstrip()[:1] in BIG_OPERATORS


def _render_atom(cur: _Cursor) -> str:
    """One unit: a character, a {group}, or a macro with its arguments."""
    while cur.peek().isspace():  # \tilde C, x^ 2: TeX skips spaces before an argument
        cur.take()
    start = cur.pos
    ch = cur.take()
    if ch == "":
        raise MathError("expected something here", start)
    if ch == "{":
        return _render_sequence(cur, closing="}")
    if ch == "\\":
        return _render_macro(cur, start)
    if ch.isalnum() or ch in ALLOWED_CHARS:
        return {"-": "−", "*": "∗", "'": "′"}.get(ch, ch)
    if ch in "&$%#~":
        raise MathError(f"'{ch}' is not allowed in a formula", start)
    if unicodedata.category(ch)[0] in "LSN":  # σ, ⊙, … typed directly are fine
        return ch
    raise MathError(f"unexpected character {ch!r}", start)


def _read_name(cur: _Cursor) -> str:
    ch = cur.peek()
    if not ch:
        return ""
    if not ch.isalpha():
        cur.take()
        return ch
    name = ""
    while cur.peek().isalpha():
        name += cur.take()
    return name


def _render_macro(cur: _Cursor, start: int) -> str:
    name = _read_name(cur)
    if not name:
        raise MathError("a lone backslash", start)
    if name in SIZERS:
        return _render_delimiter(cur, start)
    if name == "frac" or name == "dfrac" or name == "tfrac":
        num = _render_atom(cur)
        den = _render_atom(cur)
        return _Fraction(f"{_bracket(num)}/{_bracket(den)}")
    if name == "sqrt":
        arg = _render_atom(cur)
        return "√" + (arg if len(arg) == 1 else f"({arg})")
    if name in ACCENTS:
        arg = _render_atom(cur)
        if not arg:
            raise MathError(f"\\{name} needs an argument", start)
        return arg[0] + ACCENTS[name] + arg[1:]
    if name in RAW_TEXT:
        return _read_raw_group(cur, start)
    if name == "operatorname":
        return _Word(_render_atom(cur))
    if name in TEXT_STYLES:
        return _render_atom(cur)
    if name in BOLD:
        return "".join(_bold(c) for c in _render_atom(cur))
    if name == "mathbb":
        arg = _render_atom(cur)
        if arg not in BLACKBOARD:
            raise MathError(f"\\mathbb{{{arg}}} is not supported", start)
        return BLACKBOARD[arg]
    if name in SYMBOLS:
        # A named function before a letter needs a space ("tanh x"), as TeX would show it.
        text = SYMBOLS[name]
        if len(text) > 1 and text.isalpha():
            if cur.src[cur.pos : cur.pos + 1].isspace():
                text += " "
            return _Word(text)
        return text
    raise MathError(f"unsupported LaTeX command \\{name}", start)


def _read_raw_group(cur: _Cursor, start: int) -> str:
    if cur.take() != "{":
        raise MathError("\\text needs {…}", start)
    end = cur.src.find("}", cur.pos)
    if end < 0:
        raise MathError("missing '}'", start)
    text, cur.pos = cur.src[cur.pos : end], end + 1
    return text


def _render_delimiter(cur: _Cursor, start: int) -> str:
    """\\left( and friends: keep the delimiter, drop the sizing ('.' means none)."""
    while cur.peek() == " ":
        cur.take()
    ch = cur.peek()
    if ch == "\\":
        cur.take()
        return _render_macro(cur, start)
    if ch == ".":
        cur.take()
        return ""
    if ch and ch in "()[]|/<>":
        return cur.take()
    raise MathError("\\left / \\right needs a delimiter", start)


def _script(text: str, sup: bool) -> str:
    """Unicode sub/superscripts when every character has one; else `_x`, or `_(…)` for more.

    All or nothing per script, so hₜ₋₁ and h_(T−1), never a mix such as hₜ_(−1). As in
    LaTeX, `_` binds one symbol: W_(fh) is one subscript, W_f h would be a product.
    """
    table = SUPERSCRIPT if sup else SUBSCRIPT
    plain = "".join(text.split())
    if plain and all(c in table for c in plain):
        return "".join(table[c] for c in plain)
    mark = "^" if sup else "_"
    return f"{mark}{plain}" if len(plain.rstrip(_COMBINING)) <= 1 else f"{mark}({plain})"


def _bracket(text: str) -> str:
    """Bracket a fraction's side when it is more than one term."""
    depth = 0
    for c in text:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and c in "+−-= ·⊙/":
            return f"({text})"
    return text


def _bold(c: str) -> str:
    if "A" <= c <= "Z":
        return chr(0x1D400 + ord(c) - ord("A"))
    if "a" <= c <= "z":
        return chr(0x1D41A + ord(c) - ord("a"))
    return c
