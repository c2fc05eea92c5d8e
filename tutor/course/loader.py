"""Read content/ into a Course, collecting every structural problem on the way."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from tutor.course.model import KINDS, LANGS, Course, Lesson, Option, Question, Text
from tutor.course.paths import content_dir
from tutor.course.problems import ContentError, Problem

SUPPORTED_FORMAT = 1
LESSON_FILES = ("lesson.zh.md", "lesson.en.md", "questions.toml")

_COMMON_FIELDS = {"id", "kind", "prompt", "hint"}
_KIND_FIELDS: dict[str, set[str]] = {
    "choice": {"options", "answer"},
    "recall": {"key_points", "key_terms"},
    "numeric": {"answer", "decimals", "rel_tol", "abs_tol"},
    "expression": {"answer", "symbols"},
    "worksheet": {"generator", "difficulty", "params"},
    "generated": {"generator", "difficulty", "params"},
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "choice": ("options", "answer"),
    "recall": ("key_points",),
    "numeric": ("answer",),
    "expression": ("answer", "symbols"),
    "worksheet": ("generator",),
    "generated": ("generator",),
}


class TomlLines:
    """Finds the line of a question or a field in a TOML file (tomllib gives no positions)."""

    _ID = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._ids: dict[str, int] | None = None

    def of_id(self, qid: str) -> int | None:
        if self._ids is None:  # one pass over the file, then each id is a lookup
            self._ids = {}
            for n, line in enumerate(self.lines, 1):
                match = self._ID.match(line)
                if match:
                    self._ids.setdefault(match.group(1), n)
        return self._ids.get(qid)

    def of_field(self, start: int | None, name: str) -> int | None:
        if start is None:
            return None
        head = name.split(".")[0]
        pattern = re.compile(rf"^\s*(\[+\s*questions\.)?{re.escape(head)}\b")
        for n in range(start, len(self.lines) + 1):
            line = self.lines[n - 1]
            if n > start and line.strip().startswith("[[questions]]"):
                break
            if pattern.match(line):
                return n
        return start


def _toml(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(path, "file is missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(path, f"cannot be read: {exc}"))
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        problems.append(Problem(path, f"is not valid TOML: {exc}", line=line))
        return None


class _Reader:
    """Turns one TOML table into typed values, reporting what is missing or wrong."""

    def __init__(self, path: Path, lines: TomlLines, problems: list[Problem], qid: str | None):
        self.path, self.lines, self.problems, self.qid = path, lines, problems, qid
        self.start = lines.of_id(qid) if qid else None

    def report(self, name: str | None, message: str) -> None:
        line = self.lines.of_field(self.start, name) if name else self.start
        self.problems.append(Problem(self.path, message, line, self.qid, name))

    def text(self, table: dict[str, Any], name: str) -> Text:
        value = table.get(name)
        if not isinstance(value, dict):
            self.report(name, "missing (needs zh and en)")
            return Text("", "")
        parts: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.report(f"{name}.{lang}", "missing translation")
                item = ""
            parts[lang] = item
        return Text(**parts)


def read_course(
    root: Path | None = None, *, questions: bool = True
) -> tuple[Course, list[Problem]]:
    """Read a content folder. Returns what could be built and every problem found.

    With `questions=False` only course.toml is parsed: the outline (ids, titles, folders,
    demos) that the home screen needs, without the cost of every questions.toml.
    """
    root = Path(root) if root is not None else content_dir()
    problems: list[Problem] = []
    course_file = root / "course.toml"
    parsed = _toml(course_file, problems)
    if parsed is None:
        return Course(root, SUPPORTED_FORMAT, ()), problems
    data, text = parsed
    lines = TomlLines(text)
    version = data.get("format_version")
    if version != SUPPORTED_FORMAT:
        problems.append(
            Problem(
                course_file, f"format_version is {version!r}; this tutor reads {SUPPORTED_FORMAT}"
            )
        )
    raw_lessons = data.get("lessons")
    if not isinstance(raw_lessons, list) or not raw_lessons:
        problems.append(Problem(course_file, "no [[lessons]]"))
        raw_lessons = []

    lessons: list[Lesson] = []
    seen_lessons: set[str] = set()
    seen_questions: dict[str, Path] = {}
    for raw in raw_lessons:
        lesson = _read_lesson(root, course_file, lines, raw, problems, seen_questions, questions)
        if lesson is None:
            continue
        if lesson.id in seen_lessons:
            problems.append(
                Problem(course_file, f"duplicate lesson id {lesson.id!r}", lines.of_id(lesson.id))
            )
            continue
        seen_lessons.add(lesson.id)
        lessons.append(lesson)
    version = version if isinstance(version, int) else 0
    return Course(root, version, tuple(lessons)), problems


def load_course(root: Path | None = None, *, questions: bool = True) -> Course:
    """Read a content folder; raise ContentError listing every problem if it has any."""
    course, problems = read_course(root, questions=questions)
    if problems:
        raise ContentError(problems, course.root)
    return course


def _read_lesson(
    root: Path,
    course_file: Path,
    lines: TomlLines,
    raw: Any,
    problems: list[Problem],
    seen_questions: dict[str, Path],
    with_questions: bool = True,
) -> Lesson | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        problems.append(Problem(course_file, "a [[lessons]] entry has no id"))
        return None
    lid = raw["id"]
    reader = _Reader(course_file, lines, problems, None)
    reader.start = lines.of_id(lid)
    title = reader.text(raw, "title")
    folder = raw.get("dir")
    if not isinstance(folder, str) or not folder:
        problems.append(Problem(course_file, f"lesson {lid!r} has no dir", reader.start))
        return None
    lesson_dir = root / folder
    if not lesson_dir.is_dir():
        problems.append(
            Problem(course_file, f"lesson {lid!r}: folder {folder!r} is missing", reader.start)
        )
        return Lesson(lid, lesson_dir, title, (), raw.get("demo"))
    for name in LESSON_FILES[:2]:
        if not (lesson_dir / name).is_file():
            problems.append(Problem(lesson_dir / name, "file is missing"))
    questions = (
        _read_questions(lesson_dir / "questions.toml", lid, problems, seen_questions)
        if with_questions
        else ()
    )
    demo = raw.get("demo")
    if demo is not None and not isinstance(demo, str):
        problems.append(Problem(course_file, f"lesson {lid!r}: demo must be a name", reader.start))
        demo = None
    return Lesson(lid, lesson_dir, title, questions, demo)


def _read_questions(
    path: Path, lesson_id: str, problems: list[Problem], seen: dict[str, Path]
) -> tuple[Question, ...]:
    parsed = _toml(path, problems)
    if parsed is None:
        return ()
    data, text = parsed
    lines = TomlLines(text)
    raw_questions = data.get("questions", [])
    if not isinstance(raw_questions, list):
        problems.append(Problem(path, "questions must be an array of tables ([[questions]])"))
        return ()
    out: list[Question] = []
    for index, raw in enumerate(raw_questions, 1):
        qid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(qid, str) or not qid:
            problems.append(Problem(path, f"question #{index} has no id"))
            continue
        reader = _Reader(path, lines, problems, qid)
        if qid in seen:
            reader.report("id", f"duplicate question id (also in {seen[qid]})")
            continue
        seen[qid] = path
        question = _read_question(raw, lesson_id, reader)
        if question is not None:
            out.append(question)
    return tuple(out)


def _read_question(raw: dict[str, Any], lesson_id: str, r: _Reader) -> Question | None:
    kind = raw.get("kind")
    if kind not in KINDS:
        r.report("kind", f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        return None
    for name in sorted(set(raw) - _COMMON_FIELDS - _KIND_FIELDS[kind]):
        r.report(name, f"unknown field for a {kind} question")
    for name in _REQUIRED[kind]:
        if name not in raw:
            r.report(name, f"missing (a {kind} question needs it)")
    prompt = r.text(raw, "prompt")
    hint = r.text(raw, "hint")
    fields: dict[str, Any] = {}
    if kind == "choice":
        fields.update(_read_choice(raw, r))
    elif kind == "recall":
        fields["key_points"] = _read_key_points(raw, r)
        fields["key_terms"] = _read_key_terms(raw, r, fields["key_points"])
    elif kind == "numeric":
        fields.update(_read_numeric(raw, r))
    elif kind == "expression":
        answer, symbols = raw.get("answer"), raw.get("symbols", [])
        if "answer" in raw and not isinstance(answer, str):
            r.report("answer", "must be an expression in a string")
            answer = None
        if not isinstance(symbols, list) or not all(isinstance(s, str) for s in symbols):
            r.report("symbols", "must be a list of names")
            symbols = []
        fields.update(answer=answer, symbols=tuple(symbols))
    else:
        generator, difficulty = raw.get("generator"), raw.get("difficulty", 1)
        if "generator" in raw and not isinstance(generator, str):
            r.report("generator", "must be a generator name")
            generator = None
        if not isinstance(difficulty, int) or difficulty < 1:
            r.report("difficulty", "must be a whole number from 1")
            difficulty = 1
        params = raw.get("params", {})
        if not isinstance(params, dict):
            r.report("params", "must be a table")
            params = {}
        fields.update(generator=generator, difficulty=difficulty, params=params)
    return Question(
        id=r.qid or "", kind=kind, lesson_id=lesson_id, prompt=prompt, hint=hint, **fields
    )


def _read_choice(raw: dict[str, Any], r: _Reader) -> dict[str, Any]:
    options: list[Option] = []
    raw_options = raw.get("options", [])
    if not isinstance(raw_options, list):
        r.report("options", "must be an array of tables ([[questions.options]])")
        raw_options = []
    ids: set[str] = set()
    for n, item in enumerate(raw_options, 1):
        oid = item.get("id") if isinstance(item, dict) else None
        if not isinstance(oid, str) or not oid:
            r.report("options", f"option #{n} has no id")
            continue
        if oid in ids:
            r.report("options", f"duplicate option id {oid!r}")
        ids.add(oid)
        options.append(Option(oid, r.text(item, "text"), r.text(item, "explanation")))
    if "options" in raw and len(options) < 2:
        r.report("options", "a choice question needs at least two options")
    answer = raw.get("answer")
    if "answer" in raw and (not isinstance(answer, str) or answer not in ids):
        r.report("answer", f"{answer!r} is not one of the options ({', '.join(sorted(ids))})")
        answer = None
    return {"options": tuple(options), "answer": answer}


def _read_key_points(raw: dict[str, Any], r: _Reader) -> dict[str, tuple[str, ...]]:
    value = raw.get("key_points", {})
    points: dict[str, tuple[str, ...]] = {}
    for lang in LANGS:
        items = value.get(lang) if isinstance(value, dict) else None
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(s, str) and s.strip() for s in items)
        ):
            r.report(f"key_points.{lang}", "missing translation (a list of key points)")
            items = []
        points[lang] = tuple(items)
    if len(points["zh"]) and len(points["en"]) and len(points["zh"]) != len(points["en"]):
        r.report("key_points", f"zh has {len(points['zh'])} points, en has {len(points['en'])}")
    return points


def _read_key_terms(
    raw: dict[str, Any], r: _Reader, points: dict[str, tuple[str, ...]]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Per key point, a few words whose presence in a written answer shows it covers the point.

    Optional for the loader (a learner can still self-rate); `content check` requires them.
    """
    value = raw.get("key_terms")
    if value is None:
        return {}
    terms: dict[str, tuple[tuple[str, ...], ...]] = {}
    for lang in LANGS:
        items = value.get(lang) if isinstance(value, dict) else None
        ok = isinstance(items, list) and all(
            isinstance(group, list) and group and all(isinstance(t, str) and t.strip() for t in group)
            for group in items
        )
        if not ok:
            r.report(f"key_terms.{lang}", "must be a list with one list of terms per key point")
            return {}
        if len(items) != len(points.get(lang, ())):
            r.report(
                f"key_terms.{lang}",
                f"has {len(items)} lists of terms for {len(points.get(lang, ()))} key points",
            )
            return {}
        terms[lang] = tuple(tuple(t.strip() for t in group) for group in items)
    return terms


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _read_numeric(raw: dict[str, Any], r: _Reader) -> dict[str, Any]:
    answer = raw.get("answer")
    flat = answer if isinstance(answer, list) else [answer]
    rows = [row if isinstance(row, list) else [row] for row in flat]
    if "answer" in raw and not (
        all(_is_number(x) for row in rows for x in row) and len({len(row) for row in rows}) <= 1
    ):
        r.report("answer", "must be a number, a list of numbers or a rectangular list of lists")
        answer = None
    out: dict[str, Any] = {"answer": answer}
    for name in ("decimals", "rel_tol", "abs_tol"):
        if name in raw:
            value = raw[name]
            ok = (
                isinstance(value, int) and value >= 0
                if name == "decimals"
                else (_is_number(value) and value >= 0)
            )
            if not ok:
                r.report(name, "must be a non-negative number")
                continue
            out[name] = value
    return out


__all__ = ["ContentError", "Problem", "load_course", "read_course"]
