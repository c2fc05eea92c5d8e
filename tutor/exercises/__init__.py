"""Seeded exercises whose answers come from the numeric engine. Pure: numpy, no UI.

from tutor.exercises import REGISTRY, generate, view
exercise = generate("lstm.forget-gate", seed=7, difficulty=1)
shown = view(exercise)  # prompt, givens, one CellView per input, hints, solution: terminal text
"""

from tutor.exercises import families as _families  # noqa: F401  (registers the generators)
from tutor.exercises.model import Cell, Degenerate, Exercise, Generator, Step
from tutor.exercises.registry import REGISTRY, generate, register
from tutor.exercises.view import (
    CellView,
    ExerciseView,
    GivenView,
    MistakeView,
    StepView,
    SymbolView,
    view,
)

__all__ = [
    "REGISTRY",
    "Cell",
    "CellView",
    "Degenerate",
    "Exercise",
    "ExerciseView",
    "Generator",
    "GivenView",
    "MistakeView",
    "Step",
    "StepView",
    "SymbolView",
    "generate",
    "register",
    "view",
]
