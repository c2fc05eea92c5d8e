"""The house rules of DESIGN.md: which room may import which, where textual, torch and sympy
may be imported, and what startup costs. Every import counts: top-level, nested in a
function, relative, and `from tutor import room`."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tutor

PACKAGE = Path(tutor.__file__).parent

#: Below every room: the package's own __init__ (its version) and the bilingual Text type.
BASE = {"__init__", "i18n"}
DOMAIN = {"engine", "course", "answers", "progress", "exercises", "study", "demos"}
#: room -> the rooms it may import (besides BASE and itself).
ALLOWED: dict[str, set[str]] = {
    "plain": DOMAIN,
    "engine": set(),
    "course": set(),
    "answers": set(),
    "progress": set(),
    "exercises": {"engine", "answers", "course"},
    "study": {"engine", "answers", "course", "exercises", "progress"},
    "demos": {"engine", "course"},
    "authoring": DOMAIN,
    "ui": DOMAIN,
    "cli": DOMAIN | {"authoring", "ui", "plain"},
    "__main__": {"cli"},
    "i18n": set(),
    "__init__": set(),
}
#: third-party packages that only some rooms may import
ONLY_IN = {"textual": {"ui"}, "torch": {"demos"}, "sympy": {"answers"}}


def room_of(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def package_of(path: Path) -> str:
    """The dotted package a module's relative imports start from."""
    return ".".join(("tutor", *path.relative_to(PACKAGE).parts[:-1]))


def imports(source: str, package: str) -> Iterator[str]:
    """Every module `source` imports, as a dotted name (relative imports resolved)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module
            # `from tutor import engine` imports the room engine
            yield from (f"{module}.{alias.name}" for alias in node.names)


def tutor_rooms(source: str, package: str) -> set[str]:
    rooms = set()
    for module in imports(source, package):
        parts = module.split(".")
        if parts[0] != "tutor" or len(parts) == 1:
            continue
        candidate = parts[1]
        if (PACKAGE / candidate).is_dir() or (PACKAGE / f"{candidate}.py").is_file():
            rooms.add(candidate)
    return rooms


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_room_is_on_the_map() -> None:
    assert {room_of(path) for path in SOURCES} <= set(ALLOWED)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_map(path: Path) -> None:
    room, source, package = room_of(path), path.read_text("utf-8"), package_of(path)
    wrong = tutor_rooms(source, package) - ALLOWED[room] - BASE - {room}
    assert not wrong, f"{room} may not import {sorted(wrong)}"
    third_party = {module.split(".")[0] for module in imports(source, package)}
    for package, rooms in ONLY_IN.items():
        assert package not in third_party or room in rooms, f"{package} outside {rooms}"


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    from ..exercises import REGISTRY\n",  # nested and relative
        "from tutor import exercises\n",
        "import tutor.exercises.registry\n",
    ],
)
def test_the_map_catches_a_wrong_arrow(source: str) -> None:
    assert tutor_rooms(source, "tutor.course") == {"exercises"}


STARTUP = """
import sys
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen

async def main():
    app = TutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
    print(",".join(m for m in ("torch", "sympy", "numpy") if m in sys.modules))

import asyncio
asyncio.run(main())
"""


def test_startup_to_home_imports_neither_torch_nor_sympy_nor_numpy() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_cli_import_is_light() -> None:
    code = "import sys, tutor.cli; print(','.join(m for m in ('torch','sympy','textual') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
