"""Review: the queue of what is due across lessons (then new items up to the day's limit),
answered with the practice widgets; at the end, when the next review is due."""

from __future__ import annotations

from tutor.i18n import Text
from tutor.study.practice import Practice
from tutor.study.review import ReviewPlan, in_words, plan_review
from tutor.ui.markup import escape
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.strings import S

UNITS = {"minutes": S.in_minutes, "hours": S.in_hours, "days": S.in_days}


def when(plan_next: object, now: object) -> Text:
    """"next review in 3 days" / "no reviews scheduled yet"."""
    words = in_words(plan_next, now)  # type: ignore[arg-type]
    if words is None:
        return S.review_none_scheduled
    unit, n = words
    return S.review_next.format(when=UNITS[unit].format(n=n))


class ReviewScreen(PracticeScreen):
    def __init__(self, practice: Practice, plan: ReviewPlan) -> None:
        super().__init__(practice, S.review_title)
        self.plan = plan

    def position_text(self) -> str:
        practice = self.practice
        left = max(0, len(practice.slots) - practice.position)
        return S.review_position.format(left=left, done=len(practice.results))(self.lang)

    def finished(self) -> None:
        """Learning steps bring some cards back within minutes: the queue goes on with them."""
        app = self.app
        again = plan_review(app.course, app.store, app.clock())
        due = [slot for slot in again.slots[: again.due]]
        if due:
            self.practice.slots = due
            self.practice.start(0)
        self.plan = again

    def summary_markup(self) -> str:
        lang = self.lang
        app = self.app
        upcoming = when(self.plan.next_due, app.clock())(lang)
        weakest = app.standing.weakest if app.standing else None
        offer = ""
        if weakest is not None:
            lesson = app.course.lesson(weakest)
            number = app.course.lessons.index(lesson) + 1
            offer = S.review_offer.format(number=number, title=lesson.title)(lang)
        if not self.practice.results:
            head = S.review_nothing_due(lang)
        else:
            summary = self.practice.summary()
            head = S.review_done.format(answered=summary.answered, correct=summary.correct)(lang)
        return f"\n[b]{escape(head)}[/b]\n{escape(upcoming)}\n\n{escape(offer)}\n{S.back_key(lang)}"

    async def action_again(self) -> None:
        """p at the end: practise the weakest lesson."""
        weakest = self.app.standing.weakest if self.app.standing else None
        self.dismiss()
        if weakest is not None:
            self.app.open_practice(weakest)
