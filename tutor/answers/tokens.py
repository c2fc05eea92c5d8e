"""Tokenizer: a whitelist of token shapes; any other character is an error at its position."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .aliases import GREEK, TILDE
from .errors import AnswerSyntaxError
from .normalize import Normalized

# kinds: num, name, op (+ - * / ^), sqrt, "(" ")" "[" "]" ",", end
_NUMBER = re.compile(r"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DIGITS = frozenset("0123456789")  # ASCII only: int() would also read other scripts' digits
_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SUBSCRIPT = re.compile(r"_(\{[A-Za-z0-9+\- ]*\}|\([A-Za-z0-9+\- ]*\)|[A-Za-z0-9]+)")
_PUNCT = {"(": "(", ")": ")", "[": "[", "]": "]", ",": ",", "+": "op", "-": "op", "/": "op",
          "^": "op", "*": "op", "√": "sqrt"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    pos: int  # index in the original text
    end: int  # index just past it in the original text
    space_before: bool


def _error_for(ch: str, pos: int) -> AnswerSyntaxError:
    category = unicodedata.category(ch)
    if ch in "'\"`‘’“”":
        return AnswerSyntaxError("quote", pos)
    if ch in "=≈":
        return AnswerSyntaxError("equals", pos)
    if ch in "′″":
        return AnswerSyntaxError("prime", pos)
    if ch in ";|、":
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
            raise _error_for(ch, origin[i])
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
