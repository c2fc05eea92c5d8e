"""Seeded exercises whose answers come from the numeric engine. Pure: numpy, no UI.

from tutor.exercises import REGISTRY, generate
exercise = generate("lstm.gates", seed=7, difficulty=1)
"""

from tutor.exercises import families as _families  # noqa: F401  (registers the generators)
from tutor.exercises.model import Cell, Degenerate, Exercise, Generator, Step
from tutor.exercises.registry import REGISTRY, generate, register

__all__ = [
    "REGISTRY",
    "Cell",
    "Degenerate",
    "Exercise",
    "Generator",
    "Step",
    "generate",
    "register",
]
