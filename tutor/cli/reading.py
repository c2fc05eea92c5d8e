"""Commands for reading and authoring: lessons, content check, printed exercises."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from tutor.cli.common import LANG_CHOICE
from tutor.i18n import Lang


@click.command()
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


@click.group()
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


@click.command()
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


