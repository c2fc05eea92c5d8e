"""The backward, counting and architecture families as a whole: every draw sound,
deterministic, rounded as shown, readable in both languages, and in the course."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tutor.course import load_course
from tutor.exercises import REGISTRY, generate
from tutor.exercises.display import format_value, render_exercise
from tutor.exercises.selfcheck import check_generator

BACKWARD = [
    "backprop.derivative",
    "backprop.chain-rule",
    "bptt.step",
    "clipping.global-norm",
    "params.lstm",
    "params.rnn-lstm-gru",
    "bilstm.merge",
    "bilstm.sizes",
    "acceleration.multiplications",
    "acceleration.batch-shapes",
    "acceleration.sequential-steps",
    "gru.step",
    "gru.vs-lstm",
    # beyond the document
    "params.lstmp",
    "acceleration.inference-memory",
    "init.forget-bias",
    "lstm.layer-norm",
    "gru.direct-path",
    "dropout.masks",
]
SEEDS = range(50)


@pytest.mark.parametrize("name", BACKWARD)
def test_every_draw_is_sound(name: str) -> None:
    """References grade correct, blanks invalid, every mistake diagnosed as itself."""
    assert check_generator(REGISTRY[name], SEEDS) == []


@pytest.mark.parametrize("name", BACKWARD)
def test_same_seed_same_exercise_and_seeds_differ(name: str) -> None:
    for difficulty in REGISTRY[name].difficulties:
        shown = set()
        for seed in (0, 1, 2, 3, 4, 99):
            first, again = generate(name, seed, difficulty), generate(name, seed, difficulty)
            for lang in ("zh", "en"):
                text = render_exercise(first, lang, solution=True)  # every formula renders
                assert text == render_exercise(again, lang, solution=True)
            shown.add(render_exercise(first, "en", solution=True))
        assert len(shown) >= 2


@pytest.mark.parametrize("name", BACKWARD)
def test_givens_are_exactly_what_is_shown(name: str) -> None:
    for difficulty in REGISTRY[name].difficulties:
        for seed in range(10):
            exercise = generate(name, seed, difficulty)
            for key, value in exercise.givens.items():
                typed = format_value(value, exercise.given_decimals)
                assert np.allclose(np.asarray(json.loads(typed), dtype=float), value, atol=1e-12), (
                    key
                )


@pytest.mark.parametrize("name", BACKWARD)
def test_hints_and_solution(name: str) -> None:
    for difficulty in REGISTRY[name].difficulties:
        exercise = generate(name, 0, difficulty)
        assert 2 <= len(exercise.hints) <= 3
        assert len(exercise.solution) >= 2
        for cell in exercise.cells:
            if cell.kind == "numeric":  # the precision asked is stated
                places = f"{cell.decimals} decimal"
                assert cell.decimals == 0 or places in exercise.prompt.en


def test_every_generator_is_practised_in_its_lesson_at_every_difficulty() -> None:
    course = load_course()
    practised = {
        (q.generator, q.difficulty, lesson.id)
        for lesson in course.lessons
        for q in lesson.questions
        if q.kind in ("generated", "worksheet")
    }
    for name in BACKWARD:
        generator = REGISTRY[name]
        for difficulty in generator.difficulties:
            assert (name, difficulty, generator.lesson) in practised
