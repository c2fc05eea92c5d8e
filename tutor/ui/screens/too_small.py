"""Shown over everything while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.strings import t

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 100%; text-align: center; }
    """

    BINDINGS = [Binding("q", "app.quit", "Quit")]  # modal: the app's own q does not reach here

    app: TutorApp

    def compose(self) -> ComposeResult:
        width, height = self.app.MIN_SIZE
        yield Static(t("too_small", self.app.lang, w=width, h=height))
