"""The results tables of a demo run, filled in row by row as results arrive."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.containers import VerticalScroll
from textual.widgets import DataTable

from tutor.demos.record import format_cell


class DemoResults(VerticalScroll):
    """One DataTable per results table the demo reports (most demos have one)."""

    DEFAULT_CSS = """
    DemoResults {
        height: 12;
    }
    DemoResults > DataTable {
        height: auto;
        max-height: 12;
        border: round $panel-lighten-2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tables: dict[str, tuple[DataTable, list[str]]] = {}

    def clear(self) -> None:
        self._tables.clear()
        self.remove_children()

    def add_row(self, table: str, row: Mapping[str, Any]) -> None:
        if table not in self._tables:
            grid: DataTable = DataTable(zebra_stripes=True, cursor_type="row")
            grid.border_title = table
            keys = list(row)
            grid.add_columns(*keys)
            self._tables[table] = (grid, keys)
            self.mount(grid)
        grid, keys = self._tables[table]
        grid.add_row(*(format_cell(key, row.get(key)) for key in keys))

    @property
    def row_count(self) -> int:
        return sum(grid.row_count for grid, _ in self._tables.values())
