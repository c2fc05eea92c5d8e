"""Recall cards: which key points a written answer covers, and what a self-rating means."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from tutor.i18n import Text
from tutor.progress import Outcome

RATINGS: dict[int, Text] = {
    1: Text("重来", "Again"),
    2: Text("困难", "Hard"),
    3: Text("良好", "Good"),
    4: Text("简单", "Easy"),
}
#: A self-rating as an outcome and a score (Again: not recalled; Hard: with effort).
RATING_OUTCOMES: dict[int, tuple[Outcome, float]] = {
    1: ("incorrect", 0.0),
    2: ("partial", 0.5),
    3: ("correct", 1.0),
    4: ("correct", 1.0),
}

_NOISE = re.compile(r"[\s_\-−–—·.,，、。:：;；'\"“”‘’()（）\[\]{}$\\^]+")


def normalize(text: str) -> str:
    """Case, width, sub/superscripts, spaces and punctuation folded away: "f_t", "fₜ" and
    "F t" all read "ft", and "遗忘 门" reads "遗忘门"."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


def covered(text: str, terms: Mapping[str, Sequence[Sequence[str]]]) -> tuple[bool, ...]:
    """For each key point, whether `text` contains one of its terms, in either language.

    `terms` is a recall question's key_terms: {lang: [[term, …] per key point]}.
    """
    written = normalize(text)
    groups = list(terms.values())
    if not groups or not written:
        return tuple(False for _ in (groups[0] if groups else ()))
    return tuple(
        any(normalize(term) and normalize(term) in written for group in point for term in group)
        for point in zip(*groups, strict=True)
    )
