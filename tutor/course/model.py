"""The course as loaded from content/: lessons and their questions (immutable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.i18n import LANGS, Lang, Text

__all__ = ["KINDS", "LANGS", "Course", "Lang", "Lesson", "Option", "Question", "Text"]

KINDS = ("choice", "recall", "numeric", "expression", "worksheet", "generated")


@dataclass(frozen=True)
class Option:
    id: str
    text: Text
    explanation: Text


@dataclass(frozen=True)
class Question:
    """One question; which optional fields are set depends on `kind`."""

    id: str
    kind: str
    lesson_id: str
    prompt: Text
    hint: Text
    options: tuple[Option, ...] = ()
    answer: Any = None
    key_points: dict[Lang, tuple[str, ...]] = field(default_factory=dict)
    # recall: per key point, the words that show a written answer covers it (any language)
    key_terms: dict[Lang, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    decimals: int | None = None
    rel_tol: float | None = None
    abs_tol: float | None = None
    symbols: tuple[str, ...] = ()
    generator: str | None = None
    difficulty: int = 1
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lesson:
    id: str
    dir: Path
    title: Text
    questions: tuple[Question, ...]
    demo: str | None = None

    def reading_path(self, lang: Lang) -> Path:
        return self.dir / f"lesson.{lang}.md"

    def reading(self, lang: Lang) -> str:
        """The lesson's Markdown source, read when asked (the home screen needs none)."""
        return self.reading_path(lang).read_text(encoding="utf-8")

    def count_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.kind] = counts.get(q.kind, 0) + 1
        return counts


@dataclass(frozen=True)
class Course:
    root: Path
    format_version: int
    lessons: tuple[Lesson, ...]

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def question(self, question_id: str) -> Question:
        for lesson in self.lessons:
            for q in lesson.questions:
                if q.id == question_id:
                    return q
        raise KeyError(question_id)
