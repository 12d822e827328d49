"""Question banks: the model, the Markdown parser and writer, problems, answer validation,
the bank library, new banks and the editor's file handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .answers import AnswerError, describe, validate
    from .catalog import BankSummary
    from .editing import BankFile, Change, LiveValidator, Place, Validation, next_problem, place_of
    from .library import (
        BankEntry,
        bank_list,
        bundled_banks,
        cached_bank_list,
        is_bundled,
        load_entry,
        user_banks,
        user_banks_dir,
    )
    from .model import Ask, Bank, Compare, Firmness, Kind, PlanPart, Question, Section
    from .parser import decode_bank, parse_bank, read_bank, review_bank
    from .problems import BankError, Problem
    from .templates import create_bank, duplicate_bank, new_bank_path, new_bank_target

__all__ = [
    "AnswerError",
    "Ask",
    "Bank",
    "BankEntry",
    "BankError",
    "BankFile",
    "BankSummary",
    "Change",
    "Compare",
    "Firmness",
    "Kind",
    "LiveValidator",
    "Place",
    "PlanPart",
    "Problem",
    "Question",
    "Section",
    "Validation",
    "bank_list",
    "bundled_banks",
    "cached_bank_list",
    "create_bank",
    "decode_bank",
    "describe",
    "duplicate_bank",
    "is_bundled",
    "load_entry",
    "new_bank_path",
    "new_bank_target",
    "next_problem",
    "parse_bank",
    "place_of",
    "read_bank",
    "review_bank",
    "user_banks",
    "user_banks_dir",
    "validate",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AnswerError": "answers",
        "Ask": "model",
        "Bank": "model",
        "BankEntry": "library",
        "BankError": "problems",
        "BankFile": "editing",
        "BankSummary": "catalog",
        "Change": "editing",
        "Compare": "model",
        "Firmness": "model",
        "Kind": "model",
        "LiveValidator": "editing",
        "Place": "editing",
        "PlanPart": "model",
        "Problem": "problems",
        "Question": "model",
        "Section": "model",
        "Validation": "editing",
        "bank_list": "library",
        "bundled_banks": "library",
        "cached_bank_list": "library",
        "create_bank": "templates",
        "decode_bank": "parser",
        "describe": "answers",
        "duplicate_bank": "templates",
        "is_bundled": "library",
        "load_entry": "library",
        "new_bank_path": "templates",
        "new_bank_target": "templates",
        "next_problem": "editing",
        "parse_bank": "parser",
        "place_of": "editing",
        "read_bank": "parser",
        "review_bank": "parser",
        "user_banks": "library",
        "user_banks_dir": "library",
        "validate": "answers",
    },
)
