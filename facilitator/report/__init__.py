"""The session report: the report model gathered from a workshop's state, its one layout, and
its export formats (Markdown and HTML from the layout, and JSON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .colours import PARTY_COLOURS, party_colours
    from .export import export_report, render, write_export
    from .formats import EXPORT_FORMATS, FORMATS, ExportFormat
    from .layout import time_used
    from .model import (
        Report,
        airtime_shares,
        build_report,
        report_of_session,
        report_of_workshop,
    )

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "PARTY_COLOURS",
    "ExportFormat",
    "Report",
    "airtime_shares",
    "build_report",
    "export_report",
    "party_colours",
    "render",
    "report_of_session",
    "report_of_workshop",
    "time_used",
    "write_export",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "EXPORT_FORMATS": "formats",
        "FORMATS": "formats",
        "ExportFormat": "formats",
        "PARTY_COLOURS": "colours",
        "Report": "model",
        "airtime_shares": "model",
        "build_report": "model",
        "export_report": "export",
        "party_colours": "colours",
        "render": "export",
        "report_of_session": "model",
        "report_of_workshop": "model",
        "time_used": "layout",
        "write_export": "export",
    },
)
