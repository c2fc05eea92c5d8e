"""Line-wrapping for Chinese text in Textual.

Rich wraps at whitespace only (rich._wrap.re_word, used by Textual's widgets too), so a Chinese sentence, which has
no spaces, moves to the next line as one block and leaves ragged short lines. Here every
CJK character is a chunk of its own (a line may break before it), with closing punctuation
kept on the same line as the character before it and opening punctuation on the line of the
character after it, as Chinese typesetting requires. Nor does a line break next to a binary operator, so an
inline formula such as "t + 1" stays on one line (Textual's Markdown folds no-break spaces
into plain ones, so those cannot be used for it).
"""

from __future__ import annotations

import re
from functools import cache

CJK = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CLOSE = "，。、；：！？）》」』”’…%\uff05"
OPEN = "（《「『“‘"

# A space next to a binary operator is no break opportunity: "t + 1" and "Cₜ ∈ ℝᴴ" stay whole.
_OPERATORS = "=+−⊙·×∈≤≥≈≠→←⇒⊗⊕∝≡"
_GLUED = rf"[ \u00a0](?=[{_OPERATORS}][ \u00a0])|(?<=[ \u00a0][{_OPERATORS}])[ \u00a0]|\u00a0"
_SPACE = rf"(?:(?!{_GLUED})\s)"  # a break opportunity
_WORD = (
    rf"[{OPEN}]*[{CJK}][{CLOSE}]*"  # one CJK character with its punctuation
    rf"|[{OPEN}]*(?:{_GLUED}|[^\s{CJK}{OPEN}])+?(?=[{OPEN}]*[{CJK}]|{_SPACE}|$)[{CLOSE}]*"  # Latin
    rf"|(?:{_GLUED}|\S)+"
)


@cache
def word_pattern() -> re.Pattern[str]:
    """Rich's words: spaces before, the word, spaces after (compiled once, when first needed:
    the compile costs a few milliseconds the first screen should not wait for)."""
    return re.compile(rf"{_SPACE}*(?:{_WORD}){_SPACE}*")


def install() -> None:
    """Make Rich's wrapper, which Textual's widgets use, break between CJK characters.

    (Textual's own textual._wrap serves only TextArea, which the tutor does not use.)
    """
    from rich import _wrap as rich_wrap

    rich_wrap.re_word = word_pattern()
