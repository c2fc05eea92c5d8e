"""The generators by name, and `generate`: same name, seed and difficulty, same exercise."""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable

import numpy as np

from tutor.exercises.model import Degenerate, Exercise, Generator
from tutor.i18n import Text

REGISTRY: dict[str, Generator] = {}
MAX_DRAWS = 200


def register(
    name: str, lesson: str, zh: str, en: str, difficulties: tuple[int, ...] = (1, 2, 3)
) -> Callable[[Callable[[np.random.Generator, int], Exercise]], Callable[..., Exercise]]:
    """Decorator: add a builder `(rng, difficulty) -> Exercise` to the registry."""

    def add(build: Callable[[np.random.Generator, int], Exercise]) -> Callable[..., Exercise]:
        if name in REGISTRY:
            raise ValueError(f"generator {name!r} registered twice")
        REGISTRY[name] = Generator(name, lesson, Text(zh, en), build, difficulties)
        return build

    return add


def generate(name: str, seed: int, difficulty: int = 1) -> Exercise:
    """Draw exercise `name` at `difficulty` from `seed`, redrawing degenerate draws.

    The rng is seeded from (seed, difficulty, name) so that generators never share streams.
    """
    try:
        generator = REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown generator {name!r}; see `lstm-tutor exercise --list`") from None
    if difficulty not in generator.difficulties:
        raise ValueError(
            f"{name} has difficulties {', '.join(map(str, generator.difficulties))}, not {difficulty}"
        )
    rng = np.random.default_rng([seed, difficulty, zlib.crc32(name.encode())])
    for _ in range(MAX_DRAWS):
        try:
            exercise = generator.build(rng, difficulty)
        except Degenerate:
            continue
        return dataclasses.replace(
            exercise, name=name, seed=seed, difficulty=difficulty, lesson=generator.lesson
        )
    raise RuntimeError(f"{name}: no useful draw in {MAX_DRAWS} tries (seed {seed})")
