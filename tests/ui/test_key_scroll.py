"""Keys that arrive together (tmux sends ten ↓ or j in one write) all count."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from waiting import wait_until

from tutor.ui.app import TutorApp
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.key_scroll import KeyScroll


async def burst(pilot: Pilot[None], key: str, times: int) -> None:
    """``times`` presses of ``key`` queued before the app handles any (one terminal read)."""
    for _ in range(times):
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_ten_keys_in_one_read_scroll_ten_lines(down: str, up: str) -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        reading = app.screen.query_one("#reading", KeyScroll)
        await burst(pilot, down, 10)
        assert reading.scroll_y == 10
        await burst(pilot, up, 4)
        assert reading.scroll_y == 6
        await burst(pilot, "pagedown", 2)
        assert reading.scroll_y == 6 + 2 * reading.scrollable_content_region.height


async def test_ten_keys_in_one_read_move_ten_lessons_and_scroll_the_help() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        await burst(pilot, "j", 10)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "bilstm"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await burst(pilot, "down", 10)
        assert app.screen.query_one("#help", KeyScroll).scroll_y == 10
