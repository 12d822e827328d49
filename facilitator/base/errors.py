"""Errors a user can act on; the CLI prints them as plain lines, never a traceback."""


class FacilitatorError(Exception):
    """Base of every error caused by input or state outside the program (files, banks, sessions)."""
