"""The Demos screen: pick a demo, run it in a worker, watch its charts and tables grow.

The demo runs in a thread worker and posts its events back as messages; Escape (or Ctrl+C)
cancels a run at once (the worker stops at the demo's next event) and leaves what arrived
on screen. Each demo's last run stays with it (in the app's DemosState), so the main pane
always shows the run of the demo chosen in the list, or nothing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tutor.course.markdown import render_inline
from tutor.demos import DESCRIPTIONS, DEVICES, NAMES
from tutor.demos.errors import DemoRequestError
from tutor.demos.events import Chart, Event, Finished, Note, Points, Progress, Result, Started
from tutor.demos.labels import table as table_title
from tutor.i18n import Lang, Text
from tutor.ui.screens.base import Localized
from tutor.ui.screens.demos_state import DemoRun, DemosState
from tutor.ui.strings import DEMO_KEYS, S
from tutor.ui.widgets.demo_chart import DemoChart
from tutor.ui.widgets.demo_option import DemoOption
from tutor.ui.widgets.demo_results import DemoResults


class DemosScreen(Localized, Screen[None]):
    """Run the live demos; ``initial`` names the demo to choose (else the one last chosen)."""

    DEFAULT_CSS = """
    DemosScreen #demos-side {
        width: 26;
        padding: 0 1;
        border-right: vkey $panel-lighten-2;
    }
    DemosScreen #demos-heading {
        text-style: bold;
        padding-bottom: 1;
    }
    DemosScreen #demos-list {
        height: auto;
        border: none;
        padding: 0;
        margin-bottom: 1;
    }
    DemosScreen #demos-about {
        margin-top: 1;
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    DemosScreen #demos-description {
        color: $text-muted;
    }
    DemosScreen #demos-main {
        padding: 0 1;
    }
    DemosScreen #demos-status.failed {
        color: $error;
    }
    DemosScreen #demos-progress Bar {
        width: 1fr;
    }
    DemosScreen #demos-notes-box {
        height: auto;
        max-height: 7;
        scrollbar-size-vertical: 1;
    }
    DemosScreen #demos-notes {
        color: $text-muted;
    }
    """

    BINDINGS = [
        # one key, two meanings: check_action enables one, and the footer names it
        Binding("escape", "cancel", "Cancel"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+c", "interrupt", show=False),
        Binding("r", "run", "Run"),
        Binding("c", "next_view", "Chart/table"),
        Binding("d", "device", "Device"),
        Binding("f", "quick", "Quick run"),
    ]

    #: The help screen shows these first while this screen is below it.
    KEY_HELP: ClassVar[tuple[Text, tuple[tuple[Text, Text], ...]]] = (S.help_demos, DEMO_KEYS)

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

    def __init__(self, state: DemosState | None = None, initial: str | None = None) -> None:
        super().__init__()
        self.state = state or DemosState()
        if initial in NAMES:
            self.state.selected = initial
        self._runs = 0  # ids for runs, so messages from a cancelled run are ignored
        self._live: tuple[int, str] | None = None  # (run id, demo) of the run in progress
        self._dirty = False  # the chosen demo's run changed since it was last drawn

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="demos-side"):
                yield Static(id="demos-heading")
                yield OptionList(*(Option(name, id=name) for name in NAMES), id="demos-list")
                yield DemoOption(id="demos-device")
                yield DemoOption(id="demos-quick")
                with VerticalScroll(id="demos-about", can_focus=False):
                    yield Static(id="demos-description")
            with Vertical(id="demos-main"):
                yield Static(id="demos-status")
                yield ProgressBar(id="demos-progress", show_eta=False)
                yield DemoChart(id="demos-chart")
                yield DemoResults(id="demos-table")
                with VerticalScroll(id="demos-notes-box", can_focus=False):
                    yield Static(id="demos-notes")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        option_list = self.query_one("#demos-list", OptionList)
        option_list.highlighted = NAMES.index(self.state.selected)
        option_list.focus()
        self.watch(self.app, "lang", lambda _: self._relabel(), init=False)
        self.set_interval(0.25, self._flush)
        self._relabel()

    @property
    def lang(self) -> Lang:
        return self.app.lang

    @property
    def run(self) -> DemoRun | None:
        """The last run of the demo chosen in the list."""
        return self.state.runs.get(self.state.selected)

    def _relabel(self) -> None:
        lang = self.lang
        self.query_one("#demos-heading", Static).update(S.demos_heading(lang))
        self._show_options()
        self._show_run()

    def _show_options(self) -> None:
        lang = self.lang
        quick = S.demos_on if self.state.quick else S.demos_off
        self.query_one("#demos-device", DemoOption).show(
            "d", S.demos_device(lang), self.state.device
        )
        self.query_one("#demos-quick", DemoOption).show("f", S.demos_quick(lang), quick(lang))

    def _show_run(self) -> None:
        """Draw the chosen demo: its description, and its last run or an invitation to run."""
        lang, name, run = self.lang, self.state.selected, self.run
        self._dirty = False
        description = render_inline(DESCRIPTIONS[name](lang))
        self.query_one("#demos-description", Static).update(description)
        self._show_status()
        live = self._live is not None and self._live[1] == name
        bar = self.query_one("#demos-progress", ProgressBar)
        bar.display = live  # an idle bar would pulse for ever
        if live and run is not None:
            total, done = run.progress
            bar.update(total=total, progress=done)
        notes = [f"• {note.text(lang)}" for note in run.recorder.notes] if run else []
        self.query_one("#demos-notes", Static).update("\n".join(notes))
        self.query_one("#demos-notes-box").display = bool(notes)
        self._show_view(run)
        self.refresh_bindings()

    def _show_status(self) -> None:
        name, run = self.state.selected, self.run
        if self._live is not None and self._live[1] != name:
            text, values = S.demos_other_running, {"running": self._live[1], "name": name}
        elif run is None:
            text, values = S.demos_idle, {"name": name}
        else:
            text, values = run.status, run.values
        status = self.query_one("#demos-status", Static)
        status.update(text.format(**values)(self.lang))
        status.set_class(text is S.demos_failed, "failed")

    def _show_view(self, run: DemoRun | None) -> None:
        """The chart or table of ``run`` chosen with c (none before anything arrived)."""
        chart_widget = self.query_one("#demos-chart", DemoChart)
        table_widget = self.query_one("#demos-table", DemoResults)
        index = run.shown() if run else None
        views = run.views() if run else []
        kind, key = views[index] if run and index is not None else ("", "")
        chart_widget.display = kind == "chart"
        table_widget.display = kind == "table"
        if run is None or index is None:
            return
        where = ""
        if len(views) > 1:
            where = S.demos_where.format(at=index + 1, n=len(views))(self.lang)
        if kind == "chart":
            chart = run.recorder.charts[key]
            chart_widget.draw(chart, run.recorder.series_of(key), self.lang, where)
        else:
            started = run.recorder.started
            hide = set() if started is not None and started.device == "cuda" else {"device"}
            title = f"{table_title(key)(self.lang)}  {where}".rstrip()
            table_widget.show(key, title, run.recorder.tables[key], self.lang, hide)

    # --- choosing and running -----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#demos-list")
    def _on_highlight(self) -> None:
        self._follow_list()

    def _follow_list(self) -> None:
        """Show the demo highlighted in the list. Keys act on it at once: with "↓ r" in one
        read, r comes before the list's OptionHighlighted message."""
        option = self.query_one("#demos-list", OptionList).highlighted_option
        if option is not None and option.id is not None and option.id != self.state.selected:
            self.state.selected = option.id
            self._show_run()

    @on(OptionList.OptionSelected, "#demos-list")
    def _on_select(self) -> None:
        self.action_run()

    @on(DemoOption.Pressed, "#demos-device")
    def action_device(self) -> None:
        """The next device: auto (CUDA when present), cpu, cuda."""
        self.state.device = DEVICES[(DEVICES.index(self.state.device) + 1) % len(DEVICES)]
        self._show_options()

    @on(DemoOption.Pressed, "#demos-quick")
    def action_quick(self) -> None:
        self.state.quick = not self.state.quick
        self._show_options()

    def action_run(self) -> None:
        """Start the chosen demo, cancelling a run in progress."""
        self._follow_list()
        if self._live is not None:
            self._cancel()
        name = self.state.selected
        self._runs += 1
        self._live = (self._runs, name)
        self.state.runs[name] = DemoRun(S.demos_loading, {"name": name})
        self._show_run()
        self._run_in_thread(self._runs, name, self.state.device, self.state.quick)

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

    def _cancel(self) -> None:
        """Stop the run in progress; what it measured stays with its demo."""
        assert self._live is not None
        _, name = self._live
        self._live = None
        self.workers.cancel_group(self, "demo")
        run = self.state.runs[name]
        run.status, run.values = S.demos_cancelled, {"name": name}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self._live is not None
        if action == "back":
            return self._live is None
        if action == "next_view":  # hidden while there is nothing to switch to
            option = self.query_one("#demos-list", OptionList).highlighted_option
            run = self.state.runs.get(option.id if option and option.id else self.state.selected)
            return run is not None and len(run.views()) > 1
        return True

    def action_cancel(self) -> None:
        """Escape while a demo runs: cancel it and keep its partial results."""
        if self._live is not None:
            self._cancel()
            self._show_run()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()

    def action_interrupt(self) -> None:
        """Ctrl+C: cancel a running demo; else copy a selection, else quit (the app's key)."""
        if self._live is not None:
            self.action_cancel()
            return
        self.action_copy_text()  # raises SkipAction without a selection: the app quits

    def action_next_view(self) -> None:
        self._follow_list()
        run = self.run
        index = run.shown() if run else None
        if run is None or index is None:
            return
        run.view = (index + 1) % len(run.views())
        self._show_run()

    # --- what the worker sends back -----------------------------------------------------

    @on(DemoEvent)
    def _on_demo_event(self, message: DemoEvent) -> None:
        if self._live is None or message.run_id != self._live[0]:
            return  # a cancelled or replaced run: its late events are not shown
        name = self._live[1]
        run = self.state.runs[name]
        event = message.event
        run.recorder.add(event)
        chosen = name == self.state.selected
        match event:
            case Started():
                run.status, run.values = S.demos_running, self._about(event)
                if chosen:
                    self._show_status()
            case Progress():
                run.progress = (event.total, event.done)
                if chosen:
                    bar = self.query_one("#demos-progress", ProgressBar)
                    bar.update(total=event.total, progress=event.done)
            case Chart() | Points() | Result() | Note():
                self._dirty = self._dirty or chosen
            case Finished():
                self._live = None
                seconds = float(event.report.get("seconds", 0.0))
                run.status = S.demos_finished
                run.values = {**self._about(run.recorder.started), "seconds": seconds}
                self._show_run()

    @on(DemoFailed)
    def _on_demo_failed(self, message: DemoFailed) -> None:
        self._fail(message.run_id, message.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A demo that raised (a bug, or the GPU running out of memory) ends its run."""
        if event.worker.group == "demo" and event.state == WorkerState.ERROR and self._live:
            self._fail(self._live[0], str(event.worker.error))

    def _fail(self, run_id: int, error: str) -> None:
        if self._live is None or self._live[0] != run_id:
            return
        name = self._live[1]
        self._live = None
        run = self.state.runs[name]
        run.status, run.values = S.demos_failed, {"name": name, "error": error}
        self._show_run()

    def _about(self, started: Started | None) -> dict[str, object]:
        if started is None:
            return {"name": self.state.selected, "device": "?", "device_name": "?", "torch": "?"}
        return {
            "name": started.demo,
            "device": started.device,
            "device_name": started.device_name,
            "torch": started.torch,
        }

    def _flush(self) -> None:
        """Redraw the chosen run if it changed; on a timer, so fast demos do not flood the UI."""
        if self._dirty:
            self._show_run()
