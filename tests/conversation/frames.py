"""Hand-built messages and analyses, for testing the statistics without the model."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from nlp.chats import ChatMessage
from nlp.conversation.records import MessageTable, analysis_columns
from nlp.labels import LABELS
from nlp.results import Analysis, PatternScore, Positive

START = datetime(2024, 3, 14, 9, 0)


def fake_analysis(text: str, flags=(), positives=()) -> Analysis:
    """An analysis with chosen flags (score 0.9) and positive kinds, for logic tests without the model."""
    return Analysis(
        text=text,
        patterns={label: PatternScore(0.9 if label in flags else 0.05, label in flags) for label in LABELS},
        positives=tuple(Positive(0, len(text), text, kind) for kind in positives),
    )


def build_frame(rows, questions: frozenset[int] = frozenset()) -> pd.DataFrame:
    """A ``MessageTable`` frame from ``(minutes after START, sender, flags, positive kinds[, chat])`` rows.

    ``minutes`` may be None for an undated message; sender None makes a system event. The rows
    whose indexes are in ``questions`` ask something.
    """
    table = MessageTable()
    for index, row in enumerate(rows):
        minutes, sender, flags, positives, *chat = row
        when = None if minutes is None else START + timedelta(minutes=minutes)
        if sender is None:
            table.add(ChatMessage(when, None, "joined", "system", chat=chat[0] if chat else None), None)
            continue
        text = f"{sender} says something" + ("?" if index in questions else "")
        message = ChatMessage(when, sender, text, "text", chat=chat[0] if chat else None)
        table.add(message, analysis_columns(fake_analysis(text, flags, positives)))
    return table.frame()
