"""CSV cells a spreadsheet would run as formulas are written as text, and read back as they were."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from nlp.spreadsheet import SafeWriter, neutralise, restore


def test_cells_that_start_a_formula_get_an_apostrophe():
    for cell in ("=1+2", "+1", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'):
        assert neutralise(cell) == "'" + cell
    for cell in ("hello", "", "1+2", "'cause", "e=mc2", "→=", " =1"):
        assert neutralise(cell) == cell


@given(st.text())
def test_restore_gives_back_exactly_what_was_neutralised(cell):
    assert restore(neutralise(cell)) == cell


@given(st.text())
def test_no_neutralised_cell_starts_a_formula(cell):
    assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_the_writer_guards_text_and_leaves_numbers_alone():
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["=1+2", -3, -0.5, "ok"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=1+2", "-3", "-0.5", "ok"]
