"""The keys, in the learner's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.strings import HELP_KEYS, t

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    app: TutorApp

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        rows = "\n".join(f"[b]{key:<12}[/b] {what}" for key, what in HELP_KEYS[lang])
        with Vertical(id="help"):
            yield Static(f"[b]{t('help_title', lang)}[/b]\n")
            yield Static(rows)
            yield Static(f"\n[dim]{t('help_close', lang)}[/dim]")
