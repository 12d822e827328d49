"""The terminal UI of facilitator (Textual): the App, its screens and widgets.

Screens never touch files or the database: they call the `facilitator` domain package.
"""
