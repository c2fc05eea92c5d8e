"""The reader: one lesson's text with its formulas as terminal text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.course import Lang, Lesson
from tutor.course.markdown import render_markdown
from tutor.course.mathtext import MathError
from tutor.ui.strings import KIND_NAMES, t
from tutor.ui.widgets.reading import ReadingMarkdown

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


def reading_markdown(lesson: Lesson, lang: Lang) -> str:
    """The lesson as display Markdown; a broken file becomes a message, not a crash.

    The file's `# ` heading is left out: the screen's title line already shows it.
    """
    try:
        return render_markdown(_without_heading(lesson.reading(lang)))
    except (OSError, UnicodeDecodeError, MathError) as exc:
        return f"> {t('reading_broken', lang)} {exc}"


def _without_heading(md: str) -> str:
    first, _, rest = md.partition("\n")
    return rest if first.startswith("# ") else md


class LessonScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("d", "demo", "Demo"),
        Binding("right_square_bracket", "move(1)", "Next"),
        Binding("left_square_bracket", "move(-1)", "Previous"),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    app: TutorApp

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id

    @property
    def lesson(self) -> Lesson:
        assert self.app.course is not None
        return self.app.course.lesson(self.lesson_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="lesson-title")
        with VerticalScroll(id="reading"):
            yield ReadingMarkdown(id="lesson-text")
        yield Static(id="lesson-footer")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._show, init=True)
        self.watch(self.app, "course_complete", lambda _: self._show_footer(self.app.lang))
        self.query_one("#reading").focus()

    def _show(self, lang: Lang) -> None:
        lesson = self.lesson
        course = self.app.course
        assert course is not None
        number = course.lessons.index(lesson) + 1
        self.query_one("#lesson-title", Static).update(
            f"{number}/{len(course.lessons)}  {escape(lesson.title(lang))}"
        )
        self.query_one("#lesson-text", ReadingMarkdown).update(reading_markdown(lesson, lang))
        self._show_footer(lang)

    def _show_footer(self, lang: Lang) -> None:
        lesson = self.lesson
        counts = lesson.count_by_kind()
        separator = "、" if lang == "zh" else ", "
        summary = separator.join(
            f"{KIND_NAMES[kind][lang]} {n}" for kind, n in sorted(counts.items())
        )
        demo = f"  ·  d: {t('demo_for_lesson', lang)} {lesson.demo}" if lesson.demo else ""
        if not self.app.course_complete:
            summary = "…"
        self.query_one("#lesson-footer", Static).update(
            f"{t('lesson_questions', lang)}: {summary or t('no_questions', lang)}{demo}"
        )

    def action_move(self, step: int) -> None:
        course = self.app.course
        assert course is not None
        index = course.lessons.index(self.lesson) + step
        if not 0 <= index < len(course.lessons):
            self.notify(t("no_next_lesson" if step > 0 else "no_prev_lesson", self.app.lang))
            return
        self.lesson_id = course.lessons[index].id
        self._show(self.app.lang)
        self.query_one("#reading", VerticalScroll).scroll_home(animate=False)

    def action_scroll(self, step: int) -> None:
        self.query_one("#reading", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_demo(self) -> None:
        if self.lesson.demo is None:
            self.notify(t("no_demo", self.app.lang))
            return
        self.app.open_demos(self.lesson.demo)
