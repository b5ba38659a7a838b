"""Every message that has text is scored or listed in problems.csv with the reason, for every format.

Run over the hand-made fixture export of each format and locale (the shared
samples get the same check in test_conformance.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_golden import fixtures, golden_path


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda p: p.name)
def test_every_message_with_text_is_scored_or_listed(fixture: Path, count_identity) -> None:
    options = json.loads(golden_path(fixture).read_text(encoding="utf-8"))["options"]
    count_identity(fixture, **options)
