"""Tokenizer: a whitelist of token shapes; any other character is an error at its position."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .aliases import FUNCTION_SPELLINGS, GREEK, TILDE
from .errors import AnswerSyntaxError
from .normalize import Normalized

# kinds: num, name, op (+ - * / ^), sqrt, "(" ")" "[" "]" "," ";", end
_NUMBER = re.compile(r"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DIGITS = frozenset("0123456789")  # ASCII only: int() would also read other scripts' digits
_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SUBSCRIPT = re.compile(r"_(\{[A-Za-z0-9+\- ]*\}|\([A-Za-z0-9+\- ]*\)|[A-Za-z0-9]+)")
_PUNCT = {"(": "(", ")": ")", "[": "[", "]": "]", ",": ",", ";": ";", "+": "op", "-": "op",
          "/": "op", "^": "op", "*": "op", "√": "sqrt"}  # fmt: skip
_QUOTES = "'\"`‘’“”"
_PRIMES = "′″"
_STOPS = "。｡"  # ideographic full stops, typed by a Chinese keyboard for "."
# The derivative of each function, written out, for tanh'(C): {x} is the argument.
DERIVATIVES = {
    "sigmoid": "σ({x})*(1 - σ({x}))",
    "tanh": "1 - tanh({x})^2 (or sech({x})^2)",
    "exp": "exp({x})",
    "log": "1/({x})",
    "sqrt": "1/(2*sqrt({x}))",
    "cosh": "sinh({x})",
    "sinh": "cosh({x})",
    "sech": "-sech({x})*tanh({x})",
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    pos: int  # index in the original text
    end: int  # index just past it in the original text
    space_before: bool


def _error_for(ch: str, pos: int) -> AnswerSyntaxError:
    category = unicodedata.category(ch)
    if ch in _QUOTES:
        return AnswerSyntaxError("quote", pos)
    if ch in "=≈":
        return AnswerSyntaxError("equals", pos)
    if ch in _PRIMES:
        return AnswerSyntaxError("prime", pos)
    if ch in "|、":
        return AnswerSyntaxError("separator", pos, ch=ch)
    if category[0] == "C" or category in ("Zl", "Zp"):
        return AnswerSyntaxError("invisible-char", pos, char=f"U+{ord(ch):04X}")
    return AnswerSyntaxError("unexpected-char", pos, ch=ch)


def tokenize(norm: Normalized) -> list[Token]:
    text, origin = norm.text, norm.origin
    tokens: list[Token] = []
    i, n = 0, len(text)
    space = False

    def add(kind: str, value: str, start: int, stop: int) -> None:
        nonlocal space
        tokens.append(Token(kind, value, origin[start], origin[stop], space))
        space = False

    while i < n:
        ch = text[i]
        if ch == " ":
            space = True
            i += 1
            continue
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            match = _NUMBER.match(text, i)
            assert match is not None
            add("num", match.group(0), i, match.end())
            i = match.end()
            continue
        if ch == "*" and text.startswith("**", i):
            add("op", "^", i, i + 2)
            i += 2
            continue
        if ch in _PUNCT:
            add(_PUNCT[ch], ch, i, i + 1)
            i += 1
            continue
        if ch.isascii() and ch.isalpha():
            stop = _ASCII_NAME.match(text, i).end()  # type: ignore[union-attr]
        elif ch in GREEK:
            stop = i + 1  # Greek letters stand alone: σz is σ times z
        else:
            raise _explained(norm, i, tokens) or _error_for(ch, origin[i])
        while stop < n and text[stop] == TILDE:
            stop += 1
        while stop < n and text[stop] == "_":
            sub = _SUBSCRIPT.match(text, stop)
            if sub is None:
                raise AnswerSyntaxError("subscript", origin[stop])
            stop = sub.end()
        add("name", text[i:stop], i, stop)
        i = stop
    tokens.append(Token("end", "", origin[n], origin[n], space))
    return tokens


def _explained(norm: Normalized, i: int, tokens: list[Token]) -> AnswerSyntaxError | None:
    """A clearer error for a character that means something elsewhere: tanh'(C), 0。62."""
    text, ch = norm.text, norm.text[i]
    before = tokens[-1] if tokens else None
    if ch in _STOPS:
        tail = _NUMBER.match(text, i + 1) if before is not None and before.kind == "num" else None
        example = f"{before.text}.{tail.group(0)}" if before and tail else "0.62"
        return AnswerSyntaxError("ideographic-stop", norm.origin[i], ch=ch, example=example)
    if ch in _QUOTES + _PRIMES and before is not None and before.kind == "name":
        func = FUNCTION_SPELLINGS.get(before.text) or FUNCTION_SPELLINGS.get(before.text.lower())
        if func is not None:
            form = DERIVATIVES[func].format(x=_argument(text, i + 1))
            return AnswerSyntaxError("derivative", before.pos, name=before.text, form=form)
    return None


def _argument(text: str, start: int) -> str:
    """The argument in parentheses at `start` (tanh'(C) → C), short ones only; else x."""
    if not text.startswith("(", start):
        return "x"
    depth = 0
    for k in range(start, min(len(text), start + 24)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            inner = text[start + 1 : k].strip()
            return inner if inner else "x"
    return "x"
