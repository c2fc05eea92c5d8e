"""The live preview, and the caret display of an error that invalid verdicts share."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from tutor.i18n import Lang, Text

from .aliases import DEFAULT_FUNCTIONS
from .errors import AnswerSyntaxError
from .parser import parse
from .printer import pretty
from .verdict import Preview

_WINDOW = 60  # columns of input shown around an error


def _shown(ch: str) -> tuple[str, int]:
    """How a character is drawn in the caret line, and its width in terminal columns."""
    category = unicodedata.category(ch)
    if ch in "\t\n\r":
        return " ", 1
    if category[0] == "C" or category in ("Zl", "Zp"):
        return "�", 1  # never print control or bidi characters into the terminal
    if category in ("Mn", "Me"):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def caret(text: str, pos: int) -> str:
    """Two lines: the input around `pos`, and a ^ under that position (wide characters count 2)."""
    pos = max(0, min(pos, len(text)))
    start = max(0, pos - _WINDOW // 2)
    stop = min(len(text), start + _WINDOW)
    line, column = [], 0
    if start > 0:
        line.append("…")
        column = 1
    offset = column
    for i in range(start, stop):
        drawn, width = _shown(text[i])
        if i < pos:
            offset += width
        line.append(drawn)
    if stop < len(text):
        line.append("…")
    return "".join(line) + "\n" + " " * offset + "^"


def error_feedback(text: str, error: AnswerSyntaxError) -> Text:
    """The message with the caret picture above it, in both languages."""
    if error.code in ("empty", "too-long"):
        return error.texts
    return pointed(text, error.pos, error.texts)


def pointed(text: str, pos: int, message: Text) -> Text:
    """`message` under the input with a caret at `pos`."""
    return Text.same(caret(text, pos) + "\n") + message


def preview(
    text: str,
    *,
    symbols: Sequence[str] = (),
    functions: Iterable[str] = DEFAULT_FUNCTIONS,
    lang: Lang = "en",
    lists: bool | None = None,
    whole: bool = False,
) -> Preview:
    """What the learner's text means, pretty-printed, or where and why it is not understood.

    Vectors and matrices are accepted when no symbols are declared (a numeric answer), unless
    `lists` says otherwise; `whole` as for a cell of whole numbers (3,5 is then two numbers,
    see parse). `lang` chooses the language of the error in `text`.
    """
    allow_lists = not symbols if lists is None else lists
    try:
        node = parse(text, symbols=symbols, lists=allow_lists, functions=functions, whole=whole)
    except AnswerSyntaxError as error:
        body = caret(text, error.pos) + "\n" + error.texts(lang)
        return Preview(False, body, error.pos, error.texts)
    return Preview(True, pretty(node))
