"""Streaming scores (order, what gets scored, repeated texts) and the compact per-message records."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd

from nlp.chats import ChatMessage
from nlp.conversation.records import MESSAGE_COLUMNS, UNKNOWN_SENDER, MessageTable, analysis_columns
from nlp.conversation.scoring import score_messages, unscored_reason

from .frames import fake_analysis

WHEN = datetime(2024, 5, 1, 10, 0)


class CountingAnalyzer:
    """Wraps the real analyzer and records every text it is asked to score."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.seen: list[str] = []

    def analyze_many(self, texts, batch_size=1000, n_process=1, convert=None):
        def spy():
            for text in texts:
                self.seen.append(text)
                yield text

        return self.analyzer.analyze_many(spy(), batch_size=batch_size, n_process=n_process, convert=convert)


def message(text, kind="text", sender="Ana", minutes=0):
    return ChatMessage(WHEN + timedelta(minutes=minutes), sender, text, kind)


def test_order_is_kept_and_only_typed_text_is_scored(analyzer):
    messages = [
        message("You never listen to me"),
        message("", kind="media"),
        message("look at this", kind="media"),  # a caption is typed text
        message("Ana joined", kind="system", sender=None),
        message("", kind="deleted"),
        message("   "),
        message("thanks, I appreciate it"),
    ]
    spy = CountingAnalyzer(analyzer)
    pairs = list(score_messages(messages, spy, batch_size=2))
    assert [m for m, _ in pairs] == messages
    assert [a is not None for _, a in pairs] == [True, False, True, False, False, False, True]
    assert spy.seen == ["You never listen to me", "look at this", "thanks, I appreciate it"]
    assert pairs[0][1].flagged and pairs[0][1].text == "You never listen to me"


def test_any_message_with_text_is_scored_except_events_bots_and_deleted(analyzer):
    messages = [
        message("Pizza or sushi?", kind="poll"),  # the question was typed
        message("did you book it?", sender=None),  # a CSV without a sender column, a deleted account
        ChatMessage(WHEN, "deploy-bot", "Deploy finished", "text", bot=True),
        message("phone call", kind="call"),
        message("Ana pinned a message", kind="system"),
        message("leftover text", kind="deleted"),
    ]
    pairs = list(score_messages(messages, analyzer))
    assert [a is not None for _, a in pairs] == [True, True, False, False, False, False]
    assert [unscored_reason(m) is not None for m in messages] == [False, False, True, False, False, True]


def test_events_show_who_acted_but_belong_to_nobody():
    table = MessageTable()
    call = table.add(ChatMessage(WHEN, "Ben", "phone call", "call"), None)
    notice = table.add(ChatMessage(WHEN, None, "Messages and calls are end-to-end encrypted.", "system"), None)
    bot = table.add(ChatMessage(WHEN, "ci", "Build failed", "text", bot=True), None)
    typed = table.add(ChatMessage(WHEN, "Ana", "are you there?", "text"), analysis_columns(fake_analysis("are you there?")))
    assert [dict(zip(MESSAGE_COLUMNS, row))["sender"] for row in (call, notice, bot, typed)] == ["Ben", "", "ci", "Ana"]
    frame = table.frame()
    assert frame["sender"].isna().tolist() == [True, True, False, False]
    assert frame["actor"].iloc[0] == "Ben" and frame["actor"].iloc[2:].isna().all()
    assert frame["bot"].tolist() == [False, False, True, False]
    assert frame["question"].tolist() == [False, False, False, True]


def test_repeated_texts_are_scored_once_with_identical_results(analyzer):
    texts = ["ok", "You always forget", "ok", "lol", "You always forget", "ok"] * 50
    messages = [message(text, minutes=i) for i, text in enumerate(texts)]
    spy = CountingAnalyzer(analyzer)
    results = [analysis for _, analysis in score_messages(messages, spy, batch_size=7)]
    assert sorted(spy.seen) == ["You always forget", "lol", "ok"]
    direct = {text: analyzer.analyze(text) for text in set(texts)}
    assert [r.to_dict() for r in results] == [direct[text].to_dict() for text in texts]


def test_scoring_streams_instead_of_reading_everything_first(analyzer):
    pulled = 0

    def endless():
        nonlocal pulled
        for i in range(10**9):
            pulled += 1
            yield message(f"message number {i}", minutes=i)

    stream = score_messages(endless(), analyzer, batch_size=10)
    first = [next(stream) for _ in range(25)]
    assert [m.text for m, _ in first][-1] == "message number 24"
    assert pulled < 100


def test_csv_row_and_frame_for_scored_unscored_and_system_messages():
    table = MessageTable()
    aware = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    rows = [
        table.add(
            ChatMessage(aware, "Ana", "You never", "text", line=3),
            analysis_columns(fake_analysis("You never", ("criticism",), ("i_statement",))),
        ),
        table.add(ChatMessage(None, None, "", "deleted", line=4, edited=True), None),
        table.add(ChatMessage(WHEN, None, "Ana joined", "system", line=5), None),
    ]
    assert all(len(row) == len(MESSAGE_COLUMNS) for row in rows)
    first = dict(zip(MESSAGE_COLUMNS, rows[0]))
    assert (first["message"], first["timestamp"], first["sender"], first["line"]) == (1, "2024-05-01 12:00:00+02:00", "Ana", 3)
    assert (first["criticism"], first["criticism_flagged"], first["contempt_flagged"], first["flagged"]) == ("0.9", 1, 0, 1)
    assert first["positives"] == "i_statement"
    deleted = dict(zip(MESSAGE_COLUMNS, rows[1]))
    assert (deleted["sender"], deleted["edited"], deleted["criticism"], deleted["flagged"]) == (UNKNOWN_SENDER, 1, "", "")
    same_minute_elsewhere = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)  # the same instant, another offset
    row = table.add(ChatMessage(same_minute_elsewhere, "Ana", "hi", "text"), None)
    assert row[1] == "2024-05-01 10:00:00+00:00"
    frame = table.frame()
    assert frame["time"].iloc[3] == frame["time"].iloc[0]
    assert frame["time"].iloc[0] == pd.Timestamp("2024-05-01 10:00:00")  # aware times are put on UTC
    assert pd.isna(frame["time"].iloc[1])
    assert frame["sender"].tolist()[:2] == ["Ana", UNKNOWN_SENDER] and pd.isna(frame["sender"].iloc[2])
    assert frame["scored"].tolist() == [True, False, False, False]
    assert frame["criticism"].tolist() == [True, False, False, False] and frame["flagged"].sum() == 1
    assert frame["positive"].tolist() == [True, False, False, False] and not frame["repair"].any()
    assert frame["kind"].tolist() == ["text", "deleted", "system", "text"]


def test_an_empty_table_still_makes_a_frame():
    frame = MessageTable().frame()
    assert len(frame) == 0 and {"time", "sender", "flagged", "criticism_score"} <= set(frame.columns)


def test_a_conversion_that_returns_none_still_keeps_every_message(analyzer):
    messages = [message("ok"), message("", kind="deleted"), message("ok"), message("You never listen")]
    pairs = list(score_messages(messages, analyzer, batch_size=1, convert=lambda analysis: None))
    assert [m for m, _ in pairs] == messages
