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

import click

from tutor import __version__
from tutor.demos import DEVICES as DEMO_DEVICES
from tutor.demos import NAMES as DEMO_NAMES
from tutor.i18n import default_lang

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
@click.version_option(__version__, "-V", "--version", prog_name="lstm-tutor")
@click.pass_context
def main(ctx: click.Context, lang: str | None, content_root: Path | None) -> None:
    """A terminal tutor for LSTM / RNN interview questions.

    Without a command, opens the tutor: lessons, practice, review and demos.
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang or default_lang(os.environ)
    ctx.obj["content"] = content_root
    if ctx.invoked_subcommand is None:
        from tutor.ui.app import run_app

        sys.exit(run_app(lang=ctx.obj["lang"], content_root=content_root))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def lessons(ctx: click.Context, as_json: bool) -> None:
    """List the lessons with their titles and question counts."""
    from tutor.course import ContentError, load_course

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
    lang = ctx.obj["lang"]
    for n, row in enumerate(rows, 1):
        counts = ", ".join(f"{k} {v}" for k, v in sorted(row["questions"].items()))
        click.echo(f"{n:2}. {row['id']:<20} {row['title'][lang]}  ({counts or 'no questions'})")


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
        by_lesson: dict[str, list[str]] = {}
        for generator in REGISTRY.values():
            levels = ",".join(map(str, generator.difficulties))
            line = f"  {generator.describe(lang)}  [difficulty {levels}]"
            by_lesson.setdefault(generator.lesson, []).append(line)
        from tutor.course import read_course

        order = [lesson.id for lesson in read_course()[0].lessons]
        for lesson in sorted(by_lesson, key=lambda k: order.index(k) if k in order else len(order)):
            click.echo(lesson)
            click.echo("\n".join(by_lesson[lesson]))
        return
    if name not in REGISTRY:
        raise click.BadParameter(f"unknown generator {name!r}; see --list", param_hint="NAME")
    try:
        drawn = generate(name, seed, difficulty)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--difficulty") from exc
    width = shutil.get_terminal_size().columns  # COLUMNS, else the terminal's, else 80
    click.echo(render_exercise(drawn, lang, solution=solution, width=width))


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
def demo(name: str, device: str, quick: bool, as_json: bool) -> None:
    """Run a live demo headless: vanishing, bilstm, speed or clipping."""
    from tutor.demos.headless import run_headless

    sys.exit(run_headless(name, device=device, quick=quick, as_json=as_json))


if __name__ == "__main__":  # pragma: no cover
    main()
