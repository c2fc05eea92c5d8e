"""Fold a demo's events into tables, plots and the JSON report (torch-free).

The runner uses it to build the report; the TUI uses it to keep what it has shown so far,
so a cancelled run still has its partial plots and rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from tutor.demos.events import Chart, Event, Note, Points, Result, Started
from tutor.demos.labels import YES_NO
from tutor.demos.labels import value as label
from tutor.i18n import Lang


def json_safe(value: Any) -> Any:
    """``value`` with NaN and infinities replaced by None, so strict JSON accepts it."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


class Recorder:
    """Everything a run has shown so far, in arrival order."""

    def __init__(self) -> None:
        self.started: Started | None = None
        self.charts: dict[str, Chart] = {}
        # (chart key, series name) -> (xs, ys); dict order is the order series appeared
        self.series: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.notes: list[Note] = []

    def add(self, event: Event) -> None:
        match event:
            case Started():
                self.started = event
            case Chart():
                self.charts[event.key] = event
            case Points():
                xs, ys = self.series.setdefault((event.chart, event.series), ([], []))
                xs.extend(event.x)
                ys.extend(event.y)
            case Result():
                self.tables.setdefault(event.table, []).append(dict(event.row))
            case Note():
                self.notes.append(event)
            case _:
                pass

    def series_of(self, chart: str) -> list[tuple[str, list[float], list[float]]]:
        """The series drawn on ``chart``: (name, xs, ys)."""
        return [(name, xs, ys) for (key, name), (xs, ys) in self.series.items() if key == chart]

    def report(self, *, seconds: float, quick: bool, seed: int) -> dict[str, Any]:
        """The JSON-able report of the run (strict JSON: NaN becomes null)."""
        started = self.started
        if started is None:
            raise RuntimeError("the demo never started")
        return json_safe(
            {
                "demo": started.demo,
                "device": started.device,
                "device_name": started.device_name,
                "torch": started.torch,
                "seconds": round(seconds, 3),
                "quick": quick,
                "seed": seed,
                "settings": dict(started.settings),
                "charts": [
                    {**asdict(chart), "x_ticks": list(chart.x_ticks)}  # Text fields: {zh, en}
                    for chart in self.charts.values()
                ],
                "series": [
                    {"chart": key, "name": name, "x": xs, "y": ys}
                    for (key, name), (xs, ys) in self.series.items()
                ],
                "results": self.tables.get("results", []),
                "tables": {k: rows for k, rows in self.tables.items() if k != "results"},
                "summary": [note.text.en for note in self.notes],
                "notes": [note.text.as_dict() for note in self.notes],  # {zh, en} each
            }
        )


def si(value: float) -> str:
    """Three significant digits with k, M, G or T: 41.8k, 828k, 12.3M (narrow columns)."""
    units = ("", "k", "M", "G", "T")
    for n, unit in enumerate(units):
        shown = f"{value:.3g}"
        if abs(float(shown)) < 1000 or n == len(units) - 1:  # 999.7k shows as 1M
            return shown + unit
        value /= 1000
    raise AssertionError("unreachable")


_FORMATS: dict[str, Callable[[float], str]] = {
    "accuracy": "{:.3f}".format,
    "speedup": "{:.2f}×".format,
    "tokens_per_s": si,
    "grad_norm": "{:.3g}".format,
    "loss": "{:.3g}".format,
}


def format_cell(key: str, value: Any, lang: Lang = "en") -> str:
    """A table cell as text in ``lang``; missing or non-finite numbers show as a dash."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, bool):
        return YES_NO[0 if value else 1](lang)
    if isinstance(value, float):
        return _FORMATS.get(key, "{:.4g}".format)(value)
    if isinstance(value, str):
        return label(value)(lang)
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}"
    return str(value)
