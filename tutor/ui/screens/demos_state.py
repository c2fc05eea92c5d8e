"""What the Demos screen keeps while the app runs: the choices, and each demo's last run.

The app holds one :class:`DemosState`; a Demos screen opened again finds the demo, device
and quick setting the learner left, and each demo's last results beside its own name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.demos import NAMES
from tutor.demos.record import Recorder
from tutor.i18n import Text


@dataclass
class DemoRun:
    """One run of a demo: what arrived, where it stands, and which chart or table is shown."""

    status: Text
    values: dict[str, object]
    recorder: Recorder = field(default_factory=Recorder)
    progress: tuple[int | None, int] = (None, 0)  # (total, done); total None: not known yet
    view: int = -1  # the chart or table shown; -1 follows the newest chart

    def views(self) -> list[tuple[str, str]]:
        """("chart", key) for each chart, then ("table", name) for each table, in order."""
        charts = [("chart", key) for key in self.recorder.charts]
        return charts + [("table", name) for name in self.recorder.tables]

    def shown(self) -> int | None:
        """The index of the view on screen (None: nothing to show yet)."""
        views = self.views()
        if not views:
            return None
        if self.view < 0:  # the newest chart, or the first table when there is none
            charts = len(self.recorder.charts)
            return charts - 1 if charts else 0
        return self.view % len(views)


@dataclass
class DemosState:
    selected: str = NAMES[0]
    device: str = "auto"
    quick: bool = False
    runs: dict[str, DemoRun] = field(default_factory=dict)
