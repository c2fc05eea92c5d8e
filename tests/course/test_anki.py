"""The Anki export: a valid package read back with zipfile + sqlite3, stable ids, escaped HTML."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from apkg import Package, read_apkg

from tutor.course import Course, Lesson, Option, Question, Text, load_course
from tutor.course.anki import (
    CHOICE_FIELDS,
    RECALL_FIELDS,
    ExportError,
    build_deck,
    stable_id,
    to_html,
    write_apkg,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
#: the only tags an exported field may hold: the export's own
TAGS = {"span", "br", "div", "ul", "li", "b", "code"}


@pytest.fixture(scope="module")
def shipped() -> Course:
    return load_course(None)


def export(course: Course, lang: str, folder: Path, name: str = "deck.apkg", **kw) -> Package:
    path = folder / name
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns about a field with broken HTML
        write_apkg(build_deck(course, lang), path, **kw)
    scratch = folder / f"{name}.read"
    scratch.mkdir()
    return read_apkg(path, scratch)


def exported_questions(course: Course) -> dict[str, Question]:
    return {
        q.id: q
        for lesson in course.lessons
        for q in lesson.questions
        if q.kind in ("choice", "recall")
    }


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(field: str) -> tuple[set[str], str]:
    parser = _Tags()
    parser.feed(field)
    parser.close()
    return parser.tags, "".join(parser.text)


@pytest.mark.parametrize("content", ["shipped", "mini"])
def test_every_choice_and_recall_question_is_one_note(
    content: str, shipped: Course, mini_content: Path, tmp_path: Path
) -> None:
    course = shipped if content == "shipped" else load_course(mini_content)
    package = export(course, "zh", tmp_path)
    wanted = exported_questions(course)
    notes = package.by_id()
    assert len(package.notes) == len(wanted) == len(notes)
    assert set(notes) == set(wanted)
    ((deck_id, deck_name),) = package.decks.items()
    assert "中文" in deck_name
    assert sorted(package.cards) == sorted((note.guid, deck_id) for note in package.notes)
    for qid, note in notes.items():
        question = wanted[qid]
        assert note.model == f"lstm-tutor {question.kind} v1"
        assert tuple(note.fields) == (CHOICE_FIELDS if question.kind == "choice" else RECALL_FIELDS)
        assert note.tags == (
            "lstm-tutor",
            f"lstm-tutor::lesson::{question.lesson_id}",
            f"lstm-tutor::kind::{question.kind}",
        )
        title = course.lesson(question.lesson_id).title.zh
        assert parse(note.fields["Lesson"])[1] == title


def test_guids_are_stable_across_exports_and_distinct_across_questions(
    mini_content: Path, tmp_path: Path
) -> None:
    course = load_course(mini_content)
    first = export(course, "en", tmp_path, "a.apkg", timestamp=1_700_000_000)
    second = export(course, "en", tmp_path, "b.apkg", timestamp=1_800_000_000)
    guids = {qid: note.guid for qid, note in first.by_id().items()}
    assert guids == {qid: note.guid for qid, note in second.by_id().items()}
    assert len(set(guids.values())) == len(guids)
    assert first.decks == second.decks and first.models == second.models
    # zh is a deck of its own: its notes never overwrite the English ones on import
    zh = export(course, "zh", tmp_path, "zh.apkg")
    assert not set(guids.values()) & {note.guid for note in zh.notes}
    assert set(zh.decks).isdisjoint(first.decks) and zh.models == first.models


def test_ids_are_pinned_and_independent_of_the_hash_seed() -> None:
    """Changing how ids are derived would duplicate every learner's notes on the next import."""
    assert stable_id("lstm-tutor deck zh") == 1976584816
    assert stable_id("lstm-tutor choice v1") == 1701306065
    code = (
        "import genanki; from tutor.course.anki import stable_id;"
        "print(stable_id('lstm-tutor deck en'), genanki.guid_for('lstm-tutor', 'zh', 'one.x'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_zh_cards_are_chinese_en_english_and_both_zh_then_en(
    shipped: Course, tmp_path: Path
) -> None:
    questions = exported_questions(shipped)
    zh = export(shipped, "zh", tmp_path, "zh.apkg").by_id()
    en = export(shipped, "en", tmp_path, "en.apkg").by_id()
    both = export(shipped, "both", tmp_path, "both.apkg").by_id()
    for qid, question in questions.items():
        front = "Prompt" if question.kind == "choice" else "Question"
        assert CJK.search(parse(zh[qid].fields[front])[1]), qid
        assert parse(en[qid].fields[front])[1] == parse(to_html(question.prompt.en, qid))[1]
        assert 'lang="zh-Hans"' not in "".join(en[qid].fields.values())
        field = both[qid].fields[front]
        assert field == f"{zh[qid].fields[front]}<br>{en[qid].fields[front]}"
        assert field.index('lang="zh-Hans"') < field.index('lang="en"')


def test_a_choice_note_front_and_back(mini_content: Path, tmp_path: Path) -> None:
    note = export(load_course(mini_content), "en", tmp_path).by_id()["01-one.range"]
    fields = {name: parse(value)[1] for name, value in note.fields.items()}
    assert fields["Prompt"] == "What is the range of σ?"
    assert '<span class="math">σ</span>' in note.fields["Prompt"]
    assert fields["Options"] == "a. [-1, 1]b. (0, 1)"
    assert fields["Answer"] == "b. (0, 1)"
    assert fields["Explanations"] == (
        "a. ✗ That is (the closure of) tanh's range.b. ✓ Right: the open interval."
    )
    assert fields["Hint"] == "Look at the limits."
    assert fields["Lesson"] == "Lesson one"
    assert fields["Id"] == "01-one.range"
    assert note.sort == "What is the range of σ?"  # the card browser sorts by the bare prompt


def test_a_recall_note_has_the_key_points_on_the_back(mini_content: Path, tmp_path: Path) -> None:
    note = export(load_course(mini_content), "zh", tmp_path).by_id()["01-one.recall1"]
    assert parse(note.fields["Question"])[1] == "LSTM 为什么能缓解梯度消失？"
    assert note.fields["KeyPoints"] == (
        '<ul lang="zh-Hans"><li>加法更新</li><li>遗忘门接近 1 时梯度保留</li></ul>'
    )


def test_templates_put_the_answer_on_the_back_only(mini_content: Path, tmp_path: Path) -> None:
    import sqlite3

    export(load_course(mini_content), "en", tmp_path)
    conn = sqlite3.connect(tmp_path / "deck.apkg.read" / "collection.anki2")
    (models_json,) = conn.execute("SELECT models FROM col").fetchone()
    conn.close()
    import json

    for model in json.loads(models_json).values():
        (template,) = model["tmpls"]
        front, back = template["qfmt"], template["afmt"]
        if model["name"].startswith("lstm-tutor choice"):
            assert "{{Prompt}}" in front and "{{Options}}" in front
            assert "{{Answer}}" not in front and "{{Explanations}}" not in front
            assert "{{Answer}}" in back and "{{Explanations}}" in back
        else:
            assert "{{Question}}" in front and "{{KeyPoints}}" not in front
            assert "{{KeyPoints}}" in back
        assert "{{FrontSide}}" in back and "{{Lesson}}" in front


LESSON_TITLE = Text("课", "Lesson")


def _course(*questions: Question, title: Text = LESSON_TITLE) -> Course:
    lesson = Lesson(id="odd lesson", dir=Path("."), title=title, questions=questions)
    return Course(root=Path("."), format_version=1, lessons=(lesson,))


HOSTILE = Question(
    id="odd.hostile",
    kind="choice",
    lesson_id="odd lesson",
    prompt=Text("<script>alert(1)</script> 与 & $a < b$", "<b>x</b> & $a < b$ **not** `x<y`"),
    hint=Text("$\\lVert W \\rVert > 1$", "{{c1::cloze}} <!-- -->"),
    options=(
        Option("a", Text("<img src=x onerror=alert(1)>", "a & b"), Text("错", "no")),
        Option("b", Text("对", "yes"), Text('"quoted" & <tag>', "ok")),
    ),
    answer="b",
)


def test_content_is_escaped_and_never_injected_as_html(tmp_path: Path) -> None:
    package = export(_course(HOSTILE, title=Text("<h1>课</h1>", "A & B")), "both", tmp_path)
    (note,) = package.notes
    assert note.tags[1] == "lstm-tutor::lesson::odd_lesson"  # Anki tags hold no spaces
    for name, value in note.fields.items():
        tags, _ = parse(value)
        assert tags <= TAGS, (name, tags)
        assert "<script" not in value and "<img" not in value and "<h1" not in value
    prompt = note.fields["Prompt"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 与 &amp; " in prompt
    assert '<span class="math">a &lt; b</span>' in prompt
    assert "&lt;b&gt;x&lt;/b&gt; &amp; " in prompt
    assert "<b>not</b>" in prompt and "<code>x&lt;y</code>" in prompt
    assert '<span class="math">‖W‖ &gt; 1</span>' in note.fields["Hint"]
    assert "&lt;!-- --&gt;" in note.fields["Hint"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in note.fields["Options"]
    assert '"quoted" &amp; &lt;tag&gt;' in note.fields["Explanations"]
    assert parse(note.fields["Lesson"])[1] == "<h1>课</h1>A & B"


def test_shipped_fields_hold_only_export_tags_and_no_leftover_markup(
    shipped: Course, tmp_path: Path
) -> None:
    package = export(shipped, "both", tmp_path)
    for note in package.notes:
        for name, value in note.fields.items():
            tags, text = parse(value)
            assert tags <= TAGS, (note.fields["Id"], name, tags)
            # every formula rendered, every `code` and **bold** turned into a tag
            assert "$" not in text and "`" not in text and "**" not in text, (
                note.fields["Id"],
                name,
            )
            assert "&" not in re.sub(r"&(lt|gt|amp);", "", value), (note.fields["Id"], name)


def test_a_formula_that_does_not_render_is_a_one_line_error() -> None:
    broken = Question(
        id="odd.broken", kind="recall", lesson_id="odd lesson",
        prompt=Text("$\\frac{a}{b}$", "$\\begin{x}$"), hint=Text("h", "h"),
        key_points={"zh": ("点",), "en": ("point",)},
    )  # fmt: skip
    build_deck(_course(broken), "zh")
    with pytest.raises(ExportError) as info:
        build_deck(_course(broken), "en")
    message = str(info.value)
    assert "\n" not in message and "odd.broken prompt.en" in message and "content check" in message


def test_other_kinds_are_left_out_and_a_lang_is_required(mini_content: Path) -> None:
    course = load_course(mini_content)
    deck = build_deck(course, "en")
    assert all(note.kind in ("choice", "recall") for note in deck.notes)
    assert deck.count("choice") == 6 and deck.count("recall") == 4
    with pytest.raises(ValueError):
        build_deck(course, "fr")  # type: ignore[arg-type]


def test_the_file_is_replaced_atomically_and_a_failure_leaves_the_old_one(
    mini_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = build_deck(load_course(mini_content), "en")
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"an older export")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match=r"^cannot write .*deck\.apkg: No space left on device$"):
        write_apkg(deck, target)
    assert target.read_bytes() == b"an older export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]  # no temp file left

    import genanki

    monkeypatch.undo()
    monkeypatch.setattr(genanki.Package, "write_to_db", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_apkg(deck, tmp_path / "new.apkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]

    monkeypatch.undo()
    write_apkg(deck, target)
    assert target.read_bytes()[:2] == b"PK"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def test_a_folder_or_a_missing_folder_is_refused(mini_content: Path, tmp_path: Path) -> None:
    deck = build_deck(load_course(mini_content), "en")
    (tmp_path / "file").write_text("x")
    for path, reason in [
        (tmp_path, "is a folder"),
        (tmp_path / "nope" / "deck.apkg", "does not exist"),
        (tmp_path / "file" / "deck.apkg", "is not a folder"),
    ]:
        with pytest.raises(ExportError, match=reason):
            write_apkg(deck, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
