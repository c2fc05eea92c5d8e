"""The command line: `lstm-tutor` opens the app; subcommands run headless.

Kept light on purpose: the home screen must appear as fast as a bare Textual app, so this
module imports neither torch, sympy nor the UI until a command needs them.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tutor import __version__
from tutor.demos import DEVICES as DEMO_DEVICES
from tutor.demos import NAMES as DEMO_NAMES
from tutor.i18n import Lang, default_lang

if TYPE_CHECKING:
    from tutor.course import Course
    from tutor.progress import Notice, Store

LANG_CHOICE = click.Choice(["zh", "en"])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--lang", type=LANG_CHOICE, help="Language of the lessons (default: from the locale)."
)
@click.option(
    "--content",
    "content_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Read lessons from this content folder instead of the shipped one.",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep progress in this folder (default: $LSTM_TUTOR_DATA_DIR, else the user data folder).",
)
@click.version_option(__version__, "-V", "--version", prog_name="lstm-tutor")
@click.pass_context
def main(
    ctx: click.Context, lang: str | None, content_root: Path | None, data_dir: Path | None
) -> None:
    """A terminal tutor for LSTM / RNN interview questions.

    Without a command, opens the tutor: lessons, practice, review and demos.
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang or default_lang(os.environ)
    ctx.obj["content"] = content_root
    ctx.obj["data_dir"] = data_dir
    ctx.obj["lang_given"] = lang
    if ctx.invoked_subcommand is None:
        sys.exit(_open_app(ctx))


def _open_app(
    ctx: click.Context,
    practise: str | None = None,
    seed: int | None = None,
    review: bool = False,
    mock: tuple[int, float] | None = None,
) -> int:
    """The TUI, on home or on a lesson's practice; a pipe or a dumb terminal gets a message."""
    if not sys.stdout.isatty() or not sys.stdin.isatty() or os.environ.get("TERM") == "dumb":
        click.echo(
            "lstm-tutor needs an interactive terminal for its screens. For practice line by "
            "line (screen readers, pipes, scripts) use: lstm-tutor quiz LESSON --plain",
            err=True,
        )
        return 2
    from tutor.ui.app import run_app

    # no --lang: the app uses the language last chosen in it, else the locale's
    return run_app(
        lang=ctx.obj["lang_given"],
        content_root=ctx.obj["content"],
        data_dir=ctx.obj["data_dir"],
        practise=practise,
        seed=seed,
        review=review,
        mock=mock,
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--lang", "lang_", type=LANG_CHOICE, help="Language (default: the tutor's).")
@click.pass_context
def lessons(ctx: click.Context, as_json: bool, lang_: str | None) -> None:
    """List the lessons with their titles and question counts."""
    from tutor.course import ContentError, load_course
    from tutor.ui.strings import KIND_NAMES, S  # the UI's string table (no Textual in it)

    try:
        course = load_course(ctx.obj["content"])
    except ContentError as exc:
        raise click.ClickException(f"{exc}\nRun `lstm-tutor content check` for details.") from exc
    rows = [
        {
            "id": lesson.id,
            "title": {"zh": lesson.title.zh, "en": lesson.title.en},
            "questions": lesson.count_by_kind(),
        }
        for lesson in course.lessons
    ]
    if as_json:
        click.echo(json.dumps({"lessons": rows}, ensure_ascii=False, indent=2))
        return
    lang = lang_ or ctx.obj["lang"]
    separator, parentheses = ("、", "（{}）") if lang == "zh" else (", ", "({})")
    for n, row in enumerate(rows, 1):
        counts = separator.join(
            f"{KIND_NAMES[k](lang) if k in KIND_NAMES else k} {v}"
            for k, v in sorted(row["questions"].items())
        )
        summary = parentheses.format(counts or S.no_questions(lang))
        click.echo(f"{n:2}. {row['id']:<20} {row['title'][lang]}  {summary}")


@main.group()
def content() -> None:
    """Work with the course content (for authors)."""


@content.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--seeds",
    default=200,
    show_default=True,
    type=click.IntRange(0),
    help="Draw every exercise generator at every difficulty with this many seeds (0: skip).",
)
def content_check(directory: Path | None, seeds: int) -> None:
    """Validate a content folder (default: the shipped one) and the exercise generators.

    Exits non-zero and names the file, line, question id and field of every problem.
    """
    from tutor.authoring import check_content, check_generators

    course, problems = check_content(directory)
    for problem in problems:
        click.echo(problem.format(course.root), err=True)
    generator_problems = check_generators(seeds)
    for message in generator_problems:
        click.echo(f"generator {message}", err=True)
    questions = sum(len(lesson.questions) for lesson in course.lessons)
    total = len(problems) + len(generator_problems)
    if total:
        click.echo(f"{total} problem(s) in {course.root}", err=True)
        sys.exit(1)
    drawn = f"; every generator drawn with {seeds} seeds per difficulty" if seeds else ""
    click.echo(f"ok: {len(course.lessons)} lessons, {questions} questions in {course.root}{drawn}")


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the generators by lesson.")
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0), help="Which draw.")
@click.option("--difficulty", default=1, show_default=True, type=click.IntRange(1, 3))
@click.option("--lang", "lang_", type=LANG_CHOICE, help="Language (default: the tutor's).")
@click.option("--solution", is_flag=True, help="Also print the answers and the worked solution.")
@click.pass_context
def exercise(
    ctx: click.Context,
    name: str | None,
    list_: bool,
    seed: int,
    difficulty: int,
    lang_: str | None,
    solution: bool,
) -> None:
    """Print a generated exercise as a learner sees it (for authors and reviewers)."""
    from tutor.exercises import REGISTRY, generate
    from tutor.exercises.display import render_exercise

    lang = lang_ or ctx.obj["lang"]
    if list_ or name is None:
        _list_generators(ctx.obj["content"], lang)
        return
    if name not in REGISTRY:
        raise click.BadParameter(f"unknown generator {name!r}; see --list", param_hint="NAME")
    try:
        drawn = generate(name, seed, difficulty)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--difficulty") from exc
    width = shutil.get_terminal_size().columns  # COLUMNS, else the terminal's, else 80
    click.echo(render_exercise(drawn, lang, solution=solution, width=width))


def _list_generators(content_root: Path | None, lang: Lang) -> None:
    """The generators a course uses, under the lessons that use them, in course order."""
    from tutor.course import read_course
    from tutor.exercises import REGISTRY

    course, _ = read_course(content_root)
    used: set[str] = set()
    for lesson in course.lessons:
        names = dict.fromkeys(q.generator for q in lesson.questions if q.generator in REGISTRY)
        if not names:
            continue
        click.echo(lesson.id)
        for generator in (REGISTRY[n] for n in names if n is not None):
            levels = ",".join(map(str, generator.difficulties))
            click.echo(f"  {generator.describe(lang)}  [difficulty {levels}]")
        used.update(n for n in names if n is not None)
    unused = [n for n in REGISTRY if n not in used]
    if unused:
        click.echo(f"not used by {course.root}: {', '.join(unused)}")


def _load(ctx: click.Context) -> Course:
    from tutor.course import ContentError, load_course

    try:
        return load_course(ctx.obj["content"])
    except ContentError as exc:
        raise click.ClickException(f"{exc}\nRun `lstm-tutor content check` for details.") from exc


def _lesson_id(course: Course, wanted: str) -> str:
    """A lesson by id, folder name or number (1 = the first)."""
    for number, lesson in enumerate(course.lessons, 1):
        if wanted in (lesson.id, lesson.dir.name, str(number)):
            return lesson.id
    names = ", ".join(lesson.id for lesson in course.lessons)
    raise click.BadParameter(f"no lesson {wanted!r}; one of: {names} (or 1–{len(course.lessons)})")


@main.command()
@click.argument("lesson", required=False)
@click.option("--plain", is_flag=True, help="Line by line on stdin/stdout instead of the screens.")
@click.option("--seed", type=click.IntRange(0), help="Fix every draw (for scripts and tests).")
@click.pass_context
def quiz(ctx: click.Context, lesson: str | None, plain: bool, seed: int | None) -> None:
    """Practise a lesson (by id or number; default: where you left off, else the first).

    \b
    With --plain, commands at any prompt: :hint :solution :new :skip :quit.
    Example: printf '0.5\\n' | lstm-tutor quiz forward-pass --plain --seed 3
    """
    course = _load(ctx)
    if lesson is None:
        store, _ = _store(ctx)
        resume = store.get("resume") or {}
        store.close()
        known = {item.id for item in course.lessons}
        lesson = resume.get("lesson") if resume.get("lesson") in known else course.lessons[0].id
    lesson_id = _lesson_id(course, lesson)
    if not plain:
        sys.exit(_open_app(ctx, practise=lesson_id, seed=seed))
    from tutor.plain.session import run_plain

    store, notices = _store(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain(course, lesson_id, store, lang=ctx.obj["lang"], seed=seed)
    finally:
        store.close()
    sys.exit(code)


def _store(ctx: click.Context) -> tuple[Store, list[Notice]]:
    from tutor.progress import open_store

    return open_store(ctx.obj["data_dir"], version=__version__)


@main.command()
@click.option("--plain", is_flag=True, help="Line by line on stdin/stdout instead of the screens.")
@click.option("--optimize", is_flag=True, help="Fit FSRS to your own review history and keep it.")
@click.option(
    "--new-per-day",
    type=click.IntRange(0, 500),
    help="New items the review queue introduces each day (default 10; kept as a setting).",
)
@click.option("--seed", type=click.IntRange(0), help="Fix every draw (for scripts and tests).")
@click.pass_context
def review(
    ctx: click.Context, plain: bool, optimize: bool, new_per_day: int | None, seed: int | None
) -> None:
    """Review what is due today (spaced repetition with FSRS), then a few new items a day."""
    from tutor.study.review import NEW_LIMIT_KEY

    if new_per_day is not None:
        store, _ = _store(ctx)
        store.put(NEW_LIMIT_KEY, new_per_day)
        store.close()
        click.echo(f"new items per day: {new_per_day}")
    if optimize:
        sys.exit(_optimize(ctx))
    if new_per_day is not None and not plain:
        return
    if not plain:
        sys.exit(_open_app(ctx, review=True, seed=seed))
    from tutor.plain.session import run_plain_review

    course = _load(ctx)
    store, notices = _store(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain_review(course, store, lang=ctx.obj["lang"], seed=seed)
    finally:
        store.close()
    sys.exit(code)


def _optimize(ctx: click.Context) -> int:
    from tutor.progress.cards import OPTIMIZER_MINIMUM, fit_parameters, optimizable_reviews

    store, _ = _store(ctx)
    try:
        logs = store.review_logs()
        counted = optimizable_reviews(logs)
        if counted < OPTIMIZER_MINIMUM:
            click.echo(
                f"{counted} of the {OPTIMIZER_MINIMUM} reviews FSRS needs to fit your own "
                f"parameters ({OPTIMIZER_MINIMUM - counted} more: reviews a day or more after a "
                "card's previous one). The default parameters stay in use."
            )
            return 0
        click.echo(f"fitting FSRS to {counted} reviews of {len({log.card_id for log in logs})} cards…")
        parameters = fit_parameters(logs)
        store.set_parameters(parameters)
        click.echo("personal parameters saved: " + ", ".join(f"{p:.4f}" for p in parameters))
        return 0
    finally:
        store.close()


@main.command()
@click.option("--questions", type=click.IntRange(1, 40), default=8, show_default=True)
@click.option(
    "--minutes", type=click.FloatRange(0.25, 30), default=3.0, show_default=True,
    help="Time for each question.",
)  # fmt: skip
@click.option("--plain", is_flag=True, help="Line by line on stdin/stdout instead of the screens.")
@click.option("--seed", type=click.IntRange(0), help="Fix every draw (for scripts and tests).")
@click.pass_context
def mock(ctx: click.Context, questions: int, minutes: float, plain: bool, seed: int | None) -> None:
    """A mock interview: recall questions and quick computations, timed, then a summary."""
    if not plain:
        sys.exit(_open_app(ctx, mock=(questions, minutes), seed=seed))
    from tutor.plain.session import run_plain_mock

    course = _load(ctx)
    store, notices = _store(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain_mock(
            course, store, lang=ctx.obj["lang"], questions=questions, minutes=minutes, seed=seed
        )
    finally:
        store.close()
    sys.exit(code)


@main.command()
@click.option(
    "--json", "as_json", is_flag=True,
    help="Lessons (with mastery), every attempt, every review card and mock interview, as JSON.",
)
@click.option("--csv", "as_csv", is_flag=True, help="One table as CSV (see --what).")
@click.option(
    "--what", type=click.Choice(["attempts", "cards", "mocks"]),
    help="With --csv: the attempts (the default), the review cards or the mock interviews.",
)  # fmt: skip
@click.pass_context
def progress(ctx: click.Context, as_json: bool, as_csv: bool, what: str | None) -> None:
    """What you have practised and how much of it you hold, per lesson.

    \b
    Mastery: the share of a lesson's questions whose FSRS recall probability now is ≥ 90%.
    Export for other tools (times in UTC, ISO 8601):
      --json              lessons, attempts, cards and mock interviews in one object
      --csv               every attempt
      --csv --what cards  every review card: due, state, stability, difficulty, reps
      --csv --what mocks  every mock interview: when, questions, score, time
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    if what is not None and not as_csv:
        raise click.UsageError("--what chooses the table of --csv")
    course = _load(ctx)
    store, notices = _store(ctx)
    if any(n.kind == "newer" for n in notices):
        raise click.ClickException(notices[0].message(ctx.obj["lang"]))
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        tables = _progress_tables(course, store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(tables, ensure_ascii=False, indent=2))
        return
    if as_csv:
        from tutor.progress.export import CARD_FIELDS, FIELDS, MOCK_FIELDS, to_csv

        fields = {"attempts": FIELDS, "cards": CARD_FIELDS, "mocks": MOCK_FIELDS}
        what = what or "attempts"
        click.echo(to_csv(tables[what], fields[what]), nl=False)
        return
    lang = ctx.obj["lang"]
    for n, row in enumerate(tables["lessons"], 1):
        accuracy = "—" if row["accuracy"] is None else f"{row['accuracy']:.0%}"
        last = row["last_practised"] or "—"
        click.echo(
            f"{n:2}. {row['id']:<20} mastery {row['mastery']:>4.0%}  "
            f"practised {row['practised']:>2}/{row['items']:<2} "
            f"attempts {row['attempts']:>4}  accuracy {accuracy:>4}  last {last}  "
            f"{row['title'][lang]}"
        )
    where = store.path or "memory (not saved)"
    click.echo(f"{len(tables['attempts'])} attempts, {len(tables['cards'])} cards in {where}")


def _progress_tables(course: Course, store: Store) -> dict[str, list[dict[str, object]]]:
    """What `progress` prints and exports: lessons, attempts, cards, mock interviews."""
    from collections import Counter
    from datetime import datetime

    from tutor.progress.export import attempt_row, card_row, mock_row
    from tutor.study.standing import lesson_progress, mastery

    now = datetime.now().astimezone()
    stats = store.lesson_stats()
    cards = store.cards()
    reps = Counter(log.card_id for log in store.review_logs())
    rows: list[dict[str, object]] = []
    for lesson in course.lessons:
        standing = lesson_progress(lesson, stats.get(lesson.id))
        last = standing.stats.last_at
        rows.append(
            {
                "id": lesson.id,
                "title": lesson.title.as_dict(),
                "items": standing.items,
                "practised": standing.practised,
                "solved": standing.solved,
                "attempts": standing.stats.attempts,
                "accuracy": standing.stats.accuracy,
                "seconds": round(standing.stats.seconds, 1),
                "last_practised": last.isoformat(timespec="seconds") if last else None,
                "mastery": round(mastery(lesson, cards, now), 4),
            }
        )
    return {
        "lessons": rows,
        "attempts": [attempt_row(a) for a in store.attempts()],
        "cards": [card_row(cards[q], reps[cards[q].card.card_id]) for q in sorted(cards)],
        "mocks": [mock_row(m) for m in reversed(store.mocks())],  # the first one first
    }


@main.command()
@click.argument("name", type=click.Choice(DEMO_NAMES))
@click.option(
    "--device",
    type=click.Choice(DEMO_DEVICES),
    default="auto",
    show_default=True,
    help="auto uses CUDA when available.",
)
@click.option("--quick", is_flag=True, help="A smaller, faster run.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the results.")
@click.option("--lang", "lang_", type=LANG_CHOICE, help="Language (default: the tutor's).")
@click.pass_context
def demo(
    ctx: click.Context, name: str, device: str, quick: bool, as_json: bool, lang_: str | None
) -> None:
    """Run a live demo headless: vanishing, bilstm, speed or clipping."""
    from tutor.demos.headless import run_headless

    lang = lang_ or ctx.obj["lang"]
    sys.exit(run_headless(name, device=device, quick=quick, as_json=as_json, lang=lang))


@main.group()
def export() -> None:
    """Export the course for other tools."""


@export.command("anki")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    "lang_",
    type=click.Choice(["zh", "en", "both"]),
    help="Language of the cards; both: zh, then en (default: the tutor's).",
)
@click.pass_context
def export_anki(ctx: click.Context, file: Path, lang_: str | None) -> None:
    """Write the choice and recall questions as an Anki deck (FILE.apkg).

    Re-importing a newer export into Anki updates the notes and keeps your reviews:
    every note's id comes from its question id.
    """
    from tutor.course.anki import ExportError, build_deck, write_apkg

    if not file.is_dir() and file.suffix.lower() != ".apkg":
        raise click.ClickException(f"{file} must end in .apkg (Anki imports .apkg files)")
    course = _load(ctx)
    try:
        deck = build_deck(course, lang_ or ctx.obj["lang"])
        write_apkg(deck, file)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    choice, recall = deck.count("choice"), deck.count("recall")
    click.echo(
        f"wrote {len(deck.notes)} notes ({choice} choice, {recall} recall) to {file}, "
        f"deck “{deck.name}”"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
