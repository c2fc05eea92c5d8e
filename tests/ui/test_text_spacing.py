"""No stray space after 。 (or ，：；…) in the Chinese the UI shows: its string table, the
demo texts and labels, the lessons, and the help screen as drawn."""

from __future__ import annotations

from rich.text import Text as RichText
from spacing import stray_spaces
from textual.widgets import Static

from tutor.course import load_course
from tutor.course.markdown import render_markdown
from tutor.demos import DESCRIPTIONS, labels
from tutor.i18n import Text
from tutor.ui import strings
from tutor.ui.app import TutorApp
from tutor.ui.cjk_markdown import markdown_parser
from tutor.ui.screens.help import HelpScreen


def every_text() -> list[Text]:
    """Every Text of the UI's string table and of the demos' torch-free texts."""
    found = [v for v in vars(strings.S).values() if isinstance(v, Text)]
    found += [*strings.KEY_LABELS.values(), *strings.KIND_NAMES.values()]
    for rows in (strings.HELP_KEYS, strings.PRACTICE_KEYS, strings.DEMO_KEYS):
        found += [text for row in rows for text in row]
    found += [*DESCRIPTIONS.values(), *labels.YES_NO]
    for table in (labels.COLUMNS, labels.TABLES, labels.VALUES):
        found += table.values()
    return found


def test_the_checker_finds_a_stray_space() -> None:
    assert stray_spaces(["好。 然后", "好。然后", "a. b", "（见上）。"]) == ["好。 然后"]


def test_no_stray_space_in_the_string_table_and_demo_texts() -> None:
    texts = every_text()
    assert len(texts) > 100
    assert stray_spaces(t.zh for t in texts) == []


def test_no_stray_space_in_the_chinese_lessons_as_parsed() -> None:
    """The text of each paragraph as Textual draws it: a soft break is a space."""
    parser = markdown_parser()
    for lesson in load_course(questions=False).lessons:
        paragraphs = [
            "".join(" " if c.type == "softbreak" else c.content for c in token.children or [])
            for token in parser.parse(render_markdown(lesson.reading("zh")))
            if token.type == "inline"
        ]
        assert stray_spaces(paragraphs) == [], lesson.id


async def test_no_stray_space_in_the_help_screen_as_drawn() -> None:
    app = TutorApp(lang="zh")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_demos()  # the Demos screen adds its keys to the help
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)
        drawn = []
        for widget in app.screen.query(Static):  # Markdown blocks are Statics too
            rendered = widget.render()
            drawn.append(rendered.plain if isinstance(rendered, RichText) else str(rendered))
        assert any("可以直接写算式" in text for text in drawn)  # the input help is there
        assert stray_spaces(drawn) == []
