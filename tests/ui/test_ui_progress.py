"""The progress screen with a populated store (the two-lesson fixture course, a fixed now):
what it shows, Enter on a mistake, Escape, the language switch, the loading state, and two
SVG snapshots at 80x24."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Scheduler
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from waiting import wait_until

from tutor.progress import Attempt, Store, in_memory
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.screens.progress import ProgressScreen
from tutor.ui.widgets.bars import mastery_bar
from tutor.ui.widgets.progress_charts import ActivityChart, ForecastChart

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
SIZE = (80, 24)
QUESTIONS = ("01-one.range", "01-one.c2", "01-one.slope", "02-two.range", "02-two.c3")
MISTAKES = ("lstm.forgot-bias", "lstm.gate-tanh", "lstm.concat-order")


def filled_store() -> Store:
    """Four weeks of practice (a few attempts most days, every third one wrong, with a
    catalogued mistake), each reviewing its card; two mock interviews."""
    store = in_memory("test", fuzz=False)
    n = 0
    for days_ago in range(27, -1, -1):
        for k in range((days_ago * 5) % 4):
            n += 1
            question = QUESTIONS[n % len(QUESTIONS)]
            right = n % 3 != 0
            store.record(
                Attempt(
                    question_id=question,
                    lesson_id="one" if question.startswith("01") else "two",
                    kind="choice",
                    answers={"choice": "a"},
                    outcome="correct" if right else "incorrect",
                    score=1.0 if right else 0.0,
                    seconds=30.0 + k,
                    answered_at=NOW - timedelta(days=days_ago, hours=3 - k),
                    mistakes=() if right else (MISTAKES[n // 3 % len(MISTAKES)],),
                    rating=3 if right else 1,
                )
            )
    for days_ago, score in ((12, 0.5), (2, 0.75)):
        mock = store.start_mock(NOW - timedelta(days=days_ago), 8, 3.0)
        store.finish_mock(mock, NOW - timedelta(days=days_ago, minutes=-22), score, 1320.0)
    return store


def recall_held(store: Store) -> dict[str, int]:
    """Per lesson, the cards whose recall probability at NOW is at least 0.9."""
    scheduler = Scheduler(desired_retention=0.9)
    held = {"one": 0, "two": 0}
    for card in store.cards().values():
        held[card.lesson_id] += scheduler.get_card_retrievability(card.card, NOW) >= 0.9
    return held


def make_app(mini_content: Path, lang: str = "en") -> TutorApp:
    return TutorApp(lang=lang, content_root=mini_content, store=filled_store())  # type: ignore[arg-type]


async def open_progress(pilot: Pilot) -> ProgressScreen:
    app = pilot.app
    await wait_until(pilot, lambda: app.questions_loaded)
    screen = ProgressScreen(now=NOW)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.shown)
    await pilot.pause()
    return screen


def text(renderable: object, width: int = 76) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def static_text(screen: ProgressScreen, selector: str) -> str:
    content = screen.query_one(selector, Static).content
    return text(Content.from_markup(content) if isinstance(content, str) else content)


async def test_the_screen_shows_lessons_charts_mistakes_and_mocks(mini_content: Path) -> None:
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        report = screen.report
        assert report is not None and report.now == NOW
        assert screen.query_one("#progress-days", ActivityChart)
        assert screen.query_one("#progress-forecast", ForecastChart)
        table = static_text(screen, "#progress-lessons").splitlines()
        one, two = report.lessons
        # mastery by its definition: the share of the lesson's 6 questions whose recall
        # probability, by FSRS, is at least 0.9 at NOW
        held = recall_held(app.store)
        assert (one.mastery, two.mastery) == (held["one"] / 6, held["two"] / 6) == (1 / 3, 0)
        assert "1. Lesson one" in table[1] and mastery_bar(1 / 3) in table[1]
        assert "2. Lesson two" in table[2] and "░░░░░░░░░░   0%" in table[2]
        assert f"{one.accuracy:.0%}" in table[1] and f" {one.attempts} " in table[1]
        mistakes = screen.query_one("#progress-mistakes", OptionList)
        assert mistakes.option_count == len(report.mistakes) == 3
        first = Content.from_markup(str(mistakes.get_option("mistake-0").prompt)).plain
        assert report.mistakes[0].title.en in first and report.mistakes[0].feedback.en[:30] in first
        mocks = static_text(screen, "#progress-mocks")
        assert "2026-11-29 20:00" in mocks and "75%" in mocks and "22 min" in mocks
        assert "512" in static_text(screen, "#progress-fsrs")


async def test_enter_on_a_mistake_practises_where_it_was_made(mini_content: Path) -> None:
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert screen.report is not None
        row = screen.report.mistakes[1]
        await pilot.press("tab")  # from the page to the mistakes
        mistakes = screen.query_one("#progress-mistakes", OptionList)
        assert app.focused is mistakes
        await pilot.press("down")  # the second (the cursor steps over the rule between them)
        assert mistakes.highlighted_option is not None
        assert mistakes.highlighted_option.id == "mistake-1"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        assert practice.practice.item is not None
        assert practice.practice.item.question.id == row.question_id
        # an answer there, then back: the screen reads the store again
        app.store.record(replace(app.store.attempts()[-1], answered_at=NOW, id=None))
        before = screen.report.attempts
        app.pop_screen()
        await wait_until(
            pilot, lambda: screen.report is not None and screen.report.attempts > before
        )
        assert app.screen is screen and screen.report.attempts == before + 1


async def test_escape_goes_back(mini_content: Path) -> None:
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_language_switch_relabels_everything(mini_content: Path) -> None:
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert "Your progress" in static_text(screen, "#progress-title")
        await pilot.press("l")
        await pilot.pause()
        assert "学习进度" in static_text(screen, "#progress-title")
        assert "第一课" in static_text(screen, "#progress-lessons")
        assert "使用默认参数" in static_text(screen, "#progress-fsrs")
        assert "日期" in static_text(screen, "#progress-mocks")
        mistakes = screen.query_one("#progress-mistakes", OptionList)
        assert "最近一次" in Content.from_markup(str(mistakes.get_option("mistake-0").prompt)).plain
        assert screen.query_one(ActivityChart) and screen.query_one(ForecastChart)
        labels = {b.binding.action: b.binding.description for b in screen.active_bindings.values()}
        assert labels["app.pop_screen"] == "返回"


async def test_it_shows_dots_until_the_report_is_ready(mini_content: Path, monkeypatch) -> None:
    import tutor.ui.screens.progress as progress

    release = threading.Event()
    real = progress.build_report

    def slow(*args: object) -> object:
        release.wait(5)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(progress, "build_report", slow)
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        screen = ProgressScreen(now=NOW)
        await app.push_screen(screen)
        await pilot.pause()
        assert static_text(screen, "#progress-title").strip() == "…"
        assert not screen.query(ActivityChart)
        await pilot.press("down")  # the screen still answers keys meanwhile
        release.set()
        await wait_until(pilot, lambda: screen.shown)


async def test_a_report_that_fails_says_why(mini_content: Path, monkeypatch) -> None:
    import tutor.ui.screens.progress as progress

    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(progress, "build_report", broken)
    app = make_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        screen = ProgressScreen(now=NOW)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: "disk on fire" in static_text(screen, "#progress-title"))
        assert "could not be built" in static_text(screen, "#progress-title")


async def test_open_progress_takes_now_from_the_apps_clock(mini_content: Path) -> None:
    app = make_app(mini_content)
    app.clock = lambda: NOW  # type: ignore[attr-defined]  # the app's clock, where it has one
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        app.open_progress()
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.shown)
        assert isinstance(app.screen, ProgressScreen) and app.screen.report is not None
        assert app.screen.report.now == NOW


async def test_an_empty_store_says_so(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content, store=in_memory("test", fuzz=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        notes = " ".join(text(s.content) for s in screen.query(".progress-note").results(Static))
        assert "No attempts in the last 30 days." in notes
        assert "No reviews due in the next 14 days." in notes
        assert "No catalogued mistakes recorded yet." in notes
        assert not screen.query(ActivityChart) and not screen.query(OptionList)


def at_progress(at_charts: bool = False):
    async def run_before(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        if at_charts:  # the 30 days' heading, legend and chart at the top, the forecast below
            body = screen.query_one("#progress-body")
            parts = list(body.children)
            heading = parts[parts.index(screen.query_one(ActivityChart)) - 2]
            body.scroll_to_widget(heading, animate=False, top=True)
        await pilot.pause()

    return run_before


def test_snapshot_progress_top(snap_compare, mini_content: Path) -> None:
    assert snap_compare(make_app(mini_content), terminal_size=SIZE, run_before=at_progress())


def test_snapshot_progress_charts_chinese_no_colour(
    snap_compare, mini_content: Path, monkeypatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(mini_content, lang="zh")
    assert snap_compare(app, terminal_size=SIZE, run_before=at_progress(at_charts=True))
