"""The house rules of DESIGN.md: where textual and torch may be imported, and startup cost."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tutor

PACKAGE = Path(tutor.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def offenders(module: str, allowed_dir: str) -> list[str]:
    return [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if module in imported_modules(path)
        and allowed_dir not in path.relative_to(PACKAGE).parts[:1]
    ]


def test_textual_only_in_ui() -> None:
    assert offenders("textual", "ui") == []


def test_torch_only_in_demos() -> None:
    assert offenders("torch", "demos") == []


def test_engine_imports_numpy_only() -> None:
    bad = {"torch", "textual", "sympy"}
    for path in (PACKAGE / "engine").rglob("*.py"):
        assert not imported_modules(path) & bad, path


STARTUP = """
import sys
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen

async def main():
    app = TutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
    print(",".join(m for m in ("torch", "sympy") if m in sys.modules))

import asyncio
asyncio.run(main())
"""


def test_startup_to_home_imports_neither_torch_nor_sympy() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_cli_import_is_light() -> None:
    code = "import sys, tutor.cli; print(','.join(m for m in ('torch','sympy','textual') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
