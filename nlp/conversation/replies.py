"""Each reply judged against what it answers, as an export streams by (see ``nlp.context``).

Messages are scored in batches, each on its own words. Afterwards, in export
order, a message whose stonewalling flag could change with its context (a short
reply flagged for it after a calm message, a curt one left unflagged after a
heated one) is analysed again with the other person's previous message: a few
messages in a hundred, so the export's speed barely moves.
"""

from __future__ import annotations

from nlp.analyzer import Analyzer
from nlp.chats import ChatMessage
from nlp.context import (
    CURT_WORDS,
    SHORT_REPLY_WORDS,
    STONEWALLING,
    WINDOW_MINUTES,
    Previous,
    reply_words,
)
from nlp.conversation.records import AnalysisColumns, analysis_columns
from nlp.labels import LABELS

_STONEWALLING_BIT = 1 << STONEWALLING


class ReplyContext:
    """Remembers each chat's latest message per sender, to find what a reply answers."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._latest: dict[str | None, dict[str, tuple[int, int, object]]] = {}  # chat -> sender -> (order, flags, time)
        self._order = 0
        self.reconsidered = 0

    def columns(self, message: ChatMessage, columns: AnalysisColumns | None) -> AnalysisColumns | None:
        """``columns`` of a scored message, redone in context when its context could change them."""
        if columns is None or message.sender is None:
            return columns
        previous = self._previous(message)
        flags = columns[0][1]
        if previous is not None and self._may_change(message.text, flags, previous):
            self.reconsidered += 1
            columns = analysis_columns(self.analyzer.analyze(message.text, previous))
            flags = columns[0][1]
        self._order += 1
        self._latest.setdefault(message.chat, {})[message.sender] = (self._order, flags, message.timestamp)
        return columns

    def _previous(self, message: ChatMessage) -> Previous | None:
        others = [entry for sender, entry in self._latest.get(message.chat, {}).items() if sender != message.sender]
        if not others:
            return None
        _, flags, time = max(others, key=lambda entry: entry[0])
        minutes = None
        if time is not None and message.timestamp is not None:
            try:
                minutes = (message.timestamp - time).total_seconds() / 60
            except TypeError:  # one time zone-aware, the other not
                minutes = None
        return Previous(frozenset(label for bit, label in enumerate(LABELS) if flags >> bit & 1), minutes)

    @staticmethod
    def _may_change(text: str, flags: int, previous: Previous) -> bool:
        if previous.minutes is not None and not 0 <= previous.minutes <= WINDOW_MINUTES:
            return False
        words = reply_words(text)
        if previous.heated:
            return flags == 0 and words <= CURT_WORDS
        return bool(flags & _STONEWALLING_BIT) and words <= SHORT_REPLY_WORDS
