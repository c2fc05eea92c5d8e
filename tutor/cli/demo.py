"""`lstm-tutor demo NAME`: a live demo, headless."""

from __future__ import annotations

import sys

import click

from tutor.cli.common import LANG_CHOICE
from tutor.demos import DEVICES as DEMO_DEVICES
from tutor.demos import NAMES as DEMO_NAMES


@click.command()
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


