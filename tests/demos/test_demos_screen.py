"""The Demos screen, driven with Pilot in a small host app that has a ``lang`` reactive."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widgets import Checkbox, OptionList, ProgressBar, Select, Static

from tutor.ui.screens.demos import DemosScreen
from tutor.ui.widgets.demo_results import DemoResults

SIZE = (100, 32)


class Host(App[None]):
    lang = reactive("en")

    def __init__(self, initial: str | None = None) -> None:
        super().__init__()
        self.initial = initial

    def on_mount(self) -> None:
        self.push_screen(DemosScreen(self.initial))


async def until(condition: Callable[[], bool], pilot: Pilot[None], seconds: float = 60.0) -> None:
    """Let the app run until ``condition`` holds (the demo runs in a thread meanwhile)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def status(screen: DemosScreen) -> str:
    return str(screen.query_one("#demos-status", Static).render())


async def test_initial_demo_is_selected_and_described() -> None:
    app = Host("speed")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DemosScreen)
        assert screen.query_one("#demos-list", OptionList).highlighted == 2
        assert "tokens per second" in str(screen.query_one("#demos-description", Static).render())
        assert "run speed" in status(screen)


async def test_quick_run_shows_progress_chart_and_results() -> None:
    app = Host("clipping")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DemosScreen)
        screen.query_one("#demos-quick", Checkbox).value = True
        screen.query_one("#demos-device", Select).value = "cpu"
        await pilot.press("r")
        await until(lambda: status(screen).startswith("clipping done"), pilot)
        assert screen.query_one("#demos-progress", ProgressBar).percentage == 1.0
        assert screen.query_one("#demos-results", DemoResults).row_count > 10
        assert set(screen._recorder.charts) == {"loss", "grad_norm"}
        notes = str(screen.query_one("#demos-notes", Static).render())
        assert "no clipping" in notes and "clipped" in notes
        await pilot.press("c")  # the other chart
        await pilot.pause()


async def test_escape_cancels_at_once_and_keeps_partial_results() -> None:
    app = Host("vanishing")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DemosScreen)
        screen.query_one("#demos-device", Select).value = "cpu"
        await pilot.press("enter")  # Enter on the list runs the highlighted demo
        await until(lambda: screen.query_one("#demos-results", DemoResults).row_count > 0, pilot)
        [worker] = [w for w in app.workers if w.group == "demo"]
        await pilot.press("escape")
        assert "cancelled" in status(screen)  # at once, before the thread notices
        assert app.screen is screen  # Escape while running does not leave
        rows = screen.query_one("#demos-results", DemoResults).row_count
        # the thread stops at the demo's next event (they come well under a second apart)
        await until(lambda: worker.is_finished, pilot, seconds=5)
        assert worker.is_cancelled
        await pilot.pause(0.3)
        assert screen.query_one("#demos-results", DemoResults).row_count == rows > 0
        assert "cancelled" in status(screen)  # late events of the cancelled run are ignored
        await pilot.press("escape")  # idle now: Escape leaves the screen
        await pilot.pause()
        assert not isinstance(app.screen, DemosScreen)


async def test_language_follows_the_app() -> None:
    app = Host("bilstm")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DemosScreen)
        assert str(screen.query_one("#demos-heading", Static).render()) == "Live demos"
        app.lang = "zh"
        await pilot.pause()
        assert str(screen.query_one("#demos-heading", Static).render()) == "实时演示"
        assert "BiLSTM" in str(screen.query_one("#demos-description", Static).render())
        assert "运行" in status(screen)


async def test_cuda_without_cuda_says_so() -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    app = Host("speed")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DemosScreen)
        screen.query_one("#demos-device", Select).value = "cuda"
        await pilot.press("r")
        await until(lambda: "could not run" in status(screen), pilot, seconds=30)
        assert "CUDA was requested but is not available" in status(screen)


async def test_screen_works_in_an_app_without_lang() -> None:
    class Bare(App[None]):
        def on_mount(self) -> None:
            self.push_screen(DemosScreen())

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DemosScreen)
        assert "run vanishing" in status(app.screen)
