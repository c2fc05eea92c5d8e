"""The Demos screen, driven with Pilot in the app (on the small test course)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, ProgressBar, Static
from waiting import wait_until

from tutor.ui.app import TutorApp
from tutor.ui.screens.demos import DemosScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.strings import S
from tutor.ui.widgets.demo_chart import DemoChart
from tutor.ui.widgets.demo_results import DemoResults

SIZE = (100, 32)


async def shown(pilot: Pilot[None], initial: str | None = None) -> DemosScreen:
    """The Demos screen as the app opens it (from home, or with a lesson's demo chosen)."""
    app = pilot.app
    await pilot.pause()
    app.open_demos(initial)
    await pilot.pause()
    assert isinstance(app.screen, DemosScreen)
    return app.screen


def text(screen: DemosScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def status(screen: DemosScreen) -> str:
    return text(screen, "#demos-status")


def footer_keys(screen: DemosScreen) -> dict[str, str]:
    """What the footer shows: key -> label."""
    return {key: b.binding.description for key, b in screen.active_bindings.items() if b.binding.show}


async def quick_run_on_cpu(pilot: Pilot[None], screen: DemosScreen, *keys: str) -> None:
    """Quick run on (f), device cpu (d: auto -> cpu), then ``keys`` start it."""
    await pilot.press("f", "d")
    assert (screen.state.quick, screen.state.device) == (True, "cpu")
    await pilot.press(*keys)


async def test_initial_demo_is_selected_and_described(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "speed")
        assert screen.query_one("#demos-list", OptionList).highlighted == 2
        assert "tokens per second" in text(screen, "#demos-description")
        assert "run speed" in status(screen)
        # nothing runs: no bar that pulses, no empty chart
        assert not screen.query_one("#demos-progress", ProgressBar).display
        assert not screen.query_one(DemoChart).display


async def test_the_options_have_keys_and_read_as_words(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        keys = footer_keys(screen)
        assert keys["d"] == "Device" and keys["f"] == "Quick run" and keys["escape"] == "Back"
        assert text(screen, "#demos-quick").endswith(" off ")
        assert text(screen, "#demos-device").endswith(" auto ")
        await pilot.press("f")
        assert text(screen, "#demos-quick").endswith(" on ")
        await pilot.press("d")
        assert text(screen, "#demos-device").endswith(" cpu ")
        await pilot.press("d", "d")
        assert text(screen, "#demos-device").endswith(" auto ")  # auto, cpu, cuda, auto
        await pilot.click("#demos-quick")
        assert not screen.state.quick
        app.lang = "zh"
        await pilot.pause()
        assert text(screen, "#demos-quick") == "f 快速运行  关 "
        assert footer_keys(screen)["f"] == "快速运行"


async def test_quick_run_shows_progress_charts_and_tables(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "clipping")
        await quick_run_on_cpu(pilot, screen, "r")
        if screen.state.runs["clipping"].status is not S.demos_finished:  # it is quick
            assert screen.query_one("#demos-progress", ProgressBar).display
            assert footer_keys(screen)["escape"] == "Cancel"
        await wait_until(pilot, lambda: status(screen).startswith("clipping done"), seconds=60)
        assert not screen.query_one("#demos-progress", ProgressBar).display
        assert footer_keys(screen)["escape"] == "Back"
        chart = screen.query_one(DemoChart)
        assert chart.shown_title.startswith("Gradient norm before clipping")  # the newest chart
        assert "(2/3 · c: next)" in chart.shown_title  # two charts, then the table
        legend = text(screen, "#chart-legend")
        assert "no\u00a0clipping" in legend and "clipped" in legend
        notes = text(screen, "#demos-notes")
        assert "no clipping" in notes and "clipped" in notes
        await pilot.press("c")  # the table
        await pilot.pause()
        table = screen.query_one(DemoResults)
        assert table.display and not chart.display and table.row_count > 10
        assert [str(c.label) for c in table.columns.values()] == [
            "clipped",
            "step",
            "loss",
            "gradient norm",
        ]
        await pilot.press("c")  # round to the first chart
        await pilot.pause()
        assert chart.shown_title.startswith("Loss per step") and "1/3" in chart.shown_title


async def test_keys_in_one_read_run_the_demo_they_chose(mini_content: Path) -> None:
    """"↓ r" in one terminal read: r runs the demo ↓ moved to, not the one before."""
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "speed")
        await pilot.press("f", "d")
        for key in ("down", "r"):
            app.post_message(events.Key(key, "r" if key == "r" else None))
        await pilot.pause()
        assert list(screen.state.runs) == ["clipping"]
        await wait_until(pilot, lambda: status(screen).startswith("clipping done"), seconds=60)


async def test_escape_cancels_at_once_and_keeps_partial_results(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "vanishing")
        await pilot.press("d")  # cpu
        await pilot.press("enter")  # Enter on the list runs the highlighted demo
        run = screen.state.runs["vanishing"]
        await wait_until(pilot, lambda: bool(run.recorder.tables), seconds=60)
        [worker] = [w for w in app.workers if w.group == "demo"]
        await pilot.press("escape")
        assert "cancelled" in status(screen)  # at once, before the thread notices
        assert app.screen is screen  # Escape while running does not leave
        rows = sum(map(len, run.recorder.tables.values()))
        # the thread stops at the demo's next event (they come well under a second apart)
        await wait_until(pilot, lambda: worker.is_finished, seconds=5)
        assert worker.is_cancelled
        await pilot.pause(0.3)
        assert sum(map(len, run.recorder.tables.values())) == rows > 0
        assert "cancelled" in status(screen)  # late events of the cancelled run are ignored
        assert not screen.query_one("#demos-progress", ProgressBar).display
        await pilot.press("escape")  # idle now: Escape leaves the screen
        await pilot.pause()
        assert not isinstance(app.screen, DemosScreen)


async def test_ctrl_c_cancels_a_running_demo_then_quits(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "vanishing")
        await pilot.press("d", "r")
        await wait_until(pilot, lambda: "vanishing on cpu" in status(screen), seconds=60)
        assert footer_keys(screen)["escape"] == "Cancel"
        await pilot.press("ctrl+c")
        assert "cancelled" in status(screen)
        assert app.is_running and app.screen is screen
        await pilot.press("ctrl+c")  # nothing runs now: Ctrl+C quits, no "press ctrl+q" toast
        await pilot.pause()
        assert not app._notifications
    assert app.return_code == 0


async def test_ctrl_c_quits_from_home() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0 and not app._notifications


async def test_another_demo_shows_its_own_results_or_none(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "clipping")
        await quick_run_on_cpu(pilot, screen, "r")
        await wait_until(pilot, lambda: status(screen).startswith("clipping done"), seconds=60)
        await pilot.press("up")  # speed: never run
        await pilot.pause()
        assert "run speed" in status(screen)
        assert "tokens per second" in text(screen, "#demos-description")
        assert not screen.query_one(DemoChart).display
        assert not screen.query_one(DemoResults).display
        assert not screen.query_one("#demos-notes-box").display
        assert "c" not in footer_keys(screen)  # nothing to switch between
        await pilot.press("down")  # back to clipping: its run is still there
        await pilot.pause()
        assert status(screen).startswith("clipping done")
        assert screen.query_one(DemoChart).display


async def test_choices_and_runs_are_kept_when_coming_back(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("down", "down", "down")  # clipping
        await quick_run_on_cpu(pilot, screen, "r")
        await wait_until(pilot, lambda: status(screen).startswith("clipping done"), seconds=60)
        await pilot.press("c")  # the table
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DemosScreen)
        again = await shown(pilot)  # from home: the demo last chosen
        assert again is not screen
        assert again.query_one("#demos-list", OptionList).highlighted_option.id == "clipping"
        assert text(again, "#demos-device").endswith(" cpu ")
        assert text(again, "#demos-quick").endswith(" on ")
        assert status(again).startswith("clipping done")
        assert again.query_one(DemoResults).display  # the view chosen with c
        await pilot.press("escape")
        await pilot.pause()
        from_lesson = await shown(pilot, "bilstm")  # a lesson's demo is chosen for it
        assert from_lesson.query_one("#demos-list", OptionList).highlighted_option.id == "bilstm"
        assert text(from_lesson, "#demos-device").endswith(" cpu ")


async def test_help_explains_the_demo_keys(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown_text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "On the Demos screen" in shown_text
        for key, words in [
            ("r / Enter", "run the chosen demo"),
            ("c", "next chart or table"),
            ("d", "device: auto"),
            ("f", "quick run"),
            ("Escape", "cancel a running demo"),
            ("Ctrl+C", "cancel a running demo; when none runs, quit"),
        ]:
            assert f"{key} " in shown_text and words in shown_text


async def test_language_follows_the_app(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "bilstm")
        assert text(screen, "#demos-heading") == "Live demos"
        app.lang = "zh"
        await pilot.pause()
        assert text(screen, "#demos-heading") == "实时演示"
        assert "BiLSTM" in text(screen, "#demos-description")
        assert "运行" in status(screen)
        assert footer_keys(screen)["escape"] == "返回"


async def test_cuda_without_cuda_says_so(mini_content: Path) -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, "speed")
        await pilot.press("d", "d", "r")  # auto -> cpu -> cuda
        await wait_until(pilot, lambda: "could not run" in status(screen), seconds=30)
        assert "CUDA was requested but is not available" in status(screen)
        assert footer_keys(screen)["escape"] == "Back"
