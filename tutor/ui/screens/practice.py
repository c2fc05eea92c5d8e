"""Practice: one item at a time, answered and checked in place, each attempt saved at once.

The screen gets its session (tutor.study.practice.Practice) through its constructor and
does everything through it; the widgets only display and post messages. While a box has
the focus the keys type into it; Escape leaves the box, and then h, s, n, a, t, r, 1–4
and → work (the footer shows only the keys that work at the moment).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static, TextArea

from tutor.answers import preview
from tutor.course.markdown import render_prose
from tutor.exercises.view import view
from tutor.i18n import Lang, Text
from tutor.study.grading import OUTCOME_NAMES, Checked
from tutor.study.items import Item
from tutor.study.practice import Practice, Reveal
from tutor.study.recall import RATINGS
from tutor.ui.markup import escape, prose
from tutor.ui.screens.base import Localized
from tutor.ui.strings import S
from tutor.ui.widgets.answer_cells import AnswerCell, AnswerGrid, CellSpec
from tutor.ui.widgets.choice import ChoiceList
from tutor.ui.widgets.key_scroll import KeyScroll
from tutor.ui.widgets.recall import RecallPane


class PracticeScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("right,space", "next", "Next", key_display="→"),
        Binding("h", "hint", "Hint"),
        Binding("s", "solution", "Solution"),
        Binding("n", "new_numbers", "New numbers"),
        Binding("t", "try_again", "Try again"),
        Binding("a", "show_answer", "Answer"),
        Binding("r", "reveal", "Reveal"),
        Binding("p", "again", "Practise", show=False),
        *(Binding(str(n), f"rate({n})", show=False) for n in RATINGS),
        Binding("enter", "enter", show=False),
    ]

    DEFAULT_CSS = """
    PracticeScreen #practice-header { padding: 0 2; height: 1; text-style: bold; color: $accent; }
    PracticeScreen #practice-status { padding: 0 2; height: 1; }
    PracticeScreen #practice-position { width: auto; padding-right: 2; }
    PracticeScreen #practice-progress { width: 1fr; }
    PracticeScreen #practice-progress Bar { width: 1fr; }
    PracticeScreen #practice-body { padding: 0 2; height: 1fr; }
    PracticeScreen #item-heading { color: $text-muted; padding-top: 1; }
    PracticeScreen #item-prompt { padding: 1 0; }
    PracticeScreen #item-givens { padding-bottom: 1; }
    PracticeScreen #item-feedback, PracticeScreen #item-hints, PracticeScreen #item-solution {
        height: auto; padding-top: 1;
    }
    PracticeScreen #item-keys { color: $text-muted; padding-top: 1; }
    """

    def __init__(self, practice: Practice, title: Text, *, start_at: int = 0) -> None:
        super().__init__()
        self.practice = practice
        self.title_text = title
        self._start_at = start_at
        self._checked: Checked | None = None
        self._reveal: Reveal | None = None
        self._rating: int | None = None
        self._solution_shown = False
        self._answer_shown = False
        self._checking = False
        self._chosen = ""

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="practice-header")
        with Horizontal(id="practice-status"):
            yield Static(id="practice-position")
            yield ProgressBar(id="practice-progress", show_eta=False, show_percentage=False)
        yield KeyScroll(id="practice-body", can_focus=True)  # every ↓ counts
        yield Footer()

    async def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.practice.start(self._start_at)
        await self._draw_item()

    async def _relabel(self, _lang: Lang) -> None:
        await self._draw_item(keep_values=True)

    @property
    def lang(self) -> Lang:
        return self.app.lang

    @property
    def item(self) -> Item | None:
        return self.practice.item

    async def _draw_item(self, *, keep_values: bool = False) -> None:
        """Lay out the current item (or the summary) from the session's state."""
        values = self._grid_values() if keep_values else {}
        recall_text = self._recall_text() if keep_values else ""
        body = self.query_one("#practice-body", VerticalScroll)
        await body.remove_children()
        self._show_header()
        item = self.item
        if item is None:
            await body.mount(Static(self.summary_markup(), id="practice-summary"))
            body.focus()
            self.refresh_bindings()
            return
        lang = self.lang
        widgets: list[Static | AnswerGrid | ChoiceList | RecallPane] = [
            Static(self._heading(item), id="item-heading"),
        ]
        if item.kind == "answer":
            assert item.exercise is not None
            layout = view(item.exercise)
            widgets.append(Static(prose(layout.prompt(lang)), id="item-prompt"))
            if layout.givens:
                rows = [f"  {escape(g.label)} = {escape(g.value)}" for g in layout.givens]
                widgets.append(
                    Static(f"{S.practice_given(lang)}\n" + "\n".join(rows), id="item-givens")
                )
            specs = [
                CellSpec(c.name, c.label, c.ask, tuple(sym.typed for sym in c.symbols))
                for c in layout.cells
            ]
            symbols = [sym for c in layout.cells for sym in c.symbols]
            if symbols:
                shown = ", ".join(
                    f"{s.shown} = {s.typed}" if s.shown != s.typed else s.typed
                    for s in dict.fromkeys(symbols)
                )
                widgets.append(Static(f"[dim]{escape(S.practice_symbols.format(symbols=shown)(lang))}[/dim]"))
            widgets.append(AnswerGrid(specs, lang, values))
        else:
            widgets.append(Static(prose(item.question.prompt(lang)), id="item-prompt"))
            if item.kind == "choice":
                choices = ChoiceList(item.question, lang)
                widgets.append(choices)
            else:
                widgets.append(RecallPane(lang, recall_text))
        widgets += [
            Static("", id="item-feedback"),
            Static("", id="item-hints"),
            Static("", id="item-solution"),
            Static("", id="item-keys"),
        ]
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        self._after_render()
        # focus once every nested child is mounted (a cell's box may not be yet)
        self.call_after_refresh(self._focus_item, item)

    def _after_render(self) -> None:
        """Fill the item's widgets from the session's state (after a redraw or a switch of
        language): previews, verdicts, the revealed points, hints and the solution."""
        item = self.item
        if item is None:
            return
        if item.kind == "choice":
            if self._checked is not None:  # re-drawn after a language switch
                self.query_one(ChoiceList).show_answered(self._chosen)
        elif item.kind == "recall":
            if self._reveal is not None:
                self.query_one(RecallPane).show_points(self._points(), self._rated_text())
        else:
            grid = self.query_one(AnswerGrid)
            for cell in grid.cells:
                self._preview(cell)
            if self._checked is not None:
                self._show_verdicts(self._checked)
        self._show_hints()
        self._show_solution()
        self._show_keys()
        self.refresh_bindings()

    def _focus_item(self, drawn: Item | None) -> None:
        """Where the keys go: the box to type in, the options, or the screen itself (unless
        another item has been drawn since `drawn` asked for it)."""
        item = self.item
        if item is None or item is not drawn or not self.is_mounted:
            return
        body = self.query_one("#practice-body")
        if item.kind == "choice":
            self.query_one(ChoiceList).focus()
        elif item.kind == "recall":
            if self._reveal is None:
                self.query_one(RecallPane).area.focus()
            else:
                body.focus()
        elif self._checked is None or self._checked.outcome is None:
            self.query_one(AnswerGrid).focus_cell()
        else:
            body.focus()

    def _heading(self, item: Item) -> str:
        lang = self.lang
        kind = {"choice": S.kind_choice, "recall": S.kind_recall}.get(item.kind, S.kind_answer)
        if item.exercise is not None and len(item.exercise.cells) > 1:
            kind = S.kind_worksheet
        parts = [kind(lang)]
        if item.generated:
            assert item.exercise is not None
            parts.append(S.level.format(n=item.exercise.difficulty)(lang))
            framing = render_prose(item.question.prompt(lang))
            if framing:
                parts.append(framing)
        return escape(" · ".join(parts))

    def position_text(self) -> str:
        """"4 / 22 · 3 correct" (a review says how many are left, a mock the time left)."""
        practice = self.practice
        total = len(practice.slots)
        at = min(practice.position + 1, total)
        return S.practice_position.format(at=at, total=total, correct=practice.correct)(self.lang)

    def _show_header(self) -> None:
        practice = self.practice
        total = len(practice.slots)
        saved = "" if practice.store.saving else f"  {S.practice_not_saved(self.lang)}"
        self.query_one("#practice-header", Static).update(escape(self.title_text(self.lang)))
        self.query_one("#practice-position", Static).update(escape(self.position_text() + saved))
        bar = self.query_one("#practice-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=practice.position if not practice.done else total)

    def summary_markup(self) -> str:
        """What the screen shows once every item has been through (markup)."""
        summary = self.practice.summary()
        done = S.practice_done.format(
            items=summary.items,
            answered=summary.answered,
            correct=summary.correct,
            minutes=round(summary.seconds / 60),
        )
        return f"\n[b]{escape(done(self.lang))}[/b]\n\n{S.practice_done_keys(self.lang)}"

    # --- typed answers ---------------------------------------------------------------------

    def _grid_values(self) -> dict[str, str]:
        grids = self.query(AnswerGrid)
        return grids.first().values() if grids else {}

    def _recall_text(self) -> str:
        panes = self.query(RecallPane)
        return panes.first().text if panes else ""

    @on(AnswerGrid.Edited)
    def _edited(self, message: AnswerGrid.Edited) -> None:
        self._preview(message.cell)

    def _preview(self, cell: AnswerCell) -> None:
        text = cell.value
        if not text.strip():
            cell.show_line("")
            return
        shown = preview(text, symbols=cell.spec.symbols, lang=self.lang)
        if shown.ok:
            cell.show_line(f"⇒ {escape(shown.text)}")
        else:
            cell.show_line(escape(shown.text), "invalid")

    @on(AnswerGrid.Check)
    def _check(self) -> None:
        item = self.item
        if item is None or item.exercise is None or self._checking:
            return
        values = self._grid_values()
        if item.needs_symbolic:  # may wait for sympy: never on the UI thread
            self._checking = True
            self.query_one("#item-feedback", Static).update(S.practice_checking(self.lang))
            self._check_in_thread(values)
        else:
            self._checked_now(self.practice.submit(values))

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _check_in_thread(self, values: dict[str, str]) -> None:
        checked = self.practice.submit(values)
        self.app.call_from_thread(self._checked_now, checked)

    def _checked_now(self, checked: Checked) -> None:
        self._checking = False
        self._checked = checked
        self._show_verdicts(checked)
        self._show_header()
        if checked.counted:
            self.query_one("#practice-body").focus()
        else:  # keep typing: focus the first cell that was not understood
            bad = next(n for n, r in checked.cells.items() if r.verdict.outcome == "invalid")
            self.query_one(AnswerGrid).focus_cell(bad)
        self._show_keys()
        self.refresh_bindings()

    def _show_verdicts(self, checked: Checked) -> None:
        lang = self.lang
        grid = self.query_one(AnswerGrid)
        for name, result in checked.cells.items():
            verdict = result.verdict
            text = OUTCOME_NAMES[verdict.outcome](lang)
            if verdict.outcome == "partial":
                text += f" · {S.score.format(score=verdict.score)(lang)}"
            if result.carried_forward:
                text += f" {S.practice_carried(lang)}"
            detail = verdict.feedback(lang)
            line = escape(text) + (f"\n{escape(detail)}" if detail and verdict.outcome != "correct" else "")
            grid.cell(name).show_line(line, verdict.outcome)
        feedback = ""
        if checked.outcome is not None and len(checked.cells) > 1:
            feedback = f"{OUTCOME_NAMES[checked.outcome](lang)} · {S.score.format(score=checked.score)(lang)}"
        self.query_one("#item-feedback", Static).update(escape(feedback))

    # --- choices and recall ----------------------------------------------------------------

    @on(ChoiceList.Chosen)
    def _chosen_option(self, message: ChoiceList.Chosen) -> None:
        self._chosen = message.option_id
        checked = self.practice.choose(message.option_id)
        self._checked = checked
        outcome = OUTCOME_NAMES[checked.outcome or "invalid"](self.lang)
        self.query_one("#item-feedback", Static).update(escape(outcome))
        self._show_header()
        self._show_keys()
        self.refresh_bindings()

    @on(RecallPane.RevealAsked)
    def _reveal_asked(self, message: RecallPane.RevealAsked) -> None:
        self._reveal_with(message.text)

    def _reveal_with(self, text: str) -> None:
        self._reveal = self.practice.reveal(text)
        self.query_one(RecallPane).show_points(self._points())
        body = self.query_one("#practice-body", VerticalScroll)
        body.focus()
        self.call_after_refresh(body.scroll_end, animate=False)  # down to the rating keys
        self._show_keys()
        self.refresh_bindings()

    def _points(self) -> list[tuple[str, bool]]:
        assert self._reveal is not None
        return [(p(self.lang), hit) for p, hit in zip(self._reveal.points, self._reveal.covered, strict=True)]

    def _rated_text(self) -> str | None:
        if self._rating is None:
            return None
        return S.recall_rated.format(rating=RATINGS[self._rating])(self.lang)

    # --- help: hints, the worked solution, the expected answer -----------------------------

    def _show_hints(self) -> None:
        if self.item is None:
            return
        shown = self.practice.hints_shown
        total = len(self.item.hints)
        lines = [
            f"[b]{S.practice_hint.format(n=n, total=total)(self.lang)}[/b]{prose(h(self.lang))}"
            for n, h in enumerate(shown, 1)
        ]
        self.query_one("#item-hints", Static).update("\n".join(lines))

    def _show_solution(self) -> None:
        item = self.item
        if item is None:
            return
        lines: list[str] = []
        lang = self.lang
        if self._solution_shown:
            steps = view(item.exercise).solution if item.exercise is not None else ()
            if steps:
                lines.append(f"[b]{S.practice_solution(lang)}[/b]")
                for n, step in enumerate(steps, 1):
                    tail = f"  →  {step.result}" if step.result else ""
                    lines.append(f" {n}. {escape(step.text(lang))}{escape(tail)}")
            else:
                lines.append(S.practice_no_solution(lang))
        if self._answer_shown and item.exercise is not None:
            layout = view(item.exercise)
            lines.append(f"[b]{S.practice_expected(lang)}[/b]")
            for cell in layout.cells:
                label = cell.label or S.practice_answer(lang)
                lines.append(f"  {escape(label)} = {escape(layout.answers[cell.name])}")
        state = self.practice.state
        if lines and state is not None and state.solution_shown and not state.solved:
            lines.append(f"[dim]{S.practice_solution_note(lang)}[/dim]")
        self.query_one("#item-solution", Static).update("\n".join(lines))

    def _show_keys(self) -> None:
        item = self.item
        text = ""
        if item is not None and item.kind == "answer":
            keys = S.practice_keys_generated if item.generated else S.practice_keys_static
            text = keys(self.lang)
        elif item is not None and item.kind == "choice" and self._checked is None:
            text = S.practice_keys_choice(self.lang)
        self.query_one("#item-keys", Static).update(f"[dim]{escape(text)}[/dim]")

    # --- keys ------------------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input | TextArea)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something now are live (and shown in the footer)."""
        item, state = self.item, self.practice.state
        if action in ("leave", "enter"):
            return True
        if action == "next":
            return item is not None
        if action == "again":
            return item is None
        if item is None or state is None or self._typing():
            return False
        counted = self._checked is not None and self._checked.counted
        match action:
            case "hint":
                return state.hints_used < len(item.hints)
            case "solution":
                return item.generated and not self._solution_shown
            case "new_numbers":
                return item.generated
            case "try_again":
                return item.kind == "answer" and counted and self._checked.outcome != "correct"  # type: ignore[union-attr]
            case "show_answer":
                return item.kind == "answer" and counted and not self._answer_shown
            case "reveal":
                return item.kind == "recall" and self._reveal is None
            case "rate":
                return item.kind == "recall" and self._reveal is not None and self._rating is None
        return True

    def action_leave(self) -> None:
        """Escape: out of the box being typed in; else back to where practice started."""
        if self._typing():
            self.query_one("#practice-body").focus()
            return
        self.dismiss()

    async def action_enter(self) -> None:
        """Enter outside a box: the next item once answered, else back to typing."""
        item = self.item
        if item is None:
            self.dismiss()
        elif (self._checked is not None and self._checked.counted) or self._rating is not None:
            await self.action_next()
        elif item.kind == "answer":
            self.query_one(AnswerGrid).focus_cell()
        elif item.kind == "recall" and self._reveal is None:
            self.query_one(RecallPane).area.focus()

    def action_hint(self) -> None:
        if self.practice.hint() is None:
            self.notify(S.practice_no_hints(self.lang))
        self._show_hints()
        self.refresh_bindings()

    def action_solution(self) -> None:
        self.practice.solution()
        self._solution_shown = True
        self._show_solution()
        self.refresh_bindings()

    def action_show_answer(self) -> None:
        self.practice.expected()
        self._answer_shown = True
        self._show_solution()
        self.refresh_bindings()

    def action_try_again(self) -> None:
        checked = self._checked
        self._checked = None
        grid = self.query_one(AnswerGrid)
        wrong = [n for n, r in (checked.cells.items() if checked else ()) if r.verdict.outcome != "correct"]
        for cell in grid.cells:
            self._preview(cell)
        self.query_one("#item-feedback", Static).update("")
        grid.focus_cell(wrong[0] if wrong else None)
        self.refresh_bindings()

    def action_reveal(self) -> None:
        self._reveal_with(self._recall_text())

    def action_rate(self, rating: int) -> None:
        self.practice.rate(rating)
        self._rating = rating
        self.query_one(RecallPane).show_points(self._points(), self._rated_text())
        self._show_header()
        self.refresh_bindings()

    async def action_new_numbers(self) -> None:
        self._reset_item_state()
        self.practice.new_numbers()
        await self._draw_item()

    async def action_next(self) -> None:
        self._reset_item_state()
        if self.practice.next() is None:
            self.finished()
        await self._draw_item()

    def finished(self) -> None:
        """Called once the last item has been left (a mock saves its result here)."""

    async def action_again(self) -> None:
        self._reset_item_state()
        self.practice.results.clear()
        self.practice.start(0)
        await self._draw_item()

    def _reset_item_state(self) -> None:
        self._checked = None
        self._reveal = None
        self._rating = None
        self._solution_shown = False
        self._answer_shown = False
        self._chosen = ""
