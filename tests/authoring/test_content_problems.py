"""Each kind of broken content gives a message naming file, line, question id and field.

Every case breaks a copy of the shipped content in a temp dir (fixture `content_copy`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tutor.authoring.content import check_content
from tutor.course import ContentError, load_course


def messages(root: Path) -> list[str]:
    course, problems = check_content(root)
    return [p.format(course.root) for p in problems]


def first_lesson_dir(root: Path) -> Path:
    return root / tomllib.loads((root / "course.toml").read_text("utf-8"))["lessons"][0]["dir"]


def edit_questions(root: Path, change: Any, lesson_index: int = 0) -> Path:
    course = tomllib.loads((root / "course.toml").read_text("utf-8"))
    path = root / course["lessons"][lesson_index]["dir"] / "questions.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    change(data["questions"])
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


def test_shipped_content_has_no_problems() -> None:
    course, problems = check_content()
    assert [p.format(course.root) for p in problems] == []
    assert len(course.lessons) == 11


def test_duplicate_question_id(content_copy: Path) -> None:
    qid = tomllib.loads((first_lesson_dir(content_copy) / "questions.toml").read_text("utf-8"))[
        "questions"
    ][0]["id"]

    def dup(questions: list[dict[str, Any]]) -> None:
        questions[0]["id"] = qid

    path = edit_questions(content_copy, dup, lesson_index=1)
    (found,) = [m for m in messages(content_copy) if "duplicate question id" in m]
    assert found.startswith(f"content/{path.parent.name}/questions.toml:{line_of(path, qid)}:")
    assert f"[{qid}] id:" in found


@pytest.mark.parametrize(("field", "lang"), [("prompt", "en"), ("hint", "zh")])
def test_missing_translation_or_hint(content_copy: Path, field: str, lang: str) -> None:
    holder: dict[str, str] = {}

    def drop(questions: list[dict[str, Any]]) -> None:
        holder["id"] = questions[0]["id"]
        del questions[0][field][lang]

    path = edit_questions(content_copy, drop)
    (found,) = [m for m in messages(content_copy) if f"{field}.{lang}:" in m]
    assert f"[{holder['id']}] {field}.{lang}: missing translation" in found
    line = int(found.split("questions.toml:")[1].split(":")[0])
    assert line >= line_of(path, holder["id"])
    assert field in path.read_text("utf-8").splitlines()[line - 1]  # the field's own line


def test_unknown_kind(content_copy: Path) -> None:
    def essay(questions: list[dict[str, Any]]) -> None:
        questions[1]["kind"] = "essay"

    edit_questions(content_copy, essay)
    found = [m for m in messages(content_copy) if "unknown kind 'essay'" in m]
    assert len(found) == 1 and " kind: " in found[0]


def test_formula_that_does_not_render(content_copy: Path) -> None:
    reading = first_lesson_dir(content_copy) / "lesson.en.md"
    lines = reading.read_text("utf-8").splitlines()
    lines.insert(2, r"Broken: $\frobnicate{x}$")
    reading.write_text("\n".join(lines), "utf-8")
    (found,) = [m for m in messages(content_copy) if "does not render" in m]
    assert found.startswith(f"content/{reading.parent.name}/lesson.en.md:3:")
    assert "\\frobnicate" in found


def test_formula_in_a_question_that_does_not_render(content_copy: Path) -> None:
    def bad(questions: list[dict[str, Any]]) -> None:
        questions[0]["hint"]["en"] = r"use $\begin{matrix}$"

    edit_questions(content_copy, bad)
    (found,) = [m for m in messages(content_copy) if "does not render" in m]
    assert "hint.en:" in found


def test_lesson_folder_missing(content_copy: Path) -> None:
    folder = first_lesson_dir(content_copy)
    folder.rename(folder.with_name("renamed"))
    found = messages(content_copy)
    assert any(
        m.startswith("content/course.toml:") and f"folder '{folder.name}' is missing" in m
        for m in found
    )
    assert any("renamed" in m and "not used by any lesson" in m for m in found)


def test_unused_file(content_copy: Path) -> None:
    (content_copy / "notes.txt").write_text("draft", "utf-8")
    assert "content/notes.txt: file is not used by any lesson" in messages(content_copy)


def test_invalid_toml_names_the_line(content_copy: Path) -> None:
    path = first_lesson_dir(content_copy) / "questions.toml"
    path.write_text(path.read_text("utf-8") + "\n[[questions]\n", "utf-8")
    (found,) = [m for m in messages(content_copy) if "not valid TOML" in m]
    assert found.startswith(f"content/{path.parent.name}/questions.toml:")


def test_choice_answer_must_be_an_option(content_copy: Path) -> None:
    def bad(questions: list[dict[str, Any]]) -> None:
        first = next(q for q in questions if q["kind"] == "choice")
        first["answer"] = "zz"

    edit_questions(content_copy, bad)
    assert any("answer: 'zz' is not one of the options" in m for m in messages(content_copy))


def test_load_course_raises_with_every_problem(content_copy: Path) -> None:
    (content_copy / "notes.txt").write_text("x", "utf-8")
    first_lesson_dir(content_copy).rename(content_copy / "gone")
    with pytest.raises(ContentError) as info:
        load_course(content_copy)
    assert "is missing" in str(info.value)


def test_mini_course_loads(mini_content: Path) -> None:
    course = load_course(mini_content)
    assert [lesson.id for lesson in course.lessons] == ["one", "two"]
    lesson = course.lesson("one")
    assert lesson.count_by_kind() == {"choice": 3, "recall": 2, "numeric": 1}
    assert lesson.demo == "vanishing"
    question = course.question("01-one.range")
    assert question.answer == "b" and question.prompt("zh").endswith("的取值范围？")
    assert "遗忘门" in lesson.reading("zh")


def test_unknown_generator_name(content_copy: Path) -> None:
    def add(questions: list[dict[str, Any]]) -> None:
        questions.append(
            {
                "id": "vanishing-gradient.practice-nope",
                "kind": "generated",
                "prompt": {"zh": "练习", "en": "Practice"},
                "hint": {"zh": "提示", "en": "Hint"},
                "generator": "lstm.no-such-generator",
                "difficulty": 1,
            }
        )

    path = edit_questions(content_copy, add)
    (found,) = [m for m in messages(content_copy) if "unknown generator" in m]
    line = line_of(path, "vanishing-gradient.practice-nope")
    assert found.startswith(f"content/{path.parent.name}/questions.toml:{line}:")
    assert (
        "[vanishing-gradient.practice-nope] generator: unknown generator 'lstm.no-such-generator'"
        in found
    )


def test_generated_question_difficulty_must_exist(content_copy: Path) -> None:
    def bump(questions: list[dict[str, Any]]) -> None:
        generated = next(q for q in questions if q["kind"] in ("generated", "worksheet"))
        generated["difficulty"] = 9

    edit_questions(content_copy, bump)
    assert any("difficulty: 9 is not one of" in m for m in messages(content_copy))


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("choice", "answer", ["c"]),
        ("numeric", "answer", "abc"),
        ("numeric", "answer", [[1, 2], [3]]),
    ],
)
def test_wrongly_typed_fields_are_reported_not_raised(
    content_copy: Path, kind: str, field: str, value: Any
) -> None:
    def bad(questions: list[dict[str, Any]]) -> None:
        next(q for q in questions if q["kind"] == kind)[field] = value

    edit_questions(content_copy, bad)
    found = messages(content_copy)
    assert any(f" {field}: " in m for m in found), found
    with pytest.raises(ContentError):
        load_course(content_copy)


def test_a_generator_name_that_is_not_a_string(content_copy: Path) -> None:
    def bad(questions: list[dict[str, Any]]) -> None:
        next(q for q in questions if q["kind"] in ("generated", "worksheet"))["generator"] = ["x"]

    edit_questions(content_copy, bad)
    assert any("generator: must be a generator name" in m for m in messages(content_copy))


def test_a_reading_that_is_not_utf8(content_copy: Path) -> None:
    reading = first_lesson_dir(content_copy) / "lesson.zh.md"
    reading.write_bytes("# 标题\n".encode("gb18030"))
    assert any("cannot be read as UTF-8" in m for m in messages(content_copy))


def _recall_change(change: Any) -> Any:
    """Apply `change` to the first recall card of the lesson."""

    def edit(questions: list[dict[str, Any]]) -> None:
        change(next(q for q in questions if q["kind"] == "recall"))

    return edit


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda q: q.pop("key_terms", None), "key_terms: missing: one list of terms per key point"),
        (
            lambda q: q.update(key_terms={"zh": [["遗忘门"]], "en": [["forget gate"]]}),
            "lists of terms for",
        ),
        (
            lambda q: q.update(
                key_terms={
                    lang: [["x"]] + [["long enough"]] * (len(q["key_points"][lang]) - 1)
                    for lang in ("zh", "en")
                }
            ),
            "key point 1: terms too short to match: ['x']",
        ),
        (lambda q: q.update(key_terms={"zh": "遗忘门", "en": []}), "must be a list with one list"),
    ],
)
def test_recall_cards_need_key_terms(
    mini_content: Path, tmp_path: Path, change: Any, expected: str
) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(mini_content, root)
    edit_questions(root, _recall_change(change))
    assert any(expected in m and "key_terms" in m for m in messages(root)), messages(root)


def test_mini_content_is_clean(mini_content: Path) -> None:
    assert messages(mini_content) == []
