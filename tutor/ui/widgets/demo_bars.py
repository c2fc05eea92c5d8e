"""A horizontal bar chart for a demo chart over named methods (a categorical x axis).

Drawn as text, not by plotext: its labels may be Chinese (plotext counts characters, not
terminal cells), and every series gets a fill of its own, so the bars read apart without
colour too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tutor.demos.record import si

FILLS = ("█", "▒", "▓", "░")


def fill(index: int) -> str:
    return FILLS[index % len(FILLS)]


def bar_lines(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], Style]],
    width: int,
    *,
    log: bool,
    number: Callable[[float], str] = si,
) -> list[Text]:
    """One line per category and series: the label (first line of a group), the bar, the value.

    ``series`` gives (name, value per category or None, style); lengths are proportional to
    the value, or to its logarithm from half a decade below the smallest on a log axis.
    """
    values = [v for _, vs, _ in series for v in vs if v is not None and math.isfinite(v)]
    if log:
        values = [v for v in values if v > 0]
    if not values:
        return []
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    low = math.floor(scale(min(values)) - 0.5) if log else min(0.0, min(values))
    high = scale(max(values))
    label_width = max(cell_len(c) for c in categories)
    shown = [[number(v) if v is not None else "" for v in vs] for _, vs, _ in series]
    value_width = max(len(s) for column in shown for s in column)
    room = max(1, width - label_width - value_width - 2)
    lines: list[Text] = []
    for k, category in enumerate(categories):
        for n, (_, vs, style) in enumerate(series):
            v = vs[k] if k < len(vs) else None
            label = category if n == 0 else ""
            line = Text(label + " " * (label_width - cell_len(label) + 1))
            if v is not None and math.isfinite(v) and (v > 0 or not log):
                share = (scale(v) - low) / (high - low) if high > low else 1.0
                cells = max(1, round(share * room))
                line.append(fill(n) * cells, style)
                line.append(" " * (room - cells + 1))
                line.append(shown[n][k].rjust(value_width))
            lines.append(line)
    return lines


class DemoBars(Widget):
    """Draws :func:`bar_lines` at the widget's width, redrawn when it is resized."""

    DEFAULT_CSS = """
    DemoBars {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._categories: list[str] = []
        self._series: list[tuple[str, Sequence[float | None], Style]] = []
        self._log = False

    def show(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None], Style]],
        *,
        log: bool,
    ) -> None:
        self._categories, self._series, self._log = list(categories), list(series), log
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def _lines(self, width: int) -> list[Text]:
        if not self._categories or not self._series:
            return []
        return bar_lines(self._categories, self._series, width, log=self._log)

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))
