"""The Demos screen, driven with Pilot in the app (on the small test course)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, OptionList, ProgressBar, Select, Static
from waiting import wait_until

from tutor.ui.app import TutorApp
from tutor.ui.screens.demos import DemosScreen
from tutor.ui.widgets.demo_chart import DemoChart
from tutor.ui.widgets.demo_results import DemoResults

SIZE = (100, 32)


def open_demos(pilot: Pilot[None], initial: str | None = None) -> DemosScreen:
    """The Demos screen as the app opens it (from home, or with a lesson's demo chosen)."""
    pilot.app.open_demos(initial)
    return pilot.app.screen_stack[-1]  # type: ignore[return-value]


async def shown(pilot: Pilot[None], initial: str | None = None) -> DemosScreen:
    app = pilot.app
    await pilot.pause()
    screen = open_demos(pilot, initial)
    await pilot.pause()
    assert isinstance(app.screen, DemosScreen)
    return screen


def status(screen: DemosScreen) -> str:
    return str(screen.query_one("#demos-status", Static).render())


async def test_initial_demo_is_selected_and_described(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "speed")
        assert screen.query_one("#demos-list", OptionList).highlighted == 2
        assert "tokens per second" in str(screen.query_one("#demos-description", Static).render())
        assert "run speed" in status(screen)


async def test_quick_run_shows_progress_chart_and_results(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "clipping")
        screen.query_one("#demos-quick", Checkbox).value = True
        screen.query_one("#demos-device", Select).value = "cpu"
        await pilot.press("r")
        await wait_until(pilot, lambda: status(screen).startswith("clipping done"), seconds=60)
        assert screen.query_one("#demos-progress", ProgressBar).percentage == 1.0
        assert screen.query_one("#demos-results", DemoResults).row_count > 10
        chart = screen.query_one(DemoChart)
        assert chart.shown_title.startswith("Gradient norm before clipping")  # the newest chart
        assert "2/2" in chart.shown_title
        notes = str(screen.query_one("#demos-notes", Static).render())
        assert "no clipping" in notes and "clipped" in notes
        await pilot.press("c")  # the other chart
        await pilot.pause()
        assert chart.shown_title.startswith("Loss per step") and "1/2" in chart.shown_title


async def test_escape_cancels_at_once_and_keeps_partial_results(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "vanishing")
        screen.query_one("#demos-device", Select).value = "cpu"
        await pilot.press("enter")  # Enter on the list runs the highlighted demo
        results = screen.query_one("#demos-results", DemoResults)
        await wait_until(pilot, lambda: results.row_count > 0, seconds=60)
        [worker] = [w for w in app.workers if w.group == "demo"]
        await pilot.press("escape")
        assert "cancelled" in status(screen)  # at once, before the thread notices
        assert app.screen is screen  # Escape while running does not leave
        rows = screen.query_one("#demos-results", DemoResults).row_count
        # the thread stops at the demo's next event (they come well under a second apart)
        await wait_until(pilot, lambda: worker.is_finished, seconds=5)
        assert worker.is_cancelled
        await pilot.pause(0.3)
        assert screen.query_one("#demos-results", DemoResults).row_count == rows > 0
        assert "cancelled" in status(screen)  # late events of the cancelled run are ignored
        await pilot.press("escape")  # idle now: Escape leaves the screen
        await pilot.pause()
        assert not isinstance(app.screen, DemosScreen)


async def test_language_follows_the_app(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "bilstm")
        assert str(screen.query_one("#demos-heading", Static).render()) == "Live demos"
        app.lang = "zh"
        await pilot.pause()
        assert str(screen.query_one("#demos-heading", Static).render()) == "实时演示"
        assert "BiLSTM" in str(screen.query_one("#demos-description", Static).render())
        assert "运行" in status(screen)


async def test_cuda_without_cuda_says_so(mini_content: Path) -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "speed")
        screen.query_one("#demos-device", Select).value = "cuda"
        await pilot.press("r")
        await wait_until(pilot, lambda: "could not run" in status(screen), seconds=30)
        assert "CUDA was requested but is not available" in status(screen)
