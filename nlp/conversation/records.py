"""One row per message: the CSV line people read, and a compact copy for the statistics.

Per-person and per-conflict statistics need every message at once, and a
chat can have a million of them. So besides its CSV row (written straight
to disk) each message leaves only a few numbers behind: time, speaker and
kind codes, flags, scores, packed into numpy blocks rather than kept as Python
objects (43 bytes a message), which become a pandas DataFrame when the stream ends.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from nlp.chats import EVENT_KINDS, MESSAGE_KINDS, ChatMessage
from nlp.labels import LABELS
from nlp.results import Analysis
from nlp.spreadsheet import neutralise

UNKNOWN_SENDER = "(unknown sender)"
"""Shown for a message whose author the export does not name (deleted account, missing field)."""

REPAIR_KINDS = frozenset({"repair", "responsibility", "reassurance"})
"""Positive moves that try to end a conflict: a repair attempt, an apology, reassurance."""

MESSAGE_COLUMNS = (
    "message", "timestamp", "chat", "sender", "kind", "edited", "line", "text",
    *LABELS, *(f"{label}_flagged" for label in LABELS), "flagged", "cues", "positives", "rewrite",
)

_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
_NO_TIME = np.iinfo(np.int64).min  # pandas reads this value as NaT
_KIND_CODES = {kind: code for code, kind in enumerate(MESSAGE_KINDS)}
_OTHER_KIND = _KIND_CODES["other"]
_NO_SCORES = (0.0,) * len(LABELS)
_UNSCORED_TAIL = [""] * (2 * len(LABELS) + 4)
_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# What each message leaves in memory, packed into blocks of _BLOCK_ROWS rows.
_ROW = np.dtype([
    ("time", "i8"), ("sender", "i4"), ("actor", "i4"), ("chat", "i4"), ("kind", "i1"), ("bot", "?"), ("scored", "?"),
    ("flags", "u1"), ("positive", "?"), ("repair", "?"), ("question", "?"), ("scores", "f4", (len(LABELS),)),
])
_BLOCK_ROWS = 8192
_SCORE_TEXTS = [repr(i / 10_000) for i in range(10_001)]  # scores have 4 decimals; formatting floats is slow


def _score_text(score: float) -> str:
    return _SCORE_TEXTS[round(score * 10_000)] if 0.0 <= score <= 1.0 else repr(score)


def display_sender(message: ChatMessage) -> str | None:
    """The speaker a message counts for; ``None`` for events (a call or a notice is nobody's message)."""
    if message.kind in EVENT_KINDS:
        return None
    return message.sender if message.sender is not None else UNKNOWN_SENDER


def _microseconds(timestamp: datetime | None) -> int:
    if timestamp is None:
        return _NO_TIME
    if timestamp.tzinfo is not None:
        # Exports mix local wall-clock times and UTC instants; UTC puts both on one axis.
        timestamp = timestamp.astimezone(timezone.utc).replace(tzinfo=None)
    return (timestamp - _EPOCH) // _MICROSECOND


AnalysisColumns = tuple[tuple, list]
"""What an analysis adds to a message: its compact numbers and the scored part of its CSV row."""


def analysis_columns(analysis: Analysis) -> AnalysisColumns:
    """The part of a message's record that depends on its analysis alone.

    A pure function of the analysis, so it can run where the analysis is made
    (inside a scoring process) and be reused for every repeat of a text.
    """
    patterns = [analysis.patterns[label] for label in LABELS]
    scores = tuple(pattern.score for pattern in patterns)
    flagged = [int(pattern.flagged) for pattern in patterns]
    flags = sum(flag << bit for bit, flag in enumerate(flagged))
    kinds = list(dict.fromkeys(positive.kind for positive in analysis.positives))
    compact = (True, flags, bool(kinds), not REPAIR_KINDS.isdisjoint(kinds), "?" in analysis.text, scores)
    cues = _encode_json([cue.to_dict() for cue in analysis.cues]) if analysis.cues else ""
    tail = [_score_text(score) for score in scores] + flagged + [
        int(flags != 0), cues, ";".join(kinds), neutralise(analysis.rewrite or ""),
    ]
    return compact, tail


class MessageTable:
    """Collects messages as CSV rows (returned, text cells neutralised for spreadsheets) and compact columns (kept)."""

    def __init__(self) -> None:
        self._sender_codes: dict[str, int] = {}
        self._chat_codes: dict[str, int] = {}
        self._pending: list[tuple] = []  # rows not yet packed into a block
        self._blocks: list[np.ndarray] = []
        self._count = 0
        self._last_time: tuple = (None, "", _NO_TIME)  # exports repeat the same minute; format it once

    def __len__(self) -> int:
        return self._count

    def add(self, message: ChatMessage, columns: AnalysisColumns | None) -> list:
        """Remember the message and return its ``messages.csv`` row (see ``MESSAGE_COLUMNS``).

        ``columns`` is ``analysis_columns(analysis)``, or None for a message that was not scored.
        """
        self._count += 1
        sender = display_sender(message)
        sender_code = -1 if sender is None else self._sender_codes.setdefault(sender, len(self._sender_codes))
        actor = message.sender if sender is None else None  # who called, pinned, joined...
        actor_code = -1 if actor is None else self._sender_codes.setdefault(actor, len(self._sender_codes))
        chat = message.chat
        chat_code = -1 if chat is None else self._chat_codes.setdefault(chat, len(self._chat_codes))
        timestamp = message.timestamp
        last = self._last_time[0]
        if timestamp is None or timestamp != last or timestamp.tzinfo is not last.tzinfo:
            self._last_time = (timestamp, "" if timestamp is None else timestamp.isoformat(sep=" "), _microseconds(timestamp))
        _, time_text, microseconds = self._last_time
        head = [
            self._count, time_text, neutralise(chat or ""), neutralise(sender or actor or ""), message.kind,
            int(message.edited), message.line or "", neutralise(message.text),
        ]
        kind_code = _KIND_CODES.get(message.kind, _OTHER_KIND)
        known = (microseconds, sender_code, actor_code, chat_code, kind_code, message.bot)
        if columns is None:
            self._keep((*known, False, 0, False, False, False, _NO_SCORES))
            return head + _UNSCORED_TAIL
        compact, tail = columns
        self._keep((*known, *compact))
        return head + tail

    def _keep(self, row: tuple) -> None:
        self._pending.append(row)
        if len(self._pending) >= _BLOCK_ROWS:
            self._pack()

    def _pack(self) -> None:
        if self._pending:
            self._blocks.append(np.array(self._pending, dtype=_ROW))
            self._pending = []

    def frame(self) -> pd.DataFrame:
        """The compact columns as a DataFrame, one row per message in export order.

        Columns: ``time`` (NaT when unknown), ``sender`` (NaN for events),
        ``actor`` (who acted, for events that say), ``chat``, ``kind``, ``bot``,
        ``scored``, ``flagged``, one flag and one ``<label>_score`` column per
        pattern, ``positive``, ``repair`` and ``question`` (the text asks something).
        """
        self._pack()
        rows = np.concatenate(self._blocks) if self._blocks else np.zeros(0, dtype=_ROW)
        flags = rows["flags"]
        people = list(self._sender_codes)
        frame = pd.DataFrame(
            {
                "time": pd.to_datetime(rows["time"], unit="us"),
                "sender": pd.Categorical.from_codes(rows["sender"], categories=people),
                "actor": pd.Categorical.from_codes(rows["actor"], categories=people),
                "chat": pd.Categorical.from_codes(rows["chat"], categories=list(self._chat_codes)),
                "kind": pd.Categorical.from_codes(rows["kind"], categories=list(MESSAGE_KINDS)),
                "bot": rows["bot"],
                "scored": rows["scored"],
                "flagged": flags != 0,
                "positive": rows["positive"],
                "repair": rows["repair"],
                "question": rows["question"],
            }
        )
        for bit, label in enumerate(LABELS):
            frame[label] = (flags & (1 << bit)) != 0
            frame[f"{label}_score"] = rows["scores"][:, bit]
        return frame


