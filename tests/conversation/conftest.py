"""Shared fixtures for the conversation tests: the fixture export and one analysed copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).with_name("fixtures")
CHAT = FIXTURES / "WhatsApp Chat with Casey.txt"


@pytest.fixture()
def use_session_analyzer(monkeypatch, analyzer):
    """Make the export analysis use the already loaded analyzer, so each CLI run skips the model load."""
    monkeypatch.setattr("nlp.conversation.analyze.load", lambda path=None, store=None, sensitivity="normal": analyzer)
    return analyzer


@pytest.fixture(scope="session")
def analysed(analyzer, tmp_path_factory) -> tuple[dict, Path]:
    """The fixture chat analysed once: (summary, output folder)."""
    from nlp.conversation.analyze import analyze_export

    out = tmp_path_factory.mktemp("analysed") / "out"
    return analyze_export(CHAT, out, analyzer=analyzer), out


@pytest.fixture()
def chat_copy(tmp_path) -> Path:
    copy = tmp_path / CHAT.name
    shutil.copy(CHAT, copy)
    return copy


@pytest.fixture()
def no_charts(monkeypatch):
    """Skip drawing the report where a test is about something else (the report has its own tests)."""
    import nlp.conversation.report as report

    monkeypatch.setattr(report, "write_report", lambda path, **_: path.write_text("<!doctype html>", encoding="utf-8"))
