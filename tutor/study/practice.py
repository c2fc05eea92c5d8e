"""A practice session: the one door to practice, for the TUI and the plain line mode alike.

It walks a list of slots (a lesson's, or any other list), shows one item at a time, grades
what the learner submits, records each counted attempt in the store the moment it is made
(with the generator's new level in the same transaction), and keeps the learner's place.
`clock` and `rng` are passed in, so a test can move time and fix every draw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from tutor.course import Text
from tutor.exercises import Step
from tutor.progress import Attempt, Level, Outcome, Store
from tutor.study.grading import Checked, check_answers, check_choice
from tutor.study.items import Item, draw
from tutor.study.levels import next_level
from tutor.study.plan import Slot
from tutor.study.rating import auto_rating
from tutor.study.recall import RATING_OUTCOMES, covered

Clock = Callable[[], datetime]


@dataclass
class ItemState:
    """What happened to the current item so far (reset when it is drawn again)."""

    shown_at: datetime  # the next attempt is timed from here (reset after each attempt)
    hints_used: int = 0
    solution_shown: bool = False  # the worked solution, or the expected answer, was shown
    solved: bool = False  # a counted attempt was right
    attempts: int = 0  # counted attempts
    recall_text: str = ""
    recall_revealed: bool = False
    reviewed: bool = False  # the card has been reviewed for this showing
    last: Checked | None = None
    opened_at: datetime | None = None  # when the item was first shown (a mock's countdown)

    def __post_init__(self) -> None:
        if self.opened_at is None:
            self.opened_at = self.shown_at


@dataclass(frozen=True)
class Reveal:
    """A recall card revealed: the model answer's key points and which the text covers."""

    points: tuple[Text, ...]
    covered: tuple[bool, ...]


@dataclass(frozen=True)
class Summary:
    items: int
    answered: int
    correct: int
    seconds: float


@dataclass
class Practice:
    """Practice over `slots`, in order. Call :meth:`start`, then answer and move on."""

    slots: Sequence[Slot]
    store: Store
    rng: np.random.Generator
    clock: Clock
    worker: Any = None  # the symbolic worker (tutor.answers), started for expression items
    session: str = "practice"  # or "review", "mock"
    adapt_levels: bool = True  # practice moves each generator's level; review and mock do not
    mock_id: int | None = None
    position: int = 0
    item: Item | None = None
    state: ItemState | None = None
    results: dict[str, Outcome] = field(default_factory=dict)  # slot key -> last outcome
    _seconds: float = 0.0

    # --- moving ----------------------------------------------------------------------------

    def start(self, at: int = 0) -> Item | None:
        """Show the slot at `at` (the first by default); None when there are none."""
        if not self.slots:
            return None
        self.position = max(0, min(at, len(self.slots) - 1))
        return self._show()

    def next(self) -> Item | None:
        """Move on (skipping an item not answered); None after the last one."""
        self._leave()
        if self.position + 1 >= len(self.slots):
            self.item, self.state = None, None
            self.position = len(self.slots)
            return None
        self.position += 1
        return self._show()

    def new_numbers(self) -> Item:
        """The same exercise again with a fresh draw (a static question stays as it is)."""
        self._leave()
        item = self._show()
        assert item is not None
        return item

    @property
    def done(self) -> bool:
        return self.item is None and self.position >= len(self.slots)

    @property
    def slot(self) -> Slot:
        return self.slots[self.position]

    def _show(self) -> Item | None:
        slot = self.slot
        level = self.store.level(slot.generator) if slot.generator else Level()
        self.item = draw(slot, level.difficulty, self.rng)
        self.state = ItemState(shown_at=self.clock())
        if self.item.needs_symbolic and self.worker is not None:
            self.worker.start()  # sympy loads while the learner reads the question
        self.store.put(
            "resume", {"session": self.session, "lesson": slot.lesson_id, "slot": slot.key}
        )
        return self.item

    def _leave(self) -> None:
        """An item whose solution was shown before it was solved counts as not solved."""
        state = self.state
        if state is not None and state.solution_shown and not state.solved and not state.attempts:
            self._record("revealed", 0.0, {}, ())

    # --- help ------------------------------------------------------------------------------

    def hint(self) -> Text | None:
        """The next hint (each one counted), or None when all have been shown."""
        item, state = self._current()
        if state.hints_used >= len(item.hints):
            return None
        state.hints_used += 1
        return item.hints[state.hints_used - 1]

    @property
    def hints_shown(self) -> tuple[Text, ...]:
        item, state = self._current()
        return item.hints[: state.hints_used]

    def solution(self) -> tuple[Step, ...]:
        """The worked solution (empty for a static question); shown before a right answer,
        the item counts as not solved."""
        item, state = self._current()
        state.solution_shown = state.solution_shown or not state.solved
        return item.exercise.solution if item.exercise is not None else ()

    def expected(self) -> dict[str, Any]:
        """The expected answers, by cell (or the right option, or the key points)."""
        item, state = self._current()
        state.solution_shown = state.solution_shown or not state.solved
        if item.kind == "choice":
            return {"choice": item.question.answer}
        if item.kind == "recall":
            return {"key_points": item.question.key_points}
        assert item.exercise is not None
        return item.exercise.answers

    # --- answering -------------------------------------------------------------------------

    def submit(self, responses: Mapping[str, str]) -> Checked:
        """Check typed answers; a counted attempt is recorded at once."""
        item, state = self._current()
        assert item.exercise is not None, "submit() is for typed answers"
        checked = check_answers(item.exercise, responses, worker=self.worker)
        state.last = checked
        if checked.outcome is not None:
            self._record(checked.outcome, checked.score, dict(responses), checked.mistakes)
        return checked

    def choose(self, option_id: str) -> Checked:
        item, state = self._current()
        checked = check_choice(item.question, option_id)
        state.last = checked
        assert checked.outcome is not None
        self._record(checked.outcome, checked.score, {"choice": option_id}, ())
        return checked

    def reveal(self, text: str) -> Reveal:
        """Show a recall card's key points, ticking those `text` covers."""
        item, state = self._current()
        state.recall_text, state.recall_revealed = text, True
        return reveal_of(item, text)

    def rate(self, rating: int) -> Outcome:
        """The learner's own rating of a revealed recall card (1 Again … 4 Easy), recorded."""
        _, state = self._current()
        if rating not in RATING_OUTCOMES:
            raise ValueError(f"rating must be 1..4, not {rating!r}")
        if not state.recall_revealed:
            raise RuntimeError("reveal the card before rating it")
        outcome, score = RATING_OUTCOMES[rating]
        self._record(outcome, score, {"text": state.recall_text}, (), rating=rating)
        return outcome

    def time_out(self) -> None:
        """A mock interview's time for the item ran out before it was answered: recorded."""
        _, state = self._current()
        if not state.attempts:
            text = {"text": state.recall_text} if state.recall_text else {}
            self._record("timed-out", 0.0, text, ())

    # --- the record ------------------------------------------------------------------------

    def _record(
        self,
        outcome: Outcome,
        score: float,
        answers: Mapping[str, str],
        mistakes: tuple[str, ...],
        *,
        rating: int | None = None,
    ) -> None:
        """Record a counted result; the first of a showing also reviews the item's card."""
        item, state = self._current()
        now = self.clock()
        seconds = max(0.0, (now - state.shown_at).total_seconds())
        exercise = item.exercise if item.generated else None
        if state.reviewed:
            rating = None  # a second try in the same showing is practice, not a review
        elif rating is None:  # graded by the tutor: the rating follows from the result
            rating = auto_rating(
                outcome,
                hints_used=state.hints_used,
                solution_shown=state.solution_shown,
                seconds=seconds,
                earlier_seconds=self.store.right_seconds(item.question.kind),
            )
        attempt = Attempt(
            question_id=item.id,
            lesson_id=item.question.lesson_id,
            kind=item.question.kind,
            answers=answers,
            outcome=outcome,
            score=score,
            seconds=seconds,
            answered_at=now,
            hints_used=state.hints_used,
            solution_shown=state.solution_shown,
            generator=exercise.name if exercise else None,
            seed=exercise.seed if exercise else None,
            difficulty=exercise.difficulty if exercise else None,
            mistakes=mistakes,
            rating=rating,
            session=self.session,
            mock_id=self.mock_id,
        )
        # right only after the solution was shown: not solved, for the level and the header
        counted_as: Outcome = (
            "incorrect" if state.solution_shown and outcome == "correct" else outcome
        )
        level = None
        if exercise is not None and self.adapt_levels:
            before = self.store.level(exercise.name)
            levels = tuple(q.difficulty for q in self.slot.questions)
            after = next_level(Level(exercise.difficulty, before.streak), counted_as, levels)
            level = (exercise.name, after)
        self.store.record(attempt, level=level)
        state.reviewed = True
        state.attempts += 1
        state.solved = state.solved or (outcome == "correct" and not state.solution_shown)
        self.results[self.slot.key] = "correct" if state.solved else counted_as
        self._seconds += seconds
        state.shown_at = now  # the next try is timed from here

    def _current(self) -> tuple[Item, ItemState]:
        if self.item is None or self.state is None:
            raise RuntimeError("no item is shown (call start())")
        return self.item, self.state

    # --- where the learner stands ----------------------------------------------------------

    @property
    def correct(self) -> int:
        return sum(outcome == "correct" for outcome in self.results.values())

    def summary(self) -> Summary:
        return Summary(len(self.slots), len(self.results), self.correct, self._seconds)


def reveal_of(item: Item, text: str) -> Reveal:
    question = item.question
    points = tuple(
        Text(zh, en)
        for zh, en in zip(question.key_points["zh"], question.key_points["en"], strict=True)
    )
    ticks = covered(text, question.key_terms) if question.key_terms else ()
    return Reveal(points, ticks or tuple(False for _ in points))
