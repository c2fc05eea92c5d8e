"""`lstm-tutor content check`: everything that can be wrong with a content folder.

Structure comes from the loader; this adds what needs more than parsing: formulas that do
not render, files no lesson uses, demo and generator names that do not exist, the minimum
question set of a lesson, and reference answers that must grade themselves correct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tutor.course.loader import LESSON_FILES, TomlLines, read_course
from tutor.course.markdown import find_formulas, render_inline
from tutor.course.mathtext import MathError, render_latex
from tutor.course.model import LANGS, Course, Lesson, Question, Text
from tutor.course.problems import Problem
from tutor.demos import NAMES as DEMO_NAMES

MIN_CHOICE = 3
MIN_RECALL = 2


def check_content(root: Path | None = None) -> tuple[Course, list[Problem]]:
    """Every problem of a content folder, structural and deep."""
    course, problems = read_course(root)
    problems += _unused_files(course)
    for lesson in course.lessons:
        problems += _lesson_problems(course, lesson)
    return course, problems


def _unused_files(course: Course) -> list[Problem]:
    if not course.root.is_dir():
        return [Problem(course.root, "content folder is missing")]
    used = {course.root / "course.toml"}
    for lesson in course.lessons:
        used.update(lesson.dir / name for name in LESSON_FILES)
    return [
        Problem(path, "file is not used by any lesson")
        for path in sorted(course.root.rglob("*"))
        if path.is_file() and path not in used and "__pycache__" not in path.parts
    ]


def _lesson_problems(course: Course, lesson: Lesson) -> list[Problem]:
    problems: list[Problem] = []
    course_file = course.root / "course.toml"
    if lesson.demo is not None and lesson.demo not in DEMO_NAMES:
        problems.append(Problem(course_file, f"lesson {lesson.id!r}: unknown demo {lesson.demo!r}"))
    for lang in LANGS:
        path = lesson.reading_path(lang)
        if path.is_file():
            problems += _reading_problems(path)
    questions_file = lesson.dir / "questions.toml"
    if not questions_file.is_file():
        return problems  # the loader has reported it missing
    counts = lesson.count_by_kind()
    for kind, least in (("choice", MIN_CHOICE), ("recall", MIN_RECALL)):
        if counts.get(kind, 0) < least:
            problems.append(
                Problem(
                    questions_file, f"has {counts.get(kind, 0)} {kind} questions; at least {least}"
                )
            )
    for question in lesson.questions:
        problems += _question_problems(questions_file, question)
    return problems


def _reading_problems(path: Path) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, f"cannot be read as UTF-8 text: {exc}")]
    problems: list[Problem] = []
    if not text.lstrip().startswith("# "):
        problems.append(Problem(path, "must start with a '# ' heading", 1))
    for formula in find_formulas(text):
        try:
            render_latex(formula.latex)
        except MathError as exc:
            problems.append(
                Problem(path, f"formula does not render ({exc}): ${formula.latex}$", formula.line)
            )
    return problems


def _texts(question: Question) -> Iterable[tuple[str, str]]:
    """(field, text) pairs of a question that a learner reads."""
    for name in ("prompt", "hint"):
        value: Text = getattr(question, name)
        for lang in LANGS:
            yield f"{name}.{lang}", value(lang)
    for option in question.options:
        for lang in LANGS:
            yield f"options.{option.id}.text.{lang}", option.text(lang)
            yield f"options.{option.id}.explanation.{lang}", option.explanation(lang)
    for lang, points in question.key_points.items():
        for point in points:
            yield f"key_points.{lang}", point


def _question_problems(path: Path, question: Question) -> list[Problem]:
    problems: list[Problem] = []

    def report(field: str, message: str) -> None:
        problems.append(Problem(path, message, _line_of(path, question.id), question.id, field))

    for field, text in _texts(question):
        try:
            render_inline(text)
        except MathError as exc:
            report(field, f"formula does not render ({exc})")
    if question.kind in ("generated", "worksheet") and question.generator:
        from tutor.exercises import REGISTRY  # numpy and the engine: only for the check

        generator = REGISTRY.get(question.generator)
        if generator is None:
            report("generator", f"unknown generator {question.generator!r}")
        elif question.difficulty not in generator.difficulties:
            levels = ", ".join(map(str, generator.difficulties))
            report("difficulty", f"{question.difficulty} is not one of {levels}")
    if question.kind == "recall":
        for field, message in _key_term_problems(question):
            report(field, message)
    grader = _SELF_CHECKS.get(question.kind)
    if grader is not None and question.answer is not None:
        for message in grader(question):
            report("answer", message)
    return problems


#: A term shorter than this (in characters) matches too much by chance ("门", "h").
MIN_TERM = 2


def _key_term_problems(question: Question) -> Iterable[tuple[str, str]]:
    """Every key point of a recall card needs terms in both languages, so that what the
    learner writes can be ticked against it (the loader has checked the shapes)."""
    if not question.key_terms:
        yield "key_terms", "missing: one list of terms per key point, in zh and en"
        return
    for lang, groups in question.key_terms.items():
        for n, group in enumerate(groups, 1):
            short = [term for term in group if len(term) < MIN_TERM]
            if short:
                yield f"key_terms.{lang}", f"key point {n}: terms too short to match: {short}"


def _line_of(path: Path, qid: str) -> int | None:
    return TomlLines(path.read_text(encoding="utf-8")).of_id(qid)


def _self_check_numeric(question: Question) -> list[str]:
    from tutor.answers import check_numbers as check

    answer = question.answer
    text = str(answer)
    tol = {"decimals": question.decimals, "rel_tol": question.rel_tol, "abs_tol": question.abs_tol}
    messages = []
    if check(text, answer, **tol).outcome != "correct":
        messages.append("the reference answer does not grade itself correct")
    if check("", answer, **tol).outcome != "invalid":
        messages.append("a blank answer is not graded invalid")
    return messages


def _self_check_expression(question: Question) -> list[str]:
    from tutor.answers import check_expression as check

    messages = []
    try:
        if check(question.answer, question.answer, symbols=question.symbols).outcome != "correct":
            messages.append("the reference answer does not grade itself correct")
        if check("", question.answer, symbols=question.symbols).outcome != "invalid":
            messages.append("a blank answer is not graded invalid")
    except Exception as exc:  # an author's answer outside the input language
        messages.append(f"the reference answer cannot be checked: {exc}")
    return messages


_SELF_CHECKS: dict[str, Callable[[Question], list[str]]] = {
    "numeric": _self_check_numeric,
    "expression": _self_check_expression,
}
