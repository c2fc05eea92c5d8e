"""Practice in the app, driven as a learner does it: keys, typed answers, and what the store
holds after each step."""

from __future__ import annotations

import numpy as np
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea
from waiting import wait_until

from tutor.exercises.values import format_value
from tutor.progress import Level, Store, in_memory
from tutor.ui.app import TutorApp
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.answer_cells import AnswerCell, AnswerGrid
from tutor.ui.widgets.choice import ChoiceList

SIZE = (100, 40)


def text_of(screen: PracticeScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def cell_line(screen: PracticeScreen, name: str) -> str:
    cell = screen.query_one(AnswerGrid).cell(name)
    return str(cell.query_one(".cell-line", Static).render())


async def practise(pilot: Pilot, lesson: str) -> PracticeScreen:
    app = pilot.app
    await wait_until(pilot, lambda: app.questions_loaded)
    app.open_practice(lesson)
    await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
    await pilot.pause()
    return app.screen


async def go_to(pilot: Pilot, screen: PracticeScreen, found) -> None:
    """Move on (as the learner does: Escape out of a box, then →) until `found(item)`."""
    for _ in range(len(screen.practice.slots)):
        if screen.practice.item is not None and found(screen.practice.item):
            return
        if isinstance(screen.focused, Input | TextArea):
            await pilot.press("escape")
        await pilot.press("right")
        await pilot.pause()
    raise AssertionError("item not found")


async def type_into(pilot: Pilot, screen: PracticeScreen, name: str, text: str) -> None:
    grid = screen.query_one(AnswerGrid)
    grid.cell(name).input.focus()
    await pilot.pause()
    grid.cell(name).input.value = ""
    await pilot.press(*text)
    await pilot.pause()


def expected(screen: PracticeScreen) -> dict[str, str]:
    item = screen.practice.item
    assert item is not None and item.exercise is not None
    return {
        c.name: format_value(c.expected, 4 if c.decimals is None else c.decimals)
        for c in item.exercise.cells
    }


def app(store: Store | None = None, seed: int = 1) -> TutorApp:
    return TutorApp(lang="en", store=store or in_memory("test"), seed=seed)


async def test_p_in_a_lesson_opens_its_practice_and_escape_comes_back() -> None:
    tutor = app()
    async with tutor.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tutor.questions_loaded)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(tutor.screen, LessonScreen)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(tutor.screen, PracticeScreen))
        screen = tutor.screen
        assert screen.practice.slots[0].lesson_id == tutor.course.lessons[1].id
        assert "1 / " in text_of(screen, "#practice-position")
        assert not isinstance(screen.focused, Input | TextArea)  # a choice: nothing to leave
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(tutor.screen, LessonScreen)


async def test_numeric_answers_right_wrong_and_invalid_with_the_store() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.id == "activations.sigmoid-max-slope")
        assert isinstance(screen.focused, Input)  # typing at once

        await type_into(pilot, screen, "answer", "1/4")
        assert "⇒ 1/4" in cell_line(screen, "answer")  # the live preview
        await type_into(pilot, screen, "answer", "(0.25")
        assert "never closed" in cell_line(screen, "answer")
        await pilot.press("enter")  # invalid: not counted, kept, still typing
        await pilot.pause()
        assert store.attempts() == []
        assert screen.query_one(AnswerGrid).cell("answer").value == "(0.25"
        assert isinstance(screen.focused, Input)

        await type_into(pilot, screen, "answer", "0.5")
        await pilot.press("enter")
        await pilot.pause()
        assert "not right" in cell_line(screen, "answer")
        assert [a.outcome for a in store.attempts()] == ["incorrect"]
        assert store.attempts()[0].answers == {"answer": "0.5"}

        await pilot.press("t")  # try again: back in the box
        await pilot.pause()
        assert isinstance(screen.focused, Input)
        await type_into(pilot, screen, "answer", "0.25")
        await pilot.press("enter")
        await pilot.pause()
        assert "correct" in cell_line(screen, "answer")
        assert [a.outcome for a in store.attempts()] == ["incorrect", "correct"]
        assert "1 correct" in text_of(screen, "#practice-position")


async def test_a_worksheet_with_one_slip_and_the_later_cell_carried_forward() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.question.generator == "activations.tanh")
        answers = expected(screen)
        slip = -0.9 if answers["t"] != "-0.9000" else 0.9
        await type_into(pilot, screen, "t", f"{slip:.4f}")
        await pilot.press("enter")  # Enter moves to the next empty cell first
        await pilot.pause()
        assert screen.focused is screen.query_one(AnswerGrid).cell("dt").input
        await pilot.press(*f"{1 - slip**2:.4f}", "enter")
        await pilot.pause()
        assert "not right" in cell_line(screen, "t")
        assert "your own earlier values" in cell_line(screen, "dt")
        assert "50%" in text_of(screen, "#item-feedback")
        [attempt] = store.attempts()
        assert attempt.outcome == "partial" and attempt.score == 0.5
        assert attempt.generator == "activations.tanh" and attempt.seed is not None


async def test_an_expression_answer_is_checked_with_the_worker_started_on_show() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "backpropagation")
        await go_to(pilot, screen, lambda item: item.question.generator == "backprop.derivative")
        assert tutor.symbolic.pid is not None  # started when the question was shown
        body = " ".join(str(w.render()) for w in screen.query_one("#practice-body").query(Static))
        assert "Symbols:" in body and "C_prev" in body
        await type_into(pilot, screen, "dC-dCprev", "f")
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(store.attempts()), seconds=10)
        await pilot.pause()
        assert store.attempts()[0].outcome == "correct"
        assert "correct" in cell_line(screen, "dC-dCprev")
    tutor.close_resources()


async def test_a_choice_is_picked_with_its_key_and_every_option_explained() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        item = screen.practice.item
        assert item is not None and item.kind == "choice"
        right = [o.id for o in item.question.options].index(str(item.question.answer))
        await pilot.press(str(right + 1))
        await pilot.pause()
        choices = screen.query_one(ChoiceList)
        assert choices.chosen == item.question.answer
        shown = " ".join(str(o.prompt) for o in choices.options)
        assert "✓" in shown
        for option in item.question.options:
            assert option.explanation("en")[:20] in shown.replace("\n", " ")
        assert [a.outcome for a in store.attempts()] == ["correct"]
        await pilot.press("1", "2")  # answered: keys no longer pick
        assert len(store.attempts()) == 1


async def test_a_recall_card_written_revealed_ticked_and_rated() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.kind == "recall")
        item = screen.practice.item
        assert item is not None and isinstance(screen.focused, TextArea)
        first_term = item.question.key_terms["en"][0][0]
        await pilot.press(*f"I think: {first_term}.")
        await pilot.press("escape", "r")
        await pilot.pause()
        points = str(screen.query_one("#recall-points", Static).render())
        assert points.count("✓") == 1 and f"1 of {len(item.question.key_points['en'])}" in points
        await pilot.press("3")
        await pilot.pause()
        assert "Recorded: Good" in str(screen.query_one("#recall-points", Static).render())
        [attempt] = store.attempts()
        assert (attempt.rating, attempt.outcome) == (3, "correct")
        assert attempt.answers == {"text": f"I think: {first_term}."}


async def test_hint_solution_and_new_numbers() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.question.generator == "activations.sigmoid")
        first = screen.practice.item
        assert first is not None and first.exercise is not None
        await pilot.press("escape", "h")
        await pilot.pause()
        assert "Hint 1/" in text_of(screen, "#item-hints")
        await pilot.press("s")
        await pilot.pause()
        solution = text_of(screen, "#item-solution")
        assert "Worked solution" in solution and "counts as not solved" in solution
        await pilot.press("n")
        await pilot.pause()
        again = screen.practice.item
        assert again is not None and again.exercise is not None
        assert again.exercise.seed != first.exercise.seed
        assert text_of(screen, "#item-hints") == "" and text_of(screen, "#item-solution") == ""
        [attempt] = store.attempts()  # the solution was seen before solving: recorded so
        assert attempt.outcome == "revealed" and attempt.hints_used == 1


async def test_difficulty_goes_up_after_two_right_and_down_after_two_wrong() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.question.generator == "activations.sigmoid")
        seen = []
        for right in (True, True, False, False):
            item = screen.practice.item
            assert item is not None and item.exercise is not None
            seen.append(item.exercise.difficulty)
            for cell in item.exercise.cells:
                value = expected(screen)[cell.name] if right else format_value(
                    np.full(np.shape(cell.expected), 9.0), 1
                )
                await type_into(pilot, screen, cell.name, value)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        assert seen == [1, 1, 2, 2]
        assert store.level("activations.sigmoid") == Level(1, 0)


async def test_home_shows_what_was_practised_and_the_language_is_remembered() -> None:
    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        item = screen.practice.item
        assert item is not None and item.kind == "choice"
        await pilot.press("1")
        await pilot.press("escape")
        await pilot.pause()
        options = tutor.screen.query_one(OptionList)
        index = [lesson.id for lesson in tutor.course.lessons].index("activations")
        row = lambda: str(options.get_option_at_index(index).prompt)  # noqa: E731
        await wait_until(pilot, lambda: " 1/12" in row())  # practised 1 of the lesson's 12
        await pilot.press("l")
        await pilot.pause()
    assert store.get("lang") == "zh"
    again = TutorApp(store=store)
    assert again.lang == "zh"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_language_switch_keeps_what_was_typed(lang: str) -> None:
    tutor = app()
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.question.generator == "activations.range")
        await type_into(pilot, screen, "s_range", "[0.1, 0.2]")
        if lang == "zh":
            await pilot.press("escape", "l")
            await pilot.pause()
        cell = screen.query_one(AnswerGrid).cell("s_range")
        assert isinstance(cell, AnswerCell) and cell.value == "[0.1, 0.2]"


async def test_keys_that_arrive_together_keep_their_order() -> None:
    """tmux's send-keys (or a fast typist) delivers ⌫⌫⌫0.25⏎ in one read: the backspaces
    must not be applied after the digits (Textual runs bound keys after a round trip)."""
    from textual import events

    store = in_memory("test")
    tutor = app(store)
    async with tutor.run_test(size=SIZE) as pilot:
        screen = await practise(pilot, "activations")
        await go_to(pilot, screen, lambda item: item.id == "activations.sigmoid-max-slope")
        await type_into(pilot, screen, "answer", "0.5")
        for key, char in [("backspace", None)] * 3 + [(c, c) for c in "0.25"] + [("enter", "\r")]:
            event = events.Key(key, char)
            event.set_sender(tutor)
            tutor._driver.send_message(event)  # all at once, as one terminal read
        await wait_until(pilot, lambda: bool(store.attempts()))
        assert store.attempts()[0].answers == {"answer": "0.25"}
        assert store.attempts()[0].outcome == "correct"
