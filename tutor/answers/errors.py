"""The one exception learner input can raise inside this package; checks turn it into a Verdict."""

from __future__ import annotations

from . import messages


class AnswerSyntaxError(ValueError):
    """Input that is not in the answer language, or exceeds a bound.

    `pos` is the index in the learner's original text where the problem is (len(text) for
    "something is missing at the end").
    """

    def __init__(self, code: str, pos: int, **fields: object) -> None:
        self.code = code
        self.pos = pos
        self.fields = fields
        self.texts = messages.text(code, **fields)
        super().__init__(f"{self.texts.en} (at {pos})")
