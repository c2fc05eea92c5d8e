"""The app as a learner drives it: home, open a lesson, switch language, go back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown, OptionList, Static
from waiting import wait_until

from tutor.ui.app import TutorApp
from tutor.ui.screens.content_error import ContentErrorScreen
from tutor.ui.screens.demos import DemosScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen, reading_markdown


def static_text(app: TutorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_home_lists_the_eleven_lessons_in_the_chosen_language() -> None:
    app = TutorApp(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 11
        assert "LSTM 如何缓解 RNN 梯度消失" in str(options.get_option_at_index(0).prompt)


async def test_open_lesson_switch_language_and_go_back() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        lesson = app.course.lessons[1]
        assert app.screen.lesson_id == lesson.id
        assert lesson.title("en") in static_text(app, "#lesson-title")
        markdown = app.screen.query_one(Markdown)
        assert markdown.source == reading_markdown(lesson, "en")

        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "zh"
        assert lesson.title("zh") in static_text(app, "#lesson-title")
        assert app.screen.query_one(Markdown).source == reading_markdown(lesson, "zh")

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one(OptionList)
        assert lesson.title("zh") in str(options.get_option_at_index(1).prompt)
        assert options.highlighted == 1


async def test_next_and_previous_lesson(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert app.screen.lesson_id == "two"
        await pilot.press("right_square_bracket")  # stays on the last one
        assert app.screen.lesson_id == "two"
        await pilot.press("left_square_bracket")
        assert app.screen.lesson_id == "one"


async def test_reader_shows_no_raw_latex(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        source = app.screen.query_one(Markdown).source
        assert "fₜ = σ(W\\_f · \\[hₜ₋₁, xₜ\\] + b\\_f)" in source
        assert "\\sigma" not in source and "\\tilde" not in source


async def test_help_opens_and_closes() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_broken_content_shows_the_problems(tmp_path: Path) -> None:
    app = TutorApp(lang="en", content_root=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ContentErrorScreen)
        texts = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "course.toml: file is missing" in texts


async def test_quit_key() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_tiny_terminal_gets_a_message_and_keeps_the_place(mini_content: Path) -> None:
    from tutor.ui.screens.too_small import TooSmallScreen

    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "too small" in str(app.screen.query_one(Static).render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "one"


async def test_demos_from_home_and_from_a_lesson() -> None:
    from tutor.ui.screens.demos import DemosScreen

    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DemosScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        bilstm = [lesson.id for lesson in app.course.lessons].index("bilstm")
        await pilot.press(*["down"] * bilstm, "enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DemosScreen)
        assert app.screen.query_one("#demos-list", OptionList).highlighted_option.id == "bilstm"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_d_in_a_lesson_without_a_demo_opens_the_demos(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.demo is None
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DemosScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_questions_and_standing_load_after_the_first_paint() -> None:
    from tutor.study.plan import slots

    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.standing is not None)
        await pilot.pause()
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        items = len(slots(app.course.lessons[0]))
        assert "░░░░░░░░░░   0%" in prompt and f"0/{items}" in prompt  # mastery, practised


async def test_a_broken_questions_file_is_reported_after_loading(
    tmp_path: Path, mini_content: Path
) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(mini_content, root)
    (root / "02-two" / "questions.toml").write_text("[[questions]\n", "utf-8")
    app = TutorApp(lang="en", content_root=root)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ContentErrorScreen))
        texts = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "02-two/questions.toml:1: is not valid TOML" in texts


async def test_help_closes_with_question_mark_and_q_quits_from_it() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_quits_while_the_terminal_is_too_small(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_markup_in_a_title_is_shown_as_text(tmp_path: Path, mini_content: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(mini_content, root)
    course = root / "course.toml"
    course.write_text(course.read_text("utf-8").replace("Lesson one", "Gates [/] and [b]"), "utf-8")
    app = TutorApp(lang="en", content_root=root)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from rich.text import Text

        prompt = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        assert "Gates [/] and [b]" in Text.from_markup(str(prompt)).plain
        await pilot.press("enter")
        await pilot.pause()
        assert "Gates [/] and [b]" in static_text(app, "#lesson-title")


async def test_escape_returns_the_home_cursor_to_the_lesson_last_read() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.questions_loaded)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")  # on to lesson 4
        await pilot.pause()
        assert (
            isinstance(app.screen, LessonScreen)
            and app.screen.lesson_id == app.course.lessons[3].id
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(OptionList).highlighted == 3
