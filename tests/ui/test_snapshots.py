"""SVG snapshots at 80x24 (pytest-textual-snapshot): what a learner sees, pixel for pixel.

Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from waiting import wait_until

from tutor.ui.app import TutorApp
from tutor.ui.widgets.reading import ReadingFence

SIZE = (80, 24)


def after_loading(*keys: str):
    """Wait until the questions have loaded (they load after the first paint), then press keys."""

    async def run_before(pilot: Pilot) -> None:
        # the store's standing (mastery, due) follows the questions: home is final after both
        await wait_until(pilot, lambda: pilot.app.standing is not None)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_home_english(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE, run_before=after_loading())


def test_home_chinese(snap_compare) -> None:
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE, run_before=after_loading())


def test_forward_pass_reader_chinese(snap_compare) -> None:
    keys = ["down"] * 7 + ["enter"]
    assert snap_compare(TutorApp(lang="zh"), terminal_size=SIZE, run_before=after_loading(*keys))


def test_help(snap_compare) -> None:
    run_before = after_loading("question_mark")
    assert snap_compare(TutorApp(lang="en"), terminal_size=SIZE, run_before=run_before)


def at_longest_formula(lesson: int):
    """Open a lesson and centre its longest display formula (where cutting showed first)."""

    async def run_before(pilot: Pilot) -> None:
        await after_loading(*["down"] * (lesson - 1), "enter")(pilot)
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(ReadingFence)))
        await pilot.pause()
        fences = [f for f in pilot.app.screen.query(ReadingFence) if f.is_formula]
        longest = max(fences, key=lambda f: len(f.code))
        pilot.app.screen.query_one("#reading", VerticalScroll).scroll_to_center(
            longest, animate=False
        )
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("lesson", [1, 6, 10])
def test_reader_longest_formula(snap_compare, lesson: int, lang: str) -> None:
    app = TutorApp(lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=at_longest_formula(lesson))


def in_practice(lesson: str, until, *keys: str, answers: dict[str, str] | None = None):
    """Open a lesson's practice (fixed draws), move to the first item `until` accepts,
    type `answers` into its cells, then press `keys`."""

    async def run_before(pilot: Pilot) -> None:
        from textual.widgets import Input, TextArea

        from tutor.ui.screens.practice import PracticeScreen
        from tutor.ui.widgets.answer_cells import AnswerGrid

        app = pilot.app
        await wait_until(pilot, lambda: app.questions_loaded)
        app.open_practice(lesson)
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        screen = app.screen
        while screen.practice.item is None or not until(screen.practice.item):
            if isinstance(screen.focused, Input | TextArea):
                await pilot.press("escape")
            await pilot.press("right")
            await pilot.pause()
        for name, text in (answers or {}).items():
            screen.query_one(AnswerGrid).cell(name).input.focus()
            await pilot.press(*text)
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)  # verdicts change the layout: let it settle before the picture

    return run_before


def practice_app() -> TutorApp:
    from tutor.progress import in_memory

    return TutorApp(lang="en", store=in_memory("snapshot"), seed=3)


def test_practice_numeric_with_its_preview(snap_compare) -> None:
    run_before = in_practice(
        "activations", lambda item: item.id == "activations.tanh-slope-at-one", answers={"answer": "1 - 0.76^2"}
    )
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=run_before)


def test_practice_graded_worksheet(snap_compare) -> None:
    run_before = in_practice(
        "activations",
        lambda item: item.question.generator == "activations.tanh",
        "enter",
        answers={"t": "0.5", "dt": "0.75"},
    )
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=run_before)


def test_practice_revealed_recall_card(snap_compare) -> None:
    run_before = in_practice(
        "activations",
        lambda item: item.kind == "recall",
        *"sigmoid gates let a fraction through; tanh is zero-centred",
        "escape",
        "r",
    )
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=run_before)
