"""A terminal plot of one demo chart: the series a running demo has produced so far."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual_plotext import PlotextPlot

from tutor.demos.events import Chart

SeriesData = tuple[str, Sequence[float], Sequence[float]]  # (name, xs, ys)


def plottable(xs: Sequence[float], ys: Sequence[float], log_y: bool) -> tuple[list, list]:
    """The points a plot can draw: finite, and positive on a log axis."""
    points = [
        (x, y)
        for x, y in zip(xs, ys, strict=True)
        if y is not None and math.isfinite(y) and (y > 0 or not log_y)
    ]
    return [x for x, _ in points], [y for _, y in points]


def log_ticks(logs: Sequence[float], most: int = 6) -> tuple[list[float], list[str]]:
    """Ticks at whole powers of ten spanning ``logs`` (log10 values), labelled 1e-20."""
    if not logs:
        return [], []
    low, high = math.floor(min(logs)), math.ceil(max(logs))
    step = max(1, math.ceil((high - low) / (most - 1)))
    exponents = list(range(high, low - 1, -step))
    return [float(k) for k in exponents], [f"1e{k}" if k else "1" for k in exponents]


class DemoChart(PlotextPlot):
    """Draws a :class:`Chart` with its series; the screen decides which chart and when."""

    DEFAULT_CSS = """
    DemoChart {
        height: 1fr;
        min-height: 10;
    }
    """

    shown_title = ""  # the title as drawn (cut to fit)

    def draw(
        self, chart: Chart | None, series: Sequence[SeriesData], lang: str, where: str = ""
    ) -> None:
        """Replace the plot. ``where`` (e.g. "1/2 · c: next") is appended to the title."""
        plt = self.plt
        plt.clear_figure()
        if chart is None:
            self.shown_title = "…"
            plt.title(self.shown_title)
            self.refresh()
            return
        title = Text(f"{chart.title(lang)}  {where}".rstrip())
        # plotext drops a title wider than the plot, so cut it to fit (in terminal cells)
        title.truncate(max(8, self.size.width - 4), overflow="ellipsis")
        self.shown_title = title.plain
        plt.title(self.shown_title)
        plt.xlabel(chart.x_label(lang))
        plt.ylabel(chart.y_label(lang))
        if chart.x_ticks:
            plt.xticks(list(range(len(chart.x_ticks))), list(chart.x_ticks))
        drawn: list[float] = []
        for name, xs, ys in series:
            px, py = plottable(xs, ys, chart.log_y)
            if chart.log_y:
                # plotext's own log scale transforms its data in place on every build, and
                # Textual builds on every render; so plot log10(y) on a linear axis instead
                py = [math.log10(y) for y in py]
            if px:
                plt.plot(px, py, label=name, marker="braille" if len(px) > 40 else "hd")
                drawn.extend(py)
        if chart.log_y:
            plt.yticks(*log_ticks(drawn))
        self.refresh()
