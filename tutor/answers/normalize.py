"""Unicode clean-up before tokenizing, keeping a map back to the learner's own characters.

Full-width and other compatibility characters become ASCII (NFKC, one character at a time so
positions survive); super- and subscript runs become ^(…) and _{…} first, because NFKC would
turn ² into a plain 2; the several minus, times and dot signs become - and *.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Signs NFKC leaves alone that learners (and the lessons' own formulas) use.
_SIGNS = {
    "−": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "﹣": "-",
    "⋅": "*", "·": "*", "∙": "*", "•": "*", "×": "*", "∗": "*", "⊙": "*", "✕": "*",
    "÷": "/", "∕": "/", "⁄": "/",
}  # fmt: skip
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
        elif ch in _SIGNS:
            emit(_SIGNS[ch], i)
        elif ord(ch) < 128 or unicodedata.category(ch).startswith("M"):
            emit(ch, i)  # ASCII, or a combining mark such as the tilde of C̃
        else:
            emit(_plain(ch), i)
        i += 1
    origin.append(len(raw))
    return Normalized("".join(chars), tuple(origin))
