"""The session report: the report model gathered from a workshop's state, and its Markdown,
HTML and JSON exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .export import export_report, render, time_used, write_export
    from .model import Report, build_report, report_of_session

__all__ = [
    "Report",
    "build_report",
    "export_report",
    "render",
    "report_of_session",
    "time_used",
    "write_export",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Report": "model",
        "build_report": "model",
        "export_report": "export",
        "render": "export",
        "report_of_session": "model",
        "time_used": "export",
        "write_export": "export",
    },
)
