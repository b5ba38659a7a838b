"""CSV cells that a spreadsheet would run as a formula, written so that it shows them as text.

A chat export is someone else's writing: a speaker named ``=HYPERLINK(...)`` or
a message ``=1+2`` in a CSV we write would be a live formula once the file is
opened in Excel or LibreOffice. As OWASP recommends against CSV injection,
every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, which spreadsheets read as "this is text".

So that files we read back (a labelling sheet from ``horsemen queue``, the
feedback file of earlier versions, messages.csv for the report) keep their exact text, the change
is reversible: a cell that already starts with apostrophes before such a
character gets one more, and ``restore`` takes one away.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_FIRST_CHARACTERS = frozenset("'=+-@\t\r")  # a cheap test first: most cells start with a letter or digit


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it as text: a leading apostrophe when it could start a formula."""
    if text[:1] in _FIRST_CHARACTERS and FORMULA_START.match(text):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The text ``neutralise`` was given, from a cell read back."""
    if cell.startswith("'") and FORMULA_START.match(cell):
        return cell[1:]
    return cell


class SafeWriter:
    """``csv.writer`` whose string cells are neutralised; numbers are left as they are."""

    def __init__(self, handle: TextIO, **options) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
