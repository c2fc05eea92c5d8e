"""Typed answers: one labelled input per cell, a live preview under each, then its verdict.

The widgets only display and post messages; the screen grades through tutor.study.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tutor.i18n import Lang, Text
from tutor.ui.markup import escape
from tutor.ui.strings import S
from tutor.ui.widgets.ordered_keys import OrderedKeys


@dataclass(frozen=True)
class CellSpec:
    """What a cell needs to be laid out: its name, label, what is asked, how to type it."""

    name: str
    label: str  # terminal text (fₜ, ∂L/∂Cₜ); "" for a question's single answer
    ask: Text  # "4 decimals", "a whole number", "an expression in o, C"
    symbols: tuple[str, ...] = ()  # names the preview accepts (an expression cell)


class CellInput(OrderedKeys, Input):
    """An answer box; ↑ and ↓ move to the cell above or below, as Tab and Shift+Tab do."""

    BINDINGS = [
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]


class AnswerCell(Vertical):
    """Label, input, and one line under it: the preview while typing, the verdict after."""

    DEFAULT_CSS = """
    AnswerCell { height: auto; margin-bottom: 1; }
    AnswerCell > Horizontal { height: auto; }
    AnswerCell .cell-label { width: auto; min-width: 6; max-width: 24; padding-right: 1; }
    AnswerCell CellInput, AnswerCell CellInput:focus {
        width: 1fr; height: 1; border: none; padding: 0 1;
    }
    AnswerCell CellInput:focus { background: $primary 30%; }
    AnswerCell .cell-ask { width: auto; color: $text-muted; padding-left: 1; }
    AnswerCell .cell-line { color: $text-muted; padding-left: 2; }
    AnswerCell .cell-line.invalid { color: $warning; }
    AnswerCell .cell-line.correct { color: $success; }
    AnswerCell .cell-line.incorrect, AnswerCell .cell-line.partial { color: $error; }
    """

    def __init__(self, spec: CellSpec, lang: Lang, value: str = "") -> None:
        super().__init__(id=f"cell-{spec.name}")
        self.spec = spec
        self.lang = lang
        # made here, not in compose: the screen reads and writes them as soon as it has
        # mounted the grid, which may be before this cell's own children are mounted
        self.input = CellInput(value=value, id=f"input-{spec.name}")
        self.line = Static("", classes="cell-line")  # the preview, then the verdict

    def compose(self) -> ComposeResult:
        label = self.spec.label or S.practice_answer(self.lang)
        with Horizontal():
            yield Static(f"{escape(label)} =", classes="cell-label")
            yield self.input
            yield Static(escape(S.cell_ask.format(ask=self.spec.ask)(self.lang)), classes="cell-ask")
        yield self.line

    @property
    def value(self) -> str:
        return self.input.value

    def show_line(self, text: str, kind: str = "") -> None:
        """Show the preview (kind "") or a verdict ("correct", "invalid", …) under the input."""
        line = self.line
        line.update(text)
        for name in ("invalid", "correct", "incorrect", "partial"):
            line.set_class(name == kind, name)


class AnswerGrid(Vertical):
    """All the cells of an item. Enter checks when every cell has something in it; before
    that it moves to the next empty cell."""

    DEFAULT_CSS = """
    AnswerGrid { height: auto; }
    """

    class Check(Message):
        """The learner asked for the answers to be checked."""

    class Edited(Message):
        """A cell's text changed (the screen refreshes its preview)."""

        def __init__(self, cell: AnswerCell) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, specs: list[CellSpec], lang: Lang, values: dict[str, str]) -> None:
        super().__init__(id="answer-grid")
        self.specs = specs
        self.lang = lang
        # made here so that the screen finds them however far their mounting has got
        self._cells = [AnswerCell(spec, lang, values.get(spec.name, "")) for spec in specs]

    def compose(self) -> ComposeResult:
        yield from self._cells

    @property
    def cells(self) -> list[AnswerCell]:
        return list(self._cells)

    def values(self) -> dict[str, str]:
        return {cell.spec.name: cell.value for cell in self.cells}

    def cell(self, name: str) -> AnswerCell:
        return next(cell for cell in self._cells if cell.spec.name == name)

    def focus_cell(self, name: str | None = None) -> None:
        """Focus a cell: the one named, else the first empty one, else the first."""
        cells = self.cells
        if not cells:
            return
        target = next((c for c in cells if c.spec.name == name), None)
        target = target or next((c for c in cells if not c.value.strip()), cells[0])
        target.input.focus()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        cell = next((c for c in self.cells if c.input is event.input), None)
        if cell is not None:
            self.post_message(self.Edited(cell))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        empty = [c for c in self.cells if not c.value.strip()]
        if empty and any(c.input is event.input for c in self.cells) and event.value.strip():
            empty[0].input.focus()  # fill the sheet first: Enter moves on
            return
        self.post_message(self.Check())
