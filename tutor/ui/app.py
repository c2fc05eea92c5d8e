"""The Textual app: holds the course and the learner's language, routes between screens."""

from __future__ import annotations

from pathlib import Path

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from tutor.course import ContentError, Course, Lang, Problem, load_course
from tutor.ui.cjk_wrap import install as install_cjk_wrap
from tutor.ui.strings import t


class TutorApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "LSTM Tutor"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("l", "toggle_lang", "中文/English"),
        Binding("question_mark", "help", "Keys"),
    ]

    MIN_SIZE = (60, 16)

    lang: reactive[Lang] = reactive("en")
    # The questions load in a thread after the first paint; screens watch this to show counts.
    course_complete: reactive[bool] = reactive(False)

    def __init__(self, lang: Lang = "en", content_root: Path | None = None) -> None:
        super().__init__()
        install_cjk_wrap()
        self.set_reactive(TutorApp.lang, lang)
        self.content_root = content_root
        self.course: Course | None = None
        self.content_error: ContentError | None = None

    def get_default_screen(self) -> Screen[None]:
        """Home itself is the first screen (no blank screen to style and replace)."""
        self.title = t("app_title", self.lang)
        try:  # course.toml only: the home screen needs titles, not every question
            self.course = load_course(self.content_root, questions=False)
        except ContentError as exc:
            from tutor.ui.screens.content_error import ContentErrorScreen

            self.content_error = exc
            return ContentErrorScreen()
        from tutor.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.course is not None:  # after the first paint: home must not wait for it
            self.call_after_refresh(self._load_questions)

    @work(thread=True, exclusive=True, group="course", exit_on_error=False)
    def _load_questions(self) -> None:
        try:
            course = load_course(self.content_root)
        except Exception as exc:  # a content bug must show, not leave home waiting for ever
            if not isinstance(exc, ContentError):
                root = self.course.root if self.course else Path(".")
                exc = ContentError([Problem(root, f"cannot be loaded: {exc!r}")], root)
            # once home has finished mounting: a screen pushed over a half-built one breaks it
            self.call_from_thread(self.call_after_refresh, self._show_content_error, exc)
            return
        self.call_from_thread(self._questions_loaded, course)

    def _questions_loaded(self, course: Course) -> None:
        self.course = course
        self.course_complete = True

    def _show_content_error(self, error: ContentError) -> None:
        from tutor.ui.screens.content_error import ContentErrorScreen

        self.content_error = error
        self.push_screen(ContentErrorScreen())

    def on_resize(self, event: events.Resize) -> None:
        """Cover the screen with a clear message while the terminal is too small; nothing is lost."""
        width, height = self.MIN_SIZE
        too_small = event.size.width < width or event.size.height < height
        showing = type(self.screen).__name__ == "TooSmallScreen"
        if not too_small and not showing:
            return
        from tutor.ui.screens.too_small import TooSmallScreen

        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small:
            self.pop_screen()

    def watch_lang(self, lang: Lang) -> None:
        self.title = t("app_title", lang)

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def open_demos(self, initial: str | None = None) -> None:
        from tutor.ui.screens.demos import DemosScreen

        self.push_screen(DemosScreen(initial=initial))


def run_app(lang: Lang = "en", content_root: Path | None = None) -> int:
    TutorApp(lang=lang, content_root=content_root).run()
    return 0
