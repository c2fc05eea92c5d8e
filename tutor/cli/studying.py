"""Commands for studying: practice (quiz), review, mock interviews, progress."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from tutor.cli.common import lesson_id, load, open_app, store_of

if TYPE_CHECKING:
    from tutor.course import Course
    from tutor.progress import Store


@click.command()
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
    course = load(ctx)
    if lesson is None:
        store, _ = store_of(ctx)
        resume = store.get("resume") or {}
        store.close()
        known = {item.id for item in course.lessons}
        lesson = resume.get("lesson") if resume.get("lesson") in known else course.lessons[0].id
    chosen = lesson_id(course, lesson)
    if not plain:
        sys.exit(open_app(ctx, practise=chosen, seed=seed))
    from tutor.plain.session import Terminal, run_plain

    store, notices = store_of(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain(course, chosen, Terminal(store, ctx.obj["lang"], seed))
    finally:
        store.close()
    sys.exit(code)


@click.command()
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
        store, _ = store_of(ctx)
        store.put(NEW_LIMIT_KEY, new_per_day)
        store.close()
        click.echo(f"new items per day: {new_per_day}")
    if optimize:
        sys.exit(_optimize(ctx))
    if new_per_day is not None and not plain:
        return
    if not plain:
        sys.exit(open_app(ctx, review=True, seed=seed))
    from tutor.plain.session import Terminal, run_plain_review

    course = load(ctx)
    store, notices = store_of(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain_review(course, Terminal(store, ctx.obj["lang"], seed))
    finally:
        store.close()
    sys.exit(code)


def _optimize(ctx: click.Context) -> int:
    from tutor.progress.cards import OPTIMIZER_MINIMUM, fit_parameters, optimizable_reviews

    store, _ = store_of(ctx)
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


@click.command()
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
        sys.exit(open_app(ctx, mock=(questions, minutes), seed=seed))
    from tutor.plain.session import Terminal, run_plain_mock

    course = load(ctx)
    store, notices = store_of(ctx)
    for notice in notices:
        click.echo(notice.message(ctx.obj["lang"]), err=True)
    try:
        code = run_plain_mock(
            course, Terminal(store, ctx.obj["lang"], seed), questions=questions, minutes=minutes
        )
    finally:
        store.close()
    sys.exit(code)


@click.command()
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
    course = load(ctx)
    store, notices = store_of(ctx)
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


