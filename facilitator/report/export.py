"""The session report rendered in each export format (Markdown and HTML from the one layout in
`layout`, JSON from the plain data), and written to a file atomically.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from ..base.atomic import make_private_dir, write_atomic
from ..base.errors import FacilitatorError
from ..base.locations import exports_dir
from ..base.text import UNSAFE
from .formats import FORMATS, HTML, JSON, MARKDOWN
from .html_markup import to_html
from .markdown_markup import to_markdown
from .model import Report

JSON_FORMAT = "facilitator-report"
JSON_VERSION = 1


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(_plain(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def to_json(report: Report) -> str:
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, **_plain(report)}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # Text stays as typed; the controls json.dumps leaves raw (C1, bidi) are escaped too, so the
    # file can be shown in a terminal. They can only occur inside strings, where \\u is valid.
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


RENDERERS: Mapping[str, Callable[[Report], str]] = {
    MARKDOWN.name: to_markdown,
    HTML.name: to_html,
    JSON.name: to_json,
}


def render(report: Report, format: str) -> str:
    if format not in RENDERERS:
        raise ValueError(
            f"unknown export format '{format}' (expected one of: {', '.join(FORMATS)})"
        )
    return RENDERERS[format](report)


class ExportError(FacilitatorError):
    """The report cannot be written where it was asked for."""


def write_export(text: str, path: Path) -> Path:
    """Write an export atomically (a reader never sees half a report)."""
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    write_atomic(path, text.encode("utf-8"))
    return path


def export_report(report: Report, session: Path, sessions_dir: Path, format: str) -> Path:
    """Write `report` of `session` into the sessions folder's exports; the file written."""
    text = render(report, format)
    return write_export(text, default_export_path(session, sessions_dir, format))


def default_export_path(session: Path, sessions_dir: Path, format: str) -> Path:
    """`<sessions>/exports/<session name>.<format>`: never beside the session, where a JSON
    report would be taken for a session file."""
    folder = exports_dir(sessions_dir)
    make_private_dir(folder)
    return folder / f"{session.stem}.{format}"
