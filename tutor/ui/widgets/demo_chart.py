"""One demo chart: its title, the plot (lines, or bars over named methods) and a legend.

Only numbers go through plotext: it counts characters, not terminal cells, so Chinese
titles, axis labels and legends would push its lines past the edge. They are drawn here as
text instead. Each series has a colour and, under NO_COLOR, a marker of its own, and the
legend shows both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tutor.course.markdown import render_inline
from tutor.demos.events import Chart
from tutor.demos.labels import value as label
from tutor.i18n import Lang
from tutor.ui.strings import S
from tutor.ui.widgets.demo_bars import DemoBars, fill

SeriesData = tuple[str, Sequence[float], Sequence[float]]  # (name, xs, ys)

COLOURS = (12, 10, 9, 13, 11, 14)  # ANSI colours: plotext and the legend paint the same
MARKERS = ("o", "x", "+", "*", "#", "@")  # under NO_COLOR, where colours are gone


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


def whole_ticks(low: float, high: float, most: int = 6) -> list[int]:
    """At most ``most`` whole-number ticks from ``low`` to ``high``, 1, 2 or 5 × 10ᵏ apart."""
    first, last = math.ceil(low), math.floor(high)
    if last <= first:
        return [first]
    steps = (m * 10**k for k in range(12) for m in (1, 2, 5))
    step = next(s for s in steps if (last - first) // s + 1 <= most)
    return list(range(math.ceil(first / step) * step, last + 1, step))


def colour(index: int) -> Color:
    return Color.from_ansi(COLOURS[index % len(COLOURS)])


class LinePlot(PlotextPlot):
    """The plotext part: axes, ticks and lines, no words."""

    DEFAULT_CSS = """
    LinePlot {
        height: 1fr;
        min-height: 5;
    }
    """


class DemoChart(Vertical):
    """Draws a :class:`Chart` with its series; the screen decides which chart and when."""

    DEFAULT_CSS = """
    DemoChart {
        height: 1fr;
        overflow-y: auto;  /* bars of four series (two devices) can outgrow 80×24 */
        scrollbar-size-vertical: 1;
    }
    DemoChart > #chart-head {
        height: auto;
    }
    DemoChart #chart-title {
        width: 1fr;
        text-style: bold;
    }
    DemoChart #chart-where {
        width: auto;
        color: $text-muted;
        padding-left: 1;
    }
    DemoChart > #chart-axes {
        color: $text-muted;
    }
    DemoChart > DemoBars {
        margin: 1 0;
    }
    """

    shown_title = ""  # the title as drawn, for tests

    def compose(self) -> ComposeResult:
        with Horizontal(id="chart-head"):
            yield Static(id="chart-title")
            yield Static(id="chart-where")
        yield Static(id="chart-legend")  # above: a tall bar chart may need scrolling
        yield LinePlot()
        yield DemoBars()
        yield Static(id="chart-axes")

    def draw(
        self, chart: Chart | None, series: Sequence[SeriesData], lang: Lang, where: str = ""
    ) -> None:
        """Replace the plot. ``where`` (e.g. "1/2 · c: next") goes right of the title."""
        title = "" if chart is None else render_inline(chart.title(lang))
        self.shown_title = f"{title}  {where}".rstrip()
        self.query_one("#chart-title", Static).update(Text(title))
        self.query_one("#chart-where", Static).update(Text(where))
        plot, bars = self.query_one(LinePlot), self.query_one(DemoBars)
        bar_chart = chart is not None and bool(chart.x_ticks)
        plot.display = chart is not None and not bar_chart
        bars.display = bar_chart
        legend: list[tuple[str, str, Style]] = []
        if chart is None:
            axes = ""
        elif bar_chart:
            legend = self._draw_bars(chart, series, lang)
            axes = S.demos_bar_axes
        else:
            legend = self._draw_lines(chart, series)
            axes = S.demos_axes
        self.query_one("#chart-legend", Static).update(
            Text("   ").join(  # no-break spaces: an entry wraps as a whole
                Text.assemble((symbol, style), "\u00a0", label(name)(lang).replace(" ", "\u00a0"))
                for name, symbol, style in legend
            )
        )
        if chart is not None:
            x, y = (render_inline(t(lang)) for t in (chart.x_label, chart.y_label))
            axes_text = axes.format(x=x, y=y)(lang)
        else:
            axes_text = ""
        self.query_one("#chart-axes", Static).update(Text(axes_text))

    def _draw_lines(
        self, chart: Chart, series: Sequence[SeriesData]
    ) -> list[tuple[str, str, Style]]:
        plot = self.query_one(LinePlot)
        plt = plot.plt
        plt.clear_figure()
        no_color = self.app.no_color
        legend = []
        drawn_x: list[float] = []
        drawn_y: list[float] = []
        for n, (name, xs, ys) in enumerate(series):
            px, py = plottable(xs, ys, chart.log_y)
            if chart.log_y:
                # plotext's own log scale transforms its data in place on every build, and
                # Textual builds on every render; so plot log10(y) on a linear axis instead
                py = [math.log10(y) for y in py]
            if not px:
                continue
            line = "braille" if len(px) > 40 else "hd"
            marker = MARKERS[n % len(MARKERS)] if no_color else line
            plt.plot(px, py, marker=marker, color=COLOURS[n % len(COLOURS)])
            drawn_x.extend(px)
            drawn_y.extend(py)
            symbol = MARKERS[n % len(MARKERS)] if no_color else "━━"
            legend.append((name, symbol, Style(color=colour(n), bold=True)))
        if drawn_x and all(float(x).is_integer() for x in drawn_x):  # steps, lengths
            distinct = sorted({int(x) for x in drawn_x})
            ticks = distinct if len(distinct) <= 6 else whole_ticks(distinct[0], distinct[-1])
            plt.xticks(ticks, [str(t) for t in ticks])
        if chart.log_y:
            plt.yticks(*log_ticks(drawn_y))
        plot.refresh()
        return legend

    def _draw_bars(
        self, chart: Chart, series: Sequence[SeriesData], lang: Lang
    ) -> list[tuple[str, str, Style]]:
        categories = [label(tick)(lang) for tick in chart.x_ticks]
        bars = []
        legend = []
        for n, (name, xs, ys) in enumerate(series):
            values: list[float | None] = [None] * len(categories)
            for x, y in zip(xs, ys, strict=True):
                if 0 <= int(x) < len(values):
                    values[int(x)] = y
            style = Style(color=colour(n))
            bars.append((name, values, style))
            legend.append((name, fill(n) * 2, style))
        self.query_one(DemoBars).show(categories, bars, log=chart.log_y)
        return legend
