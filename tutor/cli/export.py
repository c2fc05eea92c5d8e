"""`lstm-tutor export anki FILE.apkg`: the course's questions as an Anki deck."""

from __future__ import annotations

from pathlib import Path

import click

from tutor.cli.common import load


@click.group()
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
    course = load(ctx)
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


