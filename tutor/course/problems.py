"""Problems found in a content folder, named the way an author can act on them."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where it is, what it concerns, what is wrong."""

    file: Path
    message: str
    line: int | None = None
    question_id: str | None = None
    field: str | None = None

    def format(self, root: Path | None = None) -> str:
        path = self.file
        if root is not None:
            with contextlib.suppress(ValueError):
                path = self.file.relative_to(root.parent)
        where = f"{path}:{self.line}" if self.line else str(path)
        about = ""
        if self.question_id:
            about += f" [{self.question_id}]"
        if self.field:
            about += f" {self.field}:"
        return f"{where}:{about} {self.message}"


class ContentError(Exception):
    """The content folder has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        self.problems = problems
        self.root = root
        lines = [p.format(root) for p in problems]
        super().__init__(f"{len(problems)} problem(s) in the content:\n" + "\n".join(lines))
