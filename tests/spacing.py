"""Chinese typesetting checks shared by the UI and demo tests: no space after 。 and its kin."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Full-width punctuation carries its own spacing; a space after it is a stray one (from a
# Markdown soft line break, a join with " ", or a typo).
_STRAY = re.compile(r"[，。、；：！？）」』》”][ \t\u00a0\u3000]+(?=\S)")


def stray_spaces(texts: Iterable[str]) -> list[str]:
    """The places (with a little context) where a space follows full-width punctuation."""
    found = []
    for text in texts:
        for match in _STRAY.finditer(text):
            start = max(0, match.start() - 12)
            found.append(text[start : match.end() + 12])
    return found


def report_texts(report: dict) -> list[str]:
    """The Chinese texts of a demo's JSON report: chart titles, axis labels, notes."""
    texts = [note["zh"] for note in report.get("notes", [])]
    for chart in report.get("charts", []):
        texts += [chart[k]["zh"] for k in ("title", "x_label", "y_label")]
    return texts
