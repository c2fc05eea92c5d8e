"""The reader: one lesson's text with its formulas as terminal text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from tutor.course import Lang, Lesson
from tutor.course.markdown import render_markdown
from tutor.course.mathtext import MathError
from tutor.study.standing import lesson_progress
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import KIND_NAMES, S
from tutor.ui.widgets.key_scroll import KeyScroll
from tutor.ui.widgets.reading import ReadingMarkdown


def reading_markdown(lesson: Lesson, lang: Lang) -> str:
    """The lesson as display Markdown; a broken file becomes a message, not a crash.

    The file's `# ` heading is left out: the screen's title line already shows it.
    """
    try:
        return render_markdown(_without_heading(lesson.reading(lang)))
    except (OSError, UnicodeDecodeError, MathError) as exc:
        return f"> {S.reading_broken(lang)} {exc}"


def _without_heading(md: str) -> str:
    first, _, rest = md.partition("\n")
    return rest if first.startswith("# ") else md


class LessonScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "practise", "Practise"),
        Binding("d", "demo", "Demo"),
        Binding("right_square_bracket", "move(1)", "Next"),
        Binding("left_square_bracket", "move(-1)", "Previous"),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id

    @property
    def lesson(self) -> Lesson:
        return self.app.course.lesson(self.lesson_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="lesson-title")
        with KeyScroll(id="reading"):
            yield ReadingMarkdown(id="lesson-text")
            yield Button(id="lesson-practise", variant="primary")
        yield Static(id="lesson-footer")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._show, init=True)
        self.watch(self.app, "course", self._course_loaded, init=False)
        self.query_one("#reading").focus()

    def _course_loaded(self, _course: object) -> None:
        self._show_footer(self.app.lang)
        self.refresh_bindings()

    def _show(self, lang: Lang) -> None:
        lesson = self.lesson
        self.app.last_lesson = lesson.id
        lessons = self.app.course.lessons
        number = lessons.index(lesson) + 1
        self.query_one("#lesson-title", Static).update(
            f"{number}/{len(lessons)}  {escape(lesson.title(lang))}"
        )
        self.query_one("#lesson-text", ReadingMarkdown).update(reading_markdown(lesson, lang))
        self.query_one("#lesson-practise", Button).label = S.practise_lesson(lang)
        self._show_footer(lang)

    def _show_footer(self, lang: Lang) -> None:
        """"Practised 4/12 · choice 5, numeric 2, … · demo: vanishing" (one line at 80 columns)."""
        lesson = self.lesson
        counts = lesson.count_by_kind()
        separator = "、" if lang == "zh" else ", "
        kinds = separator.join(f"{KIND_NAMES[kind](lang)} {n}" for kind, n in sorted(counts.items()))
        parts = [kinds or S.no_questions(lang)]
        if not self.app.questions_loaded:
            parts = [S.loading(lang)]
        elif lesson.questions:  # from the store: how much of it has been practised
            progress = lesson_progress(lesson, self.app.store.lesson_stats().get(lesson.id))
            parts.insert(0, S.lesson_practised.format(n=progress.practised, total=progress.items)(lang))
        if lesson.demo:
            parts.append(S.lesson_demo.format(name=lesson.demo)(lang))
        self.query_one("#lesson-footer", Static).update(escape(" · ".join(parts)))

    def on_screen_resume(self) -> None:
        """Back from practice: what has been practised has changed."""
        if self.is_mounted:
            self._show_footer(self.app.lang)

    def action_move(self, step: int) -> None:
        lessons = self.app.course.lessons
        index = lessons.index(self.lesson) + step
        if not 0 <= index < len(lessons):
            notice = S.no_next_lesson if step > 0 else S.no_prev_lesson
            self.notify(notice(self.app.lang))
            return
        self.lesson_id = lessons[index].id
        self._show(self.app.lang)
        self.query_one("#reading", KeyScroll).scroll_home(animate=False)

    def action_scroll(self, step: int) -> None:
        self.query_one("#reading", KeyScroll).scroll_by_keys(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":  # the questions load after the first paint
            return self.app.questions_loaded and bool(self.lesson.questions)
        return True

    @on(Button.Pressed, "#lesson-practise")
    def action_practise(self) -> None:
        if self.app.questions_loaded and self.lesson.questions:
            self.app.open_practice(self.lesson_id)

    def action_demo(self) -> None:
        """This lesson's demo, or the Demos screen to choose one when it has none."""
        self.app.open_demos(self.lesson.demo)
