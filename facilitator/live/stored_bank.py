"""The bank a session keeps: the copy made when it started, which is what it runs, replays and
exports, whatever became of the bank file since."""

from __future__ import annotations

from pathlib import Path

from ..bank.model import Bank
from ..bank.parser import parse_bank
from ..bank.problems import BankError
from ..base.errors import FacilitatorError
from ..session.records import BankCopy


class StoredBankError(FacilitatorError):
    """The copy of the bank kept in a session no longer parses."""


def stored_bank(session: Path, copy: BankCopy) -> Bank:
    """The bank a session keeps; StoredBankError, naming the session, if it does not parse."""
    try:
        return parse_bank(copy.source, copy.path, stored=True)
    except BankError as error:
        # The copy in the session is at fault, not the bank file it was copied from.
        first = str(error).splitlines()[0]
        raise StoredBankError(
            f"{session}: the bank stored in this session does not read ({first})"
        ) from None
