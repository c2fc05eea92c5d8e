"""tutor.engine imports numpy and the standard library only (no torch, textual or sympy)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "tutor" / "engine"


def _imported_roots(tree: ast.Module) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_engine_imports_numpy_and_the_standard_library_only() -> None:
    files = sorted(ENGINE.glob("*.py"))
    assert len(files) >= 10
    allowed = {"numpy", "tutor"} | set(sys.stdlib_module_names)
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        extra = _imported_roots(tree) - allowed
        assert not extra, f"{path.name} imports {sorted(extra)}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tutor"):
                assert node.module.startswith("tutor.engine"), f"{path.name}: {node.module}"
