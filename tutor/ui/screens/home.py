"""Home: the lessons of the course, in order; Enter opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.course import Course, Lang, Lesson
from tutor.progress import LessonStats
from tutor.study.standing import lesson_progress
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S


def lesson_label(
    number: int, lesson: Lesson, lang: Lang, loaded: bool = True, stats: LessonStats | None = None
) -> str:
    """"3. Title · 12 questions · practised 4/9": the last part from the store."""
    total = len(lesson.questions)
    if not loaded:
        tail = S.loading(lang)  # the questions are still loading
    elif not total:
        tail = S.no_questions(lang)
    else:
        tail = f"{total} {S.questions(lang)}"
        if stats is not None and stats.attempts:
            progress = lesson_progress(lesson, stats)
            tail += " · " + S.home_practised.format(n=progress.practised, total=progress.items)(lang)
    return f"{number:2}. {escape(lesson.title(lang))}  [dim]· {tail}[/dim]"


class HomeScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("p", "practise", "Practise"),
        Binding("d", "demos", "Demos"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def compose(self) -> ComposeResult:
        # Built with its text in place: the first paint needs no second styling pass.
        lang = self.app.lang
        yield Header()
        yield Static(self._heading(lang), id="home-heading")
        yield OptionList(*self._options(lang), id="lessons")
        yield Static(S.home_hint(lang), id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.watch(self.app, "course", self._course_loaded, init=False)
        self.query_one(OptionList).focus()

    def _course_loaded(self, _course: Course) -> None:
        self._relabel(self.app.lang)
        self.refresh_bindings()

    @property
    def course(self) -> Course:
        return self.app.course

    def _heading(self, lang: Lang) -> str:
        return S.home_heading.format(n=len(self.course.lessons))(lang)

    def _options(self, lang: Lang) -> list[Option]:
        loaded = self.app.questions_loaded
        stats = self.app.store.lesson_stats() if loaded else {}
        return [
            Option(lesson_label(n, lesson, lang, loaded, stats.get(lesson.id)), id=lesson.id)
            for n, lesson in enumerate(self.course.lessons, 1)
        ]

    def on_screen_resume(self) -> None:
        """Back from a lesson or practice: the counts may have changed."""
        if self.is_mounted and self.app.questions_loaded:
            self._relabel(self.app.lang)

    def _relabel(self, lang: Lang) -> None:
        self.query_one("#home-heading", Static).update(self._heading(lang))
        self.query_one("#home-hint", Static).update(S.home_hint(lang))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":
            return self.app.questions_loaded
        return True

    def action_practise(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.app.open_practice(option.id)

    def action_demos(self) -> None:
        self.app.open_demos()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
