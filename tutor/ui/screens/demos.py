"""The Demos screen: pick a demo, run it in a worker, watch its chart and results grow.

The demo runs in a thread worker and posts its events back as messages; Escape cancels a
run at once (the worker stops at the demo's next event) and leaves what arrived on screen.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tutor.course.markdown import render_inline
from tutor.demos import DESCRIPTIONS, DEVICES, NAMES
from tutor.demos.errors import DemoRequestError
from tutor.demos.events import Chart, Event, Finished, Note, Points, Progress, Result, Started
from tutor.demos.record import Recorder
from tutor.i18n import Lang, Text
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S
from tutor.ui.widgets.demo_chart import DemoChart
from tutor.ui.widgets.demo_results import DemoResults


class DemosScreen(Localized, Screen[None]):
    """Run the live demos; ``initial`` names the demo selected at first."""

    DEFAULT_CSS = """
    DemosScreen #demos-side {
        width: 24;
        padding: 0 1;
        border-right: vkey $panel-lighten-2;
    }
    DemosScreen #demos-heading {
        text-style: bold;
        padding-bottom: 1;
    }
    DemosScreen #demos-list {
        height: auto;
        margin-bottom: 1;
    }
    DemosScreen #demos-run {
        width: 100%;
        margin-top: 1;
    }
    DemosScreen #demos-main {
        padding: 0 1;
    }
    DemosScreen #demos-description {
        color: $text-muted;
        padding-top: 1;
    }
    DemosScreen #demos-status.failed {
        color: $error;
    }
    DemosScreen #demos-notes {
        height: auto;
        max-height: 4;
        color: $text-muted;
    }
    DemosScreen #demos-results {
        height: 10;
    }
    DemosScreen #demos-progress Bar {
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel_or_back", "Cancel / back"),
        Binding("r", "run", "Run"),
        Binding("c", "next_chart", "Next chart"),
    ]

    class DemoEvent(Message):
        """An event of run ``run_id``, posted from the worker thread."""

        def __init__(self, run_id: int, event: Event) -> None:
            super().__init__()
            self.run_id = run_id
            self.event = event

    class DemoFailed(Message):
        """Run ``run_id`` could not start (a bad request: no CUDA, say)."""

        def __init__(self, run_id: int, error: str) -> None:
            super().__init__()
            self.run_id = run_id
            self.error = error

    def __init__(self, initial: str | None = None) -> None:
        super().__init__()
        self._selected = initial if initial in NAMES else NAMES[0]
        self._runs = 0  # ids for runs, so messages from a cancelled run are ignored
        self._live: int | None = None  # the run whose events are shown as they come
        self._shown = self._selected  # the demo whose results are on screen
        self._recorder = Recorder()
        self._chart_index = -1  # -1: follow the newest chart
        self._chart_dirty = False
        self._status: tuple[Text, dict[str, object]] = (S.demos_idle, {"name": self._selected})

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="demos-side"):
                yield Static(id="demos-heading")
                yield OptionList(*(Option(name, id=name) for name in NAMES), id="demos-list")
                yield Static(id="demos-device-label")
                yield Select(
                    [(device, device) for device in DEVICES],
                    value="auto",
                    allow_blank=False,
                    id="demos-device",
                )
                yield Checkbox(id="demos-quick")
                yield Button(id="demos-run", variant="primary")
                yield Static(id="demos-description")
            with Vertical(id="demos-main"):
                yield Static(id="demos-status")
                yield ProgressBar(id="demos-progress", show_eta=False)
                yield DemoChart(id="demos-chart")
                yield Static(id="demos-notes")
                yield DemoResults(id="demos-results")
        yield Footer()

    def on_mount(self) -> None:
        option_list = self.query_one("#demos-list", OptionList)
        option_list.highlighted = NAMES.index(self._selected)
        option_list.focus()
        self.watch(self.app, "lang", lambda _: self._relabel(), init=False)
        self.set_interval(0.25, self._flush_chart)
        self._relabel()

    @property
    def lang(self) -> Lang:
        return self.app.lang

    def _description(self) -> str:
        return render_inline(DESCRIPTIONS[self._selected](self.lang))

    def _relabel(self) -> None:
        lang = self.lang
        self.query_one("#demos-heading", Static).update(S.demos_heading(lang))
        self.query_one("#demos-device-label", Static).update(S.demos_device(lang))
        self.query_one("#demos-quick", Checkbox).label = S.demos_quick(lang)
        self.query_one("#demos-run", Button).label = S.demos_run(lang)
        self.query_one("#demos-description", Static).update(self._description())
        self._show_status(*self._status)
        self._show_notes()
        self._chart_dirty = True
        self._flush_chart()

    def _show_status(self, text: Text, values: dict[str, object]) -> None:
        self._status = (text, values)
        status = self.query_one("#demos-status", Static)
        status.update(text.format(**values)(self.lang))
        status.set_class(text is S.demos_failed, "failed")

    def _show_notes(self) -> None:
        lines = [f"• {note.text(self.lang)}" for note in self._recorder.notes]
        self.query_one("#demos-notes", Static).update("\n".join(lines))

    # --- choosing and running -----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#demos-list")
    def _on_highlight(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        self._selected = event.option.id
        self.query_one("#demos-description", Static).update(self._description())
        if self._live is None and self._status[0] is S.demos_idle:
            self._show_status(S.demos_idle, {"name": self._selected})

    @on(OptionList.OptionSelected, "#demos-list")
    def _on_select(self) -> None:
        self.action_run()

    @on(Button.Pressed, "#demos-run")
    def _on_run_pressed(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        """Start the selected demo, cancelling a run in progress."""
        device = self.query_one("#demos-device", Select).value
        quick = self.query_one("#demos-quick", Checkbox).value
        self._runs += 1
        self._live = self._runs
        self._shown = self._selected
        self._recorder = Recorder()
        self._chart_index = -1
        self.query_one("#demos-results", DemoResults).clear()
        self.query_one("#demos-progress", ProgressBar).update(total=None, progress=0)
        self._show_notes()
        self._show_status(S.demos_loading, {"name": self._shown})
        self._chart_dirty = True
        self._run_in_thread(self._live, self._shown, str(device), bool(quick))

    @work(thread=True, exclusive=True, exit_on_error=False, group="demo")
    def _run_in_thread(self, run_id: int, name: str, device: str, quick: bool) -> None:
        from tutor.demos.runner import run_demo  # keeps torch out of the app's startup

        worker = get_current_worker()
        try:
            events = run_demo(name, device=device, quick=quick)
        except DemoRequestError as exc:
            self.post_message(self.DemoFailed(run_id, str(exc)))
            return
        try:
            for event in events:
                if worker.is_cancelled:
                    break
                self.post_message(self.DemoEvent(run_id, event))
        finally:
            events.close()  # runs the demo's cleanup (threads, denormals) at once

    def action_cancel_or_back(self) -> None:
        """Escape: cancel a running demo and keep its partial results; else leave."""
        if self._live is not None:
            self._live = None
            self.workers.cancel_group(self, "demo")
            self._show_status(S.demos_cancelled, {"name": self._shown})
            self._chart_dirty = True
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss()

    def action_next_chart(self) -> None:
        if not self._recorder.charts:
            return
        current = self._chart_index % len(self._recorder.charts)
        self._chart_index = (current + 1) % len(self._recorder.charts)
        self._chart_dirty = True
        self._flush_chart()

    # --- what the worker sends back -----------------------------------------------------

    @on(DemoEvent)
    def _on_demo_event(self, message: DemoEvent) -> None:
        if message.run_id != self._live:
            return  # a cancelled or replaced run: its late events are not shown
        event = message.event
        self._recorder.add(event)
        match event:
            case Started():
                self._show_status(S.demos_running, self._about(event))
            case Progress():
                bar = self.query_one("#demos-progress", ProgressBar)
                bar.update(total=event.total, progress=event.done)
            case Chart() | Points():
                self._chart_dirty = True
            case Result():
                self.query_one("#demos-results", DemoResults).add_row(event.table, event.row)
            case Note():
                self._show_notes()
            case Finished():
                self._live = None
                seconds = float(event.report.get("seconds", 0.0))
                about = self._about(self._recorder.started)
                self._show_status(S.demos_finished, {**about, "seconds": seconds})
                self._chart_dirty = True
                self._flush_chart()

    @on(DemoFailed)
    def _on_demo_failed(self, message: DemoFailed) -> None:
        if message.run_id == self._live:
            self._live = None
            self._show_status(S.demos_failed, {"name": self._shown, "error": message.error})

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A demo that raised (a bug, or the GPU running out of memory) ends its run."""
        if event.worker.group == "demo" and event.state == WorkerState.ERROR and self._live:
            self._live = None
            self._show_status(S.demos_failed, {"name": self._shown, "error": str(event.worker.error)})

    def _about(self, started: Started | None) -> dict[str, object]:
        if started is None:
            return {"name": self._shown, "device": "?", "device_name": "?", "torch": "?"}
        return {
            "name": started.demo,
            "device": started.device,
            "device_name": started.device_name,
            "torch": started.torch,
        }

    def _flush_chart(self) -> None:
        """Redraw the chart if it changed; on a timer, so fast demos do not flood the UI."""
        if not self._chart_dirty:
            return
        self._chart_dirty = False
        charts = list(self._recorder.charts.values())
        chart = charts[self._chart_index] if charts else None
        where = ""
        if len(charts) > 1:
            position = self._chart_index % len(charts) + 1
            where = f"({position}/{len(charts)} · {S.demos_next_chart(self.lang)})"
        series = self._recorder.series_of(chart.key) if chart else []
        self.query_one("#demos-chart", DemoChart).draw(chart, series, self.lang, where)
