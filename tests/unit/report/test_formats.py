"""Issue 16.4: the export formats are declared once; the CLI, the renderers and the export
dialog all offer exactly that list."""

from __future__ import annotations

import click

from facilitator.cli import main
from facilitator.report.export import RENDERERS
from facilitator.report.formats import EXPORT_FORMATS, FORMATS


def test_every_declared_format_has_a_renderer_and_nothing_else_does() -> None:
    assert list(RENDERERS) == list(FORMATS) == [f.name for f in EXPORT_FORMATS]


def test_the_export_command_offers_the_declared_formats_the_first_by_default() -> None:
    command = main.commands["export"]
    [option] = [param for param in command.params if param.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == FORMATS
    assert option.default == FORMATS[0] == "md"
