"""The course's choice and recall questions as an Anki deck (an .apkg file, written with genanki).

Two halves: `build_deck` turns the course into notes (pure: HTML fields, tags, stable keys),
`write_apkg` hands them to genanki and writes the file atomically. genanki is imported only
inside `write_apkg`, so importing this module (or the command line) stays light.

Choices, so that a learner who re-imports a newer export keeps their reviews:

- **Stable ids.** A note's guid is genanki's SHA-256 ``guid_for("lstm-tutor", lang, question
  id)``; the deck and the two note types get ids from SHA-256 of a fixed name. Nothing is
  random and nothing uses Python's salted ``hash()``, so the same question is the same note in
  every export and Anki updates it instead of adding a duplicate. The language is part of the
  guid and of the deck id: the zh, en and both decks are three decks of their own (one note
  lives in one deck; sharing guids would rewrite a 中文 deck in English on the next import).
- **Formulas as terminal text** (`render_latex`, as the tutor shows them), not MathJax: the
  content's LaTeX subset has macros MathJax does not know (``\\sech``), ``content check``
  guarantees that every formula renders as text, the card reads exactly like the tutor
  (hₜ₋₁, ∏(k=t+1…T), ᵀ only for a transpose), and text works in every Anki client, in the
  card browser and in Anki's search.
- **HTML.** Every piece of content is HTML-escaped (a formula's ``<`` and a paper's ``&``
  too); the only tags are the ones made here (span, br, div, ul, li, b, code). The content's
  two bits of Markdown, `` `code` `` and ``**bold**``, become <code> and <b>.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tutor.course.markdown import _INLINE as INLINE_FORMULA
from tutor.course.mathtext import MathError, render_latex
from tutor.course.model import Course, Lesson, Question, Text

__all__ = [
    "CHOICE_FIELDS",
    "EXPORT_LANGS",
    "RECALL_FIELDS",
    "AnkiDeck",
    "AnkiNote",
    "ExportError",
    "ExportLang",
    "build_deck",
    "plain_text",
    "stable_id",
    "to_html",
    "write_apkg",
]

ExportLang = Literal["zh", "en", "both"]
EXPORT_LANGS: tuple[ExportLang, ...] = ("zh", "en", "both")
KINDS = ("choice", "recall")

CHOICE_FIELDS = ("Prompt", "Options", "Answer", "Explanations", "Hint", "Lesson", "Id")
RECALL_FIELDS = ("Question", "KeyPoints", "Hint", "Lesson", "Id")

DECK_NAMES: dict[ExportLang, str] = {
    "zh": "LSTM 面试题（中文）",
    "en": "LSTM interview questions (English)",
    "both": "LSTM 面试题 · LSTM interview questions (中文 + English)",
}
_DESCRIPTION = Text(
    "lstm-tutor 课程的选择题与面试问答题。导入更新的导出文件会更新这些笔记，复习记录保留。",
    "The choice and interview recall questions of the lstm-tutor course. Importing a newer "
    "export updates these notes and keeps your reviews.",
)

#: Change a version when a note type's fields change: Anki keeps a note type's id for life.
_MODEL_NAMES = {"choice": "lstm-tutor choice v1", "recall": "lstm-tutor recall v1"}

_CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC",
        "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
        font-size: 19px; line-height: 1.45; text-align: left; }
.lesson { font-size: 0.75em; opacity: 0.6; margin-bottom: 0.6em; }
.prompt { font-weight: 600; margin-bottom: 0.6em; }
.option, .explanation { margin: 0.35em 0; }
.oid { font-weight: 600; margin-right: 0.3em; }
.right .oid { color: #2a8a3e; }
.wrong .oid { color: #b8442f; }
.hint { margin-top: 0.8em; font-size: 0.9em; }
.en { opacity: 0.8; }
.math { white-space: normal; }
code { font-size: 0.9em; }
"""

_CHOICE_FRONT = """\
<div class="lesson">{{Lesson}}</div>
<div class="prompt">{{Prompt}}</div>
<div class="options">{{Options}}</div>
{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}"""
_CHOICE_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
<div class="explanations">{{Explanations}}</div>"""
_RECALL_FRONT = """\
<div class="lesson">{{Lesson}}</div>
<div class="prompt">{{Question}}</div>
{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}"""
_RECALL_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="points">{{KeyPoints}}</div>"""

_TEMPLATES = {
    "choice": (CHOICE_FIELDS, _CHOICE_FRONT, _CHOICE_BACK),
    "recall": (RECALL_FIELDS, _RECALL_FRONT, _RECALL_BACK),
}

_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_LANG_ATTR = {"zh": 'lang="zh-Hans"', "en": 'lang="en"'}


class ExportError(Exception):
    """The deck cannot be built or written; the message is one line, for the learner."""


@dataclass(frozen=True)
class AnkiNote:
    """One note: its kind (choice | recall), HTML fields in the note type's order, tags, and
    the key its guid is derived from."""

    question_id: str
    kind: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    key: tuple[str, ...]


@dataclass(frozen=True)
class AnkiDeck:
    lang: ExportLang
    name: str
    deck_id: int
    description: str
    notes: tuple[AnkiNote, ...]

    def count(self, kind: str) -> int:
        return sum(note.kind == kind for note in self.notes)


def stable_id(name: str) -> int:
    """An id for a deck or note type from a fixed name: SHA-256, in [2**30, 2**31) as genanki
    suggests, the same on every machine and every run."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def _langs(lang: ExportLang) -> tuple[Literal["zh", "en"], ...]:
    return ("zh", "en") if lang == "both" else (lang,)


def _escape(text: str) -> str:
    """`<`, `>` and `&` as entities (quotes stay: text nodes only, and Anki's search sees them)."""
    return html.escape(text, quote=False)


def _prose(text: str) -> str:
    """Prose between formulas: escaped; `code` and **bold** as tags; newlines as <br>."""
    out: list[str] = []
    pos = 0
    for match in _CODE.finditer(text):
        out.append(_BOLD.sub(r"<b>\1</b>", _escape(text[pos : match.start()])))
        out.append(f"<code>{_escape(match.group(1))}</code>")
        pos = match.end()
    out.append(_BOLD.sub(r"<b>\1</b>", _escape(text[pos:])))
    return "".join(out).replace("\n", "<br>")


def to_html(text: str, where: str) -> str:
    """One language's text as HTML: `$…$` formulas as terminal text, everything escaped.

    Raises ExportError naming `where` for a formula outside the supported subset.
    """
    out: list[str] = []
    pos = 0
    for match in INLINE_FORMULA.finditer(text):
        out.append(_prose(text[pos : match.start()]))
        latex = match.group(1)
        try:
            rendered = render_latex(latex)
        except MathError as exc:
            raise ExportError(
                f"{where}: the formula ${latex}$ does not render ({exc}); "
                "run `lstm-tutor content check`"
            ) from exc
        out.append(f'<span class="math">{_escape(rendered)}</span>')
        pos = match.end()
    out.append(_prose(text[pos:]))
    return "".join(out)


def plain_text(html_text: str) -> str:
    """A field without its tags, as Anki keeps it for sorting the card browser."""
    spaced = re.sub(r"<(br|/li|/div)>", " ", html_text)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", spaced)).split())


def _span(html_text: str, lang: str) -> str:
    css = ' class="en"' if lang == "en" else ""
    return f"<span {_LANG_ATTR[lang]}{css}>{html_text}</span>"


class _Fields:
    """Builds one question's fields in the chosen language(s), naming a bad formula's place."""

    def __init__(self, question: Question, lang: ExportLang) -> None:
        self.q = question
        self.langs = _langs(lang)

    def text(self, text: Text, field: str) -> str:
        """Both languages: zh, a line break, en; one language: that one."""
        return "<br>".join(
            _span(to_html(text(lang), f"{self.q.id} {field}.{lang}"), lang) for lang in self.langs
        )

    def option(self, oid: str, body: str, css: str, mark: str = "") -> str:
        label = _escape(f"{oid}.{mark}")
        classes = f"option {css}".strip()
        return f'<div class="{classes}"><span class="oid">{label}</span> {body}</div>'

    def choice(self, lesson: Text) -> tuple[str, ...]:
        q = self.q
        options = "".join(
            self.option(o.id, self.text(o.text, f"options.{o.id}.text"), "") for o in q.options
        )
        right = [o for o in q.options if o.id == q.answer]
        answer = "".join(
            self.option(o.id, self.text(o.text, f"options.{o.id}.text"), "right") for o in right
        )
        explanations = "".join(
            self.option(
                o.id,
                self.text(o.explanation, f"options.{o.id}.explanation"),
                "explanation " + ("right" if o.id == q.answer else "wrong"),
                " ✓" if o.id == q.answer else " ✗",
            )
            for o in q.options
        )
        return (
            self.text(q.prompt, "prompt"),
            options,
            answer,
            explanations,
            self.text(q.hint, "hint"),
            self.text(lesson, "lesson title"),
            _escape(q.id),
        )

    def recall(self, lesson: Text) -> tuple[str, ...]:
        q = self.q
        lists = []
        for lang in self.langs:
            items = "".join(
                f"<li>{to_html(point, f'{q.id} key_points.{lang}[{n}]')}</li>"
                for n, point in enumerate(q.key_points.get(lang, ()))
            )
            css = ' class="en"' if lang == "en" else ""
            lists.append(f"<ul {_LANG_ATTR[lang]}{css}>{items}</ul>")
        return (
            self.text(q.prompt, "prompt"),
            "".join(lists),
            self.text(q.hint, "hint"),
            self.text(lesson, "lesson title"),
            _escape(q.id),
        )


def _tag(part: str) -> str:
    """Anki tags cannot hold spaces."""
    return re.sub(r"\s+", "_", part.strip())


def _notes(lesson: Lesson, lang: ExportLang) -> Iterator[AnkiNote]:
    for q in lesson.questions:
        if q.kind not in KINDS:
            continue
        fields = _Fields(q, lang)
        values = fields.choice(lesson.title) if q.kind == "choice" else fields.recall(lesson.title)
        yield AnkiNote(
            question_id=q.id,
            kind=q.kind,
            fields=values,
            tags=(
                "lstm-tutor",
                f"lstm-tutor::lesson::{_tag(lesson.id)}",
                f"lstm-tutor::kind::{q.kind}",
            ),
            key=("lstm-tutor", lang, q.id),
        )


def build_deck(course: Course, lang: ExportLang) -> AnkiDeck:
    """Every choice and recall question of the course, in course order, as notes.

    Raises ExportError for a formula that does not render (`content check` reports it first).
    """
    if lang not in EXPORT_LANGS:
        raise ValueError(f"lang must be one of {EXPORT_LANGS}, not {lang!r}")
    notes = tuple(note for lesson in course.lessons for note in _notes(lesson, lang))
    description = "<br>".join(_span(_escape(_DESCRIPTION(code)), code) for code in _langs(lang))
    return AnkiDeck(
        lang=lang,
        name=DECK_NAMES[lang],
        deck_id=stable_id(f"lstm-tutor deck {lang}"),
        description=description,
        notes=notes,
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'lstm.apkg'}")
    parent = path.parent
    if not parent.exists():
        raise ExportError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: {parent} is not a folder")


def write_apkg(deck: AnkiDeck, path: Path, timestamp: float | None = None) -> None:
    """Write `deck` as an Anki package at `path`, atomically: a temporary file beside it,
    renamed over `path` only once complete, so a failed export leaves no half file (and an
    older export at `path` untouched).

    `timestamp` (seconds since the epoch, default now) stamps the notes' modification time;
    Anki updates an existing note on import only from a newer one, so leave it to now.
    Raises ExportError (one line) when the file cannot be written.
    """
    import sqlite3
    import time
    import zipfile

    import genanki

    path = Path(path)
    _check_target(path)
    models = {
        kind: genanki.Model(
            model_id=stable_id(_MODEL_NAMES[kind]),
            name=_MODEL_NAMES[kind],
            fields=[{"name": name} for name in names],
            templates=[{"name": kind.capitalize(), "qfmt": front, "afmt": back}],
            css=_CSS,
        )
        for kind, (names, front, back) in _TEMPLATES.items()
    }
    anki_deck = genanki.Deck(deck.deck_id, deck.name, deck.description)
    for note in deck.notes:
        anki_deck.add_note(
            genanki.Note(
                model=models[note.kind],
                fields=list(note.fields),
                tags=list(note.tags),
                guid=genanki.guid_for(*note.key),
                sort_field=plain_text(note.fields[0]),
            )
        )
    for model in models.values():  # both note types, even when one kind has no notes
        anki_deck.add_model(model)
    package = genanki.Package(anki_deck)
    when = time.time() if timestamp is None else timestamp

    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out, tempfile.TemporaryDirectory() as scratch:
            # genanki's own write_to_file leaves its SQLite file behind in the system temp
            # folder; this is the same package (collection.anki2 + an empty media map)
            # without the leak.
            db_path = Path(scratch) / "collection.anki2"
            conn = sqlite3.connect(db_path)
            try:
                package.write_to_db(conn.cursor(), when, _ids(when))
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as apkg:
                apkg.write(db_path, "collection.anki2")
                apkg.writestr("media", "{}")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
        tmp_name = None
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ExportError(f"cannot write {path}: {reason}") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _ids(timestamp: float) -> Iterator[int]:
    """Note and card row ids, as genanki makes them (milliseconds, counting up)."""
    n = int(timestamp * 1000)
    while True:
        yield n
        n += 1
