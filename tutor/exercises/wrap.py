"""Wrapping terminal text to a width: at spaces, and between CJK characters.

A no-break space (U+00A0, what :mod:`tutor.exercises.notation` puts inside a rendered formula)
never breaks, so a formula is never cut; a word or formula longer than the width gets a line
of its own rather than being cut. Widths are terminal columns: CJK characters take two,
combining marks none. Closing punctuation never starts a line and opening punctuation never
ends one.
"""

from __future__ import annotations

import re
import unicodedata

from tutor.exercises.notation import NO_BREAK

_SPACES = re.compile(r"( +)")
_NO_LINE_START = set("，。、；：？！）》」』】〉,.;:?!)]}…%")
_NO_LINE_END = set("（《「『【〈([{")


def char_width(ch: str) -> int:
    """Columns a character takes in a terminal."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(text: str) -> int:
    """Columns a text takes in a terminal."""
    return sum(char_width(ch) for ch in text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _pieces(word: str) -> list[str]:
    """A word split where a line may break inside it: beside a CJK character, unless that
    would start a line with closing punctuation or end one with opening punctuation."""
    pieces, start = [], 0
    for k in range(1, len(word)):
        before, after = word[k - 1], word[k]
        if (
            (_wide(before) or _wide(after))
            and NO_BREAK not in (before, after)
            and char_width(after) > 0
            and after not in _NO_LINE_START
            and before not in _NO_LINE_END
        ):
            pieces.append(word[start:k])
            start = k
    pieces.append(word[start:])
    return pieces


def wrap(text: str, width: int | None, *, indent: str = "", hang: str | None = None) -> list[str]:
    """The text as lines of at most `width` columns (None: one line, unchanged).

    Args:
        text: one paragraph (no newlines).
        width: the columns available.
        indent: put before the first line.
        hang: put before every later line (default: `indent`).

    Returns:
        The lines, without trailing spaces. Runs of spaces inside a line are kept as written;
        a line breaks in place of a run of spaces or between CJK characters.
    """
    hang = indent if hang is None else hang
    if width is None or text_width(indent + text) <= width:
        return [indent + text]
    lines: list[str] = []
    line, used = indent, text_width(indent)
    fresh = True  # nothing but the indent on this line yet
    parts = _SPACES.split(text)  # words at even indices, the spaces between them at odd ones
    for index in range(0, len(parts), 2):
        space = parts[index - 1] if index else ""
        for k, piece in enumerate(_pieces(parts[index]) if parts[index] else []):
            gap = space if k == 0 else ""
            size = text_width(piece)
            if fresh or used + text_width(gap) + size <= width:
                line += ("" if fresh else gap) + piece
                used += (0 if fresh else text_width(gap)) + size
            else:
                lines.append(line.rstrip())
                line, used = hang + piece, text_width(hang) + size
            fresh = False
    lines.append(line.rstrip())
    return lines
