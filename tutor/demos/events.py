"""What a running demo yields (torch-free, so the TUI can import it at startup).

A demo is an iterator of these events. Consumers (the TUI worker, the headless command)
show them as they come and may stop iterating at any point; :class:`Finished` arrives only
when the demo ran to the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.i18n import Text


@dataclass(frozen=True, slots=True)
class Started:
    """The demo resolved its device and settings and is about to work."""

    demo: str
    device: str
    device_name: str
    torch: str
    settings: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Progress:
    """``done`` of ``total`` work units finished; ``label`` says what runs now."""

    done: int
    total: int
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Declares a plot; later :class:`Points` name it by ``key``.

    ``x_ticks`` names the categories of a categorical x axis (x = 0, 1, ...; drawn as bars,
    the names looked up in tutor.demos.labels); empty for a numeric one. The texts may hold
    inline formulas as ``$…$`` LaTeX, rendered like the lessons'.
    """

    key: str
    title: Text
    x_label: Text
    y_label: Text
    log_y: bool = False
    x_ticks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Points:
    """Points appended to one series of a chart (non-finite y values are kept as NaN)."""

    chart: str
    series: str
    x: tuple[float, ...]
    y: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Result:
    """One row of a results table (JSON-able values only).

    ``table`` is ``"results"`` for the demo's main table (the report's ``results``); a demo
    with a second kind of row names another table, reported under ``tables``.
    """

    row: Mapping[str, Any]
    table: str = "results"


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the closing summary: what the measurement says about the claim."""

    text: Text


@dataclass(frozen=True, slots=True)
class Finished:
    """The whole run as one JSON-able report (see :func:`tutor.demos.record.Recorder.report`)."""

    report: Mapping[str, Any] = field(default_factory=dict)


Event = Started | Progress | Chart | Points | Result | Note | Finished
