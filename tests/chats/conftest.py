"""The count identity every analysed export must satisfy, shared by the fixture and sample tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from nlp.chats import EVENT_KINDS


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def count_identity(analyzer, tmp_path, monkeypatch) -> Callable[..., dict]:
    """``check(export, **options)``: analyse it and assert that every message with text is either scored
    or listed in problems.csv with a reason, never both and never neither; returns the summary."""
    import nlp.conversation.report as report
    from nlp.conversation.analyze import analyze_export

    monkeypatch.setattr(report, "write_report", lambda path, **_: path.write_text("<!doctype html>", encoding="utf-8"))

    def check(export: Path, **options) -> dict:
        out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
        summary = analyze_export(export, out, analyzer=analyzer, **options)
        rows = _rows(out / "messages.csv")
        listed = {int(row["message"]): row["reason"] for row in _rows(out / "problems.csv") if row["message"]}
        with_text = [row for row in rows if row["kind"] not in EVENT_KINDS and row["text"].strip()]
        for row in with_text:
            scored = row["flagged"] != ""
            assert scored != (int(row["message"]) in listed), (export.name, row)
        assert all(listed.values()), listed
        assert summary["unscored_messages"] == len(listed)
        assert summary["messages"] + summary["system_events"] == len(rows)
        assert summary["messages"] == sum(person["messages"] for person in summary["speakers"].values())
        return summary

    return check
