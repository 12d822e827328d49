"""A DataTable that redraws its rows once their columns have been measured.

Textual's DataTable measures the cells of new rows when it next idles (`_update_dimensions`),
and widens its columns then, but the key of its row and line caches (`_update_count`) stays the
same. A frame painted between `add_row` and that idle caches every row at the columns' label
widths ("Is t", "bund"), and the cache keeps serving them until something else changes the key
(a cursor move, a resize). A terminal resized just after the app starts paints exactly then:
its layout refresh runs before the table idles. So after measuring, this table drops its caches
and repaints.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class MeasuredTable(DataTable[object]):
    # Textual privates (`_update_dimensions`, `_clear_caches`), fenced in
    # tests/functional/test_textual_privates.py.
    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
        self.refresh()


class RowTable(MeasuredTable):
    """A list of rows chosen one at a time, each row keyed by a string (a path): the bank and
    session lists of the home, banks and library screens."""

    def __init__(self, *columns: str, id: str) -> None:
        """`columns`: the headings, or none for a table whose columns come with its rows."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.add_columns(*columns)

    def selected_key(self) -> str | None:
        """The key of the row under the cursor; None while the table is empty."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
