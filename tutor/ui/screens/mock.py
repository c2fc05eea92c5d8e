"""A mock interview: N questions across lessons with a countdown each; time running out
moves on and is recorded; at the end a summary, saved to the history."""

from __future__ import annotations

from textual.timer import Timer

from tutor.study.mock import MockSummary, finish
from tutor.study.practice import Practice
from tutor.ui.markup import escape
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.strings import S

WEAKEST_SHOWN = 3


class MockScreen(PracticeScreen):
    def __init__(self, practice: Practice, minutes: float) -> None:
        super().__init__(practice, S.mock_title)
        self.minutes = minutes
        self.summary: MockSummary | None = None
        self._timer: Timer | None = None

    async def on_mount(self) -> None:
        self._timer = self.set_interval(1.0, self._tick)

    def _left(self) -> float:
        """Seconds left for the question on screen (timed from when the session showed it)."""
        state = self.practice.state
        if state is None or state.opened_at is None:
            return self.minutes * 60
        return self.minutes * 60 - (self.practice.clock() - state.opened_at).total_seconds()

    def position_text(self) -> str:
        practice = self.practice
        total = len(practice.slots)
        at = min(practice.position + 1, total)
        left = max(0, round(self._left()))
        clock = f"{left // 60}:{left % 60:02d}"
        return S.mock_position.format(at=at, total=total, clock=clock)(self.lang)

    async def _tick(self) -> None:
        if self.practice.item is None or not self.is_current:
            return  # finished, or another screen (help, a lesson) is on top
        self._show_header()
        state = self.practice.state
        if self._left() <= 0 and state is not None:
            answered = state.attempts > 0
            if not answered:
                self.practice.time_out()
                self.notify(S.mock_time_up(self.lang))
            await self.action_next()

    def finished(self) -> None:
        app = self.app
        assert self.practice.mock_id is not None
        # (the timer is left running: finished() may be called from its own tick, and the
        # tick does nothing once the last item is done)
        self.summary = finish(app.store, self.practice.mock_id, list(self.practice.slots), app.clock())

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def summary_markup(self) -> str:
        lang = self.lang
        summary = self.summary
        if summary is None:
            return ""
        app = self.app
        lines = [
            "",
            f"[b]{escape(S.mock_done.format(score=summary.score, minutes=round(summary.seconds / 60))(lang))}[/b]",
            "",
        ]
        for n, item in enumerate(summary.items, 1):
            question = app.course.question(item.question_id)
            mark = "⏱" if item.timed_out else ("·" if not item.answered else f"{item.score:.0%}")
            seconds = round(item.seconds)
            prompt = question.prompt(lang)
            short = prompt if len(prompt) <= 48 else prompt[:47] + "…"
            lines.append(f" {n}. {mark:>4}  {seconds // 60}:{seconds % 60:02d}  {escape(short)}")
        lines += ["", f"[b]{S.mock_weakest(lang)}[/b]"]
        for key, lesson_id in enumerate(summary.weakest[:WEAKEST_SHOWN], 1):
            lesson = app.course.lesson(lesson_id)
            lines.append(f"  {key}  {escape(lesson.title(lang))}")
        lines += ["", S.mock_saved(lang), S.back_key(lang)]
        return "\n".join(lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate" and self.practice.item is None:  # 1–3: practise a weak lesson
            return self.summary is not None and int(parameters[0]) <= len(self.summary.weakest[:WEAKEST_SHOWN])  # type: ignore[call-overload]
        if action == "again":
            return False
        return super().check_action(action, parameters)

    def action_rate(self, rating: int) -> None:
        if self.practice.item is None and self.summary is not None:
            lesson = self.summary.weakest[rating - 1]
            self.dismiss()
            self.app.open_practice(lesson)
            return
        super().action_rate(rating)
