"""The reader on screen: every formula and code line whole at 60 and 80 columns, title once."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, Markdown, Static
from waiting import wait_until

from tutor.course import LANGS
from tutor.course.layout import CONTINUED, cell_len
from tutor.course.markdown import FORMULA_FENCE
from tutor.ui.app import TutorApp
from tutor.ui.screens.lesson import LessonScreen, reading_markdown
from tutor.ui.widgets.reading import ReadingFence


def shown_lines(fence: ReadingFence) -> list[str]:
    return str(fence.query_one(Label).render()).split("\n")


def laid_out(markdown: Markdown, source: str) -> bool:
    """The lesson's Markdown is shown, with every fence mounted and fitted to its width."""
    fences = markdown.query(ReadingFence)
    expected = sum(line.startswith("```") for line in source.splitlines()) // 2
    return (
        markdown.source == source
        and len(fences) == expected
        and all(f.fitted_width > 0 for f in fences)
    )


def symbols(text: str) -> str:
    return "".join(text.split()).replace(CONTINUED, "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", [60, 80])
async def test_every_fence_of_every_lesson_is_whole(lang: str, columns: int) -> None:
    app = TutorApp(lang=lang)
    async with app.run_test(size=(columns, 24)) as pilot:
        await pilot.press("enter")
        assert app.course is not None
        for number, lesson in enumerate(app.course.lessons):
            if number:
                await pilot.press("right_square_bracket")
            screen = app.screen
            assert isinstance(screen, LessonScreen) and screen.lesson_id == lesson.id
            markdown = screen.query_one(Markdown)
            source = reading_markdown(lesson, lang)
            await wait_until(pilot, lambda m=markdown, s=source: laid_out(m, s))
            assert laid_out(markdown, source), lesson.id
            await pilot.pause()
            fences = list(markdown.query(ReadingFence))
            for fence in fences:
                room = fence.content_size.width - fence.query_one(Label).styles.gutter.width
                lines = shown_lines(fence)
                assert max(cell_len(line) for line in lines) <= room, (lesson.id, lines)
                assert symbols("".join(lines)) == symbols(fence.code), (lesson.id, lines)
                if fence.lexer == FORMULA_FENCE:
                    assert CONTINUED not in "".join(lines), (lesson.id, "cut", lines)


async def test_a_formula_is_laid_out_again_when_the_terminal_narrows() -> None:
    app = TutorApp(lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down", "down", "down", "down", "enter")  # lesson 6
        fences = app.screen.query_one(Markdown).query(ReadingFence)
        await wait_until(pilot, lambda: bool(fences.nodes))
        await pilot.pause()
        wide = [shown_lines(f) for f in app.screen.query(ReadingFence)]
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        await pilot.pause()
        narrow = [shown_lines(f) for f in app.screen.query(ReadingFence)]
        assert sum(map(len, narrow)) > sum(map(len, wide))
        assert any("≤ 1" in line for lines in narrow for line in lines)


async def test_the_title_shows_once(mini_content: Path) -> None:
    app = TutorApp(lang="en", content_root=mini_content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        title = str(app.screen.query_one("#lesson-title", Static).render())
        assert "Lesson one" in title
        assert "# " not in app.screen.query_one(Markdown).source


@pytest.mark.parametrize(
    ("lang", "first", "last"),
    [
        ("en", "This is the first lesson.", "This is the last lesson."),
        ("zh", "这已是第一课。", "这已是最后一课。"),
    ],
)
async def test_no_lesson_before_the_first_or_after_the_last(
    mini_content: Path, lang: str, first: str, last: str
) -> None:
    app = TutorApp(lang=lang, content_root=mini_content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.screen.lesson_id == "one"
        assert [n.message for n in app._notifications] == [first]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.screen.lesson_id == "two"
        assert [n.message for n in app._notifications][-1] == last
