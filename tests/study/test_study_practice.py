"""A practice session as the TUI and the plain mode drive it, without any UI: items in
order, answers graded and recorded at once, hints, solutions, new numbers, levels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from tutor.course import Course, load_course
from tutor.exercises.display import format_value
from tutor.progress import Level, Store, in_memory, open_store
from tutor.study.items import ANSWER_CELL
from tutor.study.plan import slots
from tutor.study.practice import Practice
from tutor.study.recall import covered, normalize


class Clock:
    """Time the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course()


def practice(course: Course, lesson: str, store: Store | None = None, seed: int = 0) -> Practice:
    return Practice(
        slots(course.lesson(lesson)),
        store or in_memory("test"),
        rng=np.random.default_rng(seed),
        clock=Clock(),
    )


def typed(cell_value: object, decimals: int | None) -> str:
    return format_value(cell_value, 4 if decimals is None else decimals)


def right_answers(p: Practice) -> dict[str, str]:
    assert p.item is not None and p.item.exercise is not None
    return {c.name: typed(c.expected, c.decimals) for c in p.item.exercise.cells}


def test_a_lesson_shows_each_generator_once(course: Course) -> None:
    lesson = course.lesson("activations")
    found = slots(lesson)
    generators = [s.generator for s in found if s.generator]
    assert generators == ["activations.sigmoid", "activations.tanh", "activations.range"]
    assert len(found) == len(lesson.questions) - 2 * 3  # three difficulties -> one slot
    assert [q.difficulty for q in found[-1].questions] == [1, 2, 3]


def test_walk_a_lesson_answering_everything_right(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    item = p.start()
    while item is not None:
        if item.kind == "choice":
            assert p.choose(str(item.question.answer)).outcome == "correct"
        elif item.kind == "recall":
            written = " and ".join(terms[0] for terms in item.question.key_terms["en"])
            reveal = p.reveal(written)
            assert all(reveal.covered), (written, reveal)
            assert p.rate(3) == "correct"
        else:
            checked = p.submit(right_answers(p))
            assert checked.outcome == "correct", checked
        item = p.next()
    assert p.done
    summary = p.summary()
    assert summary.items == summary.answered == summary.correct == len(p.slots)
    saved = store.attempts()
    assert len(saved) == len(p.slots) and all(a.outcome == "correct" for a in saved)
    generated = [a for a in saved if a.generator]
    assert {a.generator for a in generated} == {s.generator for s in p.slots if s.generator}
    assert all(a.seed is not None and a.difficulty == 1 for a in generated)


def test_a_wrong_numeric_answer_is_recorded_and_may_be_tried_again(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    p.start()
    while p.item is not None and p.item.id != "activations.sigmoid-max-slope":
        p.next()
    assert p.item is not None and p.item.exercise is not None
    assert p.item.exercise.cells[0].name == ANSWER_CELL
    wrong = p.submit({ANSWER_CELL: "0.5"})
    assert wrong.outcome == "incorrect" and not wrong.cells[ANSWER_CELL].verdict.score
    again = p.submit({ANSWER_CELL: "0.25"})
    assert again.outcome == "correct"
    assert [a.outcome for a in store.attempts()] == ["incorrect", "correct"]
    assert store.attempts()[0].answers == {ANSWER_CELL: "0.5"}


def test_invalid_input_is_never_counted_and_keeps_nothing_in_the_store(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    p.start()
    while p.item is not None and p.item.id != "activations.sigmoid-max-slope":
        p.next()
    for text in ("", "0.2 5", "(0.25", "x + 1"):
        checked = p.submit({ANSWER_CELL: text})
        assert not checked.counted and checked.outcome is None
        assert checked.cells[ANSWER_CELL].verdict.outcome == "invalid"
    assert store.attempts() == []


def test_a_worksheet_with_one_slip_costs_one_cell(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    p.start()
    while p.item is None or p.item.question.generator != "activations.tanh":
        p.next()
    answers = right_answers(p)
    answers["t"] = "0.1234" if answers["t"] != "0.1234" else "0.4321"  # one slip
    checked = p.submit(answers)
    assert checked.outcome == "partial" and checked.score == 0.5
    assert checked.cells["t"].verdict.outcome == "incorrect"
    assert checked.cells["dt"].verdict.outcome == "correct"  # right from the true value
    # the slope computed from the wrong value: credited, and said to be carried forward
    slip = float(answers["t"])
    answers["dt"] = f"{1 - slip**2:.4f}"
    carried = p.submit(answers)
    assert carried.score == 0.5 and carried.cells["dt"].carried_forward
    assert [a.outcome for a in store.attempts()] == ["partial", "partial"]


def test_hints_solution_and_new_numbers(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store, seed=5)
    p.start()
    while p.item is None or p.item.question.generator != "activations.sigmoid":
        p.next()
    first = p.item
    assert first is not None and first.exercise is not None
    hints = [p.hint() for _ in range(len(first.hints))]
    assert all(hints) and p.hint() is None
    assert p.solution()  # the engine's worked lines
    p.submit(right_answers(p))  # right, but after the solution: not solved
    [attempt] = store.attempts()
    assert attempt.hints_used == len(first.hints) and attempt.solution_shown
    assert attempt.outcome == "correct" and p.correct == 0
    second = p.new_numbers()
    assert second.exercise is not None and second.exercise.seed != first.exercise.seed
    assert p.state is not None and p.state.hints_used == 0


def test_a_solution_shown_and_never_answered_is_recorded_as_revealed(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    p.start()
    while p.item is None or p.item.question.generator != "activations.sigmoid":
        p.next()
    p.solution()
    p.next()
    [attempt] = store.attempts()
    assert attempt.outcome == "revealed" and attempt.score == 0.0


def test_difficulty_goes_up_after_two_right_and_down_after_two_wrong(course: Course) -> None:
    store = in_memory("test")
    p = practice(course, "activations", store)
    p.start()
    while p.item is None or p.item.question.generator != "activations.sigmoid":
        p.next()
    levels = []
    for right in (True, True, True, True, False, False):
        item = p.new_numbers()
        assert item.exercise is not None
        answers = right_answers(p)
        if not right:  # nines: a sigmoid never gives them
            answers = {
                c.name: format_value(np.full(np.shape(c.expected), 9.0), 1)
                for c in item.exercise.cells
            }
        p.submit(answers)
        levels.append((item.exercise.difficulty, store.level("activations.sigmoid")))
    assert [d for d, _ in levels] == [1, 1, 2, 2, 3, 3]
    assert levels[1][1] == Level(2, 0) and levels[3][1] == Level(3, 0)
    assert levels[-1][1] == Level(2, 0)
    ids = [a.question_id for a in store.attempts()]
    assert ids[0] == "activations.sigmoid-value-slope-1" and ids[-1].endswith("-3")


def test_levels_and_attempts_survive_a_restart(course: Course, tmp_path: Path) -> None:
    store, _ = open_store(tmp_path, version="t")
    p = practice(course, "activations", store)
    p.start()
    while p.item is None or p.item.question.generator != "activations.range":
        p.next()
    for _ in range(2):
        p.submit(right_answers(p))
        p.new_numbers()
    store.close()
    again, _ = open_store(tmp_path, version="t")
    assert again.level("activations.range") == Level(2, 0)
    assert len(again.attempts()) == 2
    assert again.get("resume") == {
        "session": "practice",
        "lesson": "activations",
        "slot": "gen:activations.range",
    }


def test_time_taken_is_measured_from_the_item_shown(course: Course) -> None:
    store = in_memory("test")
    clock = Clock()
    p = Practice(slots(course.lesson("activations")), store, np.random.default_rng(0), clock)
    item = p.start()
    assert item is not None and item.kind == "choice"
    clock.tick(42)
    p.choose(str(item.question.answer))
    assert store.attempts()[0].seconds == 42


def test_key_terms_are_found_in_either_language_whatever_the_spelling() -> None:
    terms = {"zh": [["遗忘门"], ["输出门"]], "en": [["forget gate", "f_t"], ["output gate"]]}
    assert covered("The FORGET  gate decides", terms) == (True, False)
    assert covered("fₜ 决定保留多少；输出 门 决定展示多少", terms) == (True, True)
    assert covered("", terms) == (False, False)
    assert normalize("h_{t-1}") == normalize("hₜ₋₁") == "ht1"


def test_rating_a_recall_card_needs_it_revealed(course: Course) -> None:
    p = practice(course, "activations")
    p.start()
    while p.item is not None and p.item.kind != "recall":
        p.next()
    with pytest.raises(RuntimeError):
        p.rate(3)
    p.reveal("")
    with pytest.raises(ValueError):
        p.rate(7)
    assert p.rate(1) == "incorrect"
