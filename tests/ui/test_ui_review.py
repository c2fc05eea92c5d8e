"""Review, mock interviews and home as a dashboard, driven as a learner would over simulated
days (the app's clock is moved by hand)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea
from waiting import wait_until

from tutor.exercises.values import format_value
from tutor.progress import Store, in_memory
from tutor.study.review import NEW_LIMIT_KEY
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.mock import MockScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.review import ReviewScreen
from tutor.ui.widgets.answer_cells import AnswerGrid

SIZE = (100, 40)
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


def app_on(store: Store, clock: Clock) -> TutorApp:
    return TutorApp(lang="en", store=store, seed=2, clock=clock)


async def answer_right(pilot: Pilot, screen: PracticeScreen, clock: Clock) -> None:
    """Answer the item on screen right, as the learner types it, 20 s later."""
    item = screen.practice.item
    assert item is not None
    clock.now += timedelta(seconds=20)
    if item.kind == "choice":
        index = [o.id for o in item.question.options].index(str(item.question.answer))
        await pilot.press(str(index + 1))
    elif item.kind == "recall":
        await pilot.press("escape", "r", "3")
    else:
        assert item.exercise is not None
        grid = screen.query_one(AnswerGrid)
        for cell in item.exercise.cells:
            grid.cell(cell.name).input.value = format_value(
                cell.expected, 4 if cell.decimals is None else cell.decimals
            )
        grid.cell(item.exercise.cells[-1].name).input.focus()
        before = len(screen.practice.store.attempts())
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.practice.store.attempts()) > before)
    await pilot.pause()


async def review_all(pilot: Pilot, tutor: TutorApp, clock: Clock) -> ReviewScreen:
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(tutor.screen, ReviewScreen))
    screen = tutor.screen
    assert isinstance(screen, ReviewScreen)
    for _ in range(60):
        if screen.practice.item is None:
            break
        await answer_right(pilot, screen, clock)
        if isinstance(screen.focused, Input | TextArea):
            await pilot.press("escape")
        await pilot.press("right")
        await pilot.pause()
    assert screen.practice.item is None
    return screen


def summary(screen: PracticeScreen) -> str:
    return str(screen.query_one("#practice-summary", Static).render())


async def test_review_over_a_simulated_day_and_week_with_the_daily_limit() -> None:
    store = in_memory("test", fuzz=False)
    store.put(NEW_LIMIT_KEY, 4)
    clock = Clock()
    tutor = app_on(store, clock)
    async with tutor.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tutor.standing is not None)
        entries = str(tutor.screen.query_one("#home-entries", Static).render())
        assert "Review (0 due)" in entries

        # Monday: four new items (the limit), answered right
        screen = await review_all(pilot, tutor, clock)
        assert len(store.cards()) == 4
        text = summary(screen)
        assert "Review done: 4 answered, 4 right." in text and "Next review in" in text

        # the same day, later: the four come back (FSRS's learning steps), no new items today
        clock.now += timedelta(hours=3)
        await pilot.press("escape")
        await pilot.pause()
        screen = await review_all(pilot, tutor, clock)
        assert "Review done: 4 answered, 4 right." in summary(screen)
        assert len(store.cards()) == 4
        assert all(card.due - clock.now > timedelta(days=1) for card in store.cards().values())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")  # and now nothing at all
        await wait_until(pilot, lambda: isinstance(tutor.screen, ReviewScreen))
        assert "Nothing is due" in summary(tutor.screen)
        assert "p practises your weakest lesson" in summary(tutor.screen)
        await pilot.press("escape")

        # a week later: Monday's four are due, in order of their due dates, and four new ones
        clock.now = MONDAY + timedelta(days=7)
        tutor.refresh_standing()
        await wait_until(
            pilot,
            lambda: "(4 due)" in str(tutor.screen.query_one("#home-entries", Static).render()),
        )
        due_before = sorted(store.cards().values(), key=lambda c: c.due)
        screen = await review_all(pilot, tutor, clock)
        first_four = [a.question_id for a in store.attempts()[8:12]]
        assert set(first_four) == {c.question_id for c in due_before}
        assert len(store.cards()) == 8
        # Good on a card reviewed after a week pushes it further out than the first gap
        for card in store.cards().values():
            if card.question_id in first_four:
                assert card.due - clock.now > timedelta(days=3)


async def test_nothing_due_offers_the_weakest_lesson() -> None:
    store = in_memory("test", fuzz=False)
    store.put(NEW_LIMIT_KEY, 0)
    clock = Clock()
    tutor = app_on(store, clock)
    async with tutor.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tutor.standing is not None)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(tutor.screen, ReviewScreen))
        assert "Nothing is due" in summary(tutor.screen)
        assert "No reviews scheduled yet" in summary(tutor.screen)
        await pilot.press("p")
        await wait_until(pilot, lambda: type(tutor.screen) is PracticeScreen)
        weakest = tutor.standing.weakest if tutor.standing else None
        assert tutor.screen.practice.slots[0].lesson_id == weakest


async def test_a_mock_interview_end_to_end_with_a_time_out() -> None:
    store = in_memory("test", fuzz=False)
    clock = Clock()
    tutor = app_on(store, clock)
    async with tutor.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tutor.standing is not None)
        tutor.open_mock(questions=3, minutes=1)
        await wait_until(pilot, lambda: isinstance(tutor.screen, MockScreen))
        await pilot.pause()
        screen = tutor.screen
        assert isinstance(screen, MockScreen)
        assert "Question 1 / 3 · ⏱ 1:00" in str(
            screen.query_one("#practice-position", Static).render()
        )
        await answer_right(pilot, screen, clock)  # the first, in time
        if isinstance(screen.focused, Input | TextArea):
            await pilot.press("escape")
        await pilot.press("right")
        await pilot.pause()
        clock.now += timedelta(seconds=61)  # the second: the time runs out
        await wait_until(pilot, lambda: screen.practice.position == 2, seconds=5)
        clock.now += timedelta(seconds=61)  # and the third
        await wait_until(pilot, lambda: screen.practice.item is None, seconds=5)
        await pilot.pause()
        text = summary(screen)
        assert "Mock interview done: score 33%" in text
        assert text.count("⏱") == 2 and "Weakest lessons" in text
        [mock] = store.mocks()
        assert mock.finished_at is not None and round(mock.score, 2) == 0.33
        outcomes = [a.outcome for a in store.attempts(mock_id=mock.id)]
        assert outcomes[1:] == ["timed-out", "timed-out"]
        await pilot.press("1")  # practise the weakest lesson
        await wait_until(pilot, lambda: type(tutor.screen) is PracticeScreen)


async def test_home_after_practice_shows_mastery_streak_and_continue() -> None:
    store = in_memory("test", fuzz=False)
    clock = Clock()
    tutor = app_on(store, clock)
    async with tutor.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tutor.standing is not None)
        tutor.open_practice("activations")
        await wait_until(pilot, lambda: isinstance(tutor.screen, PracticeScreen))
        await pilot.pause()
        screen = tutor.screen
        await answer_right(pilot, screen, clock)
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(tutor.screen, HomeScreen))
        await wait_until(
            pilot,
            lambda: "1-day streak" in str(tutor.screen.query_one("#home-heading", Static).render()),
        )
        index = [lesson.id for lesson in tutor.course.lessons].index("activations")
        row = str(tutor.screen.query_one(OptionList).get_option_at_index(index).prompt)
        assert "1/12" in row
        await pilot.press("c")  # continue: back at the second item of that lesson
        await wait_until(pilot, lambda: isinstance(tutor.screen, PracticeScreen))
        assert tutor.screen.practice.position == 1
