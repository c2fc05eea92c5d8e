"""Practice as the learner feels it, in the real screen (headless): from the Enter key event
to the verdict in its widget, for numeric answers and worksheets, a first expression answer typed 2 s
after the question appeared (the sympy worker starts when it is shown), and how long the
review queue takes to appear with an empty store and with 10,000 attempts.

    python benchmarks/practice.py [--answers 60] [--attempts 10000]

Times are wall-clock on this machine; each line also gives its ratio to the cheapest case
measured in the same run (the numeric submit), so that a slower machine reads the same.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import fill

from tutor.course import load_course
from tutor.exercises.values import format_value
from tutor.progress import in_memory


def enter(app: object, key_name: str = "enter", char: str = "\r") -> None:
    """A key, as the terminal driver delivers it (Pilot's press also waits for the whole
    machine to go idle, which would time the machine rather than the screen)."""
    from textual import events

    key = events.Key(key_name, char)
    key.set_sender(app)  # type: ignore[arg-type]
    app._driver.send_message(key)  # type: ignore[attr-defined]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def answer_and_time(pilot: object, screen: object, typed: object) -> float:
    """Type each cell's answer (`typed(cell)`), then time Enter until the last cell's verdict."""
    from tutor.ui.widgets.answer_cells import AnswerGrid

    item = screen.practice.item  # type: ignore[attr-defined]
    assert item is not None and item.exercise is not None
    grid = screen.query_one(AnswerGrid)  # type: ignore[attr-defined]
    for cell in item.exercise.cells:
        grid.cell(cell.name).input.value = typed(cell)  # type: ignore[operator]
    last = grid.cell(item.exercise.cells[-1].name)
    last.input.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    start = time.perf_counter()
    enter(screen.app)  # type: ignore[attr-defined]
    while not str(last.line.render()).startswith(("✓", "✗", "◐", "⚠")):
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


def as_typed(cell: object) -> str:
    return format_value(cell.expected, 4 if cell.decimals is None else cell.decimals)  # type: ignore[attr-defined]


async def submits(lesson: str, generator: str | None, answers: int) -> list[float]:
    """Seconds from Enter to the verdict being drawn, over `answers` fresh draws."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.practice import PracticeScreen

    app = TutorApp(lang="en", store=in_memory("bench"), seed=0)
    times: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        while not app.questions_loaded:
            await pilot.pause(0.01)
        app.open_practice(lesson)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        while screen.practice.item is not None and not (
            screen.practice.item.question.generator == generator
            if generator
            else screen.practice.item.question.kind == "numeric"
        ):
            screen.practice.next()
            await screen._draw_item()
        for _ in range(answers):
            times.append(await answer_and_time(pilot, screen, as_typed))
            await screen.action_new_numbers()
            await pilot.pause()
    app.close_resources()
    return times


async def first_expression(wait: float) -> float:
    """An expression question on screen for `wait` s, then its first answer: Enter to verdict."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.practice import PracticeScreen

    app = TutorApp(lang="en", store=in_memory("bench"), seed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        while not app.questions_loaded:
            await pilot.pause(0.01)
        app.open_practice("backpropagation")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        while screen.practice.item is not None and not screen.practice.item.needs_symbolic:
            screen.practice.next()
        await screen._draw_item()
        await asyncio.sleep(wait)  # the learner reads the question
        seconds = await answer_and_time(pilot, screen, lambda cell: str(cell.expected))
    app.close_resources()
    return seconds


async def review_appears(attempts: int) -> float:
    """Seconds from r on home to the first review item drawn, on a store with `attempts`."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.review import ReviewScreen

    course = load_course()
    store = in_memory("bench")
    fill(store, course, attempts, datetime.now(UTC))
    app = TutorApp(lang="en", store=store, seed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        while app.standing is None:
            await pilot.pause(0.01)
        start = time.perf_counter()
        enter(app, "r", "r")
        while not (isinstance(app.screen, ReviewScreen) and app.screen.query("#item-heading")):
            await asyncio.sleep(0.001)
        seconds = time.perf_counter() - start
    app.close_resources()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=60)
    parser.add_argument("--attempts", type=int, default=10_000)
    args = parser.parse_args()
    numeric = asyncio.run(submits("activations", None, args.answers))
    sheet = asyncio.run(submits("forward-pass", "lstm.step", args.answers))
    base = statistics.median(numeric)
    for name, times in (("numeric answer", numeric), ("worksheet (lstm.step)", sheet)):
        print(
            f"submit to feedback, {name}: p50 {statistics.median(times) * 1000:.1f} ms, "
            f"p99 {percentile(times, 0.99) * 1000:.1f} ms ({len(times)} answers; "
            f"p50 {statistics.median(times) / base:.1f}x the numeric p50)"
        )
    first = asyncio.run(first_expression(2.0))
    print(f"first expression answer, 2 s after the question: {first * 1000:.0f} ms")
    empty, full = asyncio.run(review_appears(0)), asyncio.run(review_appears(args.attempts))
    print(
        f"review queue on screen: empty store {empty * 1000:.0f} ms, {args.attempts} attempts "
        f"{full * 1000:.0f} ms ({full / empty:.1f}x)"
    )


if __name__ == "__main__":
    main()
