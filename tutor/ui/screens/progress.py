"""Progress: where the learner stands in each lesson, the last 30 days, the reviews coming,
the mistakes made most often (Enter practises where one was made), past mock interviews,
and which FSRS parameters schedule the reviews.

The report (tutor.study.report) is built in a thread: with a long history it reads every
attempt and review log, and the screen shows "…" until it is ready. A language switch
redraws from the same report.
"""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.course import Course
from tutor.i18n import Lang, Text
from tutor.study.report import LessonRow, MistakeRow, MockRow, Parameters, Report, build_report
from tutor.ui.markup import escape
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S
from tutor.ui.widgets.bars import mastery_bar
from tutor.ui.widgets.progress_charts import ActivityChart, ForecastChart


def duration(seconds: float) -> Text:
    minutes = round(seconds / 60)
    if minutes >= 60:
        return S.duration_hours.format(h=minutes // 60, m=minutes % 60)
    if minutes >= 1:
        return S.duration_minutes.format(m=minutes)
    return S.duration_seconds.format(s=round(seconds))


def short_duration(seconds: float) -> Text:
    """1h05m, 12m: compact enough for a table column."""
    minutes = round(seconds / 60)
    if minutes >= 60:
        return S.duration_short_hours.format(h=minutes // 60, m=minutes % 60)
    return S.duration_short_minutes.format(m=minutes)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def lessons_table(rows: tuple[LessonRow, ...], lang: Lang) -> Table:
    table = Table(
        box=None,
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
        expand=True,
        header_style="bold",
    )
    table.add_column("", justify="right", no_wrap=True)
    table.add_column(S.progress_lesson(lang), ratio=1, overflow="fold")
    table.add_column(S.progress_mastery(lang), no_wrap=True)
    table.add_column(S.progress_accuracy(lang), justify="right", no_wrap=True)
    table.add_column(S.progress_attempts(lang), justify="right", no_wrap=True)
    table.add_column(S.progress_time(lang), justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            f"{row.number}.",
            row.title(lang),
            mastery_bar(row.mastery),
            percent(row.accuracy),
            str(row.attempts),
            short_duration(row.seconds)(lang),
        )
    return table


def mocks_table(rows: tuple[MockRow, ...], lang: Lang) -> Table | str:
    if not rows:
        return S.progress_no_mocks(lang)
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
    table.add_column(S.progress_mock_date(lang), no_wrap=True)
    table.add_column(S.progress_mock_questions(lang), justify="right", no_wrap=True)
    table.add_column(S.progress_mock_score(lang), justify="right", no_wrap=True)
    table.add_column(S.progress_time(lang), justify="right", no_wrap=True)
    for row in rows:
        left = "" if row.finished else " " + S.progress_mock_left(lang)
        table.add_row(
            row.started_at.strftime("%Y-%m-%d %H:%M"),
            str(row.questions),
            f"{row.score:.0%}{left}",
            duration(row.seconds)(lang),
        )
    return table


def parameters_line(parameters: Parameters) -> Text:
    if parameters.personal:
        return S.progress_fsrs_personal.format(reviews=parameters.reviews)
    if parameters.missing:
        return S.progress_fsrs_default.format(
            missing=parameters.missing, needed=parameters.needed, reviews=parameters.reviews
        )
    return S.progress_fsrs_ready.format(reviews=parameters.reviews)


class ProgressScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    DEFAULT_CSS = """
    ProgressScreen #progress-body { padding: 0 1; height: 1fr; }
    ProgressScreen .progress-heading { text-style: bold; color: $accent; padding-top: 1; }
    ProgressScreen .progress-note, ProgressScreen .progress-legend { color: $text-muted; }
    ProgressScreen #progress-title { text-style: bold; color: $accent; }
    ProgressScreen #progress-mistakes { height: auto; max-height: 100%; border: none; padding: 0; }
    ProgressScreen #progress-mistakes:focus { border: none; }
    """

    def __init__(self, now: datetime | None = None) -> None:
        """`now` fixes the moment the report is for (tests); by default, the app's clock."""
        super().__init__()
        self._now = now
        self.report: Report | None = None
        self.shown = False  # True once the report is on screen (tests, benchmarks)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-body", can_focus=True):
            yield Static(S.loading(self.app.lang), id="progress-title")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.query_one("#progress-body").focus()
        if self.app.questions_loaded:
            self._build(self.app.course, self._moment())
        else:  # opened before the questions loaded: mastery needs them
            self.watch(self.app, "questions_loaded", self._questions_loaded, init=False)

    def _questions_loaded(self, loaded: bool) -> None:
        if loaded and self.report is None:
            self.call_after_refresh(lambda: self._build(self.app.course, self._moment()))

    def _moment(self) -> datetime:
        if self._now is not None:
            return self._now
        return self.app.clock()

    def on_screen_resume(self) -> None:
        """Back from practising a mistake: the report is built again (the old one stays on
        screen until the new one is ready)."""
        if self.report is not None and self.app.questions_loaded:
            self._build(self.app.course, self._moment())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _build(self, course: Course, now: datetime) -> None:
        try:
            report = build_report(course, self.app.store, now)
        except Exception as exc:  # a bug or an unreadable store must show, not leave "…"
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, report)

    def _failed(self, error: Exception) -> None:
        if self.is_attached and self.report is None:
            message = S.progress_failed.format(error=repr(error))(self.app.lang)
            self.query_one("#progress-title", Static).update(escape(message))

    async def _show(self, report: Report) -> None:
        if not self.is_attached:
            return
        self.report = report
        await self._draw()
        self.shown = True

    async def _relabel(self, _lang: Lang) -> None:
        if self.report is not None:
            await self._draw()
        else:
            self.query_one("#progress-title", Static).update(S.loading(self.app.lang))

    async def _draw(self) -> None:
        """Lay out the whole report (again, after a language switch), keeping the scroll."""
        report = self.report
        assert report is not None
        lang = self.app.lang
        body = self.query_one("#progress-body", VerticalScroll)
        scrolled, focus_mistakes = body.scroll_y, isinstance(self.focused, OptionList)
        await body.remove_children()
        total = S.progress_totals.format(attempts=report.attempts, time=duration(report.seconds))
        widgets = [
            Static(f"{S.progress_heading(lang)} · {escape(total(lang))}", id="progress-title"),
            Static(escape(parameters_line(report.parameters)(lang)), id="progress-fsrs"),
            Static(escape(S.progress_keys(lang)), classes="progress-note"),
            _heading(S.progress_lessons(lang)),
            Static(lessons_table(report.lessons, lang), id="progress-lessons"),
            Static(escape(S.progress_mastery_note(lang)), classes="progress-note"),
            *self._charts(report, lang),
            _heading(S.progress_mistakes(lang)),
            self._mistakes(report.mistakes, lang),
            _heading(S.progress_mocks(lang)),
            Static(mocks_table(report.mocks, lang), id="progress-mocks"),
        ]
        await body.mount_all(widgets)
        for chart in body.query(ActivityChart):
            chart.show(report.days)
        for chart in body.query(ForecastChart):
            chart.show(report.forecast)
        body.scroll_to(y=scrolled, animate=False)
        if focus_mistakes and report.mistakes:
            self.query_one("#progress-mistakes", OptionList).focus()
        else:
            body.focus()

    def _charts(self, report: Report, lang: Lang) -> list[Widget]:
        """The last 30 days and the forecast, each with its legend (a note when empty)."""
        widgets: list[Widget] = [_heading(S.progress_days(lang))]
        if any(day.attempts for day in report.days):
            legend = S.progress_days_legend(lang)
            widgets += [_legend(legend), ActivityChart(id="progress-days")]
        else:
            widgets.append(_note(S.progress_no_days(lang)))
        widgets.append(_heading(S.progress_forecast(lang)))
        if any(day.due for day in report.forecast):
            legend = S.progress_forecast_legend.format(
                today=report.now.strftime("%m-%d"),
                now=report.due_now,
                total=sum(d.due for d in report.forecast),
            )(lang)
            widgets += [_legend(legend), ForecastChart(id="progress-forecast")]
        else:
            widgets.append(_note(S.progress_no_forecast(lang)))
        return widgets

    def _mistakes(self, rows: tuple[MistakeRow, ...], lang: Lang) -> Widget:
        if not rows:
            return _note(S.progress_no_mistakes(lang))
        return OptionList(*self._mistake_options(rows, lang), id="progress-mistakes")

    def _mistake_options(self, rows: tuple[MistakeRow, ...], lang: Lang) -> list[Option | None]:
        numbers = {lesson.id: n for n, lesson in enumerate(self.app.course.lessons, 1)}
        options: list[Option | None] = []
        for n, row in enumerate(rows):
            if n:
                options.append(None)  # a rule between two mistakes
            number = numbers.get(row.lesson_id)
            where = (
                S.progress_mistake_from.format(question=row.question_id, number=number)
                if number is not None and row.resume is not None
                else S.progress_mistake_gone.format(question=row.question_id)
            )
            count = S.progress_mistake_count.format(n=row.count)(lang)
            prompt = (
                f"[b]{escape(count)}  {escape(row.title(lang))}[/b]\n"
                f"{escape(row.feedback(lang))}\n[dim]{escape(where(lang))}[/dim]"
            )
            options.append(Option(prompt, id=f"mistake-{n}", disabled=number is None))
        return options

    @on(OptionList.OptionSelected, "#progress-mistakes")
    def _practise(self, event: OptionList.OptionSelected) -> None:
        assert self.report is not None and event.option.id is not None
        row = self.report.mistakes[int(event.option.id.removeprefix("mistake-"))]
        if row.resume is not None:
            self.app.open_practice(row.lesson_id, resume=row.resume)

    def action_scroll(self, step: int) -> None:
        body = self.query_one("#progress-body", VerticalScroll)
        body.scroll_relative(y=step, animate=False)


def _heading(text: str) -> Static:
    return Static(escape(text), classes="progress-heading")


def _note(text: str) -> Static:
    return Static(escape(text), classes="progress-note")


def _legend(text: str) -> Static:
    return Static(escape(text), classes="progress-legend")
