"""One results table of a demo run, in the learner's language, filled in as rows arrive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from tutor.demos.labels import column
from tutor.demos.record import format_cell
from tutor.i18n import Lang


def is_number(value: Any) -> bool:
    """Numbers are right-aligned; text and yes / no are not."""
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


class DemoResults(DataTable):
    """Shows the rows of one table; ``show`` again with more rows appends only the new ones."""

    DEFAULT_CSS = """
    DemoResults {
        height: 1fr;
        border: round $panel-lighten-2;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, zebra_stripes=True, cursor_type="row")
        self._shown: tuple[str, Lang, tuple[str, ...]] | None = None

    def show(
        self, name: str, title: str, rows: Sequence[Mapping[str, Any]], lang: Lang, hide: set[str]
    ) -> None:
        """Rows of table ``name``; columns in ``hide`` are left out (headless keeps them)."""
        keys = tuple(key for key in (rows[0] if rows else ()) if key not in hide)
        if self._shown != (name, lang, keys):
            self.clear(columns=True)
            self._shown = (name, lang, keys)
            for key in keys:
                numeric = is_number(rows[0][key])
                header = Text(column(key)(lang), justify="right" if numeric else "left")
                self.add_column(header, key=key)
        self.border_title = title
        for row in rows[self.row_count :]:
            cells = []
            for key in keys:
                numeric = is_number(row.get(key))
                text = format_cell(key, row.get(key), lang)
                cells.append(Text(text, justify="right" if numeric else "left"))
            self.add_row(*cells)
