"""Home: the lessons of the course, in order; Enter opens one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.course import Lang, Lesson
from tutor.ui.strings import t

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


def lesson_label(number: int, lesson: Lesson, lang: Lang, complete: bool = True) -> str:
    total = len(lesson.questions)
    if not complete:
        tail = "…"  # the questions are still loading
    else:
        tail = f"{total} {t('questions', lang)}" if total else t("no_questions", lang)
    return f"{number:2}. {escape(lesson.title(lang))}  [dim]· {tail}[/dim]"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("d", "demos", "Demos"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    app: TutorApp

    def compose(self) -> ComposeResult:
        # Built with its text in place: the first paint needs no second styling pass.
        lang = self.app.lang
        yield Header()
        yield Static(self._heading(lang), id="home-heading")
        yield OptionList(*self._options(lang), id="lessons")
        yield Static(t("home_hint", lang), id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.watch(self.app, "course_complete", lambda _: self._relabel(self.app.lang), init=False)
        self.query_one(OptionList).focus()

    def _heading(self, lang: Lang) -> str:
        assert self.app.course is not None
        return t("home_heading", lang, n=len(self.app.course.lessons))

    def _options(self, lang: Lang) -> list[Option]:
        course = self.app.course
        assert course is not None
        return [
            Option(lesson_label(n, lesson, lang, course.complete), id=lesson.id)
            for n, lesson in enumerate(course.lessons, 1)
        ]

    def _relabel(self, lang: Lang) -> None:
        self.query_one("#home-heading", Static).update(self._heading(lang))
        self.query_one("#home-hint", Static).update(t("home_hint", lang))
        lessons = self.query_one(OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        lessons.add_options(self._options(lang))
        lessons.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#lessons")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.lesson import LessonScreen

        assert event.option.id is not None
        self.app.push_screen(LessonScreen(event.option.id))

    def action_demos(self) -> None:
        self.app.open_demos()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
