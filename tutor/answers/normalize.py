"""Unicode clean-up before tokenizing, keeping a map back to the learner's own characters.

Full-width and other compatibility characters become ASCII (NFKC, one character at a time so
positions survive); super- and subscript runs become ^(…) and _{…} first, because NFKC would
turn ² into a plain 2; the several minus, times and dot signs become - and *, except a middle
dot between two digits (0·62), which some write for a decimal point: that is refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .errors import AnswerSyntaxError

# Signs NFKC leaves alone that learners (and the lessons' own formulas) use.
_SIGNS = {
    "−": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "﹣": "-",
    "⋅": "*", "·": "*", "∙": "*", "•": "*", "×": "*", "∗": "*", "⊙": "*", "✕": "*",
    "÷": "/", "∕": "/", "⁄": "/",
}  # fmt: skip
_DECIMAL_DOTS = {"·", "∙", "•"}  # not ⋅, the dot operator the preview itself prints
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # zero-width: pasted noise
_WHITESPACE = {" ", "\t", "\n", "\r", "\v", "\f"}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of text[i]; one extra at end


def _script_kind(ch: str) -> str | None:
    """'super' or 'sub' for characters such as ² ⁻ ₜ ₁ (from their compatibility tag)."""
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<super>"):
        return "super"
    if decomposition.startswith("<sub>"):
        return "sub"
    return None


def _plain(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        out.append(_SIGNS.get(c, c))
    return "".join(out)


def normalize(raw: str) -> Normalized:
    """Normalise `raw` (already bounded in length by the caller)."""
    chars: list[str] = []
    origin: list[int] = []

    def emit(piece: str, at: int) -> None:
        chars.extend(piece)
        origin.extend([at] * len(piece))

    i = 0
    while i < len(raw):
        ch = raw[i]
        kind = _script_kind(ch) if ord(ch) > 127 else None
        if kind is not None:
            start = i
            run = []
            while i < len(raw) and _script_kind(raw[i]) == kind:
                run.append(_plain(raw[i]))
                i += 1
            body = "".join(run).replace(" ", "")
            if kind == "super":
                emit("^" + body if body.isdigit() else "^(" + body + ")", start)
            else:
                emit("_{" + body + "}", start)
            continue
        if ch in _INVISIBLE or ch in _WHITESPACE:
            emit(" ", i)
        elif ch in _DECIMAL_DOTS and _decimal_point(raw, i):
            a, b = _number_before(raw, i), _number_after(raw, i)
            raise AnswerSyntaxError("middle-dot", i, a=a, b=b, dot=ch)
        elif ch in _SIGNS:
            emit(_SIGNS[ch], i)
        elif ord(ch) < 128 or unicodedata.category(ch).startswith("M"):
            emit(ch, i)  # ASCII, or a combining mark such as the tilde of C̃
        else:
            emit(_plain(ch), i)
        i += 1
    origin.append(len(raw))
    return Normalized("".join(chars), tuple(origin))


def _decimal_point(raw: str, i: int) -> bool:
    """Whether the dot at `i` could be a decimal point: digits on both sides, and neither
    number has a point of its own (0.5·0.3 can only be a product)."""
    a, b = _number_before(raw, i), _number_after(raw, i)
    return bool(a) and bool(b) and a[-1].isdigit() and b[0].isdigit() and "." not in a + b


def _number_before(raw: str, i: int) -> str:
    start = i
    while start > 0 and (_plain(raw[start - 1]).isdigit() or _plain(raw[start - 1]) == "."):
        start -= 1
    return _plain(raw[start:i])


def _number_after(raw: str, i: int) -> str:
    stop = i + 1
    while stop < len(raw) and (_plain(raw[stop]).isdigit() or _plain(raw[stop]) == "."):
        stop += 1
    return _plain(raw[i + 1 : stop])
