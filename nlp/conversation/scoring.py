"""Pair each chat message with its analysis, streaming, so an export of any length fits in memory.

Only what a person typed is scored: events (notices, calls), media without a
caption, deleted messages and bots' posts pass through with no analysis; a
message that has text and is still not scored gets a reason
(``unscored_reason``), which the analysis lists in problems.csv. Chats
repeat themselves ("ok", "lol", "love you"), so identical texts are analysed
once and the result reused; the analyzer is deterministic, so this changes
nothing but the time taken.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from nlp.analyzer import Analyzer
from nlp.chats import EVENT_KINDS, ChatMessage
from nlp.results import Analysis

_CACHE_SIZE = 20_000  # distinct short texts remembered
_CACHEABLE_LENGTH = 200  # longer texts rarely repeat; keeping them would only cost memory


def is_scored(message: ChatMessage) -> bool:
    """Whether the message carries text a person typed (and so gets scores).

    Any kind of message with text counts: a caption, a poll's question. The
    sender may be unknown (a deleted account, a CSV without a sender column).
    """
    return message.kind not in EVENT_KINDS and bool(message.text.strip()) and unscored_reason(message) is None


def unscored_reason(message: ChatMessage) -> str | None:
    """Why a message with text is not scored, or None; events are not messages and need no reason."""
    if message.bot:
        return "posted by a bot or integration, not a person"
    if message.kind == "deleted":
        return "deleted message: what is left is not what was said"
    return None


_PENDING = object()  # a slot's result before it arrives (a ``convert`` may well return None)


class _Slot:
    """One message waiting for its analysis; ``same_as`` points at the first slot with the same text."""

    __slots__ = ("message", "analysis", "same_as", "scored")

    def __init__(self, message: ChatMessage, scored: bool, same_as: "_Slot | None" = None) -> None:
        self.message = message
        self.scored = scored
        self.same_as = same_as
        self.analysis: Any = _PENDING if scored and same_as is None else None  # or what ``convert`` made of it

    def ready(self) -> bool:
        return self.result() is not _PENDING

    def result(self) -> Any:
        return self.same_as.analysis if self.same_as is not None else self.analysis


def score_messages(
    messages: Iterable[ChatMessage],
    analyzer: Analyzer,
    batch_size: int = 1000,
    n_process: int = 1,
    convert: Callable[[Analysis], Any] | None = None,
) -> Iterator[tuple[ChatMessage, Any]]:
    """Yield ``(message, analysis or None)`` in the original order.

    With ``convert``, ``convert(analysis)`` takes the analysis's place (see
    ``Analyzer.analyze_many``). The analyzer pulls texts through a generator
    while the slots wait in a queue; the queue only ever holds the batches in
    flight, so memory stays flat. A text seen recently is not sent again: its
    slot waits for the first occurrence instead.
    """
    waiting: deque[_Slot] = deque()
    to_score: deque[_Slot] = deque()
    recent: OrderedDict[str, _Slot] = OrderedDict()

    def texts() -> Iterator[str]:
        for message in messages:
            if not is_scored(message):
                waiting.append(_Slot(message, scored=False))
                continue
            text = message.text
            earlier = recent.get(text)
            if earlier is not None:
                recent.move_to_end(text)
                waiting.append(_Slot(message, scored=True, same_as=earlier))
                continue
            slot = _Slot(message, scored=True)
            waiting.append(slot)
            to_score.append(slot)
            if len(text) <= _CACHEABLE_LENGTH:
                recent[text] = slot
                if len(recent) > _CACHE_SIZE:
                    recent.popitem(last=False)
            yield text

    def ready_slots() -> Iterator[tuple[ChatMessage, Analysis | None]]:
        while waiting and waiting[0].ready():
            slot = waiting.popleft()
            yield slot.message, slot.result()

    for analysis in analyzer.analyze_many(texts(), batch_size=batch_size, n_process=n_process, convert=convert):
        to_score.popleft().analysis = analysis
        yield from ready_slots()
    yield from ready_slots()
