"""The export formats, declared once: the CLI's `--format` choices, the export dialog's buttons
and the report's renderers all read this table.

It imports nothing heavy, so the CLI can name the choices without loading a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    name: str
    """The word `--format` takes, the dialog's answer, and the exported file's suffix."""
    title: str
    """What the format is called on screen ("Markdown")."""
    use: str
    """What it is for, in a few words."""


MARKDOWN = ExportFormat("md", "Markdown", "for a wiki or an e-mail")
HTML = ExportFormat("html", "HTML", "one page to print or share")
JSON = ExportFormat("json", "JSON", "for other tools")

EXPORT_FORMATS = (MARKDOWN, HTML, JSON)
"""In the order they are offered; the first is the default."""
FORMATS = tuple(export_format.name for export_format in EXPORT_FORMATS)
