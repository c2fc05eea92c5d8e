"""The progress screen's two plots (textual-plotext): the last 30 days, and the reviews due.

Legible without colour: counts are bars (█), accuracy is a dot (●) on its own axis, and the
forecast writes each day's count above its bar. The plots hold only numbers and dates; their
titles and legends are Static text beside them, since plotext counts every character as one
cell and would misplace Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.color import Color
from textual_plotext import PlotextPlot

from tutor.study.report import Day, DueDay

BAR = "sd"  # plotext's full block █
DOT = "●"


def count_ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to `top` (at most three: a count has no halves)."""
    return sorted({0, top // 2, top}) if top > 1 else [0, 1]


class _Chart(PlotextPlot):
    def _colour(self, variable: str) -> tuple[int, int, int]:
        """A colour of the app's theme (textual-plotext leaves series colours to us)."""
        value = self.app.theme_variables.get(variable) or "white"
        return Color.parse(value).rgb


class ActivityChart(_Chart):
    """Attempts per day as bars in the lower half (left axis), that day's accuracy as a dot
    in the upper half (right axis): the two never cover each other."""

    DEFAULT_CSS = """
    ActivityChart { height: 16; }
    """

    def show(self, days: Sequence[Day]) -> None:
        plt = self.plt
        plt.clear_figure()
        xs = list(range(len(days)))
        counts = [d.attempts for d in days]
        top = max(1, max(counts, default=0))
        plt.bar(xs, counts, marker=BAR, width=0.6, color=self._colour("primary"), reset_ticks=False)
        scored = [
            (x, 100 * d.accuracy) for x, d in zip(xs, days, strict=True) if d.accuracy is not None
        ]
        if scored:
            plt.scatter(
                [x for x, _ in scored],
                [y for _, y in scored],
                marker=DOT,
                color=self._colour("warning"),
                yside="right",
            )
        # the bars' axis runs to twice their top, the dots' from -110%: each keeps its half
        plt.ylim(0, 2.2 * top)
        plt.yticks(count_ticks(top))
        plt.ylim(-110, 100, yside="right")
        plt.yticks([0, 50, 100], ["0%", "50%", "100%"], yside="right")
        # a tick a week, ending today (MM-DD reads the same in both languages)
        ticks = list(range(len(days) - 1, -1, -7))[::-1]
        plt.xticks(ticks, [days[t].day.strftime("%m-%d") for t in ticks])
        self.refresh()


class ForecastChart(_Chart):
    """Cards due on each of the next days, as bars with their count written above."""

    HEIGHT = 11
    DEFAULT_CSS = f"""
    ForecastChart {{ height: {HEIGHT}; }}
    """

    def show(self, forecast: Sequence[DueDay]) -> None:
        plt = self.plt
        plt.clear_figure()
        xs = list(range(len(forecast)))
        counts = [d.due for d in forecast]
        top = max(1, max(counts, default=0))
        rows = self.HEIGHT - 3  # less the frame and the ticks
        step = top / (rows - 1.5)  # what one row is worth, with room above the top bar
        plt.bar(xs, counts, marker=BAR, width=0.5, color=self._colour("primary"), reset_ticks=False)
        for x, n in zip(xs, counts, strict=True):
            if n:  # in the row above its bar
                plt.text(str(n), x, n + step, alignment="center")
        plt.ylim(0, top + 1.5 * step)
        plt.yticks(count_ticks(top))
        # the day of the month under each bar; the month where it starts, and today's
        labels = [
            d.day.strftime("%m-%d") if n == 0 or d.day.day == 1 else str(d.day.day)
            for n, d in enumerate(forecast)
        ]
        plt.xticks(xs, labels)
        self.refresh()
