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
