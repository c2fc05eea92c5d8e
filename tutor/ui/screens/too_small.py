"""Shown over everything while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.screens.base import Localized
from tutor.ui.strings import S


class TooSmallScreen(Localized, ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 100%; text-align: center; }
    """

    BINDINGS = [Binding("q", "app.quit", "Quit")]  # modal: the app's own q does not reach here

    def __init__(self, least: tuple[int, int]) -> None:
        super().__init__()
        self.least = least

    def compose(self) -> ComposeResult:
        width, height = self.least
        yield Static(S.too_small.format(w=width, h=height)(self.app.lang))
