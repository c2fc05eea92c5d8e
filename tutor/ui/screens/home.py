"""Home as a dashboard: the lessons with their mastery, what is due, the streak, and the ways
in (continue, review, mock interview, demos, progress)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.course import Course, Lang, Lesson
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S
from tutor.ui.widgets.bars import mastery_bar


def shorten(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (wide characters count two), with an ellipsis."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def lesson_row(
    number: int,
    lesson: Lesson,
    lang: Lang,
    width: int,
    *,
    loaded: bool,
    mastery: float | None = None,
    practised: tuple[int, int] | None = None,
) -> str:
    """" 3. Title…   ███░░░░░░░  30%  4/9": a lesson on one line of `width` cells."""
    if not loaded:
        tail = S.loading(lang)
    elif not lesson.questions:
        tail = S.no_questions(lang)
    elif mastery is None:
        tail = f"{len(lesson.questions)} {S.questions(lang)}"
    else:
        done = f"{practised[0]}/{practised[1]}" if practised else ""
        tail = f"{mastery_bar(mastery)}  {done:>5}"
    room = max(10, width - 4 - cell_len(tail) - 2)
    title = shorten(lesson.title(lang), room)
    gap = " " * max(1, room - cell_len(title) + 1)
    return f"{number:2}. {escape(title)}{gap}[dim]{escape(tail)}[/dim]"


class HomeScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("r", "review", "Review"),
        Binding("p", "practise", "Practise"),
        Binding("m", "mock", "Mock interview"),
        Binding("d", "demos", "Demos"),
        Binding("g", "progress", "Progress"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def compose(self) -> ComposeResult:
        # Built with its text in place: the first paint needs no second styling pass.
        lang = self.app.lang
        yield Header()
        yield Static(self._heading(lang), id="home-heading")
        yield Static(self._entries(lang), id="home-entries")
        yield OptionList(*self._options(lang), id="lessons")
        yield Static(S.home_hint(lang), id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.watch(self.app, "course", self._course_loaded, init=False)
        self.watch(self.app, "standing", lambda _: self._relabel(self.app.lang), init=False)
        lessons = self.query_one(OptionList)
        lessons.border_title = S.home_columns(self.app.lang)
        lessons.focus()

    def on_resize(self) -> None:
        self._relabel(self.app.lang)

    def _course_loaded(self, _course: Course) -> None:
        self._relabel(self.app.lang)
        self.refresh_bindings()

    @property
    def course(self) -> Course:
        return self.app.course

    def _heading(self, lang: Lang) -> str:
        heading = S.home_heading.format(n=len(self.course.lessons))(lang)
        standing = self.app.standing
        if standing is not None and standing.streak:
            heading += "  ·  " + S.home_streak.format(n=standing.streak)(lang)
        return escape(heading)

    def _entries(self, lang: Lang) -> str:
        standing = self.app.standing
        due = S.home_due.format(n=standing.due)(lang) if standing else S.loading(lang)
        entries = [
            f"[b]c[/b] {S.home_continue(lang)}",
            f"[b]r[/b] {S.home_review.format(due=due)(lang)}",
            f"[b]m[/b] {S.mock(lang)}",
            f"[b]d[/b] {S.demos(lang)}",
            f"[b]g[/b] {S.progress(lang)}",
        ]
        return "   ".join(entries)

    def _options(self, lang: Lang) -> list[Option]:
        loaded = self.app.questions_loaded
        standing = self.app.standing
        width = max(40, (self.app.size.width or 80) - 8)
        rows = []
        for n, lesson in enumerate(self.course.lessons, 1):
            mastery = standing.mastery.get(lesson.id) if standing else None
            progress = standing.progress.get(lesson.id) if standing else None
            practised = (progress.practised, progress.items) if progress else None
            label = lesson_row(
                n, lesson, lang, width, loaded=loaded, mastery=mastery, practised=practised
            )
            rows.append(Option(label, id=lesson.id))
        return rows

    def _relabel(self, lang: Lang) -> None:
        if not self.is_mounted:
            return
        self.query_one("#home-heading", Static).update(self._heading(lang))
        self.query_one("#home-entries", Static).update(self._entries(lang))
        self.query_one("#home-hint", Static).update(S.home_hint(lang))
        lessons = self.query_one(OptionList)
        lessons.border_title = S.home_columns(lang)
        highlighted = lessons.highlighted
        lessons.clear_options()
        lessons.add_options(self._options(lang))
        lessons.highlighted = highlighted if highlighted is not None else 0

    def on_screen_resume(self) -> None:
        """Back from a lesson or practice: the counts may have changed, and the cursor goes
        to the lesson last read."""
        if not self.is_mounted:
            return
        if self.app.questions_loaded:
            self.app.refresh_standing()
        last = self.app.last_lesson
        ids = [lesson.id for lesson in self.course.lessons]
        if last in ids:
            self.query_one(OptionList).highlighted = ids.index(last)

    @on(OptionList.OptionSelected, "#lessons")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from tutor.ui.screens.lesson import LessonScreen

        assert event.option.id is not None
        self.app.push_screen(LessonScreen(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("practise", "continue", "review", "mock", "progress"):
            return self.app.questions_loaded
        return True

    def _highlighted(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    def action_practise(self) -> None:
        lesson = self._highlighted()
        if lesson is not None:
            self.app.open_practice(lesson)

    def action_continue(self) -> None:
        self.app.continue_where_left()

    def action_review(self) -> None:
        self.app.open_review()

    def action_mock(self) -> None:
        self.app.open_mock()

    def action_demos(self) -> None:
        self.app.open_demos()

    def action_progress(self) -> None:
        self.app.open_progress()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
