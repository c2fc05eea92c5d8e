"""The Textual app: holds the course, the learner's store and language, routes between screens.

Screens are typed against this class: they read `lang`, `course` and `questions_loaded`
(reactives they may watch) and `store`, and get everything else through their constructors.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from tutor import __version__
from tutor.course import ContentError, Course, Lang, Problem, load_course
from tutor.i18n import default_lang
from tutor.progress import Notice, Store, open_store
from tutor.ui.bindings import localize
from tutor.ui.cjk_wrap import install as install_cjk_wrap
from tutor.ui.strings import S

if TYPE_CHECKING:
    from tutor.answers import SymbolicWorker
    from tutor.study.plan import Slot
    from tutor.study.practice import Practice
    from tutor.study.standing import Dashboard
    from tutor.ui.screens.demos_state import DemosState


def local_now() -> datetime:
    """Now, in the learner's own time zone (their days decide streaks and daily limits)."""
    return datetime.now().astimezone()


class TutorApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "LSTM Tutor"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("l", "toggle_lang", "中文/English"),
        Binding("question_mark", "help", "Keys"),
        # Ctrl+C quits, as the README says (Textual's own binding only shows a toast); a
        # focused input with a selection copies first, a running demo is cancelled first
        Binding("ctrl+c", "quit", show=False, system=True),
    ]

    MIN_SIZE = (60, 16)

    lang: reactive[Lang] = reactive("en")
    # The home screen needs only the outline (course.toml); the questions load in a thread
    # after the first paint and replace it (questions_loaded turns True just before), and
    # screens watch `course` to show counts.
    course: reactive[Course] = reactive(Course(Path("."), 1, ()), always_update=True)
    questions_loaded: reactive[bool] = reactive(False)
    # what home shows from the store (mastery, due, streak): worked out after the questions
    standing: reactive[Dashboard | None] = reactive(None, always_update=True)

    def __init__(
        self,
        lang: Lang | None = None,
        content_root: Path | None = None,
        *,
        data_dir: Path | None = None,
        store: Store | None = None,
        seed: int | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`lang` None: the language last chosen in the app, else the locale's. `clock` gives
        the time (timezone-aware; the learner's days are its days); tests move it."""
        super().__init__()
        self.notices: list[Notice] = []
        if store is None:
            # the integrity check of every page waits until the first screen is up
            store, self.notices = open_store(data_dir, version=__version__, check=False)
        self.store = store
        chosen = store.get("lang")
        if lang is None:
            lang = chosen if chosen in ("zh", "en") else default_lang(os.environ)
        self.set_reactive(TutorApp.lang, lang)
        self.content_root = content_root
        self._too_small: Screen[None] | None = None
        self._symbolic: SymbolicWorker | None = None
        self._first: Callable[[], None] | None = None
        self._seed = seed  # fixes every draw (tests, `quiz --seed`); None: fresh each time
        self.clock: Callable[[], datetime] = clock or local_now
        self.last_lesson: str | None = None  # the lesson last read (home's cursor goes back to it)
        self._demos: DemosState | None = None  # the Demos screen's choices and runs

    def get_default_screen(self) -> Screen[None]:
        """Home itself is the first screen (no blank screen to style and replace)."""
        self.title = S.app_title(self.lang)
        try:  # course.toml only: the home screen needs titles, not every question
            outline = load_course(self.content_root, questions=False)
        except ContentError as exc:
            from tutor.ui.screens.content_error import ContentErrorScreen

            return ContentErrorScreen(exc)
        self.set_reactive(TutorApp.course, outline)
        from tutor.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # Chinese line-breaking from the second paint on: home's first lines need none of it
        self.call_after_refresh(install_cjk_wrap)
        localize(self, self.lang)
        for notice in self.notices:  # a damaged, old or newer file, an unwritable folder
            self.notify(notice.message(self.lang), severity="warning", timeout=30)
        if self.course.lessons:  # after the first paint: home must not wait for it
            self.call_after_refresh(self._load_questions)

    def on_unmount(self) -> None:
        self.close_resources()

    def close_resources(self) -> None:
        """Stop the symbolic worker process and close the store (idempotent)."""
        if self._symbolic is not None:
            self._symbolic.close()
            self._symbolic = None

    @property
    def symbolic(self) -> SymbolicWorker:
        """The app's one sympy worker process: started by whoever shows an expression question
        (it loads sympy in the background), stopped with the app."""
        if self._symbolic is None:
            from tutor.answers import SymbolicWorker

            self._symbolic = SymbolicWorker()
        return self._symbolic

    @work(thread=True, exclusive=True, group="course", exit_on_error=False)
    def _load_questions(self) -> None:
        from tutor.progress import verify

        damaged = verify(self.store)  # the file's every page, now that home is up
        if damaged is not None:
            self.call_from_thread(
                self.notify, damaged.message(self.lang), severity="warning", timeout=30
            )
        try:
            course = load_course(self.content_root)
        except Exception as exc:  # a content bug must show, not leave home waiting for ever
            if not isinstance(exc, ContentError):
                root = self.course.root
                exc = ContentError([Problem(root, f"cannot be loaded: {exc!r}")], root)
            # once home has finished mounting: a screen pushed over a half-built one breaks it
            self.call_from_thread(self.call_after_refresh, self._show_content_error, exc)
            return
        self.call_from_thread(self._questions_loaded, course)

    def _questions_loaded(self, course: Course) -> None:
        self.questions_loaded = True  # first: screens redraw when `course` changes
        self.course = course
        self.refresh_standing()
        if self._first is not None:  # `lstm-tutor quiz LESSON`, `review`, `mock`
            first, self._first = self._first, None
            first()

    def then_open(self, opening: Callable[[], None]) -> None:
        """Open a screen (practice, review, mock) as soon as the questions have loaded."""
        self._first = opening

    @work(thread=True, exclusive=True, group="standing", exit_on_error=False)
    def refresh_standing(self) -> None:
        """Mastery, due reviews and the streak, from the store (fsrs loads here, not at start)."""
        from tutor.study.standing import dashboard

        board = dashboard(self.course, self.store, self.clock())
        self.call_from_thread(setattr, self, "standing", board)

    def _show_content_error(self, error: ContentError) -> None:
        from tutor.ui.screens.content_error import ContentErrorScreen

        self.push_screen(ContentErrorScreen(error))

    def on_resize(self, event: events.Resize) -> None:
        """Cover the screen with a clear message while the terminal is too small; nothing is lost."""
        width, height = self.MIN_SIZE
        too_small = event.size.width < width or event.size.height < height
        if too_small and self._too_small is None:
            from tutor.ui.screens.too_small import TooSmallScreen

            self._too_small = TooSmallScreen(self.MIN_SIZE)
            self.push_screen(self._too_small)
        elif not too_small and self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None

    def watch_lang(self, lang: Lang) -> None:
        self.title = S.app_title(lang)
        localize(self, lang)
        for screen in self.screen_stack:
            localize(screen, lang)

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.store.put("lang", self.lang)  # remembered for the next start

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def session(self, slots: list[Slot], kind: str = "practice", mock_id: int | None = None) -> Practice:
        """A study session over `slots` with the app's store, clock, draws and sympy worker."""
        import numpy as np

        from tutor.study.practice import Practice

        return Practice(
            slots,
            self.store,
            rng=np.random.default_rng(self._seed),
            clock=self.clock,
            worker=self.symbolic,
            session=kind,
            adapt_levels=kind == "practice",
            mock_id=mock_id,
        )

    def open_practice(self, lesson_id: str, resume: str | None = None) -> None:
        """Practise a lesson, from its first item or from the slot `resume` names."""
        from tutor.study.plan import slots
        from tutor.ui.screens.practice import PracticeScreen

        lesson = self.course.lesson(lesson_id)
        plan = slots(lesson)
        start = next((n for n, slot in enumerate(plan) if slot.key == resume), 0)
        number = self.course.lessons.index(lesson) + 1
        title = S.practice_title.format(number=number, title=lesson.title)
        self.push_screen(PracticeScreen(self.session(plan), title, start_at=start))

    def open_review(self) -> None:
        """The review queue: what is due across lessons, then new items up to the day's limit."""
        from tutor.study.review import plan_review
        from tutor.ui.screens.review import ReviewScreen

        plan = plan_review(self.course, self.store, self.clock())
        self.push_screen(ReviewScreen(self.session(list(plan.slots), "review"), plan))

    def open_mock(self, questions: int | None = None, minutes: float | None = None) -> None:
        import numpy as np

        from tutor.study.mock import DEFAULT_MINUTES, DEFAULT_QUESTIONS, plan_mock
        from tutor.ui.screens.mock import MockScreen

        mastery = self.standing.mastery if self.standing else {}
        count = questions or DEFAULT_QUESTIONS
        slots = plan_mock(self.course, mastery, np.random.default_rng(self._seed), count)
        minutes = minutes or DEFAULT_MINUTES
        mock_id = self.store.start_mock(self.clock(), len(slots), minutes)
        self.push_screen(MockScreen(self.session(slots, "mock", mock_id), minutes))

    def continue_where_left(self) -> None:
        """Back to the item the learner was on (practice), or to the review queue."""
        resume = self.store.get("resume") or {}
        lessons = {lesson.id for lesson in self.course.lessons}
        if resume.get("session") == "review":
            self.open_review()
        elif resume.get("lesson") in lessons:
            self.open_practice(resume["lesson"], resume.get("slot"))
        elif self.course.lessons:
            self.open_practice(self.course.lessons[0].id)

    def open_progress(self) -> None:
        """The progress screen, for now by the app's clock (the local time without one)."""
        from tutor.ui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def open_demos(self, initial: str | None = None) -> None:
        """The Demos screen, as the learner left it in this run of the app."""
        from tutor.ui.screens.demos import DemosScreen
        from tutor.ui.screens.demos_state import DemosState

        if self._demos is None:
            self._demos = DemosState()
        self.push_screen(DemosScreen(self._demos, initial=initial))


def run_app(
    lang: Lang | None = None,
    content_root: Path | None = None,
    data_dir: Path | None = None,
    practise: str | None = None,
    seed: int | None = None,
    review: bool = False,
    mock: tuple[int, float] | None = None,
) -> int:
    """Run the app; with `practise`, `review` or `mock`, that opens once the questions load."""
    app = TutorApp(lang=lang, content_root=content_root, data_dir=data_dir, seed=seed)
    if practise is not None:
        app.then_open(lambda: app.open_practice(practise))
    elif review:
        app.then_open(app.open_review)
    elif mock is not None:
        app.then_open(lambda: app.open_mock(*mock))
    try:
        app.run()
    finally:
        app.close_resources()
        app.store.close()
    return 0
