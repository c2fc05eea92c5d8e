"""A recall card: a box to write an answer in (or just think it through), then the key
points with those the answer covers ticked, then a self-rating."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from tutor.i18n import Lang
from tutor.ui.markup import escape, prose
from tutor.ui.strings import S
from tutor.ui.widgets.ordered_keys import OrderedKeys


class RecallArea(OrderedKeys, TextArea):
    """The box a recall answer is written in (its editing keys keep their order)."""


class RecallPane(Vertical):
    DEFAULT_CSS = """
    RecallPane { height: auto; }
    RecallPane TextArea { height: 6; }
    RecallPane #recall-reveal { margin-top: 1; }
    RecallPane #recall-points { margin-top: 1; }
    RecallPane #recall-written { height: auto; }
    """

    class RevealAsked(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, lang: Lang, text: str = "") -> None:
        super().__init__(id="recall")
        self.lang = lang
        # made here, not in compose: the screen may fill them before they are mounted
        self._help = Static(f"[dim]{escape(S.recall_write(lang))}[/dim]", id="recall-help")
        self.area = RecallArea(text, id="recall-text", soft_wrap=True, tab_behavior="focus")
        self._written = Static("", id="recall-written")
        self._button = Button(S.recall_reveal(lang), id="recall-reveal", variant="primary")
        self._points = Static("", id="recall-points")

    def compose(self) -> ComposeResult:
        yield from (self._help, self.area, self._written, self._button, self._points)

    @property
    def text(self) -> str:
        return self.area.text

    @on(Button.Pressed, "#recall-reveal")
    def _reveal(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RevealAsked(self.text))

    def show_points(self, points: list[tuple[str, bool]], rated: str | None = None) -> None:
        """The key points, ✓ for those the answer covers; then the rating keys or the rating."""
        lines = [f"[b]{escape(S.recall_points(self.lang))}[/b]"]
        for point, hit in points:
            mark = "[green]✓[/green]" if hit else "[dim]·[/dim]"
            lines.append(f" {mark} {prose(point)}")
        covered = sum(hit for _, hit in points)
        lines.append(
            f"[dim]{escape(S.recall_covered.format(n=covered, total=len(points))(self.lang))}[/dim]"
        )
        lines.append("")
        lines.append(rated or S.recall_rate(self.lang))
        self._points.update("\n".join(lines))
        written = self.area.text.strip()
        # what was written stays in view, compact, above the points it is compared with
        self._written.update(
            f"[dim]{escape(S.recall_yours(self.lang))}[/dim] {escape(written)}" if written else ""
        )
        self.area.display = False
        self._help.display = False
        self._button.display = False
